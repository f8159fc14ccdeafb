import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { AgentStatus, BusyReason } from '@lensdesk/protocol';
import type { Executor } from '../db/event-log.js';
import { agentPresence, supportSessions, teams, users } from '../db/schema.js';

export type PresenceRow = typeof agentPresence.$inferSelect;

/** Reads one agent's presence row and locks it until the transaction ends. */
export async function lockPresence(db: Executor, userId: string) {
  const [row] = await db
    .select()
    .from(agentPresence)
    .where(eq(agentPresence.userId, userId))
    .for('update');
  return row;
}

/** Writes an agent's status, creating the row on the first change. */
export async function writePresence(
  db: Executor,
  userId: string,
  values: Omit<PresenceRow, 'userId'>,
): Promise<void> {
  await db
    .insert(agentPresence)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: agentPresence.userId, set: values });
}

/**
 * Moves an agent to `to` if the agent is in one of the `from` states; `resetIdle` also restarts
 * the idle time. Returns whether the row changed.
 */
export async function updateStatusIf(
  db: Executor,
  userId: string,
  from: readonly PresenceState[],
  to: { status: AgentStatus; busyReason: BusyReason | null; now: Date; resetIdle: boolean },
): Promise<boolean> {
  const rows = await db
    .update(agentPresence)
    .set({
      status: to.status,
      busyReason: to.busyReason,
      statusSince: to.now,
      ...(to.resetIdle ? { idleSince: to.now } : {}),
    })
    .where(and(eq(agentPresence.userId, userId), matchesStates(from)))
    .returning({ userId: agentPresence.userId });
  return rows.length > 0;
}

/** A presence status, or `busy:<reason>` for a busy agent with that reason. */
export type PresenceState = Exclude<AgentStatus, 'busy'> | 'busy' | `busy:${BusyReason}`;

function matchesStates(states: readonly PresenceState[]) {
  const conditions = states.map((state) => {
    const [status, reason] = state.split(':') as [AgentStatus, BusyReason | undefined];
    return reason === undefined
      ? eq(agentPresence.status, status)
      : and(eq(agentPresence.status, status), eq(agentPresence.busyReason, reason));
  });
  return or(...conditions);
}

/**
 * Refreshes `last_seen_at` of agents whose console is connected, writing only the rows last
 * seen before `staleBefore`.
 */
export async function touchPresence(
  db: Executor,
  userIds: string[],
  now: Date,
  staleBefore: Date,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .update(agentPresence)
    .set({ lastSeenAt: now })
    .where(and(inArray(agentPresence.userId, userIds), lt(agentPresence.lastSeenAt, staleBefore)));
}

/** Turns available and away agents unseen since `cutoff` offline; returns their ids. */
export async function expireUnseen(db: Executor, cutoff: Date, now: Date): Promise<string[]> {
  const rows = await db
    .update(agentPresence)
    .set({ status: 'offline', busyReason: null, statusSince: now })
    .where(
      and(
        inArray(agentPresence.status, ['available', 'away']),
        lt(agentPresence.lastSeenAt, cutoff),
      ),
    )
    .returning({ userId: agentPresence.userId });
  return rows.map((row) => row.userId);
}

/** Makes agents in wrap-up since `cutoff` or earlier available again; returns their ids. */
export async function endWrapUpsSince(db: Executor, cutoff: Date, now: Date): Promise<string[]> {
  const rows = await db
    .update(agentPresence)
    .set({ status: 'available', busyReason: null, statusSince: now, idleSince: now })
    .where(
      and(
        eq(agentPresence.status, 'busy'),
        eq(agentPresence.busyReason, 'wrap_up'),
        lte(agentPresence.statusSince, cutoff),
      ),
    )
    .returning({ userId: agentPresence.userId });
  return rows.map((row) => row.userId);
}

/** Users with their presence (absent for users who never opened the console) and team. */
export async function listPresenceViews(db: Executor, userIds?: string[]) {
  const query = db
    .select({
      userId: users.id,
      name: users.name,
      skills: users.skills,
      languages: users.languages,
      createdAt: users.createdAt,
      teamId: teams.id,
      teamName: teams.name,
      status: agentPresence.status,
      busyReason: agentPresence.busyReason,
      statusSince: agentPresence.statusSince,
      idleSince: agentPresence.idleSince,
    })
    .from(users)
    .leftJoin(agentPresence, eq(agentPresence.userId, users.id))
    .leftJoin(teams, eq(teams.id, users.teamId));
  const filtered = userIds === undefined ? query : query.where(inArray(users.id, userIds));
  return filtered.orderBy(asc(users.name), asc(users.id));
}

/**
 * Sessions that keep agents busy: offers that ring, accepted or active calls, and wrap-ups.
 * Read through the status index, so the cost follows the number of open sessions.
 */
export async function listBusySessions(db: Executor) {
  return db
    .select({
      id: supportSessions.id,
      status: supportSessions.status,
      agentId: supportSessions.agentId,
      offeredTo: supportSessions.offeredTo,
      endedAt: supportSessions.endedAt,
    })
    .from(supportSessions)
    .where(
      and(
        inArray(supportSessions.status, ['ringing', 'active', 'wrap_up']),
        sql`(${supportSessions.agentId} is not null or ${supportSessions.offeredTo} is not null)`,
      ),
    );
}
