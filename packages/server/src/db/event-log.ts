import type { ActorType, SessionEventType } from '@lensdesk/protocol';
import type { Database } from './client.js';
import { sessionEvents } from './schema.js';

/** Actor of an event: a user id for agents, null for the customer and the system. */
export interface Actor {
  type: ActorType;
  id: string | null;
}

/** Database handle or an open transaction; both run the same queries. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/**
 * Hooks that run in the same transaction as each appended event, such as keeping KPI roll-ups
 * in step with the log. Set once at server start.
 */
export const eventLogHooks: {
  afterInsert?: (db: Executor, sessionId: string, type: SessionEventType) => Promise<void>;
} = {};

/**
 * Appends one entry to a session's event log: the single place where events are written, so
 * every domain records its steps the same way.
 */
export async function insertEvent(
  db: Executor,
  sessionId: string,
  type: SessionEventType,
  actor: Actor,
  data: Record<string, unknown> = {},
  at?: Date,
) {
  await db.insert(sessionEvents).values({
    sessionId,
    type,
    actorType: actor.type,
    actorId: actor.id,
    data,
    ...(at === undefined ? {} : { at }),
  });
  await eventLogHooks.afterInsert?.(db, sessionId, type);
}
