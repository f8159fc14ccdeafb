import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toBuffer } from 'bwip-js/node';
import sharp from 'sharp';
import { gs1CheckDigit } from '../../packages/server/src/ocr/check-digits.js';
import type { NormalizedBox } from '../../packages/server/src/ocr/types.js';
import { addNoise } from './degrade.js';
import type { Random } from './random.js';

/** One barcode image and what it encodes; `format` is ZXing's name for the symbology. */
export interface BarcodeSample {
  id: string;
  file: string;
  format: string;
  value: string;
  region: NormalizedBox;
  rotationDeg: number;
  jpegQuality: number;
}

interface Symbology {
  bcid: string;
  format: string;
  value: (random: Random) => string;
  twoDimensional: boolean;
}

const digits = (random: Random, count: number) =>
  Array.from({ length: count }, () => random.int(0, 9)).join('');
const serial = (random: Random) =>
  `${String.fromCharCode(65 + random.int(0, 25), 65 + random.int(0, 25))}${digits(random, 8)}`;

const symbologies: readonly Symbology[] = [
  { bcid: 'code128', format: 'Code128', value: serial, twoDimensional: false },
  { bcid: 'code39', format: 'Code39', value: serial, twoDimensional: false },
  // bwip-js adds the EAN-13 and UPC-A check digit to 12 and 11 digits.
  { bcid: 'ean13', format: 'EAN13', value: (r) => digits(r, 12), twoDimensional: false },
  { bcid: 'upca', format: 'UPCA', value: (r) => digits(r, 11), twoDimensional: false },
  {
    bcid: 'qrcode',
    format: 'QRCode',
    value: (r) => `SN:${serial(r)};MFG:2024-0${r.int(1, 9)}`,
    twoDimensional: true,
  },
  { bcid: 'datamatrix', format: 'DataMatrix', value: serial, twoDimensional: true },
];

const perSymbology = 6;

/** Renders barcodes on a grey scene, rotated up to ±10°, lightly blurred, noisy and JPEG-compressed. */
export async function generateBarcodeSamples(
  random: Random,
  folder: string,
): Promise<BarcodeSample[]> {
  const samples: BarcodeSample[] = [];
  for (let index = 0; index < symbologies.length * perSymbology; index += 1) {
    const symbology = symbologies[index % symbologies.length] as Symbology;
    let value = symbology.value(random);
    const png = await toBuffer({
      bcid: symbology.bcid,
      text: value,
      scale: random.int(2, 4),
      ...(symbology.twoDimensional ? {} : { height: 12 }),
      paddingwidth: 12,
      paddingheight: 12,
      backgroundcolor: 'FFFFFF',
    });
    if (symbology.bcid === 'ean13' || symbology.bcid === 'upca')
      value += gs1CheckDigit([...value].map(Number));

    const rotationDeg = random.float(-10, 10);
    const card = await sharp(png)
      .ensureAlpha()
      .rotate(rotationDeg, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer({ resolveWithObject: true });
    const [width, height] = [1600, 1200];
    const left = random.int(20, width - card.info.width - 20);
    const top = random.int(20, height - card.info.height - 20);
    const grey = random.int(60, 160);

    const { data } = await sharp({
      create: { width, height, channels: 3, background: { r: grey, g: grey, b: grey } },
    })
      .composite([{ input: card.data, left, top }])
      .blur(random.float(0.4, 1.1))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    addNoise(data, 3, random.float(2, 7), random);

    const id = `barcode-${String(index).padStart(3, '0')}`;
    const file = `${id}.jpg`;
    const jpegQuality = random.int(40, 85);
    await sharp(data, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: jpegQuality })
      .toFile(path.join(folder, file));

    const margin = 0.05;
    const region = {
      x: Math.max(0, left / width - margin),
      y: Math.max(0, top / height - margin),
      width: Math.min(1, card.info.width / width + 2 * margin),
      height: Math.min(1, card.info.height / height + 2 * margin),
    };
    region.width = Math.min(region.width, 1 - region.x);
    region.height = Math.min(region.height, 1 - region.y);

    const sample = {
      id,
      file,
      format: symbology.format,
      value,
      region,
      rotationDeg: Math.round(rotationDeg * 10) / 10,
      jpegQuality,
    };
    await writeFile(path.join(folder, `${id}.json`), `${JSON.stringify(sample, null, 2)}\n`);
    samples.push(sample);
  }
  return samples;
}
