import type { Annotation, AnnotationSurface, DisplayLayout } from '@lensdesk/protocol';
import { annotationPalette } from '@lensdesk/protocol/annotation-state';
import {
  frameLengthToElement,
  frameToElement,
  strokeWidthToElement,
} from '@lensdesk/protocol/geometry';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AnnotationStore } from './store';

export interface AnnotationLayerProps {
  store: AnnotationStore;
  surface: AnnotationSurface;
  /** Layout of the frame in the element the layer covers, or null before it is known. */
  layout: DisplayLayout | null;
  class?: string;
}

/**
 * Draws the annotations of one surface as SVG over the element that shows the frame. The layer
 * covers that element's box exactly and is never mirrored itself: mirroring is in the layout, so
 * shapes land on the mirrored spot while text stays readable. SVG is drawn at the device's pixel
 * ratio by the browser, so strokes stay sharp on every screen.
 */
export function AnnotationLayer(props: AnnotationLayerProps): JSX.Element {
  const { store, surface, layout } = props;
  const annotations = store.stateOf(surface).annotations;
  const now = useFadeClock(store, surface);
  const width = layout?.boxWidth ?? 0;
  const height = layout?.boxHeight ?? 0;

  return (
    <svg
      class={['annotation-layer', props.class].filter(Boolean).join(' ')}
      data-testid="annotation-overlay"
      data-surface={surface}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      {layout === null
        ? null
        : annotations.map((annotation) => {
            const opacity = store.opacityOf(surface, annotation, now);
            return opacity <= 0 ? null : (
              <Shape
                key={annotation.id}
                annotation={annotation}
                layout={layout}
                opacity={opacity}
              />
            );
          })}
    </svg>
  );
}

/**
 * Returns the current time. The layer re-renders ten times a second while an unpinned
 * annotation is visible, and otherwise only when the annotations change.
 */
function useFadeClock(store: AnnotationStore, surface: AnnotationSurface): number {
  const [now, setNow] = useState(() => performance.now());
  const annotations = store.stateOf(surface).annotations;
  const fading = annotations.some(
    (annotation) => !annotation.pinned && store.opacityOf(surface, annotation, now) > 0,
  );

  useEffect(() => {
    if (!fading) {
      return;
    }
    // Ten updates a second keep the fade smooth enough without redrawing every frame.
    const timer = window.setInterval(() => setNow(performance.now()), 100);
    return () => window.clearInterval(timer);
  }, [fading]);

  // A new operation restarts the clock at once, so a fresh annotation shows fully opaque.
  useEffect(() => setNow(performance.now()), [annotations]);
  return now;
}

/** Returns the CSS colour of a palette name or hex colour. */
export function cssColour(colour: string): string {
  return colour in annotationPalette
    ? annotationPalette[colour as keyof typeof annotationPalette]
    : colour;
}

function Shape(props: {
  annotation: Annotation;
  layout: DisplayLayout;
  opacity: number;
}): JSX.Element {
  const { annotation, layout } = props;
  const colour = cssColour(annotation.color);
  const common = {
    'data-annotation-id': annotation.id,
    'data-annotation-type': annotation.type,
    opacity: props.opacity,
  };

  switch (annotation.type) {
    case 'circle': {
      const centre = frameToElement(annotation.center, layout);
      return (
        <ellipse
          {...common}
          class="annotation-stroke"
          data-center-x={centre.x.toFixed(1)}
          data-center-y={centre.y.toFixed(1)}
          cx={centre.x}
          cy={centre.y}
          rx={frameLengthToElement(annotation.rx, 'x', layout)}
          ry={frameLengthToElement(annotation.ry, 'y', layout)}
          stroke={colour}
          stroke-width={strokeWidthToElement(annotation.strokeWidth, layout)}
          fill="none"
        />
      );
    }
    case 'arrow':
      return <Arrow {...common} annotation={annotation} layout={layout} colour={colour} />;
    case 'freehand': {
      const points = annotation.points
        .map((point) => frameToElement(point, layout))
        .map((point) => `${point.x.toFixed(1)},${point.y.toFixed(1)}`)
        .join(' ');
      return (
        <polyline
          {...common}
          class="annotation-stroke"
          points={points}
          stroke={colour}
          stroke-width={strokeWidthToElement(annotation.strokeWidth, layout)}
          fill="none"
        />
      );
    }
    case 'text':
      return <Label {...common} annotation={annotation} layout={layout} colour={colour} />;
    case 'pointer': {
      const at = frameToElement(annotation.at, layout);
      return (
        <circle
          {...common}
          class="annotation-pointer"
          data-center-x={at.x.toFixed(1)}
          data-center-y={at.y.toFixed(1)}
          cx={at.x}
          cy={at.y}
          r={9}
          fill={colour}
        />
      );
    }
  }
}

type ShapeProps<A> = {
  annotation: A;
  layout: DisplayLayout;
  colour: string;
  opacity: number;
  'data-annotation-id': string;
  'data-annotation-type': string;
};

function Arrow(props: ShapeProps<Extract<Annotation, { type: 'arrow' }>>): JSX.Element {
  const { annotation, layout, colour, ...rest } = props;
  const from = frameToElement(annotation.from, layout);
  const to = frameToElement(annotation.to, layout);
  const width = strokeWidthToElement(annotation.strokeWidth, layout);

  // The head scales with the stroke, and its base ends the shaft so the tip stays sharp.
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const ux = (to.x - from.x) / length;
  const uy = (to.y - from.y) / length;
  const head = Math.min(length, Math.max(14, width * 4));
  const baseX = to.x - ux * head;
  const baseY = to.y - uy * head;
  const half = head * 0.55;
  const wing = (sign: number): string =>
    `${(baseX - uy * half * sign).toFixed(1)},${(baseY + ux * half * sign).toFixed(1)}`;

  return (
    <g {...rest} data-from-x={from.x.toFixed(1)} data-from-y={from.y.toFixed(1)}>
      <line
        class="annotation-stroke"
        x1={from.x}
        y1={from.y}
        x2={baseX}
        y2={baseY}
        stroke={colour}
        stroke-width={width}
      />
      <polygon
        class="annotation-head"
        points={`${to.x.toFixed(1)},${to.y.toFixed(1)} ${wing(1)} ${wing(-1)}`}
        fill={colour}
      />
    </g>
  );
}

function Label(props: ShapeProps<Extract<Annotation, { type: 'text' }>>): JSX.Element {
  const { annotation, layout, colour, ...rest } = props;
  const at = frameToElement(annotation.at, layout);
  // About 4.5 % of the picture's shorter side, and never below a readable size.
  const size = Math.max(15, 0.045 * Math.min(layout.width, layout.height));
  const dark = colour === '#000000';

  return (
    <text
      {...rest}
      class="annotation-text"
      data-center-x={at.x.toFixed(1)}
      data-center-y={at.y.toFixed(1)}
      x={at.x}
      y={at.y}
      font-size={size}
      fill={colour}
      stroke={dark ? '#ffffff' : 'rgba(0, 0, 0, 0.75)'}
      stroke-width={Math.max(2, size / 7)}
      text-anchor="middle"
      dominant-baseline="central"
    >
      {annotation.text}
    </text>
  );
}
