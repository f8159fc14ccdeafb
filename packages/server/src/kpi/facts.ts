import type { SessionEventType } from '@lensdesk/protocol';
import type { sessionFacts } from '../db/schema.js';

/** One session's row of `session_facts`. */
export type SessionFacts = typeof sessionFacts.$inferInsert;

/**
 * Event types that change a session's facts. Appending any of them recomputes the session's
 * row; the others (offers, annotations, chat-side events) leave it as it is.
 */
export const factEventTypes: readonly SessionEventType[] = [
  'created',
  'queued',
  'accepted',
  'callback_requested',
  'customer_joined',
  'call_started',
  'media_connected',
  'case_updated',
  'ended',
  'wrap_up_done',
  'abandoned',
  'survey_sent',
  'survey_submitted',
];

/** An entry of the event log, as the derivation reads it. */
export interface FactEvent {
  type: string;
  at: Date;
  actorId: string | null;
  data: Record<string, unknown>;
}

/** Everything one session's facts are derived from. */
export interface FactsSource {
  session: {
    id: string;
    entry: string;
    createdAt: Date;
    queuedAt: Date | null;
    endedAt: Date | null;
    wrapUpDoneAt: Date | null;
    agentId: string | null;
    productLineId: string | null;
    serialNumber: string | null;
    customerEmail: string | null;
    customerPhone: string | null;
    disposition: string | null;
    resolutionCode: string | null;
  };
  /** Team of the session's agent when the facts are derived. */
  agentTeamId: string | null;
  /** The session's survey row, if one was created. */
  survey: {
    submittedAt: Date | null;
    csat: number | null;
    empathy: number | null;
    ces: number | null;
  } | null;
  /** The session's events of `factEventTypes`, in log order. */
  events: readonly FactEvent[];
}

/** Largest duration an `integer` column stores, in milliseconds (about 24.8 days). */
const maxDurationMs = 2_147_483_647;

/**
 * Derives one session's KPI facts from its event log, its row and its agent's team. Pure: the
 * same input always gives the same row, whether the hook or a rebuild computes it. docs/kpis.md
 * states each rule in words.
 */
export function deriveSessionFacts(source: FactsSource): SessionFacts {
  const { session, events } = source;
  const first = (type: string) => events.find((event) => event.type === type);
  const all = (type: string) => events.filter((event) => event.type === type);

  const queuedEvent = first('queued');
  const queued = queuedEvent !== undefined || session.queuedAt !== null;
  const createdAt = first('created')?.at ?? session.createdAt;
  const requestedAt = queuedEvent?.at ?? session.queuedAt ?? createdAt;

  const acceptedEvent = first('accepted');
  const callStartedEvent = first('call_started');
  const callStartedAt = callStartedEvent?.at ?? null;
  const connectedAt = first('media_connected')?.at ?? null;
  const endedAt = first('ended')?.at ?? null;
  const abandonedEvent = first('abandoned');
  const callbackEvent = first('callback_requested');
  const callbackRequested =
    callbackEvent !== undefined || abandonedEvent?.data.reason === 'callback';
  const answered = acceptedEvent !== undefined || callStartedEvent !== undefined;

  // The customer left the queue, or an invite lapsed, before any agent took the session.
  const abandoned = abandonedEvent !== undefined && !answered && !callbackRequested;

  // Queue wait runs until an agent accepted, or until the customer left (with or without a
  // callback request): both customers waited that long.
  const queueLeftAt = answered
    ? (acceptedEvent?.at ?? callStartedAt)
    : (callbackEvent?.at ?? abandonedEvent?.at ?? null);
  const queueWaitMs = queued ? duration(requestedAt, queueLeftAt) : null;

  // Time to connect starts at the request for queued customers. An invite's customer opens the
  // link whenever it suits them, so there it starts at their last arrival before the call.
  const connectFrom = queued
    ? requestedAt
    : (lastArrivalBefore(events, callStartedAt) ?? createdAt);
  const timeToConnectMs = duration(connectFrom, connectedAt);

  const wrapUps = all('wrap_up_done');
  const dispositions = wrapUps.map((event) => stringOrNull(event.data.disposition));
  const lastWrapUp = wrapUps.at(-1);
  const disposition = stringOrNull(lastWrapUp?.data.disposition) ?? session.disposition;
  const resolutionCode = stringOrNull(lastWrapUp?.data.resolutionCode) ?? session.resolutionCode;
  const wrapUpDoneAt = wrapUps[0]?.at ?? session.wrapUpDoneAt;
  const dispositionChanged = dispositions.some((value) => value !== null && value !== disposition);

  const surveyEvent = all('survey_submitted').at(-1);
  const surveyAnswered =
    surveyEvent !== undefined || (source.survey !== null && source.survey.submittedAt !== null);
  const surveyOffered =
    surveyAnswered || source.survey !== null || first('survey_sent') !== undefined;
  const rating = (kind: 'csat' | 'empathy' | 'ces') =>
    surveyEvent !== undefined
      ? integerOrNull(surveyEvent.data[kind])
      : surveyAnswered
        ? (source.survey?.[kind] ?? null)
        : null;

  return {
    sessionId: session.id,
    requestedAt,
    entry: session.entry,
    productLineId: session.productLineId,
    agentId:
      session.agentId ??
      stringOrNull(callStartedEvent?.data.agentId) ??
      acceptedEvent?.actorId ??
      null,
    teamId: source.agentTeamId,
    serialNumber: normalizeSerial(session.serialNumber),
    customerContact: normalizeEmail(session.customerEmail),
    customerPhone: normalizePhone(session.customerPhone),
    queued,
    abandoned,
    callbackRequested,
    acceptedAt: acceptedEvent?.at ?? null,
    connectedAt,
    endedAt: endedAt ?? abandonedEvent?.at ?? session.endedAt,
    wrapUpDoneAt,
    queueWaitMs,
    timeToConnectMs,
    talkMs: duration(callStartedAt, endedAt),
    wrapUpMs: duration(endedAt, wrapUpDoneAt),
    videoMs: duration(connectedAt, endedAt),
    disposition,
    dispositionChanged,
    resolutionCode,
    surveyOffered,
    surveyAnswered,
    csat: rating('csat'),
    empathy: rating('empathy'),
    ces: rating('ces'),
  };
}

/** Returns the milliseconds from `start` to `end`, or null when either is missing. */
function duration(start: Date | null, end: Date | null): number | null {
  if (start === null || end === null) return null;
  const ms = Math.round(end.getTime() - start.getTime());
  return Math.min(maxDurationMs, Math.max(0, ms));
}

/** Returns when the customer last opened the session before `before` (or at all, when null). */
function lastArrivalBefore(events: readonly FactEvent[], before: Date | null): Date | null {
  let arrival: Date | null = null;
  for (const event of events) {
    if (event.type !== 'customer_joined') continue;
    if (before !== null && event.at > before) break;
    arrival = event.at;
  }
  return arrival;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function integerOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/** Upper-cases a serial number and drops its spaces, so the same device matches however typed. */
export function normalizeSerial(serial: string | null): string | null {
  const value = serial?.replace(/\s+/g, '').toUpperCase() ?? '';
  return value === '' ? null : value;
}

export function normalizeEmail(email: string | null): string | null {
  const value = email?.trim().toLowerCase() ?? '';
  return value === '' ? null : value;
}

/** Keeps a phone number's digits and a leading `+`; numbers of fewer than 5 digits are dropped. */
export function normalizePhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 5) return null;
  return phone.trim().startsWith('+') ? `+${digits}` : digits;
}
