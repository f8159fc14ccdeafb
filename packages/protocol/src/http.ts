import { z } from 'zod';
import { queuePositionSchema } from './queue.js';
import { dispositions, sessionStatusSchema, userSchema } from './session.js';
import { resolutionCodeSlugSchema } from './wrap-up.js';

/** Body of `POST /api/auth/login`. */
export const loginBodySchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** Response of `POST /api/auth/login` and `GET /api/auth/me`. */
export const meResponseSchema = z.object({ user: userSchema });
export type MeResponse = z.infer<typeof meResponseSchema>;

/** Body of `POST /api/sessions`: everything optional, so an agent can invite in one click. */
export const createSessionBodySchema = z
  .object({
    customerName: z.string().trim().min(1).max(120).optional(),
    topic: z.string().trim().min(1).max(200).optional(),
    /** Also issue a six-digit code that the customer can type at `/join` instead of the link. */
    shortCode: z.boolean().optional(),
  })
  .strict();
export type CreateSessionBody = z.infer<typeof createSessionBodySchema>;

/** Response of `POST /api/sessions`. */
export const createSessionResponseSchema = z.object({
  id: z.string(),
  customerUrl: z.string(),
  qrCodeSvgUrl: z.string(),
  expiresAt: z.iso.datetime(),
  /** Six digits (shown grouped as `123 456`), present when the request asked for a short code. */
  shortCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** When the short code stops working: the invite's expiry or the code's own, whichever is first. */
  shortCodeExpiresAt: z.iso.datetime().optional(),
});
export type CreateSessionResponse = z.infer<typeof createSessionResponseSchema>;

/** Query of `GET /api/sessions`. */
export const listSessionsQuerySchema = z.object({
  status: sessionStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListSessionsQuery = z.infer<typeof listSessionsQuerySchema>;

/**
 * Body of `POST /api/sessions/:id/wrap-up`, the agent's closing record of a call. The resolution
 * code is required while the admin list has at least one active code.
 */
export const wrapUpBodySchema = z
  .object({
    disposition: z.enum(dispositions),
    resolutionCode: resolutionCodeSlugSchema.optional(),
    notes: z.string().max(10_000).default(''),
  })
  .strict();
export type WrapUpBody = z.infer<typeof wrapUpBodySchema>;

/** Path parameters of routes under `/api/sessions/:id`. */
export const sessionParamsSchema = z.object({ id: z.uuid() });

/** What the customer page learns about its session before the customer presses Start. */
export const customerSessionResponseSchema = z.object({
  sessionId: z.string(),
  status: sessionStatusSchema,
  companyName: z.string(),
  agent: z.object({ name: z.string(), initials: z.string() }).nullable(),
  expiresAt: z.iso.datetime(),
  /** Place in the queue while the customer waits for an agent to accept; null otherwise. */
  queue: queuePositionSchema.nullable(),
  /** Product line the customer asked about, with the waiting room's greeting. */
  productLine: z.object({ name: z.string(), greeting: z.string().nullable() }).nullable(),
});
export type CustomerSessionResponse = z.infer<typeof customerSessionResponseSchema>;
