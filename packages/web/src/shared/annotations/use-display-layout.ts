import type { DisplayLayout, ObjectFit } from '@lensdesk/protocol';
import { computeLayout } from '@lensdesk/protocol/geometry';
import { useEffect, useState } from 'preact/hooks';

/** Element that shows the customer's frame: the live video or a frozen still. */
export type FrameElement = HTMLVideoElement | HTMLImageElement;

function intrinsicSize(element: FrameElement): { width: number; height: number } {
  return element instanceof HTMLVideoElement
    ? { width: element.videoWidth, height: element.videoHeight }
    : { width: element.naturalWidth, height: element.naturalHeight };
}

/** Computes where the frame is drawn in `element`, or null before its size is known. */
export function measureLayout(
  element: FrameElement,
  fit: ObjectFit,
  mirrored: boolean,
): DisplayLayout | null {
  const frame = intrinsicSize(element);
  // clientWidth ignores the `scaleX(-1)` transform of a mirrored preview, as the geometry expects.
  const boxWidth = element.clientWidth;
  const boxHeight = element.clientHeight;
  if (frame.width <= 0 || frame.height <= 0 || boxWidth <= 0 || boxHeight <= 0) {
    return null;
  }
  return computeLayout({
    frameWidth: frame.width,
    frameHeight: frame.height,
    boxWidth,
    boxHeight,
    fit,
    mirrored,
  });
}

function sameLayout(a: DisplayLayout | null, b: DisplayLayout | null): boolean {
  if (a === null || b === null) {
    return a === b;
  }
  return (
    a.boxWidth === b.boxWidth &&
    a.boxHeight === b.boxHeight &&
    a.width === b.width &&
    a.height === b.height &&
    a.mirrored === b.mirrored
  );
}

/**
 * Follows the layout of a frame element: it changes when the element resizes (ResizeObserver,
 * window `resize`, `orientationchange`) and when the frame's own size changes, as a video's
 * `resize` event reports after a camera flip or a phone rotation.
 */
export function useDisplayLayout(
  element: FrameElement | null,
  fit: ObjectFit,
  mirrored: boolean,
): DisplayLayout | null {
  const [layout, setLayout] = useState<DisplayLayout | null>(null);

  useEffect(() => {
    if (element === null) {
      setLayout(null);
      return;
    }
    const update = (): void => {
      const next = measureLayout(element, fit, mirrored);
      setLayout((current) => (sameLayout(current, next) ? current : next));
    };
    update();

    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(element);
    const elementEvents = ['resize', 'loadedmetadata', 'load', 'playing'];
    const windowEvents = ['resize', 'orientationchange'];
    for (const type of elementEvents) {
      element.addEventListener(type, update);
    }
    for (const type of windowEvents) {
      window.addEventListener(type, update);
    }
    // Some mobile browsers report the new size only after the rotation animation ends.
    const late = window.setInterval(update, 1000);

    return () => {
      observer?.disconnect();
      for (const type of elementEvents) {
        element.removeEventListener(type, update);
      }
      for (const type of windowEvents) {
        window.removeEventListener(type, update);
      }
      window.clearInterval(late);
    };
  }, [element, fit, mirrored]);

  return layout;
}
