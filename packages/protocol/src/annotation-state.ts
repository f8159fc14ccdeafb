/**
 * The annotation model's plain values and its reducer, without zod, so that a page can apply
 * operations and draw annotations without loading the schemas. The schemas and types are in
 * annotations.ts, which re-exports everything here; import this module through the
 * `@lensdesk/protocol/annotation-state` subpath where bundle size matters.
 */
import type {
  Annotation,
  AnnotationOperation,
  AnnotationPatch,
  AnnotationState,
  AnnotationType,
} from './annotations.js';

/**
 * How far outside the frame a point may lie, as a fraction of the frame's size. The agent's
 * console letterboxes the frame, so an arrow can start on a bar beside the picture and point in.
 * Coordinates are valid from −0.5 to 1.5 on both axes. Renderers clip drawings to the box.
 */
export const frameCoordinateMargin = 0.5;

/** Maximum number of points in one freehand stroke. */
export const maxFreehandPoints = 2000;

/** Maximum length of a text label, in UTF-16 code units as `String.length` counts them. */
export const maxAnnotationTextLength = 200;

/**
 * Maximum number of annotations in one call. Adding one more first drops the oldest unpinned
 * annotation, and is rejected only when every annotation is pinned.
 */
export const maxAnnotations = 200;

/**
 * Number of recent operation ids that a state keeps to ignore repeated deliveries. An operation
 * repeated after more than this many newer operations is applied again.
 */
export const maxRememberedOperations = 1000;

/**
 * Thinnest stroke width. Stroke widths are fractions of the frame's shorter side, so a stroke
 * covers the same part of the picture on every screen (see `strokeWidthToElement`).
 */
export const minStrokeWidth = 0.001;
/** Thickest stroke width, as a fraction of the frame's shorter side. */
export const maxStrokeWidth = 0.05;
/** Default stroke width: about 4 CSS pixels where a 720p frame's shorter side fills 500 pixels. */
export const defaultStrokeWidth = 0.008;

/** Time an unpinned annotation stays fully visible after its last change, in milliseconds. */
export const annotationFadeDelayMs = 5000;
/** Time an unpinned annotation takes to fade out after that delay, in milliseconds. */
export const annotationFadeDurationMs = 1000;

/** Named colours that the drawing tools offer, with the CSS colour each one is drawn in. */
export const annotationPalette = {
  red: '#ff3b30',
  orange: '#ff9500',
  yellow: '#ffcc00',
  green: '#34c759',
  blue: '#0a84ff',
  white: '#ffffff',
  black: '#000000',
} as const;
export type PaletteColor = keyof typeof annotationPalette;

/**
 * Fields that an update may change, by annotation type. `id`, `type`, `author` and `createdAt`
 * never change.
 */
export const patchableFields: Readonly<Record<AnnotationType, readonly (keyof AnnotationPatch)[]>> =
  {
    pointer: ['at', 'color', 'pinned'],
    circle: ['center', 'rx', 'ry', 'strokeWidth', 'color', 'pinned'],
    arrow: ['from', 'to', 'strokeWidth', 'color', 'pinned'],
    freehand: ['points', 'strokeWidth', 'color', 'pinned'],
    text: ['at', 'text', 'color', 'pinned'],
  };

/** State with no annotations, where every call starts. */
export const emptyAnnotationState: AnnotationState = Object.freeze({
  annotations: Object.freeze([]),
  seenOpIds: Object.freeze([]),
});

/** Reason why {@link tryApplyOperation} left the state unchanged. */
export type RejectionReason =
  | 'duplicate_operation'
  | 'duplicate_id'
  | 'not_found'
  | 'stale_version'
  | 'invalid_patch'
  | 'too_many_annotations';

/** Outcome of one operation. A rejected operation returns the input state itself. */
export type OperationResult =
  | { readonly applied: true; readonly state: AnnotationState }
  | { readonly applied: false; readonly reason: RejectionReason; readonly state: AnnotationState };

type ListOutcome =
  | { readonly ok: true; readonly annotations: readonly Annotation[] }
  | { readonly ok: false; readonly reason: RejectionReason };

const listResult = (annotations: readonly Annotation[]): ListOutcome => ({
  ok: true,
  annotations: Object.freeze(annotations),
});

const listRejection = (reason: RejectionReason): ListOutcome => ({ ok: false, reason });

function addAnnotation(annotations: readonly Annotation[], annotation: Annotation): ListOutcome {
  if (annotations.some((existing) => existing.id === annotation.id)) {
    return listRejection('duplicate_id');
  }

  if (annotations.length < maxAnnotations) {
    return listResult([...annotations, annotation]);
  }

  // A full list makes room by dropping the oldest annotation that would fade anyway.
  const oldestUnpinned = annotations.findIndex((existing) => !existing.pinned);
  if (oldestUnpinned === -1) return listRejection('too_many_annotations');

  return listResult([...annotations.filter((_, index) => index !== oldestUnpinned), annotation]);
}

function updateAnnotation(
  annotations: readonly Annotation[],
  op: Extract<AnnotationOperation, { type: 'update' }>,
): ListOutcome {
  const index = annotations.findIndex((existing) => existing.id === op.id);
  const current = annotations[index];
  if (current === undefined) return listRejection('not_found');

  // Newer wins: a version at or below the current one was already applied or superseded.
  if (op.version <= current.version) return listRejection('stale_version');

  // Fields set to undefined change nothing, as they would after a JSON round trip.
  const changes = Object.entries(op.patch).filter(([, value]) => value !== undefined);
  const allowed: readonly string[] = patchableFields[current.type];
  if (!changes.every(([field]) => allowed.includes(field))) return listRejection('invalid_patch');

  // The field check above keeps the merged value within `current`'s type.
  const merged = { ...current, ...Object.fromEntries(changes), version: op.version };
  const updated = Object.freeze(merged) as Annotation;

  return listResult(annotations.map((existing, i) => (i === index ? updated : existing)));
}

function removeAt(annotations: readonly Annotation[], index: number): ListOutcome {
  if (index === -1) return listRejection('not_found');

  return listResult(annotations.filter((_, i) => i !== index));
}

function applyToList(annotations: readonly Annotation[], op: AnnotationOperation): ListOutcome {
  switch (op.type) {
    case 'add':
      return addAnnotation(annotations, op.annotation);
    case 'update':
      return updateAnnotation(annotations, op);
    case 'remove':
      return removeAt(
        annotations,
        annotations.findIndex((item) => item.id === op.id),
      );
    case 'clear':
      return listResult([]);
    case 'undo':
      return removeAt(
        annotations,
        annotations.findLastIndex((item) => item.author === op.author && item.type !== 'pointer'),
      );
  }
}

/**
 * Applies one parsed operation and reports whether it changed anything. The function is pure and
 * deterministic: peers that apply the same operations in the same order reach equal states.
 *
 * Only applied operations are remembered. A rejected one may apply when it arrives again, once the
 * annotation it refers to has arrived. Parse the operation with {@link annotationOperationSchema}
 * first, because this function trusts its types and ranges.
 *
 * NOTE: an update carries a patch, not the whole annotation. When two participants update the same
 * annotation at once and no relay orders their operations, peers can keep different versions.
 */
export function tryApplyOperation(
  state: AnnotationState,
  op: AnnotationOperation,
): OperationResult {
  if (state.seenOpIds.includes(op.opId)) {
    return { applied: false, reason: 'duplicate_operation', state };
  }

  const outcome = applyToList(state.annotations, op);
  if (!outcome.ok) return { applied: false, reason: outcome.reason, state };

  const seenOpIds = [...state.seenOpIds, op.opId].slice(-maxRememberedOperations);
  const next: AnnotationState = Object.freeze({
    annotations: outcome.annotations,
    seenOpIds: Object.freeze(seenOpIds),
  });

  return { applied: true, state: next };
}

/**
 * Reduces the state by one parsed operation: {@link tryApplyOperation} without the outcome.
 * Returns the input state itself when the operation is rejected or was already applied.
 */
export function applyOperation(state: AnnotationState, op: AnnotationOperation): AnnotationState {
  return tryApplyOperation(state, op).state;
}

/**
 * Computes how opaque to draw an annotation, from 1 (fully visible) down to 0 (faded out).
 * Pinned annotations stay at 1. Measure `msSinceLastChange` on the viewer's own clock from when
 * the annotation last arrived or changed, because `createdAt` comes from the author's clock.
 */
export function fadeOpacity(
  annotation: Pick<Annotation, 'pinned'>,
  msSinceLastChange: number,
): number {
  if (annotation.pinned) return 1;

  const fading = (msSinceLastChange - annotationFadeDelayMs) / annotationFadeDurationMs;

  return Math.min(1, Math.max(0, 1 - fading));
}
