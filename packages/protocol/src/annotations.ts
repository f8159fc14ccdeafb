/**
 * Annotations that an agent draws on the customer's live video, and the operations that peers
 * exchange to keep one shared list of them.
 *
 * Every point is in normalized coordinates of the customer's camera frame as captured (see
 * geometry.ts), so each screen maps it to its own pixels. Parsed values are frozen, and
 * `applyOperation` (in annotation-state.ts, re-exported here) returns new values without
 * changing its inputs.
 */
import { z } from 'zod';
import {
  annotationPalette,
  frameCoordinateMargin,
  maxAnnotationTextLength,
  maxAnnotations,
  maxFreehandPoints,
  maxRememberedOperations,
  maxStrokeWidth,
  minStrokeWidth,
  type PaletteColor,
} from './annotation-state.js';

export * from './annotation-state.js';

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
