import { computeLayout } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import {
  barcodesNotInCandidates,
  boxFromCorners,
  boxFromElementDrag,
  confidencePercent,
  cropStyle,
  isReadableBox,
  rankCandidates,
} from './serial-reading';

describe('boxFromCorners', () => {
  it('orders corners dragged up and left', () => {
    expect(boxFromCorners({ x: 0.6, y: 0.5 }, { x: 0.2, y: 0.3 })).toEqual({
      x: 0.2,
      y: 0.3,
      width: expect.closeTo(0.4, 10) as number,
      height: expect.closeTo(0.2, 10) as number,
    });
  });

  it('clamps a drag that leaves the frame', () => {
    expect(boxFromCorners({ x: -0.2, y: 0.9 }, { x: 0.5, y: 1.3 })).toEqual({
      x: 0,
      y: 0.9,
      width: 0.5,
      height: expect.closeTo(0.1, 10) as number,
    });
  });
});

describe('boxFromElementDrag', () => {
  // A 1280x720 frame in a 1000x1000 box: letterbox bars of 218.75 px above and below.
  const layout = computeLayout({
    frameWidth: 1280,
    frameHeight: 720,
    boxWidth: 1000,
    boxHeight: 1000,
    fit: 'contain',
  });

  it('maps element pixels through the contain layout', () => {
    const box = boxFromElementDrag({ x: 250, y: 359.375 }, { x: 750, y: 640.625 }, layout);

    expect(box.x).toBeCloseTo(0.25, 10);
    expect(box.y).toBeCloseTo(0.25, 10);
    expect(box.width).toBeCloseTo(0.5, 10);
    expect(box.height).toBeCloseTo(0.5, 10);
  });

  it('clamps a start on the letterbox bar', () => {
    const box = boxFromElementDrag({ x: 0, y: 0 }, { x: 500, y: 500 }, layout);

    expect(box.x).toBe(0);
    expect(box.y).toBe(0);
    expect(box.width).toBeCloseTo(0.5, 10);
    expect(box.height).toBeCloseTo(0.5, 10);
  });

  it('gives an empty box for a drag on the bar only', () => {
    const box = boxFromElementDrag({ x: 100, y: 10 }, { x: 600, y: 200 }, layout);

    expect(box.height).toBe(0);
    expect(isReadableBox(box)).toBe(false);
  });
});

describe('isReadableBox', () => {
  it('rejects a click without a drag', () => {
    expect(isReadableBox({ x: 0.5, y: 0.5, width: 0, height: 0 })).toBe(false);
  });

  it('rejects a thin box', () => {
    expect(isReadableBox({ x: 0.1, y: 0.5, width: 0.6, height: 0.005 })).toBe(false);
  });

  it('accepts a label-sized box', () => {
    expect(isReadableBox({ x: 0.1, y: 0.4, width: 0.6, height: 0.15 })).toBe(true);
  });
});

describe('rankCandidates', () => {
  it('puts pattern matches before higher confidence', () => {
    const ranked = rankCandidates([
      { value: 'WX-4200', confidence: 0.99 },
      { value: '7K3Q-88217-LD', confidence: 0.81, pattern: 'washers' },
      { value: '7K3Q-88217-1D', confidence: 0.6, pattern: 'washers' },
    ]);

    expect(ranked.map((candidate) => candidate.value)).toEqual([
      '7K3Q-88217-LD',
      '7K3Q-88217-1D',
      'WX-4200',
    ]);
  });

  it('keeps the best entry of a repeated value', () => {
    const ranked = rankCandidates([
      { value: 'A1', confidence: 0.5 },
      { value: 'A1', confidence: 0.9, pattern: 'p' },
    ]);

    expect(ranked).toEqual([{ value: 'A1', confidence: 0.9, pattern: 'p' }]);
  });
});

describe('barcodesNotInCandidates', () => {
  it('drops barcodes already offered as candidates', () => {
    const box = { x: 0, y: 0, width: 1, height: 1 };
    const barcodes = [
      { format: 'Code128', value: '7K3Q88217LD', box },
      { format: 'QRCode', value: 'https://example.com', box },
    ];

    const left = barcodesNotInCandidates(barcodes, [{ value: '7K3Q88217LD', confidence: 1 }]);

    expect(left.map((barcode) => barcode.value)).toEqual(['https://example.com']);
  });
});

describe('confidencePercent', () => {
  it('rounds to whole percent', () => {
    expect(confidencePercent(0.934)).toBe(93);
  });

  it('clamps values outside 0..1', () => {
    expect(confidencePercent(1.2)).toBe(100);
    expect(confidencePercent(-0.1)).toBe(0);
  });
});

describe('cropStyle', () => {
  it('scales and positions the region', () => {
    const style = cropStyle(
      { x: 0.2, y: 0.4, width: 0.5, height: 0.2 },
      { width: 1280, height: 720 },
    );

    expect(style.aspectRatio).toBe('640.0 / 144.0');
    expect(style.backgroundSize).toBe('200.000% auto');
    expect(style.backgroundPosition).toBe('40.000% 50.000%');
  });

  it('shows a whole image unscaled', () => {
    const style = cropStyle({ x: 0, y: 0, width: 1, height: 1 }, { width: 1280, height: 720 });

    expect(style.backgroundSize).toBe('100.000% auto');
    expect(style.backgroundPosition).toBe('0% 0%');
  });
});
