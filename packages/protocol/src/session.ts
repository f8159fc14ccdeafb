import { z } from 'zod';
import { sessionSurveySchema } from './surveys.js';

/** Roles of signed-in users, from least to most privileged. */
export const roles = ['agent', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/**
 * Lifecycle of a support session. An invite starts `waiting`. The call is `active` once the
 * customer has started and the agent has joined. Ending the call moves it to `wrap_up`, and the
 * agent's wrap-up form to `ended`. A session that never became active ends as `abandoned`.
 */
export const sessionStatuses = [
  'waiting',
  'ringing',
  'active',
  'wrap_up',
  'ended',
  'abandoned',
] as const;
export const sessionStatusSchema = z.enum(sessionStatuses);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/**
 * Channel through which the customer reached Lensdesk: an agent's invite link, a product's QR
 * code, the website button, a six-digit code read out on the phone, or a callback the customer
 * asked for.
 */
export const sessionEntries = ['invite', 'qr', 'widget', 'code', 'callback'] as const;
export const sessionEntrySchema = z.enum(sessionEntries);
export type SessionEntry = z.infer<typeof sessionEntrySchema>;

/** Outcome that the agent records in the wrap-up form. */
export const dispositions = ['resolved', 'dispatch', 'escalated', 'follow_up'] as const;
export const dispositionSchema = z.enum([...dispositions, 'no_show']);
export type Disposition = z.infer<typeof dispositionSchema>;

/** Kind of participant that caused a session event. */
export const actorTypeSchema = z.enum(['agent', 'customer', 'system']);
export type ActorType = z.infer<typeof actorTypeSchema>;

/**
 * Kinds of entries in the append-only session event log. Every KPI is a query over this log.
 * `created`, `call_started`, `ended`, `wrap_up_done` and `abandoned` record status transitions.
 */
export const sessionEventTypes = [
  'created',
  'queued',
  'offered',
  'declined',
  'offer_timed_out',
  'accepted',
  'callback_requested',
  'customer_joined',
  'customer_left',
  'agent_joined',
  'agent_left',
  'call_started',
  'media_connected',
  'camera_switched',
  'snapshot',
  'annotation',
  'freeze',
  'unfreeze',
  'camera_command',
  'ocr',
  'case_updated',
  'ended',
  'wrap_up_done',
  'abandoned',
  'invite_sent',
  'survey_sent',
  'survey_submitted',
] as const;
export const sessionEventTypeSchema = z.enum(sessionEventTypes);
export type SessionEventType = z.infer<typeof sessionEventTypeSchema>;

/** One entry of the session event log. `at` is an ISO 8601 UTC timestamp. */
export const sessionEventSchema = z.object({
  id: z.number().int(),
  type: sessionEventTypeSchema,
  at: z.iso.datetime(),
  actorType: actorTypeSchema,
  actorId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type SessionEvent = z.infer<typeof sessionEventSchema>;

/** Maximum length of one chat message, in characters. */
export const maxChatLength = 2000;

/** One chat message of a session, as stored and as broadcast. */
export const chatMessageSchema = z.object({
  id: z.string(),
  sender: z.enum(['agent', 'customer']),
  senderName: z.string(),
  text: z.string(),
  sentAt: z.iso.datetime(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** Public profile of a signed-in user. */
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type User = z.infer<typeof userSchema>;

/** A support session as listed in the console. */
export const sessionSummarySchema = z.object({
  id: z.string(),
  status: sessionStatusSchema,
  entry: sessionEntrySchema,
  customerName: z.string().nullable(),
  topic: z.string().nullable(),
  serialNumber: z.string().nullable(),
  modelNumber: z.string().nullable(),
  productLine: z.object({ id: z.string(), name: z.string() }).nullable(),
  disposition: dispositionSchema.nullable(),
  agent: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** A support session with everything recorded about it: the case. */
export const sessionDetailSchema = sessionSummarySchema.extend({
  notes: z.string().nullable(),
  /** Resolution code recorded at wrap-up, with its current label. */
  resolution: z.object({ code: z.string(), label: z.string() }).nullable(),
  /** When the agent finished the wrap-up. */
  wrapUpDoneAt: z.iso.datetime().nullable(),
  /** The customer's survey of the call; null when the call ended without one. */
  survey: sessionSurveySchema.nullable(),
  customerUrl: z.string().nullable(),
  qrCodeSvgUrl: z.string().nullable(),
  events: z.array(sessionEventSchema),
  chat: z.array(chatMessageSchema),
});
export type SessionDetail = z.infer<typeof sessionDetailSchema>;
