import type { SessionSummary } from '@lensdesk/protocol';

/** The fields of a session that tell whether its link ran out before the call. */
export type ExpirySource = Pick<SessionSummary, 'status' | 'expiresAt' | 'startedAt' | 'endedAt'>;

/**
 * Returns true when the customer link expired before the call started: a session still waiting
 * after `expiresAt` (the server's sweep marks it abandoned within a minute), or an abandoned
 * session that never started and ended at or after `expiresAt`. A session the agent ended
 * before the expiry is abandoned too, but not expired.
 */
export function linkExpiredUnused(session: ExpirySource, now: number): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  if (session.status === 'waiting') {
    return expiresAt <= now;
  }
  if (session.status !== 'abandoned' || session.startedAt !== null) {
    return false;
  }
  const endedAt = session.endedAt === null ? now : Date.parse(session.endedAt);
  return endedAt >= expiresAt;
}
