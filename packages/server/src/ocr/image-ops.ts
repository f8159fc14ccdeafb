/** 8-bit single-channel image, row-major. */
export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Keeps the first channel of raw interleaved pixels, e.g. from sharp's `raw()` output. */
export function grayFromRaw(
  data: Uint8Array,
  info: { width: number; height: number; channels: number },
): GrayImage {
  if (info.channels === 1)
    return { data: new Uint8Array(data), width: info.width, height: info.height };

  const gray = new Uint8Array(info.width * info.height);
  for (let i = 0; i < gray.length; i += 1) gray[i] = data[i * info.channels] ?? 0;
  return { data: gray, width: info.width, height: info.height };
}

/** Luminance percentiles of an image, 0..255. */
export interface Levels {
  p5: number;
  p50: number;
  p95: number;
}

export function measureLevels(image: GrayImage): Levels {
  const histogram = new Uint32Array(256);
  for (const value of image.data) histogram[value] = (histogram[value] ?? 0) + 1;

  const at = (fraction: number): number => {
    const target = fraction * image.data.length;
    let seen = 0;
    for (let value = 0; value < 256; value += 1) {
      seen += histogram[value] ?? 0;
      if (seen >= target) return value;
    }
    return 255;
  };
  return { p5: at(0.05), p50: at(0.5), p95: at(0.95) };
}

/**
 * Returns whether the background is dark. The background covers most of a label, so the median
 * lies near the background's end of the range.
 */
export function hasDarkBackground(levels: Levels): boolean {
  return levels.p50 - levels.p5 < levels.p95 - levels.p50;
}

/** Summed-area tables of values and squared values, one row and column larger than the image. */
function integralImages(image: GrayImage): { sum: Float64Array; squares: Float64Array } {
  const stride = image.width + 1;
  const sum = new Float64Array(stride * (image.height + 1));
  const squares = new Float64Array(stride * (image.height + 1));

  for (let y = 0; y < image.height; y += 1) {
    let rowSum = 0;
    let rowSquares = 0;
    for (let x = 0; x < image.width; x += 1) {
      const value = image.data[y * image.width + x] ?? 0;
      rowSum += value;
      rowSquares += value * value;
      const index = (y + 1) * stride + x + 1;
      sum[index] = (sum[index - stride] ?? 0) + rowSum;
      squares[index] = (squares[index - stride] ?? 0) + rowSquares;
    }
  }
  return { sum, squares };
}

/**
 * Marks dark ink with Sauvola's local threshold T = m · (1 + k · (s / range − 1)), where m and s
 * are the mean and standard deviation in a (2·radius+1)² window. Local thresholds keep text
 * readable under glare and uneven light, where one global threshold fails. Sauvola's `range` is
 * 128; a smaller one, near half the image's contrast, keeps faint print. Returns 1 for ink.
 */
export function sauvolaMask(image: GrayImage, radius: number, k: number, range = 128): Uint8Array {
  const { width, height } = image;
  const { sum, squares } = integralImages(image);
  const stride = width + 1;
  const mask = new Uint8Array(width * height);

  for (let y = 0; y < height; y += 1) {
    const top = Math.max(0, y - radius);
    const bottom = Math.min(height, y + radius + 1);
    for (let x = 0; x < width; x += 1) {
      const left = Math.max(0, x - radius);
      const right = Math.min(width, x + radius + 1);
      const area = (bottom - top) * (right - left);
      const a = top * stride + left;
      const b = top * stride + right;
      const c = bottom * stride + left;
      const d = bottom * stride + right;
      const mean = ((sum[d] ?? 0) - (sum[b] ?? 0) - (sum[c] ?? 0) + (sum[a] ?? 0)) / area;
      const meanSquare =
        ((squares[d] ?? 0) - (squares[b] ?? 0) - (squares[c] ?? 0) + (squares[a] ?? 0)) / area;
      const deviation = Math.sqrt(Math.max(0, meanSquare - mean * mean));
      const threshold = mean * (1 + k * (deviation / range - 1));
      mask[y * width + x] = (image.data[y * width + x] ?? 0) < threshold ? 1 : 0;
    }
  }
  return mask;
}

/** Renders a mask as black ink on white. */
export function maskToImage(mask: Uint8Array, width: number, height: number): GrayImage {
  const data = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i += 1) data[i] = mask[i] === 1 ? 0 : 255;
  return { data, width, height };
}

/** Encodes an image as binary PGM (P5), which Tesseract's image library (Leptonica) reads directly. */
export function encodePgm(image: GrayImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}

/** Maximum number of ink points used to estimate skew; a uniform sample keeps the search cheap. */
const maxSkewSamples = 40_000;

/** Coordinates of ink pixels, subsampled to at most {@link maxSkewSamples}. */
function inkPoints(mask: Uint8Array, width: number): { xs: Float32Array; ys: Float32Array } {
  let count = 0;
  for (const value of mask) count += value;
  const step = Math.max(1, Math.ceil(count / maxSkewSamples));

  const xs = new Float32Array(Math.ceil(count / step));
  const ys = new Float32Array(xs.length);
  let seen = 0;
  let stored = 0;
  for (let i = 0; i < mask.length; i += 1) {
    if (mask[i] !== 1) continue;
    if (seen % step === 0 && stored < xs.length) {
      xs[stored] = i % width;
      ys[stored] = Math.floor(i / width);
      stored += 1;
    }
    seen += 1;
  }
  return { xs: xs.subarray(0, stored), ys: ys.subarray(0, stored) };
}

/**
 * Row profile of ink after rotating the points by −angle: the count of ink per 1-pixel row.
 * Horizontal text lines give tall, narrow peaks. `extent` is the image's diagonal in pixels.
 */
function rowProfile(
  xs: Float32Array,
  ys: Float32Array,
  angleDeg: number,
  extent: number,
): Float64Array {
  const radians = (angleDeg * Math.PI) / 180;
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  // Rotated rows of points inside the image lie within ±extent (the image's diagonal).
  const bins = new Float64Array(2 * extent + 1);

  for (let i = 0; i < xs.length; i += 1) {
    const row = Math.round((ys[i] ?? 0) * cos - (xs[i] ?? 0) * sin) + extent;
    bins[row] = (bins[row] ?? 0) + 1;
  }
  return bins;
}

function profileSharpness(bins: Float64Array): number {
  let score = 0;
  for (const count of bins) score += count * count;
  return score;
}

/**
 * Estimates the angle of text lines, in degrees clockwise (y down), by maximizing the sharpness of
 * the row profile: a coarse search in 1° steps over ±maxDeg, refined in 0.2° steps.
 */
export function estimateSkew(mask: Uint8Array, width: number, height: number, maxDeg = 15): number {
  const { xs, ys } = inkPoints(mask, width);
  if (xs.length < 50) return 0;

  const diagonal = Math.ceil(Math.hypot(width, height));
  const search = (from: number, to: number, step: number): number => {
    let bestAngle = 0;
    let bestScore = -1;
    for (let angle = from; angle <= to + 1e-9; angle += step) {
      const score = profileSharpness(rowProfile(xs, ys, angle, diagonal));
      if (score > bestScore) {
        bestScore = score;
        bestAngle = angle;
      }
    }
    return bestAngle;
  };

  const coarse = search(-maxDeg, maxDeg, 1);
  return search(coarse - 1, coarse + 1, 0.2);
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Bounding box of one connected component of ink. */
interface Component {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  area: number;
}

/** Labels 8-connected ink components with a flood fill; returns their boxes and pixel counts. */
export function connectedComponents(mask: Uint8Array, width: number, height: number): Component[] {
  const labels = new Int32Array(mask.length).fill(-1);
  const stack = new Int32Array(mask.length);
  const components: Component[] = [];

  for (let start = 0; start < mask.length; start += 1) {
    if (mask[start] !== 1 || labels[start] !== -1) continue;

    const component = { minX: width, minY: height, maxX: 0, maxY: 0, area: 0 };
    const label = components.length;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    while (top > 0) {
      const index = stack[--top] as number;
      const x = index % width;
      const y = (index - x) / width;
      component.area += 1;
      if (x < component.minX) component.minX = x;
      if (x > component.maxX) component.maxX = x;
      if (y < component.minY) component.minY = y;
      if (y > component.maxY) component.maxY = y;

      for (let dy = -1; dy <= 1; dy += 1) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const next = ny * width + nx;
          if (mask[next] === 1 && labels[next] === -1) {
            labels[next] = label;
            stack[top++] = next;
          }
        }
      }
    }
    components.push(component);
  }
  return components;
}

/**
 * Heights of the components shaped like characters: at least 4 px high, at most a third of the
 * image's height, no wider than 1.5 times their height (two touching glyphs pass), and neither
 * hairlines nor solid blocks. Their median is close to the cap height of the text.
 */
export function glyphHeights(mask: Uint8Array, width: number, height: number): number[] {
  const heights: number[] = [];
  for (const component of connectedComponents(mask, width, height)) {
    const w = component.maxX - component.minX + 1;
    const h = component.maxY - component.minY + 1;
    const fill = component.area / (w * h);
    if (h < 4 || h > height / 3 || w > 1.5 * h || fill < 0.1 || fill > 0.95) continue;
    heights.push(h);
  }
  return heights;
}

/**
 * Running minimum or maximum over a window of 2·radius+1 along rows (`stride` 1) or columns
 * (`stride` width), by van Herk and Gil-Werman: three comparisons per pixel whatever the radius.
 */
function runningExtreme(
  source: Uint8Array,
  width: number,
  height: number,
  radius: number,
  pick: (a: number, b: number) => number,
  alongRows: boolean,
): Uint8Array {
  const out = new Uint8Array(source.length);
  const length = alongRows ? width : height;
  const lines = alongRows ? height : width;
  const step = alongRows ? 1 : width;
  const window = 2 * radius + 1;
  const prefix = new Uint8Array(length);
  const suffix = new Uint8Array(length);

  for (let line = 0; line < lines; line += 1) {
    const base = alongRows ? line * width : line;
    for (let i = 0; i < length; i += 1) {
      const value = source[base + i * step] as number;
      prefix[i] = i % window === 0 ? value : pick(prefix[i - 1] as number, value);
    }
    for (let i = length - 1; i >= 0; i -= 1) {
      const value = source[base + i * step] as number;
      suffix[i] =
        i === length - 1 || (i + 1) % window === 0 ? value : pick(suffix[i + 1] as number, value);
    }
    for (let i = 0; i < length; i += 1) {
      const left = suffix[Math.max(0, i - radius)] as number;
      const right = prefix[Math.min(length - 1, i + radius)] as number;
      out[base + i * step] = pick(left, right);
    }
  }
  return out;
}

function extremeFilter(
  image: GrayImage,
  radius: number,
  pick: (a: number, b: number) => number,
): Uint8Array {
  const rows = runningExtreme(image.data, image.width, image.height, radius, pick, true);
  return runningExtreme(rows, image.width, image.height, radius, pick, false);
}

/**
 * Stretches contrast locally: each pixel is placed between the darkest and brightest values within
 * `radius`, so faint text under glare or in shadow comes out as dark as text elsewhere. Windows
 * whose range is under `minRange` (plain background) are stretched less, to keep noise down.
 */
export function normalizeLocalContrast(
  image: GrayImage,
  radius: number,
  minRange: number,
): GrayImage {
  const low = extremeFilter(image, radius, (a, b) => (a < b ? a : b));
  const high = extremeFilter(image, radius, (a, b) => (a > b ? a : b));
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i += 1) {
    const hi = high[i] as number;
    const range = Math.max(hi - (low[i] as number), minRange);
    const value = 255 - (255 * (hi - (image.data[i] as number))) / range;
    data[i] = value < 0 ? 0 : value;
  }
  return { data, width: image.width, height: image.height };
}
