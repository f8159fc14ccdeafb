import { z } from 'zod';

/** Labels on one A4 sheet of the label PDF: 3 columns by 8 rows of 70 × 37 mm. */
export const labelsPerSheet = 24;

/** Maximum serials in one label PDF request. */
export const maxLabelSerials = 1000;

/** Maximum serials passed as repeated `serial` query parameters; longer lists use POST. */
export const maxLabelSerialsInQuery = 100;

/** A serial or model number printed on a label: printable ASCII, no leading or trailing space. */
export const labelValueSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/, 'Use printable ASCII characters only.');

/** Query of `GET /api/product-lines/:id/qr.svg`: values the customer's page starts with. */
export const qrQuerySchema = z
  .object({
    serial: labelValueSchema.optional(),
    model: labelValueSchema.optional(),
  })
  .strict();
export type QrQuery = z.infer<typeof qrQuerySchema>;

/** Query of `GET /api/product-lines/:id/qr.png`: also the image width in pixels. */
export const qrPngQuerySchema = qrQuerySchema
  .extend({
    size: z.coerce.number().int().min(64).max(2048).default(512),
  })
  .strict();
export type QrPngQuery = z.infer<typeof qrPngQuerySchema>;

/**
 * Query of `GET /api/product-lines/:id/labels.pdf`. Without serials the PDF is one sheet of
 * identical labels; with them it has one label per serial, each QR code carrying its serial.
 */
export const labelsQuerySchema = z
  .object({
    serial: z
      .union([labelValueSchema, z.array(labelValueSchema)])
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .pipe(z.array(z.string()).max(maxLabelSerialsInQuery))
      .optional(),
    model: labelValueSchema.optional(),
  })
  .strict();

/** Body of `POST /api/product-lines/:id/labels.pdf`, for more serials than a URL carries. */
export const labelsBodySchema = z
  .object({
    serials: z.array(labelValueSchema).min(1).max(maxLabelSerials),
    model: labelValueSchema.optional(),
  })
  .strict();
export type LabelsBody = z.infer<typeof labelsBodySchema>;
