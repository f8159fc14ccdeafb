import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeLayout,
  type DisplayLayout,
  elementLengthToFrame,
  elementStrokeWidthToFrame,
  elementToFrame,
  ellipseFromCorners,
  type FramePoint,
  frameLengthToElement,
  frameToElement,
  isInsideDisplayedFrame,
  type LayoutInput,
  minStrokeCssPixels,
  mirrorFramePoint,
  quantizeFramePoint,
  strokeWidthToElement,
  visibleFrameRegion,
} from './geometry.js';

const runs = { numRuns: 1000 };

const layoutInputArbitrary: fc.Arbitrary<LayoutInput> = fc.record({
  frameWidth: fc.integer({ min: 160, max: 4096 }),
  frameHeight: fc.integer({ min: 160, max: 4096 }),
  boxWidth: fc.double({ min: 100, max: 3840, noNaN: true }),
  boxHeight: fc.double({ min: 100, max: 3840, noNaN: true }),
  fit: fc.constantFrom('contain' as const, 'cover' as const),
  mirrored: fc.boolean(),
});

const unitArbitrary = fc.double({ min: 0, max: 1, noNaN: true });

const framePointArbitrary: fc.Arbitrary<FramePoint> = fc.record({
  x: unitArbitrary,
  y: unitArbitrary,
});

/** Error between two frame points, in CSS pixels of the layout's element. */
function elementPixelError(a: FramePoint, b: FramePoint, layout: DisplayLayout): number {
  return Math.hypot((a.x - b.x) * layout.width, (a.y - b.y) * layout.height);
}

/** Element point on the visible part of the frame, at fractions `u` and `v` of that part. */
function visiblePoint(layout: DisplayLayout, u: number, v: number): { x: number; y: number } {
  const left = Math.max(0, layout.offsetX);
  const top = Math.max(0, layout.offsetY);
  const right = Math.min(layout.boxWidth, layout.offsetX + layout.width);
  const bottom = Math.min(layout.boxHeight, layout.offsetY + layout.height);

  return { x: left + u * (right - left), y: top + v * (bottom - top) };
}

describe('computeLayout', () => {
  it('letterboxes a landscape frame on a portrait phone', () => {
    const layout = computeLayout({
      frameWidth: 1280,
      frameHeight: 720,
      boxWidth: 390,
      boxHeight: 844,
      fit: 'contain',
    });

    expect(layout.scale).toBe(0.3046875);
    expect(layout.width).toBe(390);
    expect(layout.height).toBe(219.375);
    expect(layout.offsetX).toBe(0);
    expect(layout.offsetY).toBe(312.3125);
    expect(layout.mirrored).toBe(false);
  });

  it('crops a landscape frame on a portrait phone with cover', () => {
    const layout = computeLayout({
      frameWidth: 1280,
      frameHeight: 720,
      boxWidth: 390,
      boxHeight: 844,
      fit: 'cover',
    });

    expect(layout.scale).toBeCloseTo(844 / 720, 12);
    expect(layout.height).toBeCloseTo(844, 9);
    expect(layout.width).toBeCloseTo(1500.4444444, 6);
    expect(layout.offsetX).toBeCloseTo(-555.2222222, 6);
    expect(layout.offsetY).toBeCloseTo(0, 9);
  });

  it('pillarboxes a portrait frame on a desktop', () => {
    const layout = computeLayout({
      frameWidth: 720,
      frameHeight: 1280,
      boxWidth: 1280,
      boxHeight: 800,
      fit: 'contain',
      mirrored: true,
    });

    expect(layout.scale).toBe(0.625);
    expect(layout.width).toBe(450);
    expect(layout.height).toBe(800);
    expect(layout.offsetX).toBe(415);
    expect(layout.offsetY).toBe(0);
    expect(layout.mirrored).toBe(true);
  });

  it('rejects sizes that are not positive and finite', () => {
    const valid: LayoutInput = {
      frameWidth: 1280,
      frameHeight: 720,
      boxWidth: 390,
      boxHeight: 844,
      fit: 'contain',
    };

    expect(() => computeLayout({ ...valid, frameWidth: 0 })).toThrow(RangeError);
    expect(() => computeLayout({ ...valid, frameHeight: Number.NaN })).toThrow(RangeError);
    expect(() => computeLayout({ ...valid, boxWidth: -1 })).toThrow(RangeError);
    expect(() => computeLayout({ ...valid, boxHeight: Infinity })).toThrow(/boxHeight/);
  });

  it('keeps aspect ratio and fit invariants', () => {
    fc.assert(
      fc.property(layoutInputArbitrary, (input) => {
        const layout = computeLayout(input);
        const tolerance = 1e-9 * Math.max(input.boxWidth, input.boxHeight);

        expect(layout.width / layout.height).toBeCloseTo(input.frameWidth / input.frameHeight, 9);
        expect(layout.offsetX * 2 + layout.width).toBeCloseTo(input.boxWidth, 6);
        expect(layout.offsetY * 2 + layout.height).toBeCloseTo(input.boxHeight, 6);

        const widthGap = layout.width - input.boxWidth;
        const heightGap = layout.height - input.boxHeight;
        if (input.fit === 'contain') {
          expect(Math.max(widthGap, heightGap)).toBeLessThanOrEqual(tolerance);
        } else {
          expect(Math.min(widthGap, heightGap)).toBeGreaterThanOrEqual(-tolerance);
        }
        expect(Math.min(Math.abs(widthGap), Math.abs(heightGap))).toBeLessThanOrEqual(tolerance);
      }),
      runs,
    );
  });
});

describe('frameToElement and elementToFrame', () => {
  const phone = computeLayout({
    frameWidth: 1280,
    frameHeight: 720,
    boxWidth: 390,
    boxHeight: 844,
    fit: 'contain',
  });

  it('maps known points of a letterboxed frame', () => {
    expect(frameToElement({ x: 0, y: 0 }, phone)).toEqual({ x: 0, y: 312.3125 });
    expect(frameToElement({ x: 0.5, y: 0.5 }, phone)).toEqual({ x: 195, y: 422 });
    expect(frameToElement({ x: 1, y: 1 }, phone)).toEqual({ x: 390, y: 531.6875 });
    expect(elementToFrame({ x: 195, y: 312.3125 }, phone)).toEqual({ x: 0.5, y: 0 });
  });

  it('maps a letterbox bar outside the frame', () => {
    const point = elementToFrame({ x: 195, y: 100 }, phone);

    expect(point.y).toBeLessThan(0);
    expect(isInsideDisplayedFrame({ x: 195, y: 100 }, phone)).toBe(false);
  });

  it('swaps left and right when mirrored', () => {
    const mirrored = { ...phone, mirrored: true };

    expect(frameToElement({ x: 0, y: 0 }, mirrored)).toEqual({ x: 390, y: 312.3125 });
    expect(elementToFrame({ x: 0, y: 422 }, mirrored)).toEqual({ x: 1, y: 0.5 });
  });

  it('round-trips frame points within half a pixel', () => {
    fc.assert(
      fc.property(layoutInputArbitrary, framePointArbitrary, (input, point) => {
        const layout = computeLayout(input);
        const back = elementToFrame(frameToElement(point, layout), layout);

        expect(elementPixelError(point, back, layout)).toBeLessThan(0.5);
      }),
      runs,
    );
  });

  it('round-trips visible element points', () => {
    fc.assert(
      fc.property(layoutInputArbitrary, unitArbitrary, unitArbitrary, (input, u, v) => {
        const layout = computeLayout(input);
        const point = visiblePoint(layout, u, v);
        const back = frameToElement(elementToFrame(point, layout), layout);

        expect(isInsideDisplayedFrame(point, layout)).toBe(true);
        expect(Math.hypot(back.x - point.x, back.y - point.y)).toBeLessThan(0.5);
      }),
      runs,
    );
  });

  it('agrees between two screens of any shape', () => {
    fc.assert(
      fc.property(
        layoutInputArbitrary,
        layoutInputArbitrary,
        unitArbitrary,
        unitArbitrary,
        (agentInput, customerInput, u, v) => {
          // Both screens show the same frame; only their boxes, fits and mirroring differ.
          const agent = computeLayout(agentInput);
          const customer = computeLayout({
            ...customerInput,
            frameWidth: agentInput.frameWidth,
            frameHeight: agentInput.frameHeight,
          });

          const click = visiblePoint(agent, u, v);
          const framePoint = elementToFrame(click, agent);
          const onCustomer = frameToElement(framePoint, customer);
          const fromCustomer = elementToFrame(onCustomer, customer);
          const backOnAgent = frameToElement(fromCustomer, agent);

          expect(elementPixelError(framePoint, fromCustomer, customer)).toBeLessThan(0.5);
          expect(elementPixelError(framePoint, fromCustomer, agent)).toBeLessThan(0.5);
          expect(Math.hypot(backOnAgent.x - click.x, backOnAgent.y - click.y)).toBeLessThan(0.5);
        },
      ),
      runs,
    );
  });

  it('puts the frame centre at the box centre', () => {
    fc.assert(
      fc.property(layoutInputArbitrary, (input) => {
        const layout = computeLayout(input);
        const centre = frameToElement({ x: 0.5, y: 0.5 }, layout);

        expect(centre.x).toBeCloseTo(input.boxWidth / 2, 6);
        expect(centre.y).toBeCloseTo(input.boxHeight / 2, 6);
      }),
      runs,
    );
  });
});

describe('mirroring', () => {
  it('is an involution on frame points', () => {
    fc.assert(
      fc.property(framePointArbitrary, (point) => {
        const twice = mirrorFramePoint(mirrorFramePoint(point));

        expect(twice.x).toBeCloseTo(point.x, 12);
        expect(twice.y).toBe(point.y);
      }),
      runs,
    );
  });

  it('matches drawing the mirrored point unmirrored', () => {
    fc.assert(
      fc.property(layoutInputArbitrary, framePointArbitrary, (input, point) => {
        const mirrored = computeLayout({ ...input, mirrored: true });
        const plain = computeLayout({ ...input, mirrored: false });

        const viaMirroredLayout = frameToElement(point, mirrored);
        const viaMirroredPoint = frameToElement(mirrorFramePoint(point), plain);
        const unmirrored = frameToElement(point, plain);

        expect(viaMirroredLayout.x).toBeCloseTo(viaMirroredPoint.x, 6);
        expect(viaMirroredLayout.y).toBe(viaMirroredPoint.y);
        expect(viaMirroredLayout.x).toBeCloseTo(input.boxWidth - unmirrored.x, 6);
      }),
      runs,
    );
  });

  it('maps an element point back through the same mirror', () => {
    fc.assert(
      fc.property(layoutInputArbitrary, unitArbitrary, unitArbitrary, (input, u, v) => {
        const mirrored = computeLayout({ ...input, mirrored: true });
        const plain = computeLayout({ ...input, mirrored: false });
        const point = visiblePoint(plain, u, v);

        const mirroredFramePoint = elementToFrame(point, mirrored);
        const expected = mirrorFramePoint(elementToFrame(point, plain));

        expect(mirroredFramePoint.x).toBeCloseTo(expected.x, 9);
        expect(mirroredFramePoint.y).toBe(expected.y);
      }),
      runs,
    );
  });
});

describe('isInsideDisplayedFrame', () => {
  const phone: LayoutInput = {
    frameWidth: 1280,
    frameHeight: 720,
    boxWidth: 390,
    boxHeight: 844,
    fit: 'cover',
  };
  const cover = computeLayout(phone);

  it('counts edges of a letterboxed frame as inside', () => {
    const contain = computeLayout({ ...phone, fit: 'contain' });

    expect(isInsideDisplayedFrame({ x: 0, y: 312.3125 }, contain)).toBe(true);
    expect(isInsideDisplayedFrame({ x: 390, y: 531.6875 }, contain)).toBe(true);
    expect(isInsideDisplayedFrame({ x: 390, y: 531.7 }, contain)).toBe(false);
  });

  it('excludes parts that cover crops away', () => {
    const croppedFramePoint = frameToElement({ x: 0.1, y: 0.5 }, cover);

    expect(croppedFramePoint.x).toBeLessThan(0);
    expect(isInsideDisplayedFrame(croppedFramePoint, cover)).toBe(false);
    expect(isInsideDisplayedFrame({ x: 10, y: 10 }, cover)).toBe(true);
  });
});

describe('visibleFrameRegion', () => {
  it('is the whole frame with contain', () => {
    fc.assert(
      fc.property(layoutInputArbitrary, (input) => {
        const region = visibleFrameRegion(computeLayout({ ...input, fit: 'contain' }));

        expect(region.left).toBeCloseTo(0, 9);
        expect(region.top).toBeCloseTo(0, 9);
        expect(region.right).toBeCloseTo(1, 9);
        expect(region.bottom).toBeCloseTo(1, 9);
      }),
      runs,
    );
  });

  it('is the centred crop with cover', () => {
    const layout = computeLayout({
      frameWidth: 1280,
      frameHeight: 720,
      boxWidth: 390,
      boxHeight: 844,
      fit: 'cover',
      mirrored: true,
    });
    const region = visibleFrameRegion(layout);
    const visibleShare = 390 / ((1280 * 844) / 720);

    expect(region.left).toBeCloseTo(0.5 - visibleShare / 2, 9);
    expect(region.right).toBeCloseTo(0.5 + visibleShare / 2, 9);
    expect(region.top).toBeCloseTo(0, 9);
    expect(region.bottom).toBeCloseTo(1, 9);
  });
});

describe('length mapping', () => {
  it('matches the distance between mapped points', () => {
    fc.assert(
      fc.property(
        layoutInputArbitrary,
        framePointArbitrary,
        unitArbitrary,
        unitArbitrary,
        (input, centre, rx, ry) => {
          const layout = computeLayout(input);
          const centreOnScreen = frameToElement(centre, layout);
          const xEdge = frameToElement({ x: centre.x + rx, y: centre.y }, layout);
          const yEdge = frameToElement({ x: centre.x, y: centre.y + ry }, layout);

          const rxPixels = frameLengthToElement(rx, 'x', layout);
          const ryPixels = frameLengthToElement(ry, 'y', layout);

          expect(Math.abs(xEdge.x - centreOnScreen.x)).toBeCloseTo(rxPixels, 6);
          expect(yEdge.y - centreOnScreen.y).toBeCloseTo(ryPixels, 6);
          expect(elementLengthToFrame(rxPixels, 'x', layout)).toBeCloseTo(rx, 9);
          expect(elementLengthToFrame(ryPixels, 'y', layout)).toBeCloseTo(ry, 9);
        },
      ),
      runs,
    );
  });

  it('scales stroke width with the shorter side', () => {
    const square: LayoutInput = {
      frameWidth: 1280,
      frameHeight: 720,
      boxWidth: 1000,
      boxHeight: 1000,
      fit: 'contain',
    };
    const landscape = computeLayout(square);
    const portrait = computeLayout({ ...square, frameWidth: 720, frameHeight: 1280 });

    expect(strokeWidthToElement(0.01, landscape)).toBeCloseTo(5.625, 9);
    expect(strokeWidthToElement(0.01, portrait)).toBeCloseTo(5.625, 9);
    expect(elementStrokeWidthToFrame(5.625, landscape)).toBeCloseTo(0.01, 12);
  });

  it('draws strokes no thinner than the minimum', () => {
    const tiny = computeLayout({
      frameWidth: 1280,
      frameHeight: 720,
      boxWidth: 160,
      boxHeight: 90,
      fit: 'contain',
    });

    expect(strokeWidthToElement(0.001, tiny)).toBe(minStrokeCssPixels);
    expect(strokeWidthToElement(0.001, tiny, 3)).toBe(3);
  });

  it('round-trips stroke widths above the minimum', () => {
    fc.assert(
      fc.property(
        layoutInputArbitrary,
        fc.double({ min: 0.001, max: 0.05, noNaN: true }),
        (input, width) => {
          const layout = computeLayout(input);
          const pixels = strokeWidthToElement(width, layout, 0);

          expect(elementStrokeWidthToFrame(pixels, layout)).toBeCloseTo(width, 12);
        },
      ),
      runs,
    );
  });
});

describe('ellipseFromCorners', () => {
  it('inscribes the ellipse in the dragged rectangle', () => {
    const ellipse = ellipseFromCorners({ x: 0.6, y: 0.2 }, { x: 0.2, y: 0.4 });

    expect(ellipse.center.x).toBeCloseTo(0.4, 12);
    expect(ellipse.center.y).toBeCloseTo(0.3, 12);
    expect(ellipse.rx).toBeCloseTo(0.2, 12);
    expect(ellipse.ry).toBeCloseTo(0.1, 12);
  });
});

describe('quantizeFramePoint', () => {
  it('rounds to four decimals', () => {
    expect(quantizeFramePoint({ x: 0.123456, y: -0.49999 })).toEqual({ x: 0.1235, y: -0.5 });
    expect(JSON.stringify(quantizeFramePoint({ x: 1 / 3, y: 2 / 3 }))).toBe(
      '{"x":0.3333,"y":0.6667}',
    );
  });
});
