/**
 * Mapping between the customer's camera frame and the CSS pixels of an element that shows it.
 *
 * Annotations store points in normalized frame coordinates: x and y run from 0 to 1 across the
 * upright frame, with the origin at the top-left corner and y pointing down. The frame's size is
 * the intrinsic `videoWidth` × `videoHeight` of the `<video>` element that plays it. These
 * coordinates are never mirrored, even when a screen shows a mirrored preview. Each screen maps
 * them to its own element box, so the agent's desktop and the customer's phone put one point on
 * the same spot of the picture whatever their sizes, aspect ratios and `object-fit`.
 *
 * NOTE: both peers must see the same upright frame. This relies on the receiving browser applying
 * the sender's rotation before it reports `videoWidth` and `videoHeight`, which no test here runs.
 *
 * Element points are CSS pixels relative to the top-left corner of the element's box, as a pointer
 * event gives them with `clientX - rect.left`. The functions assume `object-position` at its
 * default (centred) and mirroring by `transform: scaleX(-1)` around the element's centre.
 */

/** Point in normalized frame coordinates: 0..1 across the frame's width and height. */
export interface FramePoint {
  readonly x: number;
  readonly y: number;
}

/** Point in CSS pixels, relative to the top-left corner of the element's box. */
export interface ElementPoint {
  readonly x: number;
  readonly y: number;
}

/** CSS `object-fit` values that keep the aspect ratio: `contain` letterboxes, `cover` crops. */
export type ObjectFit = 'contain' | 'cover';

/** Sizes that decide where a frame appears in an element. */
export interface LayoutInput {
  /** Intrinsic frame width in pixels (`video.videoWidth`), finite and greater than 0. */
  readonly frameWidth: number;
  /** Intrinsic frame height in pixels (`video.videoHeight`), finite and greater than 0. */
  readonly frameHeight: number;
  /** Element box width in CSS pixels, finite and greater than 0. */
  readonly boxWidth: number;
  /** Element box height in CSS pixels, finite and greater than 0. */
  readonly boxHeight: number;
  readonly fit: ObjectFit;
  /** True when the element shows the frame flipped horizontally, as front-camera previews do. */
  readonly mirrored?: boolean;
}

/**
 * Rectangle where the whole frame is drawn inside an element box, in CSS pixels. With `cover`
 * the rectangle is larger than the box, so its offsets are negative on the cropped axis.
 * Invariants: `width = frameWidth × scale`, `height = frameHeight × scale`, and the rectangle is
 * centred in the box, so mirroring around the box's centre leaves it in place.
 */
export interface DisplayLayout {
  readonly boxWidth: number;
  readonly boxHeight: number;
  /** Left edge of the drawn frame, in CSS pixels from the box's left edge. */
  readonly offsetX: number;
  /** Top edge of the drawn frame, in CSS pixels from the box's top edge. */
  readonly offsetY: number;
  /** Drawn frame width in CSS pixels. */
  readonly width: number;
  /** Drawn frame height in CSS pixels. */
  readonly height: number;
  /** CSS pixels per frame pixel, the same on both axes. */
  readonly scale: number;
  readonly mirrored: boolean;
}

/** Region of the frame that an element shows, in normalized frame coordinates. */
export interface FrameRegion {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Axis of a frame length: x lengths are fractions of the frame width, y of its height. */
export type FrameAxis = 'x' | 'y';

/** Thinnest stroke that {@link strokeWidthToElement} returns, in CSS pixels, so none vanishes. */
export const minStrokeCssPixels = 1.5;

function assertPositiveSize(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number greater than 0, got ${value}.`);
  }
}

/**
 * Computes where a frame of intrinsic size `frameWidth` × `frameHeight` is drawn in an element box
 * with the given `object-fit`. Recompute it whenever the box resizes or the frame size changes
 * (a camera flip or a device rotation changes `videoWidth` and `videoHeight`).
 *
 * @throws RangeError when a size is not a finite number greater than 0, for instance a video whose
 * metadata has not loaded yet (`videoWidth` is 0).
 */
export function computeLayout(input: LayoutInput): DisplayLayout {
  assertPositiveSize('frameWidth', input.frameWidth);
  assertPositiveSize('frameHeight', input.frameHeight);
  assertPositiveSize('boxWidth', input.boxWidth);
  assertPositiveSize('boxHeight', input.boxHeight);

  const scaleX = input.boxWidth / input.frameWidth;
  const scaleY = input.boxHeight / input.frameHeight;
  const scale = input.fit === 'contain' ? Math.min(scaleX, scaleY) : Math.max(scaleX, scaleY);

  const width = input.frameWidth * scale;
  const height = input.frameHeight * scale;

  return {
    boxWidth: input.boxWidth,
    boxHeight: input.boxHeight,
    offsetX: (input.boxWidth - width) / 2,
    offsetY: (input.boxHeight - height) / 2,
    width,
    height,
    scale,
    mirrored: input.mirrored ?? false,
  };
}

/**
 * Flips a normalized frame point horizontally (x becomes 1 − x). Applying it twice returns the
 * original point.
 */
export function mirrorFramePoint(point: FramePoint): FramePoint {
  return { x: 1 - point.x, y: point.y };
}

/**
 * Maps a normalized frame point to CSS pixels in the element box. Points outside 0..1 map outside
 * the drawn frame, and with `cover` points near the edges map outside the box: clip the overlay to
 * the box.
 */
export function frameToElement(point: FramePoint, layout: DisplayLayout): ElementPoint {
  const x = layout.mirrored ? 1 - point.x : point.x;

  return {
    x: layout.offsetX + x * layout.width,
    y: layout.offsetY + point.y * layout.height,
  };
}

/**
 * Maps a point in CSS pixels of the element box to normalized frame coordinates: the inverse of
 * {@link frameToElement}. A point in a letterbox bar maps outside 0..1, so check it with
 * {@link isInsideDisplayedFrame} before drawing there.
 */
export function elementToFrame(point: ElementPoint, layout: DisplayLayout): FramePoint {
  const x = (point.x - layout.offsetX) / layout.width;

  return {
    x: layout.mirrored ? 1 - x : x,
    y: (point.y - layout.offsetY) / layout.height,
  };
}

/**
 * Checks whether an element point lies on a visible part of the frame: inside the drawn rectangle
 * (not on a letterbox bar) and inside the box (not on a part that `cover` crops). Edges count as
 * inside.
 */
export function isInsideDisplayedFrame(point: ElementPoint, layout: DisplayLayout): boolean {
  const left = Math.max(0, layout.offsetX);
  const top = Math.max(0, layout.offsetY);
  const right = Math.min(layout.boxWidth, layout.offsetX + layout.width);
  const bottom = Math.min(layout.boxHeight, layout.offsetY + layout.height);

  return point.x >= left && point.x <= right && point.y >= top && point.y <= bottom;
}

/**
 * Computes the part of the frame that the element shows, in normalized frame coordinates. It is
 * the whole frame (0..1) with `contain` and a centred crop with `cover`, so the agent's console can
 * outline what a customer's `cover` preview leaves out.
 */
export function visibleFrameRegion(layout: DisplayLayout): FrameRegion {
  const topLeft = elementToFrame({ x: 0, y: 0 }, layout);
  const bottomRight = elementToFrame({ x: layout.boxWidth, y: layout.boxHeight }, layout);

  const clamp = (value: number): number => Math.min(1, Math.max(0, value));

  return {
    left: clamp(Math.min(topLeft.x, bottomRight.x)),
    top: clamp(Math.min(topLeft.y, bottomRight.y)),
    right: clamp(Math.max(topLeft.x, bottomRight.x)),
    bottom: clamp(Math.max(topLeft.y, bottomRight.y)),
  };
}

/**
 * Maps a normalized frame length along one axis to CSS pixels, for example an ellipse's x radius
 * (a fraction of the frame width) or y radius (a fraction of the frame height). Mirroring does not
 * change lengths.
 */
export function frameLengthToElement(
  length: number,
  axis: FrameAxis,
  layout: DisplayLayout,
): number {
  return length * (axis === 'x' ? layout.width : layout.height);
}

/**
 * Maps a length in CSS pixels along one axis to a normalized frame length: the inverse of
 * {@link frameLengthToElement}.
 */
export function elementLengthToFrame(
  pixels: number,
  axis: FrameAxis,
  layout: DisplayLayout,
): number {
  return pixels / (axis === 'x' ? layout.width : layout.height);
}

/**
 * Maps a stroke width, stored as a fraction of the frame's shorter side, to CSS pixels. The
 * shorter side stays the same when the camera turns between portrait and landscape, so a stroke
 * covers the same share of the picture on every screen. The result is at least `minPixels`, so a
 * stroke stays visible on a small preview.
 */
export function strokeWidthToElement(
  strokeWidth: number,
  layout: DisplayLayout,
  minPixels: number = minStrokeCssPixels,
): number {
  return Math.max(minPixels, strokeWidth * Math.min(layout.width, layout.height));
}

/**
 * Maps a stroke width in CSS pixels, as a drawing tool offers it, to a fraction of the frame's
 * shorter side: the inverse of {@link strokeWidthToElement} above its minimum.
 */
export function elementStrokeWidthToFrame(pixels: number, layout: DisplayLayout): number {
  return pixels / Math.min(layout.width, layout.height);
}

/**
 * Computes the ellipse inscribed in the rectangle with opposite corners `a` and `b`, as the agent
 * drags it out: the centre, and radii as fractions of the frame width (`rx`) and height (`ry`).
 */
export function ellipseFromCorners(
  a: FramePoint,
  b: FramePoint,
): { readonly center: FramePoint; readonly rx: number; readonly ry: number } {
  return {
    center: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
    rx: Math.abs(b.x - a.x) / 2,
    ry: Math.abs(b.y - a.y) / 2,
  };
}

/**
 * Rounds a frame point to steps of 0.0001, which is 0.4 pixels of a 4096-pixel frame. A freehand
 * stroke of `maxFreehandPoints` rounded points fits in one signaling message.
 */
export function quantizeFramePoint(point: FramePoint): FramePoint {
  return { x: Math.round(point.x * 10_000) / 10_000, y: Math.round(point.y * 10_000) / 10_000 };
}
