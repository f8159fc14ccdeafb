import { toBuffer } from 'bwip-js/node';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { createOcrEngine } from './engine.js';
import type { NormalizedBox } from './types.js';

const engine = createOcrEngine({ workers: 1, timeoutMs: 20_000 });

afterAll(async () => {
  await engine.close();
});

/** A 900×600 photo-like JPEG with a slightly rotated label at (250, 200). */
async function labelPhoto(): Promise<Buffer> {
  const label = `<svg xmlns="http://www.w3.org/2000/svg" width="340" height="130"><rect width="100%" height="100%" rx="8" fill="#f4f1e8"/>
    <text x="16" y="34" font-family="Liberation Sans" font-size="22" fill="#222">MODEL XR-2000</text>
    <text x="16" y="72" font-family="DejaVu Sans Mono" font-size="24" fill="#111">S/N: KX40718255</text>
    <text x="16" y="108" font-family="Liberation Sans" font-size="18" fill="#222">230V~ 50Hz 1.2A</text></svg>`;
  const rotated = await sharp(Buffer.from(label))
    .rotate(4, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 900, height: 600, channels: 3, background: '#5a6470' } })
    .composite([{ input: rotated, left: 250, top: 200 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

function inside(box: NormalizedBox, outer: NormalizedBox): boolean {
  const slack = 0.01;
  return (
    box.x >= outer.x - slack &&
    box.y >= outer.y - slack &&
    box.x + box.width <= outer.x + outer.width + slack &&
    box.y + box.height <= outer.y + outer.height + slack
  );
}

describe('OcrEngine', () => {
  it('reads the serial in a region of a photo', async () => {
    const region = { x: 0.25, y: 0.3, width: 0.45, height: 0.32 };

    const result = await engine.read({
      image: await labelPhoto(),
      region,
      patterns: [{ name: 'two-letters-eight-digits', regex: '^[A-Z]{2}\\d{8}$' }],
    });

    expect(result.serialCandidates[0]).toMatchObject({
      value: 'KX40718255',
      pattern: 'two-letters-eight-digits',
    });
    const serialLine = result.text.find((line) => line.value.includes('KX40718255'));
    expect(serialLine).toBeDefined();
    expect(inside(serialLine?.box ?? region, region)).toBe(true);
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('decodes a Code 128 barcode and a QR code', async () => {
    const code128 = await toBuffer({
      bcid: 'code128',
      text: 'SN-AB123456',
      scale: 3,
      height: 12,
      paddingwidth: 12,
      paddingheight: 12,
      backgroundcolor: 'FFFFFF',
    });
    const qr = await toBuffer({
      bcid: 'qrcode',
      text: 'https://example.com/p/XR-2000',
      scale: 4,
      paddingwidth: 12,
      paddingheight: 12,
      backgroundcolor: 'FFFFFF',
    });
    const image = await sharp({
      create: { width: 900, height: 400, channels: 3, background: '#ffffff' },
    })
      .composite([
        { input: code128, left: 20, top: 40 },
        { input: qr, left: 540, top: 30 },
      ])
      .png()
      .toBuffer();

    const result = await engine.read({ image, text: false });

    const found = result.barcodes.map((barcode) => [barcode.format, barcode.value]).sort();
    expect(found).toEqual([
      ['Code128', 'SN-AB123456'],
      ['QRCode', 'https://example.com/p/XR-2000'],
    ]);
    const qrBox = result.barcodes.find((barcode) => barcode.format === 'QRCode')?.box;
    expect(qrBox?.x).toBeGreaterThan(0.55);
    expect(result.text).toEqual([]);
  });

  it('rejects a region outside the picture', async () => {
    const read = engine.read({
      image: await labelPhoto(),
      region: { x: 0.9, y: 0.1, width: 0.2, height: 0.2 },
    });

    await expect(read).rejects.toBeInstanceOf(AppError);
    await expect(read).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('rejects bytes that are not an image', async () => {
    const read = engine.read({ image: new TextEncoder().encode('not an image') });

    await expect(read).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: /could not be decoded/,
    });
  });

  it('rejects reads after close', async () => {
    const closed = createOcrEngine({ workers: 1 });
    await closed.close();

    await expect(closed.read({ image: await labelPhoto() })).rejects.toMatchObject({
      code: 'NOT_READY',
    });
  });
});
