import { z } from 'zod';

/**
 * Annotations that an agent draws on the customer's live video, and the operations that peers
 * exchange to keep one shared list of them.
 *
 * Every point is in normalized coordinates of the customer's camera frame as captured (see
 * geometry.ts), so each screen maps it to its own pixels. Parsed values are frozen, and
 * {@link applyOperation} returns new values without changing its inputs.
 */

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

const paletteColors = Object.keys(annotationPalette) as [PaletteColor, ...PaletteColor[]];

/** Colour of an annotation: a palette name, or a `#rrggbb` hex colour. */
export const annotationColorSchema = z.union([
  z.enum(paletteColors),
  z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour is a palette name or a #rrggbb hex colour.'),
]);
export type AnnotationColor = z.infer<typeof annotationColorSchema>;

/** Id of an annotation, an operation or a participant: 1 to 64 of `A-Z a-z 0-9 _ - . :`. */
export const annotationIdSchema = z
  .string()
  .regex(/^[\w.:-]{1,64}$/, 'An id has 1 to 64 letters, digits, or the characters _ - . :');

const coordinateSchema = z
  .number()
  .min(-frameCoordinateMargin, `A coordinate is at least ${-frameCoordinateMargin}.`)
  .max(1 + frameCoordinateMargin, `A coordinate is at most ${1 + frameCoordinateMargin}.`);

/** Point in normalized frame coordinates. NaN and infinities are invalid. */
export const framePointSchema = z.object({ x: coordinateSchema, y: coordinateSchema }).readonly();

const strokeWidthSchema = z.number().min(minStrokeWidth).max(maxStrokeWidth);

/** Ellipse radius as a fraction of the frame width (x) or height (y). */
const radiusSchema = z.number().min(0).max(1);

const pointsSchema = z
  .array(framePointSchema)
  .min(1)
  .max(maxFreehandPoints, `A freehand stroke has at most ${maxFreehandPoints} points.`)
  .readonly();

const textSchema = z
  .string()
  .min(1, 'The label is empty.')
  .max(maxAnnotationTextLength, `A label has at most ${maxAnnotationTextLength} characters.`);

const baseFields = {
  id: annotationIdSchema,
  /** Positive integer that grows with every update, so peers keep the highest. */
  version: z.number().int().min(1),
  /** Participant that drew it. Relays should set it from the sender's identity. */
  author: annotationIdSchema,
  color: annotationColorSchema,
  /** Whether it stays until removed. Unpinned annotations fade after their last change. */
  pinned: z.boolean(),
  /** Creation time in Unix epoch milliseconds, on the author's clock. */
  createdAt: z.number().int().min(0),
};

/**
 * One annotation, by `type`:
 * - `pointer`: a laser dot at `at` that follows the agent's cursor. Undo skips it.
 * - `circle`: an ellipse with centre `center` and radii `rx` (fraction of the frame width) and
 *   `ry` (fraction of the frame height), so it stays on the same object when screens differ.
 * - `arrow`: a straight arrow from `from` to `to`, with its head at `to`.
 * - `freehand`: a stroke through `points`, in drawing order.
 * - `text`: a label centred on `at`. Centring keeps it over the same spot when a screen mirrors
 *   the frame, because the text itself is never drawn mirrored.
 */
export const annotationSchema = z.discriminatedUnion('type', [
  z.object({ ...baseFields, type: z.literal('pointer'), at: framePointSchema }).readonly(),
  z
    .object({
      ...baseFields,
      type: z.literal('circle'),
      center: framePointSchema,
      rx: radiusSchema,
      ry: radiusSchema,
      strokeWidth: strokeWidthSchema,
    })
    .readonly(),
  z
    .object({
      ...baseFields,
      type: z.literal('arrow'),
      from: framePointSchema,
      to: framePointSchema,
      strokeWidth: strokeWidthSchema,
    })
    .readonly(),
  z
    .object({
      ...baseFields,
      type: z.literal('freehand'),
      points: pointsSchema,
      strokeWidth: strokeWidthSchema,
    })
    .readonly(),
  z
    .object({ ...baseFields, type: z.literal('text'), at: framePointSchema, text: textSchema })
    .readonly(),
]);
export type Annotation = z.infer<typeof annotationSchema>;
export type AnnotationType = Annotation['type'];
export type PointerAnnotation = Extract<Annotation, { type: 'pointer' }>;
export type CircleAnnotation = Extract<Annotation, { type: 'circle' }>;
export type ArrowAnnotation = Extract<Annotation, { type: 'arrow' }>;
export type FreehandAnnotation = Extract<Annotation, { type: 'freehand' }>;
export type TextAnnotation = Extract<Annotation, { type: 'text' }>;

/**
 * Fields that an update changes. Unknown fields are invalid, and {@link applyOperation} rejects a
 * patch with a field that the target's type lacks (see {@link patchableFields}).
 */
export const annotationPatchSchema = z
  .strictObject({
    at: framePointSchema.optional(),
    center: framePointSchema.optional(),
    rx: radiusSchema.optional(),
    ry: radiusSchema.optional(),
    from: framePointSchema.optional(),
    to: framePointSchema.optional(),
    points: pointsSchema.optional(),
    text: textSchema.optional(),
    color: annotationColorSchema.optional(),
    strokeWidth: strokeWidthSchema.optional(),
    pinned: z.boolean().optional(),
  })
  .refine(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    'A patch changes at least one field.',
  )
  .readonly();
export type AnnotationPatch = z.infer<typeof annotationPatchSchema>;

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

/**
 * Operation on the shared annotation list. Each has a unique `opId`, chosen by its sender, so a
 * repeated delivery is ignored.
 * - `add`: appends an annotation, on top of the others.
 * - `update`: merges `patch` into annotation `id` and sets its version to `version`, which must be
 *   higher than the current one.
 * - `remove`: removes annotation `id`.
 * - `clear`: removes every annotation.
 * - `undo`: removes the latest annotation that `author` added and that still exists, except
 *   pointers.
 */
export const annotationOperationSchema = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('add'), opId: annotationIdSchema, annotation: annotationSchema })
    .readonly(),
  z
    .object({
      type: z.literal('update'),
      opId: annotationIdSchema,
      id: annotationIdSchema,
      version: z.number().int().min(2),
      patch: annotationPatchSchema,
    })
    .readonly(),
  z
    .object({ type: z.literal('remove'), opId: annotationIdSchema, id: annotationIdSchema })
    .readonly(),
  z.object({ type: z.literal('clear'), opId: annotationIdSchema }).readonly(),
  z
    .object({ type: z.literal('undo'), opId: annotationIdSchema, author: annotationIdSchema })
    .readonly(),
]);
export type AnnotationOperation = z.infer<typeof annotationOperationSchema>;

/**
 * Annotation state as a relay sends it to a late joiner: the annotations from bottom to top and
 * the ids of the latest applied operations, oldest first. Annotation ids are unique.
 */
export const annotationSnapshotSchema = z
  .object({
    annotations: z.array(annotationSchema).max(maxAnnotations).readonly(),
    seenOpIds: z.array(annotationIdSchema).max(maxRememberedOperations).readonly(),
  })
  .superRefine((snapshot, context) => {
    const ids = new Set<string>();
    snapshot.annotations.forEach((annotation, index) => {
      if (ids.has(annotation.id)) {
        context.addIssue({
          code: 'custom',
          path: ['annotations', index, 'id'],
          message: `Annotation id ${annotation.id} appears more than once.`,
        });
      }
      ids.add(annotation.id);
    });
  })
  .readonly();

/** Shared annotation state, with the same shape as the snapshot that late joiners receive. */
export type AnnotationState = z.infer<typeof annotationSnapshotSchema>;

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
