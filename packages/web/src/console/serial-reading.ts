import type {
  DisplayLayout,
  ElementPoint,
  FramePoint,
  NormalizedBox,
  ReadResult,
} from '@lensdesk/protocol';
import { elementToFrame } from '@lensdesk/protocol/geometry';

/** One serial candidate of a read, as the server returns it. */
export type SerialCandidate = ReadResult['serialCandidates'][number];

/** One decoded barcode of a read. */
export type ReadBarcode = ReadResult['barcodes'][number];

/**
 * Smallest side of a box that is sent for reading, as a fraction of the frame. A shorter drag is
 * taken as a click, and the server rejects regions under 8 pixels anyway.
 */
export const minBoxSide = 0.01;

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * Returns the box spanned by two opposite corners in normalized frame coordinates, clamped to the
 * frame, so a drag that starts on a letterbox bar or leaves the picture still gives a valid region.
 */
export function boxFromCorners(a: FramePoint, b: FramePoint): NormalizedBox {
  const left = clampUnit(Math.min(a.x, b.x));
  const right = clampUnit(Math.max(a.x, b.x));
  const top = clampUnit(Math.min(a.y, b.y));
  const bottom = clampUnit(Math.max(a.y, b.y));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Maps a drag between two element points (CSS pixels from the element's top-left corner) to a
 * box of the frame that the element shows with the given layout.
 */
export function boxFromElementDrag(
  start: ElementPoint,
  end: ElementPoint,
  layout: DisplayLayout,
): NormalizedBox {
  return boxFromCorners(elementToFrame(start, layout), elementToFrame(end, layout));
}

/** Checks that a box is large enough on both sides to be worth reading. */
export function isReadableBox(box: NormalizedBox, minSide: number = minBoxSide): boolean {
  return box.width >= minSide && box.height >= minSide;
}

/**
 * Orders candidates best first: values that fit a product line's pattern before the others, then
 * by confidence. A value that appears twice keeps its best entry only, so each "Use" button is
 * unique.
 */
export function rankCandidates(candidates: readonly SerialCandidate[]): SerialCandidate[] {
  const sorted = [...candidates].sort((a, b) => {
    const byPattern = Number(b.pattern !== undefined) - Number(a.pattern !== undefined);
    return byPattern !== 0 ? byPattern : b.confidence - a.confidence;
  });

  const seen = new Set<string>();
  return sorted.filter((candidate) => {
    if (seen.has(candidate.value)) {
      return false;
    }
    seen.add(candidate.value);
    return true;
  });
}

/** Returns the barcodes whose value is not already among the candidates, which offer it. */
export function barcodesNotInCandidates(
  barcodes: readonly ReadBarcode[],
  candidates: readonly SerialCandidate[],
): ReadBarcode[] {
  const values = new Set(candidates.map((candidate) => candidate.value));
  return barcodes.filter((barcode) => !values.has(barcode.value));
}

/** Formats a confidence of 0..1 as a whole percentage, such as 0.934 as 93. */
export function confidencePercent(confidence: number): number {
  return Math.round(clampUnit(confidence) * 100);
}

/**
 * Computes CSS that shows one region of an image as the background of a box with the region's aspect
 * ratio: `background-size` scales the image so the region fills the box, and
 * `background-position` in percent aligns the region's corner with the box's corner.
 */
export function cropStyle(
  region: NormalizedBox,
  image: { width: number; height: number },
): { aspectRatio: string; backgroundSize: string; backgroundPosition: string } {
  const width = Math.max(region.width, minBoxSide);
  const height = Math.max(region.height, minBoxSide);
  // A percentage position p puts the image point at p of its size on the box point at p, so the
  // region's left edge lines up when p = x / (1 - width).
  const position = (offset: number, size: number): string =>
    size >= 1 ? '0%' : `${((offset / (1 - size)) * 100).toFixed(3)}%`;

  return {
    aspectRatio: `${(width * image.width).toFixed(1)} / ${(height * image.height).toFixed(1)}`,
    backgroundSize: `${(100 / width).toFixed(3)}% auto`,
    backgroundPosition: `${position(region.x, width)} ${position(region.y, height)}`,
  };
}
