/**
 * Page helpers for the agent's drawings: where a picture is laid out in its element, dragging a
 * circle at a chosen frame point, and reading back where a screen drew a shape. Positions are
 * measured from the elements' boxes, so a test compares what each screen shows.
 */
import { computeLayout, elementToFrame, frameToElement } from '@lensdesk/protocol';
import type { DisplayLayout, FramePoint, ObjectFit } from '@lensdesk/protocol';
import type { Locator, Page } from 'playwright-core';

/** A picture element's layout and the page position of its box's top-left corner. */
export interface PlacedLayout {
  layout: DisplayLayout;
  /** Left edge of the element's box, in CSS pixels of the page's viewport. */
  left: number;
  /** Top edge of the element's box, in CSS pixels of the page's viewport. */
  top: number;
  /** Intrinsic size of the picture: `videoWidth` × `videoHeight`, or the image's natural size. */
  frameWidth: number;
  frameHeight: number;
}

interface ElementMeasure {
  frameWidth: number;
  frameHeight: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** First entry of the computed transform matrix: -1 for `scaleX(-1)`, 1 when not mirrored. */
  scaleX: number;
}

/**
 * Measures a `<video>` or `<img>`: its intrinsic size, its box (`clientWidth`/`clientHeight`,
 * which ignore a mirroring transform) and whether its computed transform flips it horizontally.
 */
async function measureElement(element: Locator): Promise<ElementMeasure> {
  return element.evaluate((node) => {
    const media = node as HTMLVideoElement | HTMLImageElement;
    const isVideo = media instanceof HTMLVideoElement;
    const rect = media.getBoundingClientRect();
    const transform = getComputedStyle(media).transform;
    const matrix = /^matrix\(([^,]+),/.exec(transform);

    return {
      frameWidth: isVideo ? media.videoWidth : (media as HTMLImageElement).naturalWidth,
      frameHeight: isVideo ? media.videoHeight : (media as HTMLImageElement).naturalHeight,
      left: rect.left,
      top: rect.top,
      width: media.clientWidth,
      height: media.clientHeight,
      scaleX: matrix?.[1] === undefined ? 1 : Number(matrix[1]),
    };
  });
}

/**
 * Returns where the picture of a video or image element is drawn, with `fit` as the page styles
 * it. Mirroring is read from the element's computed transform, not assumed. Throws while the
 * element has no frame yet.
 */
export async function readLayout(element: Locator, fit: ObjectFit): Promise<PlacedLayout> {
  const measure = await measureElement(element);
  if (measure.frameWidth === 0 || measure.width === 0) {
    throw new Error(`The element has no picture yet: ${JSON.stringify(measure)}`);
  }

  const layout = computeLayout({
    frameWidth: measure.frameWidth,
    frameHeight: measure.frameHeight,
    boxWidth: measure.width,
    boxHeight: measure.height,
    fit,
    mirrored: measure.scaleX < 0,
  });
  return {
    layout,
    left: measure.left,
    top: measure.top,
    frameWidth: measure.frameWidth,
    frameHeight: measure.frameHeight,
  };
}

/** Returns the page position of a frame point shown in a placed layout. */
export function framePointOnPage(point: FramePoint, placed: PlacedLayout): FramePoint {
  const inElement = frameToElement(point, placed.layout);
  return { x: placed.left + inElement.x, y: placed.top + inElement.y };
}

/**
 * Drags out a circle with the mouse around `centre`: from the corner `radius` up and left of it
 * to the corner `radius` down and right, both in frame units, over `placed`.
 */
export async function dragCircle(
  page: Page,
  placed: PlacedLayout,
  centre: FramePoint,
  radius: number,
): Promise<void> {
  const from = framePointOnPage({ x: centre.x - radius, y: centre.y - radius }, placed);
  const to = framePointOnPage({ x: centre.x + radius, y: centre.y + radius }, placed);

  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/** Locator of the annotation overlay that shows `surface` (`live` or a snapshot id). */
export function overlayOf(page: Page, surface?: string): Locator {
  const selector =
    surface === undefined
      ? '[data-testid="annotation-overlay"]'
      : `[data-testid="annotation-overlay"][data-surface="${surface}"]`;
  return page.locator(selector);
}

/** Returns the ids of the circles that the page's overlays show now. */
export async function circleIds(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="annotation-overlay"] [data-annotation-type="circle"]')
    .evaluateAll((shapes) => shapes.map((shape) => shape.getAttribute('data-annotation-id') ?? ''));
}

/**
 * Waits until the page shows a circle whose id is not in `known`, and returns that id. Throws
 * when more than one new circle appears.
 */
export async function waitForNewCircle(
  page: Page,
  known: readonly string[],
  timeoutMs = 5_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    const fresh = (await circleIds(page)).filter((id) => !known.includes(id));
    if (fresh.length > 1) throw new Error(`Expected one new circle, got ${fresh.join(', ')}.`);
    if (fresh[0] !== undefined) return fresh[0];
    await page.waitForTimeout(50);
  }
  throw new Error(`No new circle appeared within ${timeoutMs} ms (known: ${known.join(', ')}).`);
}

/**
 * Returns the centre of circle `id` on `surface`, mapped back to a frame point through the
 * layout of `picture`, the element the overlay covers. The centre comes from the circle's
 * `data-center-x`/`data-center-y` (CSS pixels in the overlay) plus the overlay's page position,
 * so an overlay that is not aligned with its picture shows as a wrong point.
 */
export async function circleFramePoint(
  page: Page,
  surface: string,
  id: string,
  picture: PlacedLayout,
): Promise<FramePoint> {
  const circle = overlayOf(page, surface).locator(`[data-annotation-id="${id}"]`);
  await circle.waitFor({ state: 'attached' });

  const centre = await circle.evaluate((shape) => {
    const overlay = shape.closest('[data-testid="annotation-overlay"]');
    const box = overlay?.getBoundingClientRect();
    return {
      x: Number(shape.getAttribute('data-center-x')) + (box?.left ?? Number.NaN),
      y: Number(shape.getAttribute('data-center-y')) + (box?.top ?? Number.NaN),
    };
  });
  return elementToFrame({ x: centre.x - picture.left, y: centre.y - picture.top }, picture.layout);
}
