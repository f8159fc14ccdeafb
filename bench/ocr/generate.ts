// Generates the serial-reading evaluation set: label images with ground truth, from a fixed seed
// and without downloads. Usage: node --import tsx bench/ocr/generate.ts
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { NormalizedBox, SerialPatternSpec } from '../../packages/server/src/ocr/types.js';
import { generateBarcodeSamples } from './barcode-samples.js';
import { type Rgba, addNoise, glareSvg, perspectiveWarp, throughH264 } from './degrade.js';
import { fontFamilies, fontPackages, labelSvg, makeLabel, productLines } from './labels.js';
import { Random } from './random.js';

export const conditions = [
  'clean',
  'small',
  'rotated',
  'perspective',
  'blur',
  'noise',
  'glare',
  'low-contrast',
  'inverted',
  'jpeg',
  'video',
] as const;
export type Condition = (typeof conditions)[number];

/** One label image and what it shows. */
export interface LabelSample {
  id: string;
  file: string;
  condition: Condition;
  serial: string;
  pattern: SerialPatternSpec;
  region: NormalizedBox;
  imageWidth: number;
  imageHeight: number;
  font: string;
  capHeightPx: number;
  rotationDeg: number;
  perspective: number;
  blurSigma: number;
  noiseSigma: number;
  glareSpots: number;
  jpegQuality: number | null;
  videoKbps: number | null;
  videoFrameBytes: number | null;
}

const seed = 20_240_611;
const perCondition = 30;
const here = path.dirname(fileURLToPath(import.meta.url));
export const setFolder = path.resolve(here, '../.scratch/ocr-set');

function checkFonts(): void {
  const installed = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  const missing = fontFamilies.filter((family) => !installed.includes(family));
  if (missing.length > 0) {
    throw new Error(
      `Fonts missing: ${missing.join(', ')}. Install them with: apt-get install -y ${fontPackages.join(' ')}`,
    );
  }
}

/** Scene behind the label: a gradient with a few flat shapes, like a device's housing. */
async function renderScene(random: Random, width: number, height: number): Promise<Buffer> {
  const grey = () => random.int(40, 200);
  const colour = () => `rgb(${grey()},${grey()},${grey()})`;
  const shapes = Array.from({ length: random.int(2, 5) }, () => {
    const w = random.int(width / 8, width / 2);
    const h = random.int(height / 8, height / 2);
    return `<rect x="${random.int(0, width - w)}" y="${random.int(0, height - h)}" width="${w}" height="${h}" rx="${random.int(0, 30)}" fill="${colour()}"/>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="b" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#b)"/>${shapes.join('')}</svg>`;
  return sharp(Buffer.from(svg)).removeAlpha().png().toBuffer();
}

async function renderLabel(svg: string): Promise<Rgba> {
  const { data, info } = await sharp(Buffer.from(svg))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

async function rotateRgba(image: Rgba, angleDeg: number): Promise<Rgba> {
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 4 },
  })
    .rotate(angleDeg, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

function sceneSize(random: Random, condition: Condition): [number, number] {
  if (condition === 'video') return [1280, 720];
  return random.pick([
    [1920, 1080],
    [1600, 1200],
    [2048, 1536],
  ] as [number, number][]);
}

function capHeightFor(random: Random, condition: Condition): number {
  if (condition === 'small') return random.float(12, 15.5);
  if (condition === 'video') return random.float(16, 28);
  return random.float(16, 36);
}

async function makeSample(index: number, condition: Condition): Promise<LabelSample> {
  const random = new Random(seed + index * 7919);
  const line = random.pick(productLines);
  const serial = line.generate(random);
  const capHeightPx = capHeightFor(random, condition);
  const colours =
    condition === 'inverted'
      ? 'inverted'
      : condition === 'low-contrast'
        ? 'low-contrast'
        : 'normal';
  const label = makeLabel(random, serial, capHeightPx, colours);

  let art = await renderLabel(labelSvg(label).svg);
  const perspective = condition === 'perspective' ? random.float(0.08, 0.16) : 0;
  if (perspective > 0) art = perspectiveWarp(art, random, perspective).image;
  const rotationDeg = condition === 'rotated' ? random.signed(5, 12) : random.float(-2, 2);
  art = await rotateRgba(art, rotationDeg);

  const [imageWidth, imageHeight] = sceneSize(random, condition);
  const left = random.int(20, Math.max(20, imageWidth - art.width - 20));
  const top = random.int(20, Math.max(20, imageHeight - art.height - 20));
  let scene = sharp(await renderScene(random, imageWidth, imageHeight)).composite([
    {
      input: Buffer.from(art.data),
      raw: { width: art.width, height: art.height, channels: 4 },
      left,
      top,
    },
  ]);

  const glareSpots = condition === 'glare' ? random.int(1, 2) : 0;
  const glares = Array.from({ length: glareSpots }, () => ({
    input: Buffer.from(
      glareSvg(
        imageWidth,
        imageHeight,
        left + random.float(0.2, 0.8) * art.width,
        top + random.float(0.2, 0.8) * art.height,
        random.float(0.25, 0.45) * art.width,
        random.float(0.7, 0.9),
      ),
    ),
  }));
  scene = sharp(await scene.png().toBuffer()).composite(glares);

  const blurSigma =
    condition === 'blur' ? capHeightPx * random.float(0.07, 0.11) : random.float(0.3, 0.7);
  const { data: rgb } = await sharp(await scene.png().toBuffer())
    .blur(blurSigma)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const noiseSigma = condition === 'noise' ? random.float(14, 24) : random.float(2, 5);
  addNoise(rgb, 3, noiseSigma, random);

  // The agent's box: the label plus a margin of 2–10 % of its size on each side.
  const marginX = art.width * random.float(0.02, 0.1);
  const marginY = art.height * random.float(0.02, 0.1);
  const x0 = Math.max(0, left - marginX);
  const y0 = Math.max(0, top - marginY);
  const x1 = Math.min(imageWidth, left + art.width + marginX);
  const y1 = Math.min(imageHeight, top + art.height + marginY);
  const region = {
    x: x0 / imageWidth,
    y: y0 / imageHeight,
    width: (x1 - x0) / imageWidth,
    height: (y1 - y0) / imageHeight,
  };

  const id = `label-${String(index).padStart(3, '0')}`;
  const raw = { raw: { width: imageWidth, height: imageHeight, channels: 3 as const } };
  let file: string;
  let jpegQuality: number | null = null;
  let videoKbps: number | null = null;
  let videoFrameBytes: number | null = null;
  if (condition === 'video') {
    videoKbps = random.pick([400, 700, 1000]);
    const frame = await throughH264(rgb, imageWidth, imageHeight, videoKbps);
    videoFrameBytes = frame.frameBytes;
    file = `${id}.png`;
    await writeFile(path.join(setFolder, file), frame.png);
  } else {
    jpegQuality = condition === 'jpeg' ? random.int(12, 30) : 92;
    file = `${id}.jpg`;
    await sharp(rgb, raw).jpeg({ quality: jpegQuality }).toFile(path.join(setFolder, file));
  }

  return {
    id,
    file,
    condition,
    serial,
    pattern: line.pattern,
    region,
    imageWidth,
    imageHeight,
    font: label.font,
    capHeightPx: Math.round(capHeightPx * 10) / 10,
    rotationDeg: Math.round(rotationDeg * 10) / 10,
    perspective: Math.round(perspective * 100) / 100,
    blurSigma: Math.round(blurSigma * 100) / 100,
    noiseSigma: Math.round(noiseSigma * 10) / 10,
    glareSpots,
    jpegQuality,
    videoKbps,
    videoFrameBytes,
  };
}

/** Writes the whole set and its manifest under {@link setFolder}, replacing what was there. */
export async function generateEvaluationSet(): Promise<void> {
  checkFonts();
  await rm(setFolder, { recursive: true, force: true });
  await mkdir(setFolder, { recursive: true });

  const started = performance.now();
  const samples: LabelSample[] = [];
  const total = conditions.length * perCondition;
  for (let index = 0; index < total; index += 1) {
    const sample = await makeSample(index, conditions[index % conditions.length] as Condition);
    await writeFile(
      path.join(setFolder, `${sample.id}.json`),
      `${JSON.stringify(sample, null, 2)}\n`,
    );
    samples.push(sample);
    if ((index + 1) % 50 === 0) console.log(`${index + 1}/${total} labels`);
  }
  const barcodes = await generateBarcodeSamples(new Random(seed ^ 0xbeef), setFolder);

  const manifest = {
    seed,
    fonts: fontFamilies,
    fontPackages,
    patterns: productLines.map((l) => l.pattern),
    samples,
    barcodes,
  };
  await writeFile(path.join(setFolder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Wrote ${samples.length} labels and ${barcodes.length} barcodes to ${setFolder} in ${seconds} s.`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await generateEvaluationSet();
