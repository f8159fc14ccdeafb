import sharp from 'sharp';
import type { ScoredCandidate } from './candidates.js';
import {
  type GrayImage,
  estimateSkew,
  grayFromRaw,
  measureLevels,
  sauvolaMask,
} from './image-ops.js';
import type { RecognizedLine } from './text-recognizer.js';

/** Maximum number of lines re-read one by one after the whole-region pass. */
const maxFocusLines = 2;

/** Lines lower than this, in pixels of the prepared image, are noise rather than text. */
const minLineHeightPx = 8;

/** A line worth a closer look, with what the whole-region pass found on it. */
export interface FocusLine {
  line: RecognizedLine;
  /** Whether the line starts with a serial label such as `S/N:`. */
  labelled: boolean;
}

/**
 * Picks the lines that most likely hold the serial: lines with a candidate that fits a pattern,
 * best first, then labelled lines, at most {@link maxFocusLines}.
 */
export function pickFocusLines(
  lines: readonly RecognizedLine[],
  candidatesPerLine: readonly (readonly ScoredCandidate[])[],
  labelled: readonly boolean[],
): FocusLine[] {
  const ranked = lines.map((line, index) => {
    const fits = (candidatesPerLine[index] ?? []).filter((c) => c.pattern !== undefined);
    const best = fits.reduce((max, c) => Math.max(max, c.score), 0);
    const isLabelled = labelled[index] ?? false;
    return {
      line,
      labelled: isLabelled,
      rank: best + (isLabelled ? 0.5 : 0),
      eligible: fits.length > 0 || isLabelled,
    };
  });
  return ranked
    .filter((entry) => entry.eligible)
    .sort((a, b) => b.rank - a.rank)
    .slice(0, maxFocusLines)
    .map(({ line, labelled: isLabelled }) => ({ line, labelled: isLabelled }));
}

/**
 * Cuts one line out of a prepared text image, with a margin of a quarter of its height above and
 * below and half its height at the ends, and levels it by its own skew. Returns null for a box
 * too small or too narrow to hold a serial. Under perspective, lines
 * of one label lean by different angles, so the region's single deskew leaves each a little off.
 */
export async function cropLine(image: GrayImage, line: RecognizedLine): Promise<GrayImage | null> {
  const height = line.box.y1 - line.box.y0;
  if (height < minLineHeightPx || line.box.x1 - line.box.x0 < height) return null;

  const left = Math.max(0, Math.floor(line.box.x0 - height / 2));
  const top = Math.max(0, Math.floor(line.box.y0 - height / 4));
  const right = Math.min(image.width, Math.ceil(line.box.x1 + height / 2));
  const bottom = Math.min(image.height, Math.ceil(line.box.y1 + height / 4));
  const width = Math.max(1, right - left);
  const cropHeight = Math.max(1, bottom - top);

  const data = new Uint8Array(width * cropHeight);
  for (let y = 0; y < cropHeight; y += 1) {
    const from = (top + y) * image.width + left;
    data.set(image.data.subarray(from, from + width), y * width);
  }
  const crop = { data, width, height: cropHeight };

  const radius = Math.max(6, Math.round(cropHeight / 2));
  const skewDeg = estimateSkew(sauvolaMask(crop, radius, 0.2), width, cropHeight, 6);
  if (Math.abs(skewDeg) < 0.4) return crop;

  const background = measureLevels(crop).p50;
  const { data: rotated, info } = await sharp(crop.data, {
    raw: { width, height: cropHeight, channels: 1 },
  })
    .rotate(-skewDeg, { background: { r: background, g: background, b: background } })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return grayFromRaw(rotated, info);
}
