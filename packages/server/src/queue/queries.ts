import {
  and,
  asc,
  count,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  min,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/event-log.js';
import {
  agentPresence,
  productLines,
  sessionEvents,
  supportSessions,
  users,
} from '../db/schema.js';

export type SessionRow = typeof supportSessions.$inferSelect;

/**
 * Key of the PostgreSQL advisory lock that serializes routing decisions across server nodes.
 * Any constant works as long as nothing else uses it. This one spells "Rout" in ASCII.
 */
const routingLockKey = 0x526f7574;

/**
 * Takes the routing lock until the transaction ends. On PostgreSQL this waits while another node
 * holds the lock. PGlite has a single session, so the lock is granted at once and only the
 * in-process queue of `Router` orders transactions there.
 */
export async function takeRoutingLock(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${routingLockKey})`);
}

async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  // node-postgres and PGlite both return the rows of a raw query under `rows`.
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Filter for waiting sessions: queued, not offered and not accepted. */
const isWaiting = and(
  eq(supportSessions.status, 'waiting'),
  isNotNull(supportSessions.queuedAt),
  isNull(supportSessions.agentId),
  isNull(supportSessions.offeredTo),
);

/** Filter for sessions in the queue: waiting or ringing for an agent, and not yet accepted. */
export const inQueue = and(
  inArray(supportSessions.status, ['waiting', 'ringing']),
  isNotNull(supportSessions.queuedAt),
  isNull(supportSessions.agentId),
);

/**
 * Finds the next offer to make: the oldest waiting session that some available agent can take,
 * with the agent who should get it. An agent can take a session when the agent's skills contain
 * every skill of the session's product line and the agent speaks its language (same primary
 * language subtag, so `de` serves `de-CH`). Agents who declined the session are left out. The
 * others are ranked by how often their offer of this session timed out, fewest first, then by
 * longest idle, then by user id. `sessionId` or `agentId` narrow the search to one session or one
 * agent.
 */
export async function findAssignment(
  tx: Executor,
  filter: { sessionId?: string; agentId?: string },
): Promise<{ sessionId: string; agentId: string } | undefined> {
  const sessionFilter =
    filter.sessionId === undefined ? sql`` : sql`and s.id = ${filter.sessionId}`;
  const agentFilter =
    filter.agentId === undefined ? sql`` : sql`and ap.user_id = ${filter.agentId}`;
  const rows = await rowsOf<{ session_id: string; agent_id: string }>(
    tx,
    sql`
      select s.id as session_id, pick.user_id as agent_id
      from support_sessions s
      left join product_lines p on p.id = s.product_line_id
      cross join lateral (
        select ap.user_id
        from agent_presence ap
        join users u on u.id = ap.user_id
        where ap.status = 'available'
          ${agentFilter}
          and u.skills @> coalesce(p.skills, '[]'::jsonb)
          and (
            coalesce(s.language, p.language) is null
            or exists (
              select 1 from jsonb_array_elements_text(u.languages) spoken
              where split_part(lower(spoken), '-', 1)
                = split_part(lower(coalesce(s.language, p.language)), '-', 1)
            )
          )
          and not exists (
            select 1 from session_events e
            where e.session_id = s.id and e.type = 'declined'
              and e.data ->> 'agentId' = ap.user_id::text
          )
        order by
          (
            select count(*) from session_events e
            where e.session_id = s.id and e.type = 'offer_timed_out'
              and e.data ->> 'agentId' = ap.user_id::text
          ),
          ap.idle_since, ap.user_id
        limit 1
      ) pick
      where s.status = 'waiting' and s.queued_at is not null
        and s.agent_id is null and s.offered_to is null
        ${sessionFilter}
      order by s.queued_at, s.id
      limit 1
    `,
  );
  const [row] = rows;
  return row === undefined ? undefined : { sessionId: row.session_id, agentId: row.agent_id };
}

/** Checks whether any agent is available, which is cheap to run before a full routing pass. */
export async function anyAgentAvailable(db: Executor): Promise<boolean> {
  const [row] = await db
    .select({ userId: agentPresence.userId })
    .from(agentPresence)
    .where(eq(agentPresence.status, 'available'))
    .limit(1);
  return row !== undefined;
}

/** Rings a waiting session for an agent. Returns false when the session is no longer waiting. */
export async function ringSession(
  tx: Executor,
  sessionId: string,
  agentId: string,
  expiresAt: Date,
): Promise<boolean> {
  const rows = await tx
    .update(supportSessions)
    .set({ status: 'ringing', offeredTo: agentId, offerExpiresAt: expiresAt })
    .where(and(eq(supportSessions.id, sessionId), isWaiting))
    .returning({ id: supportSessions.id });
  return rows.length > 0;
}

/**
 * Puts a ringing session back in the waiting queue if it still rings for `agentId` and, when
 * `expiredBy` is given, its offer expired by then. Returns false when nothing changed.
 */
export async function unringSession(
  tx: Executor,
  sessionId: string,
  agentId: string,
  expiredBy?: Date,
): Promise<boolean> {
  const rows = await tx
    .update(supportSessions)
    .set({ status: 'waiting', offeredTo: null, offerExpiresAt: null })
    .where(
      and(
        eq(supportSessions.id, sessionId),
        eq(supportSessions.status, 'ringing'),
        eq(supportSessions.offeredTo, agentId),
        isNull(supportSessions.agentId),
        expiredBy === undefined ? undefined : lte(supportSessions.offerExpiresAt, expiredBy),
      ),
    )
    .returning({ id: supportSessions.id });
  return rows.length > 0;
}

/** Reads a session and locks it until the transaction ends. */
export async function lockSession(tx: Executor, sessionId: string) {
  const [row] = await tx
    .select()
    .from(supportSessions)
    .where(eq(supportSessions.id, sessionId))
    .for('update');
  return row;
}

/**
 * Assigns a queued session to an agent if no agent has it yet. The condition in the UPDATE makes
 * concurrent accepts safe, because PostgreSQL re-checks it on the latest row version, so exactly
 * one of them changes the row.
 */
export async function assignAgent(tx: Executor, sessionId: string, agentId: string) {
  const rows = await tx
    .update(supportSessions)
    .set({ status: 'ringing', agentId, offeredTo: null, offerExpiresAt: null, shortCode: null })
    .where(
      and(
        eq(supportSessions.id, sessionId),
        isNull(supportSessions.agentId),
        inArray(supportSessions.status, ['waiting', 'ringing']),
        isNotNull(supportSessions.queuedAt),
      ),
    )
    .returning({ id: supportSessions.id });
  return rows.length > 0;
}

/** Lists the ids of sessions ringing for `agentId`, except `exceptId`. */
export async function offersOf(tx: Executor, agentId: string, exceptId?: string) {
  const rows = await tx
    .select({ id: supportSessions.id })
    .from(supportSessions)
    .where(
      and(
        eq(supportSessions.status, 'ringing'),
        eq(supportSessions.offeredTo, agentId),
        isNull(supportSessions.agentId),
      ),
    );
  return rows.map((row) => row.id).filter((id) => id !== exceptId);
}

/** Lists up to 500 offers that expired by `now`, with the agent each rings for. */
export async function lapsedOffers(db: Executor, now: Date) {
  const rows = await db
    .select({ id: supportSessions.id, agentId: supportSessions.offeredTo })
    .from(supportSessions)
    .where(
      and(
        eq(supportSessions.status, 'ringing'),
        isNull(supportSessions.agentId),
        lte(supportSessions.offerExpiresAt, now),
      ),
    )
    .limit(500);
  return rows.flatMap((row) =>
    row.agentId === null ? [] : [{ id: row.id, agentId: row.agentId }],
  );
}

/**
 * Marks a queued session abandoned if no call has started in it. Returns false when the session
 * has already left the queue.
 */
export async function abandonSession(tx: Executor, sessionId: string, now: Date) {
  const rows = await tx
    .update(supportSessions)
    .set({
      status: 'abandoned',
      endedAt: now,
      offeredTo: null,
      offerExpiresAt: null,
      shortCode: null,
    })
    .where(
      and(
        eq(supportSessions.id, sessionId),
        inArray(supportSessions.status, ['waiting', 'ringing']),
        isNotNull(supportSessions.queuedAt),
      ),
    )
    .returning({ id: supportSessions.id });
  return rows.length > 0;
}

/** Lists the ids of queued sessions whose call has not started, accepted ones included. */
export async function queuedSessionIds(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ id: supportSessions.id })
    .from(supportSessions)
    .where(
      and(
        inArray(supportSessions.status, ['waiting', 'ringing']),
        isNotNull(supportSessions.queuedAt),
      ),
    );
  return rows.map((row) => row.id);
}

const offeredAgents = alias(users, 'offered_agents');

/**
 * Lists the queue, oldest first, at most `limit` entries, with product lines and offered agents.
 */
export async function listQueue(db: Executor, limit: number) {
  return db
    .select({
      session: supportSessions,
      productLine: {
        id: productLines.id,
        name: productLines.name,
        slug: productLines.slug,
        callbackAfterSeconds: productLines.callbackAfterSeconds,
      },
      offeredToName: offeredAgents.name,
    })
    .from(supportSessions)
    .leftJoin(productLines, eq(productLines.id, supportSessions.productLineId))
    .leftJoin(offeredAgents, eq(offeredAgents.id, supportSessions.offeredTo))
    .where(inQueue)
    .orderBy(asc(supportSessions.queuedAt), asc(supportSessions.id))
    .limit(limit);
}

/** Counts the customers in the queue. */
export async function countQueue(db: Executor): Promise<number> {
  const [row] = await db.select({ total: count() }).from(supportSessions).where(inQueue);
  return row?.total ?? 0;
}

/**
 * Returns the place of a queued session, counted from 1: the customers queued before it for the
 * same product line, plus one. A session that was never queued gets 1.
 */
export async function positionOf(db: Executor, session: SessionRow): Promise<number> {
  if (session.queuedAt === null) return 1;
  const sameLine =
    session.productLineId === null
      ? isNull(supportSessions.productLineId)
      : eq(supportSessions.productLineId, session.productLineId);
  const [row] = await db
    .select({ ahead: count() })
    .from(supportSessions)
    .where(
      and(
        inQueue,
        sameLine,
        sql`(${supportSessions.queuedAt}, ${supportSessions.id}) < (${session.queuedAt.toISOString()}::timestamptz, ${session.id}::uuid)`,
      ),
    );
  return (row?.ahead ?? 0) + 1;
}

/** Counts the accepts since `since` and returns the time of the first. */
export async function acceptsSince(db: Executor, since: Date) {
  const [row] = await db
    .select({ total: count(), first: min(sessionEvents.at) })
    .from(sessionEvents)
    .where(and(eq(sessionEvents.type, 'accepted'), gte(sessionEvents.at, since)));
  return { total: row?.total ?? 0, first: row?.first ?? null };
}

/** Counts the agents who can take calls now or soon, that is available or busy agents. */
export async function countWorkingAgents(db: Executor): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(agentPresence)
    .where(inArray(agentPresence.status, ['available', 'busy']));
  return row?.total ?? 0;
}

/**
 * Returns the last two outcomes of offers made to an agent since `since`, newest first. Each is
 * `accepted`, `declined` or `offer_timed_out`.
 */
export async function recentOfferOutcomes(db: Executor, agentId: string, since: Date) {
  const rows = await db
    .select({ type: sessionEvents.type })
    .from(sessionEvents)
    .where(
      and(
        inArray(sessionEvents.type, ['accepted', 'declined', 'offer_timed_out']),
        gte(sessionEvents.at, since),
        sql`${sessionEvents.data} ->> 'agentId' = ${agentId}`,
      ),
    )
    .orderBy(sql`${sessionEvents.at} desc, ${sessionEvents.id} desc`)
    .limit(2);
  return rows.map((row) => row.type);
}

const callAgents = alias(users, 'call_agents');

/** Lists calls in progress and in wrap-up, oldest first, for the supervisor's live view. */
export async function listLiveCalls(db: Executor, limit: number) {
  return db
    .select({
      id: supportSessions.id,
      status: supportSessions.status,
      customerName: supportSessions.customerName,
      startedAt: supportSessions.startedAt,
      agentId: callAgents.id,
      agentName: callAgents.name,
      productLineId: productLines.id,
      productLineName: productLines.name,
    })
    .from(supportSessions)
    .leftJoin(callAgents, eq(callAgents.id, supportSessions.agentId))
    .leftJoin(productLines, eq(productLines.id, supportSessions.productLineId))
    .where(inArray(supportSessions.status, ['active', 'wrap_up']))
    .orderBy(asc(supportSessions.startedAt), asc(supportSessions.id))
    .limit(limit);
}

/** Reads a session with its product line's name, greeting and callback wait. */
export async function findSessionWithLine(db: Executor, sessionId: string) {
  const [row] = await db
    .select({
      session: supportSessions,
      productLine: {
        name: productLines.name,
        greeting: productLines.greeting,
        callbackAfterSeconds: productLines.callbackAfterSeconds,
      },
    })
    .from(supportSessions)
    .leftJoin(productLines, eq(productLines.id, supportSessions.productLineId))
    .where(eq(supportSessions.id, sessionId));
  return row;
}
