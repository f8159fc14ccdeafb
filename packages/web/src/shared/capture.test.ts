import { describe, expect, it } from 'vitest';
import { chooseCaptureMethod } from './capture';

describe('chooseCaptureMethod', () => {
  it('uses the photo mode where the browser has it', () => {
    expect(chooseCaptureMethod({ hasImageCapture: true, imageCaptureFailed: false })).toBe(
      'image-capture',
    );
  });

  it('falls back to the canvas without ImageCapture', () => {
    expect(chooseCaptureMethod({ hasImageCapture: false, imageCaptureFailed: false })).toBe(
      'canvas',
    );
  });

  it('falls back to the canvas after the photo mode failed', () => {
    expect(chooseCaptureMethod({ hasImageCapture: true, imageCaptureFailed: true })).toBe('canvas');
  });
});
