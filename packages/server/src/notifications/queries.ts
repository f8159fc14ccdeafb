import { and, count, eq } from 'drizzle-orm';
import type { InviteChannel } from '@lensdesk/protocol';
import { type Executor, insertEvent } from '../db/event-log.js';
import type { Database } from '../db/client.js';
import { sessionEvents, supportSessions } from '../db/schema.js';

/** Returns how many times a session's invite has been sent, from its `invite_sent` events. */
export async function countInviteSends(db: Executor, sessionId: string): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(sessionEvents)
    .where(and(eq(sessionEvents.sessionId, sessionId), eq(sessionEvents.type, 'invite_sent')));
  return row?.total ?? 0;
}

/**
 * Stores a sent invite: the `invite_sent` event with the masked recipient, and the full address
 * or number as the session's customer contact, which later messages such as the survey use.
 */
export async function recordInviteSent(
  db: Database,
  sent: {
    sessionId: string;
    agentId: string;
    channel: InviteChannel;
    to: string;
    maskedTo: string;
    providerId: string | undefined;
    at: Date;
  },
): Promise<void> {
  const contact =
    sent.channel === 'email' ? { customerEmail: sent.to } : { customerPhone: sent.to };
  const data = {
    channel: sent.channel,
    to: sent.maskedTo,
    ...(sent.providerId === undefined ? {} : { providerId: sent.providerId }),
  };

  await db.transaction(async (tx) => {
    await tx.update(supportSessions).set(contact).where(eq(supportSessions.id, sent.sessionId));
    await insertEvent(
      tx,
      sent.sessionId,
      'invite_sent',
      { type: 'agent', id: sent.agentId },
      data,
      sent.at,
    );
  });
}
