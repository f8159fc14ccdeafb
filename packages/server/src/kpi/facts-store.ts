import { type SQL, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { SessionEventType } from '@lensdesk/protocol';
import { type Executor, eventLogHooks } from '../db/event-log.js';
import { sessionEvents, sessionFacts, supportSessions, surveys, users } from '../db/schema.js';
import {
  type FactEvent,
  type FactsSource,
  type SessionFacts,
  deriveSessionFacts,
  factEventTypes,
} from './facts.js';

const factEventTypeSet: ReadonlySet<SessionEventType> = new Set(factEventTypes);

/**
 * Keeps `session_facts` in step with the event log: after each appended event of
 * `factEventTypes`, the session's row is derived again in the same transaction.
 */
export function registerFactsHook(): void {
  eventLogHooks.afterInsert = async (db, sessionId, type) => {
    if (factEventTypeSet.has(type)) await refreshSessionFacts(db, sessionId);
  };
}

/**
 * Days after a session's end in which a new session for the same customer or device is tracked
 * in `next_contact_at`: the largest first-contact window that the settings allow.
 */
export const nextContactHorizonDays = 90;

/**
 * Derives the facts of the given sessions from their events and stores them. When a session's
 * serial number, contact, request or end changed, the `next_contact_at` of the session and of
 * the earlier sessions that share its serial number or contact is computed again as well.
 */
export async function refreshSessionFacts(db: Executor, ...sessionIds: string[]): Promise<void> {
  await refreshFacts(db, sessionIds, { updateNextContacts: true });
}

async function refreshFacts(
  db: Executor,
  sessionIds: string[],
  options: { updateNextContacts: boolean },
): Promise<void> {
  if (sessionIds.length === 0) return;
  const [sources, previous] = await Promise.all([
    loadFactsSources(db, sessionIds),
    options.updateNextContacts ? loadMatchKeys(db, sessionIds) : Promise.resolve(new Map()),
  ]);
  const rows = sources.map(deriveSessionFacts);
  await upsertFacts(db, rows);
  if (!options.updateNextContacts) return;

  const changed = rows.flatMap((row) => {
    const before = previous.get(row.sessionId);
    const after = matchKeysOf(row);
    return before !== undefined && sameMatchKeys(before, after)
      ? []
      : [after, ...(before ? [before] : [])];
  });
  await updateNextContacts(db, changed);
}

/**
 * Derives every session's facts again, in batches of `batchSize` sessions in creation order,
 * then every `next_contact_at`, and returns how many sessions it wrote. Use it after loading
 * data around the event log (a seed, a restore), after deleting sessions, or after a change of
 * the derivation rules.
 */
export async function rebuildFacts(
  db: Executor,
  options: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<number> {
  // 1000 rows of about 30 columns stay below PostgreSQL's limit of 65,535 bound parameters.
  const batchSize = options.batchSize ?? 1000;
  let done = 0;
  for await (const batch of sessionIdBatches(db, batchSize)) {
    await refreshFacts(db, batch, { updateNextContacts: false });
    done += batch.length;
    options.onProgress?.(done);
  }

  // Every session's row exists now, so each next contact can be found.
  await refreshAllNextContacts(db, batchSize * 10);
  return done;
}

/** Computes every session's `next_contact_at` again, `batchSize` sessions per statement. */
export async function refreshAllNextContacts(db: Executor, batchSize = 5000): Promise<void> {
  for await (const batch of sessionIdBatches(db, batchSize)) {
    await setNextContacts(db, sql`p.session_id in (${uuidList(batch)})`);
  }
}

/**
 * Yields the ids of all sessions in batches, oldest first. Writing facts in this order keeps a
 * period's rows close together on disk, as they are when sessions happen one after another.
 */
async function* sessionIdBatches(db: Executor, batchSize: number) {
  // The cursor keeps `created_at` as text: a JavaScript Date would drop its microseconds.
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    const query = db
      .select({
        id: supportSessions.id,
        createdAt: sql<string>`${supportSessions.createdAt}::text`,
      })
      .from(supportSessions)
      .orderBy(asc(supportSessions.createdAt), asc(supportSessions.id))
      .limit(batchSize);
    const batch = await (after === undefined
      ? query
      : query.where(
          sql`(${supportSessions.createdAt}, ${supportSessions.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`,
        ));
    const last = batch.at(-1);
    if (last === undefined) return;
    yield batch.map((row) => row.id);
    after = last;
  }
}

/** Fields by which first-contact resolution matches sessions, and their times. */
interface MatchKeys {
  sessionId: string;
  serialNumber: string | null;
  customerContact: string | null;
  customerPhone: string | null;
  requestedAt: Date;
  endedAt: Date | null;
}

function matchKeysOf(row: SessionFacts): MatchKeys {
  return {
    sessionId: row.sessionId,
    serialNumber: row.serialNumber ?? null,
    customerContact: row.customerContact ?? null,
    customerPhone: row.customerPhone ?? null,
    requestedAt: row.requestedAt,
    endedAt: row.endedAt ?? null,
  };
}

function sameMatchKeys(a: MatchKeys, b: MatchKeys): boolean {
  return (
    a.serialNumber === b.serialNumber &&
    a.customerContact === b.customerContact &&
    a.customerPhone === b.customerPhone &&
    a.requestedAt.getTime() === b.requestedAt.getTime() &&
    a.endedAt?.getTime() === b.endedAt?.getTime()
  );
}

async function loadMatchKeys(db: Executor, sessionIds: string[]): Promise<Map<string, MatchKeys>> {
  const rows = await db
    .select({
      sessionId: sessionFacts.sessionId,
      serialNumber: sessionFacts.serialNumber,
      customerContact: sessionFacts.customerContact,
      customerPhone: sessionFacts.customerPhone,
      requestedAt: sessionFacts.requestedAt,
      endedAt: sessionFacts.endedAt,
    })
    .from(sessionFacts)
    .where(inArray(sessionFacts.sessionId, sessionIds));
  return new Map(rows.map((row) => [row.sessionId, row]));
}

/**
 * The first request, within the horizon after the end of the session of alias `p`, of another
 * session with the same serial number, e-mail or phone. `least` ignores the nulls of keys
 * without a match.
 */
const nextContactOf = (() => {
  const firstLater = (column: string) => sql`(
    select min(l.requested_at) from session_facts l
    where l.${sql.raw(column)} = p.${sql.raw(column)}
      and l.requested_at > p.ended_at
      and l.requested_at <= p.ended_at + interval '${sql.raw(String(nextContactHorizonDays))} days'
      and l.session_id <> p.session_id)`;
  return sql`least(${firstLater('serial_number')}, ${firstLater('customer_contact')}, ${firstLater('customer_phone')})`;
})();

/**
 * Sets `next_contact_at` of the sessions that `where` selects (alias `p`), writing only rows
 * whose value changes, so unchanged rows keep their place on disk.
 */
async function setNextContacts(db: Executor, where: SQL): Promise<void> {
  await db.execute(sql`
    update session_facts f set next_contact_at = computed.next_contact_at
    from (select p.session_id, ${nextContactOf} as next_contact_at from session_facts p where ${where}) computed
    where f.session_id = computed.session_id
      and f.next_contact_at is distinct from computed.next_contact_at`);
}

/**
 * Computes `next_contact_at` again for the given sessions and for every session that shares a
 * serial number, e-mail or phone with them and ended within the horizon before their request.
 * Those are the sessions whose next contact they may be, or may have been before a change.
 */
async function updateNextContacts(db: Executor, changed: MatchKeys[]): Promise<void> {
  if (changed.length === 0) return;
  const values = (pick: (keys: MatchKeys) => string | null) => {
    const list = [...new Set(changed.map(pick).filter((value) => value !== null))];
    return list.length === 0
      ? sql`null`
      : sql.join(
          list.map((value) => sql`${value}`),
          sql`, `,
        );
  };
  const requests = changed.map((keys) => keys.requestedAt.getTime());
  const earliest = new Date(Math.min(...requests) - nextContactHorizonDays * 86_400_000);
  const latest = new Date(Math.max(...requests));

  await setNextContacts(
    db,
    sql`p.session_id in (${uuidList(changed.map((keys) => keys.sessionId))})
      or (p.ended_at >= ${earliest.toISOString()}::timestamptz
        and p.ended_at < ${latest.toISOString()}::timestamptz
        and (p.serial_number in (${values((keys) => keys.serialNumber)})
          or p.customer_contact in (${values((keys) => keys.customerContact)})
          or p.customer_phone in (${values((keys) => keys.customerPhone)})))`,
  );
}

function uuidList(ids: string[]): SQL {
  return sql.join(
    [...new Set(ids)].map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}

async function loadFactsSources(db: Executor, sessionIds: string[]): Promise<FactsSource[]> {
  const [rows, events] = await Promise.all([
    db
      .select({
        session: {
          id: supportSessions.id,
          entry: supportSessions.entry,
          createdAt: supportSessions.createdAt,
          queuedAt: supportSessions.queuedAt,
          endedAt: supportSessions.endedAt,
          wrapUpDoneAt: supportSessions.wrapUpDoneAt,
          agentId: supportSessions.agentId,
          productLineId: supportSessions.productLineId,
          serialNumber: supportSessions.serialNumber,
          customerEmail: supportSessions.customerEmail,
          customerPhone: supportSessions.customerPhone,
          disposition: supportSessions.disposition,
          resolutionCode: supportSessions.resolutionCode,
        },
        agentTeamId: users.teamId,
        surveySessionId: surveys.sessionId,
        surveySubmittedAt: surveys.submittedAt,
        csat: surveys.csat,
        empathy: surveys.empathy,
        ces: surveys.ces,
      })
      .from(supportSessions)
      .leftJoin(users, eq(users.id, supportSessions.agentId))
      .leftJoin(surveys, eq(surveys.sessionId, supportSessions.id))
      .where(inArray(supportSessions.id, sessionIds)),
    db
      .select({
        sessionId: sessionEvents.sessionId,
        type: sessionEvents.type,
        at: sessionEvents.at,
        actorId: sessionEvents.actorId,
        data: sessionEvents.data,
      })
      .from(sessionEvents)
      .where(
        sql`${inArray(sessionEvents.sessionId, sessionIds)} and ${inArray(sessionEvents.type, [...factEventTypes])}`,
      )
      .orderBy(asc(sessionEvents.sessionId), asc(sessionEvents.id)),
  ]);

  const eventsBySession = new Map<string, FactEvent[]>();
  for (const { sessionId, ...event } of events) {
    const list = eventsBySession.get(sessionId);
    if (list === undefined) eventsBySession.set(sessionId, [event]);
    else list.push(event);
  }

  return rows.map((row) => ({
    session: row.session,
    agentTeamId: row.agentTeamId,
    survey:
      row.surveySessionId === null
        ? null
        : {
            submittedAt: row.surveySubmittedAt,
            csat: row.csat,
            empathy: row.empathy,
            ces: row.ces,
          },
    events: eventsBySession.get(row.session.id) ?? [],
  }));
}

/**
 * Every derived column of `session_facts`, set from the row that lost the conflict. The key and
 * `next_contact_at`, which depends on other sessions, keep their values.
 */
const updateFromExcluded = Object.fromEntries(
  Object.entries(getTableColumns(sessionFacts))
    .filter(([key]) => key !== 'sessionId' && key !== 'nextContactAt')
    .map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
);

async function upsertFacts(db: Executor, rows: SessionFacts[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(sessionFacts)
    .values(rows)
    .onConflictDoUpdate({ target: sessionFacts.sessionId, set: updateFromExcluded });
}
