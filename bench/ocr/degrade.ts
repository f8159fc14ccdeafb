import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Random } from './random.js';

/** RGBA image, row-major. */
export interface Rgba {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Solves the 3×3 homography that maps the four `from` corners onto the four `to` corners. */
function homography(from: number[][], to: number[][]): number[] {
  // Eight equations in h0..h7 (h8 = 1), solved by Gaussian elimination.
  const rows: number[][] = [];
  for (let i = 0; i < 4; i += 1) {
    const [x, y] = from[i] as [number, number];
    const [u, v] = to[i] as [number, number];
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < 8; r += 1) {
      if (Math.abs(rows[r]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = r;
    }
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    for (let r = 0; r < 8; r += 1) {
      if (r === col) continue;
      const factor = rows[r]![col]! / rows[col]![col]!;
      for (let c = col; c < 9; c += 1) rows[r]![c]! -= factor * rows[col]![c]!;
    }
  }
  return [...rows.map((row, i) => row[8]! / row[i]!), 1];
}

/**
 * Warps a label as if seen at an angle: each corner moves inward by up to `strength` of the side.
 * Returns the warped image and where the original corners landed.
 */
export function perspectiveWarp(
  image: Rgba,
  random: Random,
  strength: number,
): { image: Rgba; corners: number[][] } {
  const { width, height } = image;
  const dx = width * strength;
  const dy = height * strength;
  const source = [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ];
  const target = [
    [random.float(0, dx), random.float(0, dy)],
    [width - random.float(0, dx), random.float(0, dy)],
    [width - random.float(0, dx), height - random.float(0, dy)],
    [random.float(0, dx), height - random.float(0, dy)],
  ];

  // Inverse mapping: for each output pixel, sample the source bilinearly.
  const h = homography(target, source);
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const w = h[6]! * x + h[7]! * y + h[8]!;
      const sx = (h[0]! * x + h[1]! * y + h[2]!) / w;
      const sy = (h[3]! * x + h[4]! * y + h[5]!) / w;
      if (sx < 0 || sy < 0 || sx > width - 1 || sy > height - 1) continue;
      sampleBilinear(image, sx, sy, out, (y * width + x) * 4);
    }
  }
  return { image: { data: out, width, height }, corners: target };
}

function sampleBilinear(image: Rgba, x: number, y: number, out: Uint8Array, offset: number): void {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(image.width - 1, x0 + 1);
  const y1 = Math.min(image.height - 1, y0 + 1);
  const fx = x - x0;
  const fy = y - y0;
  for (let c = 0; c < 4; c += 1) {
    const at = (px: number, py: number) => image.data[(py * image.width + px) * 4 + c]!;
    const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
    const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
    out[offset + c] = Math.round(top * (1 - fy) + bottom * fy);
  }
}

/** Size of the table of standard normal samples that {@link addNoise} draws from. */
const normalTableSize = 1 << 16;

/**
 * Adds Gaussian sensor noise of standard deviation `sigma` to RGB channels. Samples come from a
 * table of normals drawn once per call, because a Box–Muller transform per channel of a
 * 3-megapixel scene dominates the generator's run time.
 */
export function addNoise(data: Uint8Array, channels: number, sigma: number, random: Random): void {
  const normals = new Float32Array(normalTableSize);
  for (let i = 0; i < normals.length; i += 1) normals[i] = random.gaussian();

  for (let i = 0; i < data.length; i += 1) {
    if (channels === 4 && i % 4 === 3) continue;
    const noise = sigma * normals[Math.floor(random.next() * normalTableSize)]!;
    data[i] = Math.min(255, Math.max(0, Math.round(data[i]! + noise)));
  }
}

/** SVG of a soft white glare spot, to composite over a scene. */
export function glareSvg(
  width: number,
  height: number,
  cx: number,
  cy: number,
  radius: number,
  opacity: number,
): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><radialGradient id="g"><stop offset="0" stop-color="#fff" stop-opacity="${opacity.toFixed(2)}"/><stop offset="0.55" stop-color="#fff" stop-opacity="${(opacity * 0.6).toFixed(2)}"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><ellipse cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" rx="${radius.toFixed(1)}" ry="${(radius * 0.7).toFixed(1)}" fill="url(#g)"/></svg>`;
}

function run(command: string, args: string[], input?: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr}`)),
    );
    child.stdin.end(input);
  });
}

/**
 * Passes an RGB frame through H.264 as a video call would: libx264 (veryfast, zerolatency,
 * 4:2:0) at `bitrateKbps` with a matching VBV buffer, then decodes it back. Returns the PNG of the
 * decoded frame and the size of the encoded frame in bytes.
 */
export async function throughH264(
  rgb: Uint8Array,
  width: number,
  height: number,
  bitrateKbps: number,
): Promise<{ png: Buffer; frameBytes: number }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'ocr-h264-'));
  try {
    const encoded = path.join(folder, 'frame.h264');
    const decoded = path.join(folder, 'frame.png');
    const rate = `${bitrateKbps}k`;
    await run(
      'ffmpeg',
      [
        '-loglevel',
        'error',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-s',
        `${width}x${height}`,
        '-r',
        '30',
        '-i',
        '-',
      ]
        .concat([
          '-frames:v',
          '1',
          '-c:v',
          'libx264',
          '-preset',
          'veryfast',
          '-tune',
          'zerolatency',
        ])
        .concat([
          '-pix_fmt',
          'yuv420p',
          '-b:v',
          rate,
          '-maxrate',
          rate,
          '-bufsize',
          rate,
          '-f',
          'h264',
          encoded,
        ]),
      rgb,
    );
    await run('ffmpeg', ['-loglevel', 'error', '-i', encoded, '-frames:v', '1', decoded]);
    const frameBytes = (await readFile(encoded)).byteLength;
    return { png: await readFile(decoded), frameBytes };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Encodes and decodes through JPEG at the given quality. */
export async function throughJpeg(png: Buffer, quality: number): Promise<Buffer> {
  return sharp(png).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
}
