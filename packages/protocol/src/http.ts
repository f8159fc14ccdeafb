import { z } from 'zod';
import { dispositions, sessionStatusSchema, userSchema } from './session.js';

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
  })
  .strict();
export type CreateSessionBody = z.infer<typeof createSessionBodySchema>;

/** Response of `POST /api/sessions`. */
export const createSessionResponseSchema = z.object({
  id: z.string(),
  customerUrl: z.string(),
  qrCodeSvgUrl: z.string(),
  expiresAt: z.iso.datetime(),
});
export type CreateSessionResponse = z.infer<typeof createSessionResponseSchema>;

/** Query of `GET /api/sessions`. */
export const listSessionsQuerySchema = z.object({
  status: sessionStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListSessionsQuery = z.infer<typeof listSessionsQuerySchema>;

/** Body of `POST /api/sessions/:id/wrap-up`, the agent's closing record of a call. */
export const wrapUpBodySchema = z
  .object({
    disposition: z.enum(dispositions),
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
});
export type CustomerSessionResponse = z.infer<typeof customerSessionResponseSchema>;
