import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import {
  type ReadResult as ZXingResult,
  prepareZXingModule,
  readBarcodes,
} from 'zxing-wasm/reader';
import type { GrayImage } from './image-ops.js';
import type { DecodedRegion } from './preprocess.js';
import type { BarcodeRead, NormalizedBox } from './types.js';

const require = createRequire(import.meta.url);

/** Symbologies looked for: the ones printed on equipment labels and packaging. */
const formats = [
  'Code128',
  'Code39',
  'EAN13',
  'EAN8',
  'UPCA',
  'UPCE',
  'QRCode',
  'DataMatrix',
] as const;

/** Crops whose shorter side is below this are also tried at twice the size. */
const upscaleBelowPx = 400;

let ready: Promise<void> | undefined;

/**
 * Loads the ZXing WebAssembly binary from node_modules. Without `wasmBinary`, zxing-wasm would
 * fetch it from a CDN.
 */
export function loadBarcodeReader(): Promise<void> {
  ready ??= (async () => {
    const bytes = await readFile(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return ready;
}

/**
 * Decodes the barcodes and 2D codes in a region, at full resolution and, for small crops, at
 * twice the size. Boxes are normalized to the whole image.
 */
export async function readRegionBarcodes(region: DecodedRegion): Promise<BarcodeRead[]> {
  await loadBarcodeReader();

  let factor = 1;
  let results = await decode(region.crop);
  if (results.length === 0 && Math.min(region.crop.width, region.crop.height) < upscaleBelowPx) {
    factor = 2;
    results = await decode(await upscale(region.crop, factor));
  }

  const seen = new Set<string>();
  const reads: BarcodeRead[] = [];
  for (const result of results) {
    const key = `${result.format}:${result.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reads.push({ ...normalizeUpc(result.format, result.text), box: boxOf(result, factor, region) });
  }
  return reads;
}

/**
 * Reports an EAN-13 that starts with 0 as the UPC-A it encodes (GS1 defines them as the same
 * number): ZXing 3 (zxing-wasm 3.1) returns UPC-A symbols as EAN-13 even when UPC-A is requested.
 */
function normalizeUpc(format: string, value: string): { format: string; value: string } {
  if (format === 'EAN13' && value.length === 13 && value.startsWith('0')) {
    return { format: 'UPCA', value: value.slice(1) };
  }
  return { format, value };
}

async function decode(image: GrayImage): Promise<ZXingResult[]> {
  // zxing-wasm takes ImageData-shaped RGBA; Node has no ImageData class, so a plain object does.
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0; i < image.data.length; i += 1) {
    const value = image.data[i] ?? 0;
    rgba[i * 4] = value;
    rgba[i * 4 + 1] = value;
    rgba[i * 4 + 2] = value;
    rgba[i * 4 + 3] = 255;
  }

  const input = { width: image.width, height: image.height, data: rgba, colorSpace: 'srgb' };
  const results = await readBarcodes(input as unknown as Parameters<typeof readBarcodes>[0], {
    formats: [...formats],
    tryHarder: true,
    tryRotate: true,
    tryInvert: true,
    tryDownscale: true,
    maxNumberOfSymbols: 8,
  });
  return results.filter((result) => result.isValid && result.text !== '');
}

async function upscale(image: GrayImage, factor: number): Promise<GrayImage> {
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .resize(image.width * factor, image.height * factor, { kernel: 'cubic' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

function boxOf(result: ZXingResult, factor: number, region: DecodedRegion): NormalizedBox {
  const { topLeft, topRight, bottomRight, bottomLeft } = result.position;
  const corners = [topLeft, topRight, bottomRight, bottomLeft];
  const xs = corners.map((point) => region.rect.left + point.x / factor);
  const ys = corners.map((point) => region.rect.top + point.y / factor);

  const left = Math.max(0, Math.min(...xs));
  const top = Math.max(0, Math.min(...ys));
  const right = Math.min(region.imageWidth, Math.max(...xs));
  const bottom = Math.min(region.imageHeight, Math.max(...ys));
  return {
    x: left / region.imageWidth,
    y: top / region.imageHeight,
    width: Math.max(0, right - left) / region.imageWidth,
    height: Math.max(0, bottom - top) / region.imageHeight,
  };
}
