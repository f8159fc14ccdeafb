import type { Issue } from '@lensdesk/protocol';
import { AppError } from '../errors.js';
import type { NormalizedBox } from './types.js';

/** Minimum side of a region, in pixels of the full image: smaller cannot hold a readable character. */
export const minRegionSidePx = 8;

/** Rounding slack for regions computed in floating point that touch the image's edge. */
const edgeTolerance = 1e-6;

/** Pixel rectangle inside an image. */
export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Checks that a normalized region is finite, of positive size and inside the picture. Raises
 * `VALIDATION_FAILED` with one issue per field otherwise.
 */
export function validateRegion(region: NormalizedBox): void {
  const issues: Issue[] = [];
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    if (typeof region[key] !== 'number' || !Number.isFinite(region[key])) {
      issues.push({ path: `region.${key}`, message: 'must be a finite number' });
    }
  }
  if (issues.length === 0) {
    if (region.x < 0 || region.x >= 1)
      issues.push({ path: 'region.x', message: 'must be in [0, 1)' });
    if (region.y < 0 || region.y >= 1)
      issues.push({ path: 'region.y', message: 'must be in [0, 1)' });
    if (region.width <= 0) issues.push({ path: 'region.width', message: 'must be greater than 0' });
    if (region.height <= 0)
      issues.push({ path: 'region.height', message: 'must be greater than 0' });
    if (region.x + region.width > 1 + edgeTolerance) {
      issues.push({ path: 'region.width', message: 'extends past the right edge (x + width > 1)' });
    }
    if (region.y + region.height > 1 + edgeTolerance) {
      issues.push({
        path: 'region.height',
        message: 'extends past the bottom edge (y + height > 1)',
      });
    }
  }

  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'The region is outside the picture or empty.', issues);
  }
}

/**
 * Converts a validated normalized region to whole pixels of an image of the given size. Raises
 * `VALIDATION_FAILED` when the result is smaller than {@link minRegionSidePx} on a side.
 */
export function regionToPixels(
  region: NormalizedBox | undefined,
  imageWidth: number,
  imageHeight: number,
): PixelRect {
  if (region === undefined) return { left: 0, top: 0, width: imageWidth, height: imageHeight };

  const left = Math.min(imageWidth - 1, Math.max(0, Math.floor(region.x * imageWidth)));
  const top = Math.min(imageHeight - 1, Math.max(0, Math.floor(region.y * imageHeight)));
  const right = Math.min(imageWidth, Math.ceil((region.x + region.width) * imageWidth));
  const bottom = Math.min(imageHeight, Math.ceil((region.y + region.height) * imageHeight));
  const rect = { left, top, width: right - left, height: bottom - top };

  if (rect.width < minRegionSidePx || rect.height < minRegionSidePx) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The region covers ${rect.width}x${rect.height} pixels; draw it at least ${minRegionSidePx} pixels on each side.`,
      [
        {
          path: 'region',
          message: `must cover at least ${minRegionSidePx}x${minRegionSidePx} pixels`,
        },
      ],
    );
  }
  return rect;
}

/** Converts a pixel rectangle of the full image back to normalized coordinates. */
export function pixelsToRegion(
  rect: PixelRect,
  imageWidth: number,
  imageHeight: number,
): NormalizedBox {
  const clamp = (value: number) => Math.min(1, Math.max(0, value));
  const x = clamp(rect.left / imageWidth);
  const y = clamp(rect.top / imageHeight);
  return {
    x,
    y,
    width: clamp((rect.left + rect.width) / imageWidth) - x,
    height: clamp((rect.top + rect.height) / imageHeight) - y,
  };
}
