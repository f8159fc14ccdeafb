import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/event-log.js';
import { callbackRequests, productLines, supportSessions } from '../db/schema.js';

export type CallbackRow = typeof callbackRequests.$inferSelect;

export async function insertQueuedSession(
  tx: Executor,
  values: typeof supportSessions.$inferInsert,
) {
  const [row] = await tx.insert(supportSessions).values(values).returning();
  if (row === undefined) throw new Error('Inserting the session returned no row.');
  return row;
}

export async function insertCallback(tx: Executor, values: typeof callbackRequests.$inferInsert) {
  const [row] = await tx.insert(callbackRequests).values(values).returning();
  if (row === undefined) throw new Error('Inserting the callback request returned no row.');
  return row;
}

const callbackColumns = { callback: callbackRequests, productLineName: productLines.name };

/** Callback requests in one status, oldest first, with the product line's name. */
export async function listCallbacks(
  db: Executor,
  filter: { status: CallbackRow['status']; limit: number },
) {
  return db
    .select(callbackColumns)
    .from(callbackRequests)
    .leftJoin(productLines, eq(productLines.id, callbackRequests.productLineId))
    .where(eq(callbackRequests.status, filter.status))
    .orderBy(asc(callbackRequests.createdAt), asc(callbackRequests.id))
    .limit(filter.limit);
}

/** One callback request with the product line's name. */
export async function findCallback(db: Executor, id: string) {
  const [row] = await db
    .select(callbackColumns)
    .from(callbackRequests)
    .leftJoin(productLines, eq(productLines.id, callbackRequests.productLineId))
    .where(eq(callbackRequests.id, id));
  return row;
}

export async function lockCallback(tx: Executor, id: string) {
  const [row] = await tx
    .select()
    .from(callbackRequests)
    .where(eq(callbackRequests.id, id))
    .for('update');
  return row;
}

export async function updateCallback(
  tx: Executor,
  id: string,
  values: Partial<Omit<CallbackRow, 'id'>>,
) {
  await tx.update(callbackRequests).set(values).where(eq(callbackRequests.id, id));
}
