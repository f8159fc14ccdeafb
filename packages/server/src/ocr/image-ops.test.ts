import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  type GrayImage,
  estimateSkew,
  glyphHeights,
  hasDarkBackground,
  measureLevels,
  median,
  normalizeLocalContrast,
  sauvolaMask,
} from './image-ops.js';

/** Renders three lines of text, black on white, rotated by `angleDeg` clockwise. */
async function renderText(angleDeg: number, capHeight: number): Promise<GrayImage> {
  const size = capHeight / 0.72;
  const lines = ['MODEL XR-2000', 'S/N AB01234567', '230V 50Hz 1.2A']
    .map(
      (text, i) =>
        `<text x="20" y="${(i + 1) * size * 1.6}" font-family="DejaVu Sans" font-size="${size}">${text}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(size * 10)}" height="${Math.round(size * 5.5)}"><rect width="100%" height="100%" fill="#fff"/>${lines}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .rotate(angleDeg, { background: '#ffffff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

describe('estimateSkew', () => {
  it.each([-9, -3, 0, 4, 11])('finds a rotation of %d°', async (angle) => {
    const image = await renderText(angle, 20);
    const mask = sauvolaMask(image, 15, 0.2);

    expect(estimateSkew(mask, image.width, image.height)).toBeCloseTo(angle, 0);
  });
});

describe('glyphHeights', () => {
  it('measures the cap height of level text', async () => {
    const image = await renderText(0, 24);
    const heights = glyphHeights(sauvolaMask(image, 15, 0.2), image.width, image.height);

    expect(median(heights)).toBeGreaterThanOrEqual(22);
    expect(median(heights)).toBeLessThanOrEqual(27);
  });
});

describe('normalizeLocalContrast', () => {
  it('darkens faint ink as much as strong ink', () => {
    // Left half: ink 40 on 200. Right half, under glare: ink 215 on 250.
    const width = 80;
    const height = 20;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const ink = x % 10 === 5 && y > 4 && y < 15;
        const underGlare = x >= 40;
        if (ink) data[y * width + x] = underGlare ? 215 : 40;
        else data[y * width + x] = underGlare ? 250 : 200;
      }
    }
    const out = normalizeLocalContrast({ data, width, height }, 6, 24);

    expect(out.data[10 * width + 15]).toBeLessThan(20);
    expect(out.data[10 * width + 55]).toBeLessThan(20);
    expect(out.data[10 * width + 52]).toBeGreaterThan(235);
  });
});

describe('hasDarkBackground', () => {
  it('tells light-on-dark from dark-on-light', () => {
    const mostly = (background: number, ink: number) => {
      const data = new Uint8Array(1000).fill(background);
      data.fill(ink, 0, 150);
      return measureLevels({ data, width: 100, height: 10 });
    };

    expect(hasDarkBackground(mostly(30, 230))).toBe(true);
    expect(hasDarkBackground(mostly(230, 30))).toBe(false);
  });
});
