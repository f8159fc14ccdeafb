import { z } from 'zod';

/** Rectangle in normalized coordinates of a whole image: 0..1 on both axes, origin top left. */
export const normalizedBoxSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  width: z.number().min(0).max(1),
  height: z.number().min(0).max(1),
});
export type NormalizedBox = z.infer<typeof normalizedBoxSchema>;

/** Check-digit rule of a serial pattern: Luhn (`mod10`), GS1 (`gs1`), ISBN-10 style (`mod11`). */
export const checkDigitRuleSchema = z.enum(['none', 'mod10', 'gs1', 'mod11']);

/** A product line: what a customer's device is, and how its serial numbers look. */
export const productLineSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  /** Anchored regular expression of the serial number, such as `^[A-Z]{2}\d{6}$`, or null. */
  serialPattern: z.string().nullable(),
  checkDigit: checkDigitRuleSchema,
  createdAt: z.iso.datetime(),
});
export type ProductLine = z.infer<typeof productLineSchema>;

/** Body of `POST /api/product-lines`. */
export const createProductLineBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    slug: z
      .string()
      .regex(
        /^[a-z0-9]+(-[a-z0-9]+)*$/,
        'A slug has lower-case letters and digits, joined by single hyphens.',
      )
      .max(60),
    serialPattern: z
      .string()
      .max(200)
      .regex(/^\^.*\$$/, 'A serial pattern is anchored: it starts with ^ and ends with $.')
      .optional(),
    checkDigit: checkDigitRuleSchema.default('none'),
  })
  .strict();
export type CreateProductLineBody = z.infer<typeof createProductLineBodySchema>;

/** Body of `POST /api/snapshots/:id/read`. */
export const readSnapshotBodySchema = z
  .object({
    /** Part of the snapshot to read; the whole snapshot when absent (a scan). */
    region: normalizedBoxSchema.optional(),
    /** Product line whose serial pattern ranks candidates; the session's own when absent. */
    productLineId: z.uuid().optional(),
  })
  .strict();
export type ReadSnapshotBody = z.infer<typeof readSnapshotBodySchema>;

/** Result of `POST /api/snapshots/:id/read`, with boxes normalized to the snapshot. */
export const readResultSchema = z.object({
  /** Id of this read, which a confirmation refers to. */
  readId: z.string(),
  serialCandidates: z.array(
    z.object({ value: z.string(), confidence: z.number(), pattern: z.string().optional() }),
  ),
  text: z.array(z.object({ value: z.string(), confidence: z.number(), box: normalizedBoxSchema })),
  barcodes: z.array(z.object({ format: z.string(), value: z.string(), box: normalizedBoxSchema })),
  durationMs: z.number(),
});
export type ReadResult = z.infer<typeof readResultSchema>;

/** Body of `PATCH /api/sessions/:id`: case fields the agent confirms or edits. */
export const updateSessionBodySchema = z
  .object({
    serialNumber: z.string().trim().max(64).nullable().optional(),
    modelNumber: z.string().trim().max(64).nullable().optional(),
    productLineId: z.uuid().nullable().optional(),
    /** The read the value came from, when the agent confirmed a candidate. */
    readId: z.string().max(64).optional(),
  })
  .strict()
  .refine(
    (body) =>
      body.serialNumber !== undefined ||
      body.modelNumber !== undefined ||
      body.productLineId !== undefined,
    'Set at least one of serialNumber, modelNumber and productLineId.',
  );
export type UpdateSessionBody = z.infer<typeof updateSessionBodySchema>;
