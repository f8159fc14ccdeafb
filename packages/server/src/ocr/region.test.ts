import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { pixelsToRegion, regionToPixels, validateRegion } from './region.js';

function issuesOf(call: () => unknown): string[] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    return ((error as AppError).issues ?? []).map((issue) => issue.path);
  }
  throw new Error('no error raised');
}

describe('validateRegion', () => {
  it('accepts a region inside the picture, up to its edges', () => {
    expect(() => validateRegion({ x: 0, y: 0, width: 1, height: 1 })).not.toThrow();
    expect(() => validateRegion({ x: 0.7, y: 0.9, width: 0.3, height: 0.1 })).not.toThrow();
  });

  it('rejects a region of zero size', () => {
    expect(issuesOf(() => validateRegion({ x: 0.2, y: 0.2, width: 0, height: 0.1 }))).toEqual([
      'region.width',
    ]);
    expect(issuesOf(() => validateRegion({ x: 0.2, y: 0.2, width: 0.1, height: -0.1 }))).toEqual([
      'region.height',
    ]);
  });

  it('rejects a region outside the picture', () => {
    expect(issuesOf(() => validateRegion({ x: -0.1, y: 0, width: 0.5, height: 0.5 }))).toEqual([
      'region.x',
    ]);
    expect(issuesOf(() => validateRegion({ x: 1, y: 0, width: 0.1, height: 0.5 }))).toContain(
      'region.x',
    );
    expect(issuesOf(() => validateRegion({ x: 0.6, y: 0.6, width: 0.5, height: 0.5 }))).toEqual([
      'region.width',
      'region.height',
    ]);
  });

  it('rejects numbers that are not finite', () => {
    expect(
      issuesOf(() => validateRegion({ x: Number.NaN, y: 0, width: 0.5, height: Infinity })),
    ).toEqual(['region.x', 'region.height']);
  });
});

describe('regionToPixels', () => {
  it('covers the whole image without a region', () => {
    expect(regionToPixels(undefined, 640, 480)).toEqual({
      left: 0,
      top: 0,
      width: 640,
      height: 480,
    });
  });

  it('rounds outward to whole pixels', () => {
    expect(regionToPixels({ x: 0.1, y: 0.25, width: 0.5, height: 0.5 }, 1001, 400)).toEqual({
      left: 100,
      top: 100,
      width: 501,
      height: 200,
    });
  });

  it('rejects a region under 8 pixels on a side', () => {
    expect(
      issuesOf(() => regionToPixels({ x: 0.5, y: 0.5, width: 0.005, height: 0.2 }, 1000, 1000)),
    ).toEqual(['region']);
  });

  it('round-trips through normalized coordinates', () => {
    const rect = { left: 64, top: 48, width: 320, height: 240 };
    expect(pixelsToRegion(rect, 640, 480)).toEqual({ x: 0.1, y: 0.1, width: 0.5, height: 0.5 });
  });
});
