import { asc, desc, eq, inArray } from 'drizzle-orm';
import type {
  ChatMessage,
  SessionEvent,
  SessionEventType,
  SessionStatus,
  SessionSummary,
} from '@lensdesk/protocol';
import {
  chatMessages,
  productLines,
  resolutionCodes,
  sessionEvents,
  supportSessions,
  users,
} from '../db/schema.js';

export type SessionRow = typeof supportSessions.$inferSelect;

export { type Actor, type Executor, insertEvent } from '../db/event-log.js';
import type { Executor } from '../db/event-log.js';

export async function findSessionById(db: Executor, id: string) {
  const [row] = await db.select().from(supportSessions).where(eq(supportSessions.id, id));
  return row;
}

export async function findSessionByToken(db: Executor, token: string) {
  const [row] = await db
    .select()
    .from(supportSessions)
    .where(eq(supportSessions.customerToken, token));
  return row;
}

export async function listEvents(db: Executor, sessionId: string): Promise<SessionEvent[]> {
  const rows = await db
    .select()
    .from(sessionEvents)
    .where(eq(sessionEvents.sessionId, sessionId))
    .orderBy(asc(sessionEvents.id));

  return rows.map((row) => ({
    id: row.id,
    type: row.type as SessionEventType,
    at: row.at.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    data: row.data,
  }));
}

export async function listChat(db: Executor, sessionId: string): Promise<ChatMessage[]> {
  const rows = await db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.sessionId, sessionId))
    .orderBy(asc(chatMessages.sentAt), asc(chatMessages.id));
  return rows.map(toChatMessage);
}

export function toChatMessage(row: typeof chatMessages.$inferSelect): ChatMessage {
  return {
    id: row.id,
    sender: row.sender,
    senderName: row.senderName,
    text: row.body,
    sentAt: row.sentAt.toISOString(),
  };
}

export async function listSessions(
  db: Executor,
  filter: { status?: SessionStatus | undefined; limit: number },
) {
  const query = db.select().from(supportSessions);
  const filtered =
    filter.status === undefined ? query : query.where(eq(supportSessions.status, filter.status));
  return filtered.orderBy(desc(supportSessions.createdAt)).limit(filter.limit);
}

/** Returns the names of the given users, keyed by id. */
export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();

  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Returns the names of the given product lines, keyed by id. */
export async function productLineNames(
  db: Executor,
  ids: (string | null)[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id) => id !== null))];
  if (unique.length === 0) return new Map();

  const rows = await db
    .select({ id: productLines.id, name: productLines.name })
    .from(productLines)
    .where(inArray(productLines.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Returns the label and active flag of one resolution code, if it exists. */
export async function resolutionCodeEntry(db: Executor, code: string) {
  const [row] = await db
    .select({ label: resolutionCodes.label, active: resolutionCodes.active })
    .from(resolutionCodes)
    .where(eq(resolutionCodes.code, code));
  return row;
}

/** Returns whether the admin list offers at least one resolution code. */
export async function hasActiveResolutionCodes(db: Executor): Promise<boolean> {
  const rows = await db
    .select({ code: resolutionCodes.code })
    .from(resolutionCodes)
    .where(eq(resolutionCodes.active, true))
    .limit(1);
  return rows.length > 0;
}

export function toSummary(
  row: SessionRow,
  names: Map<string, string>,
  lineNames: Map<string, string> = new Map(),
): SessionSummary {
  const lineName = row.productLineId === null ? undefined : lineNames.get(row.productLineId);
  const agentId = row.agentId ?? row.createdBy;
  const agentName = agentId === null ? undefined : names.get(agentId);
  return {
    id: row.id,
    status: row.status,
    entry: row.entry,
    customerName: row.customerName,
    topic: row.topic,
    serialNumber: row.serialNumber,
    modelNumber: row.modelNumber,
    productLine:
      row.productLineId !== null && lineName !== undefined
        ? { id: row.productLineId, name: lineName }
        : null,
    disposition: row.disposition,
    agent: agentId !== null && agentName !== undefined ? { id: agentId, name: agentName } : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
  };
}
