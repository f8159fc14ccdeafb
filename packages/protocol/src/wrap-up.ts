import { z } from 'zod';

/** Slug of a resolution code: what reports and the wrap-up store, stable once created. */
export const resolutionCodeSlugSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,49}$/,
    'must start with a lower-case letter and have at most 50 lower-case letters, digits or _',
  );

/**
 * One entry of the admin-managed list of resolution codes that agents pick in the wrap-up form.
 * A deactivated code is no longer offered, but the sessions that recorded it keep it.
 */
export const resolutionCodeSchema = z.object({
  code: z.string(),
  label: z.string(),
  active: z.boolean(),
  /** Sort key of the list; equal positions sort by label. */
  position: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type ResolutionCode = z.infer<typeof resolutionCodeSchema>;

const labelSchema = z.string().trim().min(1).max(80);
const positionSchema = z.number().int().min(0).max(10_000);

/** Body of `POST /api/resolution-codes`. */
export const createResolutionCodeBodySchema = z
  .object({
    code: resolutionCodeSlugSchema,
    label: labelSchema,
    active: z.boolean().default(true),
    /** Defaults to after the last code. */
    position: positionSchema.optional(),
  })
  .strict();
export type CreateResolutionCodeBody = z.infer<typeof createResolutionCodeBodySchema>;

/** Body of `PATCH /api/resolution-codes/:code`: the fields to change. The slug never changes. */
export const updateResolutionCodeBodySchema = z
  .object({
    label: labelSchema.optional(),
    active: z.boolean().optional(),
    position: positionSchema.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateResolutionCodeBody = z.infer<typeof updateResolutionCodeBodySchema>;

/** Path parameters of `/api/resolution-codes/:code`. */
export const resolutionCodeParamsSchema = z.object({ code: resolutionCodeSlugSchema });

/** Query of `GET /api/resolution-codes`. */
export const listResolutionCodesQuerySchema = z.object({
  /** `true` lists deactivated codes too, for the admin screen; the wrap-up form lists active ones. */
  all: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

/** Response of `GET /api/resolution-codes`, ordered by position, then label. */
export const resolutionCodeListSchema = z.object({ codes: z.array(resolutionCodeSchema) });
export type ResolutionCodeList = z.infer<typeof resolutionCodeListSchema>;
