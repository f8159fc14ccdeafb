import { z } from 'zod';

/**
 * Availability of an agent. The server sets `busy` during an offer, a call and wrap-up, and
 * agents choose between `available`, `away` and `offline`. An available or away agent whose
 * console stops responding turns `offline`.
 */
export const agentStatuses = ['available', 'busy', 'away', 'offline'] as const;
export const agentStatusSchema = z.enum(agentStatuses);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

/** Reason a busy agent is busy. */
export const busyReasonSchema = z.enum(['offer', 'call', 'wrap_up']);
export type BusyReason = z.infer<typeof busyReasonSchema>;

/** Body of `PUT /api/presence`, with the statuses an agent may choose. */
export const setPresenceBodySchema = z
  .object({ status: z.enum(['available', 'away', 'offline']) })
  .strict();
export type SetPresenceBody = z.infer<typeof setPresenceBodySchema>;

/** Availability of one agent, as supervisors and the agent's own console see it. */
export const agentPresenceSchema = z.object({
  userId: z.string(),
  name: z.string(),
  status: agentStatusSchema,
  busyReason: busyReasonSchema.nullable(),
  /** Time the status last changed. */
  since: z.iso.datetime(),
  /** Time the agent last became free for a call. Routing prefers the agent idle longest. */
  idleSince: z.iso.datetime(),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Session of the agent's current offer, call or wrap-up. */
  sessionId: z.string().nullable(),
});
export type AgentPresence = z.infer<typeof agentPresenceSchema>;

/** One customer waiting in the queue, oldest first. */
export const queueEntrySchema = z.object({
  sessionId: z.string(),
  status: z.enum(['waiting', 'ringing']),
  entry: z.enum(['qr', 'widget']),
  customerName: z.string().nullable(),
  topic: z.string().nullable(),
  serialNumber: z.string().nullable(),
  modelNumber: z.string().nullable(),
  productLine: z.object({ id: z.string(), name: z.string(), slug: z.string() }).nullable(),
  language: z.string().nullable(),
  queuedAt: z.iso.datetime(),
  /** Agent the session rings for, while an offer is open. */
  offeredTo: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

/** Callback request from a customer who could not wait and left a contact. */
export const callbackRequestSchema = z.object({
  id: z.string(),
  status: z.enum(['open', 'invited', 'closed']),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  description: z.string(),
  productLine: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  /** Session the customer left from, if any. */
  sessionId: z.string().nullable(),
  /** Invite that an agent created to call the customer back. */
  inviteSessionId: z.string().nullable(),
});
export type CallbackRequest = z.infer<typeof callbackRequestSchema>;

/** Call in progress, for the supervisor's live view. */
export const liveCallSchema = z.object({
  sessionId: z.string(),
  status: z.enum(['active', 'wrap_up']),
  agent: z.object({ id: z.string(), name: z.string() }).nullable(),
  customerName: z.string().nullable(),
  productLine: z.object({ id: z.string(), name: z.string() }).nullable(),
  startedAt: z.iso.datetime().nullable(),
});
export type LiveCall = z.infer<typeof liveCallSchema>;

/** Response of `GET /api/queue` and payload of the `queue:state` socket event. */
export const queueStateSchema = z.object({
  waiting: z.array(queueEntrySchema),
  /** Open callback requests, oldest first. */
  callbacks: z.array(callbackRequestSchema),
  /** Availability of every agent. Sent to supervisors and admins only, so empty for agents. */
  agents: z.array(agentPresenceSchema),
  /** Calls in progress. Sent to supervisors and admins only, so empty for agents. */
  calls: z.array(liveCallSchema),
});
export type QueueState = z.infer<typeof queueStateSchema>;

/** Offer ringing in one agent's console. */
export const offerSchema = z.object({
  sessionId: z.string(),
  customerName: z.string().nullable(),
  topic: z.string().nullable(),
  productLine: z.object({ id: z.string(), name: z.string() }).nullable(),
  queuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type Offer = z.infer<typeof offerSchema>;

/** Reason an offer stopped ringing before the agent accepted or declined it. */
export const offerWithdrawnReasonSchema = z.enum(['taken', 'timed_out', 'abandoned']);

/** Response of `POST /api/queue/:id/accept`, sent once the agent owns the session. */
export const acceptResponseSchema = z.object({ sessionId: z.string() });

/** Customer's place in the queue, pushed to the waiting room on every change. */
export const queuePositionSchema = z.object({
  /** Position from 1, where 1 is the next customer to be offered. */
  position: z.number().int().min(1),
  /** Estimated seconds until an agent accepts, or null while no estimate is possible. */
  estimatedWaitSeconds: z.number().int().min(0).nullable(),
  /** True once the customer may leave a callback request instead of waiting. */
  callbackAvailable: z.boolean(),
});
export type QueuePosition = z.infer<typeof queuePositionSchema>;

/** Product line details that the page at `/p/<slug>` shows before the customer requests help. */
export const publicProductLineSchema = z.object({
  name: z.string(),
  slug: z.string(),
  greeting: z.string().nullable(),
  language: z.string(),
  companyName: z.string(),
  /** True while support is open, by the product line's hours. */
  open: z.boolean(),
  /** Next opening time while support is closed. */
  opensAt: z.iso.datetime().nullable(),
});
export type PublicProductLine = z.infer<typeof publicProductLineSchema>;

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

/**
 * Body of `POST /api/entry/:slug/sessions`, sent when a customer requests help from a QR code or
 * button.
 */
export const enterQueueBodySchema = z
  .object({
    entry: z.enum(['qr', 'widget']).default('qr'),
    customerName: optionalText(120),
    topic: optionalText(200),
    serialNumber: optionalText(80),
    modelNumber: optionalText(80),
    email: z.email().max(320).optional(),
  })
  .strict();
export type EnterQueueBody = z.infer<typeof enterQueueBodySchema>;

/** Response of `POST /api/entry/:slug/sessions` and `POST /api/join`. */
export const customerLinkResponseSchema = z.object({
  sessionId: z.string(),
  customerUrl: z.string(),
  /** Capability token in the link, so the page can continue without a reload. */
  token: z.string(),
});
export type CustomerLinkResponse = z.infer<typeof customerLinkResponseSchema>;

/**
 * Body of `POST /api/entry/callbacks`. A request from the waiting room carries `token`, the
 * customer's queue session, and any other request carries `slug`, the product line. At least one of
 * email and phone is required.
 */
export const callbackBodySchema = z
  .object({
    token: z.string().min(16).max(200).optional(),
    slug: z.string().max(60).optional(),
    name: optionalText(120),
    email: z.email().max(320).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,24}$/, 'A phone number has 6 to 24 digits, spaces or dashes.')
      .optional(),
    description: z.string().trim().min(1).max(500),
  })
  .strict()
  .refine((body) => body.email !== undefined || body.phone !== undefined, {
    message: 'E-mail address or phone number is missing. Enter at least one.',
    path: ['email'],
  })
  .refine((body) => body.token !== undefined || body.slug !== undefined, {
    message: 'Session token and product line slug are missing. Send one of them.',
    path: ['slug'],
  });
export type CallbackBody = z.infer<typeof callbackBodySchema>;

/** Body of `POST /api/join`, with the six-digit code an agent read out on the phone. */
export const joinBodySchema = z
  .object({ code: z.string().regex(/^\d{6}$/, 'A code has six digits.') })
  .strict();
export type JoinBody = z.infer<typeof joinBodySchema>;

/** Path parameters of `/api/queue/:id/*`: the queued session. */
export const queueParamsSchema = z.object({ id: z.uuid() });

/** Path parameters of `/api/entry/:slug/*`: the product line's slug. */
export const entryParamsSchema = z.object({ slug: z.string().min(1).max(60) });

/**
 * Reason a queued customer left before an agent accepted: the customer pressed Leave queue, lost
 * the connection for longer than the grace period, or requested a callback instead.
 */
export const abandonReasonSchema = z.enum(['left_queue', 'timeout', 'callback']);
export type AbandonReason = z.infer<typeof abandonReasonSchema>;

/** Response of `POST /api/entry/callbacks`. */
export const callbackCreatedResponseSchema = z.object({ id: z.string() });

/** Path parameters of `/api/callbacks/:id/*`. */
export const callbackParamsSchema = z.object({ id: z.uuid() });

/** Query of `GET /api/callbacks`: open requests by default, oldest first. */
export const listCallbacksQuerySchema = z
  .object({
    status: callbackRequestSchema.shape.status.default('open'),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export type ListCallbacksQuery = z.infer<typeof listCallbacksQuerySchema>;

/** Response of `GET /api/callbacks`. */
export const callbackListResponseSchema = z.object({ callbacks: z.array(callbackRequestSchema) });

/** Maximum number of customers that `queue:state` and `GET /api/queue` list, oldest first. */
export const maxListedQueueEntries = 500;
