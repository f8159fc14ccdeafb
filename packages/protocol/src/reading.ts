import { z } from 'zod';
import { languageTagSchema, skillListSchema } from './skills.js';
import { supportHoursSchema } from './support-hours.js';

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

/**
 * A product line: what a customer's device is, how its serial numbers look, and how its
 * customers are routed (skills, language, support hours).
 */
export const productLineSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  /** Anchored regular expression of the serial number, such as `^[A-Z]{2}\d{6}$`, or null. */
  serialPattern: z.string().nullable(),
  checkDigit: checkDigitRuleSchema,
  /** Skills an agent needs to take this product line's customers; empty means any agent. */
  skills: z.array(z.string()),
  /** Language of the product line's customers, as a BCP 47 tag. */
  language: z.string(),
  /** Weekly opening hours; null means always open. */
  supportHours: supportHoursSchema.nullable(),
  /** Text the customer reads in the waiting room. */
  greeting: z.string().nullable(),
  /** Wait after which a queued customer may leave a callback request; null uses the default. */
  callbackAfterSeconds: z.number().int().nullable(),
  /** Page that the product line's QR codes and website button open, `<PUBLIC_URL>/p/<slug>`. */
  entryUrl: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ProductLine = z.infer<typeof productLineSchema>;

/** Maximum length of a product line's greeting. */
export const maxGreetingLength = 500;

/** Maximum of `callbackAfterSeconds`: four hours. */
export const maxCallbackAfterSeconds = 4 * 60 * 60;

const productLineFields = {
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
    .regex(/^\^.*\$$/, 'A serial pattern is anchored: it starts with ^ and ends with $.'),
  checkDigit: checkDigitRuleSchema,
  skills: skillListSchema,
  language: languageTagSchema,
  supportHours: supportHoursSchema.nullable(),
  /** An empty greeting is stored as null. */
  greeting: z.string().trim().max(maxGreetingLength).nullable(),
  callbackAfterSeconds: z.number().int().min(0).max(maxCallbackAfterSeconds).nullable(),
};

/** Body of `POST /api/product-lines`; everything but name and slug is optional. */
export const createProductLineBodySchema = z
  .object({
    name: productLineFields.name,
    slug: productLineFields.slug,
    serialPattern: productLineFields.serialPattern.optional(),
    checkDigit: productLineFields.checkDigit.default('none'),
    skills: productLineFields.skills.default([]),
    language: productLineFields.language.default('en'),
    supportHours: productLineFields.supportHours.default(null),
    greeting: productLineFields.greeting.default(null),
    callbackAfterSeconds: productLineFields.callbackAfterSeconds.default(null),
  })
  .strict();
export type CreateProductLineBody = z.infer<typeof createProductLineBodySchema>;
/** Body of `POST /api/product-lines` as a client writes it, before defaults apply. */
export type CreateProductLineInput = z.input<typeof createProductLineBodySchema>;

/** Body of `PATCH /api/product-lines/:id`: only the fields given change; null clears a field. */
export const updateProductLineBodySchema = z
  .object({
    name: productLineFields.name.optional(),
    slug: productLineFields.slug.optional(),
    serialPattern: productLineFields.serialPattern.nullable().optional(),
    checkDigit: productLineFields.checkDigit.optional(),
    skills: productLineFields.skills.optional(),
    language: productLineFields.language.optional(),
    supportHours: productLineFields.supportHours.optional(),
    greeting: productLineFields.greeting.optional(),
    callbackAfterSeconds: productLineFields.callbackAfterSeconds.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'Give at least one field to change.');
export type UpdateProductLineBody = z.infer<typeof updateProductLineBodySchema>;
/** Body of `PATCH /api/product-lines/:id` as a client writes it. */
export type UpdateProductLineInput = z.input<typeof updateProductLineBodySchema>;

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
