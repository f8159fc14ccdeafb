import type { AgentPresence, AgentStatus, BusyReason, SetPresenceBody } from '@lensdesk/protocol';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import type { Executor } from '../db/event-log.js';
import { AppError } from '../errors.js';
import {
  type PresenceRow,
  type PresenceState,
  endWrapUpsSince,
  expireUnseen,
  listBusySessions,
  listPresenceViews,
  lockPresence,
  touchPresence,
  updateStatusIf,
  writePresence,
} from './queries.js';

/** Result of an agent choosing a status: the row before the change, if there was one. */
export interface StatusChoice {
  previous: PresenceRow | undefined;
  /** True when the agent had an offer ringing and chose away or offline: the offer must go. */
  dropsOffer: boolean;
}

/**
 * Availability of agents. Agents choose available, away or offline; the queue sets `busy` for
 * an offer, a call and its wrap-up. Every transition that the queue makes is conditional on the
 * current state, so a change the agent made meanwhile is never overwritten.
 */
export class PresenceService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly options: { timeoutMs: number },
  ) {}

  /** Returns one agent's presence; a user who never opened the console is offline. */
  async view(userId: string, db: Executor = this.db): Promise<AgentPresence> {
    const [presence] = await this.views(db, [userId]);
    if (presence === undefined) throw new AppError('UNAUTHENTICATED');
    return presence;
  }

  /** Returns the presence of every user, by name; or of the given users only. */
  async views(db: Executor = this.db, userIds?: string[]): Promise<AgentPresence[]> {
    if (userIds !== undefined && userIds.length === 0) return [];
    const [rows, busy] = await Promise.all([listPresenceViews(db, userIds), listBusySessions(db)]);

    return rows.map((row) => {
      const status: AgentStatus = row.status ?? 'offline';
      const since = (row.statusSince ?? row.createdAt).toISOString();
      return {
        userId: row.userId,
        name: row.name,
        status,
        busyReason: status === 'busy' ? row.busyReason : null,
        since,
        idleSince: (row.idleSince ?? row.createdAt).toISOString(),
        skills: row.skills,
        languages: row.languages,
        team:
          row.teamId !== null && row.teamName !== null
            ? { id: row.teamId, name: row.teamName }
            : null,
        sessionId: status === 'busy' ? sessionOf(busy, row.userId, row.busyReason) : null,
      };
    });
  }

  /**
   * Applies the status an agent chose. Throws `AGENT_BUSY` for `available` during a call: the
   * agent becomes available after the wrap-up. Choosing `available` while an offer rings keeps
   * the offer. Runs inside the caller's transaction, which must also drop the offer when
   * `dropsOffer` is true.
   */
  async choose(tx: Executor, userId: string, body: SetPresenceBody): Promise<StatusChoice> {
    const now = this.clock.now();
    const previous = await lockPresence(tx, userId);
    const requested = body.status;

    if (previous?.status === 'busy') {
      if (requested === 'available' && previous.busyReason === 'call')
        throw new AppError('AGENT_BUSY');
      if (requested === 'available' && previous.busyReason === 'offer') {
        return { previous, dropsOffer: false };
      }
    }

    const becomesAvailable = requested === 'available' && previous?.status !== 'available';
    await writePresence(tx, userId, {
      status: requested,
      busyReason: null,
      statusSince: previous?.status === requested ? previous.statusSince : now,
      idleSince: becomesAvailable || previous === undefined ? now : previous.idleSince,
      lastSeenAt: now,
    });
    const dropsOffer = previous?.status === 'busy' && previous.busyReason === 'offer';
    return { previous, dropsOffer };
  }

  /** Makes an available agent busy with an offer; false when the agent is no longer available. */
  markOffered(tx: Executor, userId: string): Promise<boolean> {
    return this.move(tx, userId, ['available'], 'busy', 'offer');
  }

  /**
   * Frees an agent whose offer ended unanswered (declined, timed out, withdrawn). The idle time
   * keeps running from before the offer, so the agent stays ahead of agents freed later.
   */
  endOffer(tx: Executor, userId: string, next: 'available' | 'away' = 'available') {
    return this.move(tx, userId, ['busy:offer'], next, null);
  }

  /** Marks an agent in a call, whatever the agent's status: used when the agent accepts. */
  async markAccepted(tx: Executor, userId: string): Promise<void> {
    const now = this.clock.now();
    const previous = await lockPresence(tx, userId);
    await writePresence(tx, userId, {
      status: 'busy',
      busyReason: 'call',
      statusSince: now,
      idleSince: previous?.idleSince ?? now,
      lastSeenAt: previous?.lastSeenAt ?? now,
    });
  }

  /**
   * Marks an agent in a call when a call starts. Agents who are away or offline (taking an
   * invite's call outside routing) keep their status, so they are not routed customers after it.
   */
  markInCall(tx: Executor, userId: string): Promise<boolean> {
    return this.move(tx, userId, ['available', 'busy:offer'], 'busy', 'call');
  }

  /** Moves an agent from the call to its wrap-up. */
  markWrapUp(tx: Executor, userId: string): Promise<boolean> {
    return this.move(tx, userId, ['busy:call'], 'busy', 'wrap_up');
  }

  /** Makes a busy agent available after a wrap-up or a call that never started. */
  markFree(tx: Executor, userId: string, reasons: BusyReason[], resetIdle: boolean) {
    const from = reasons.map((reason) => `busy:${reason}` as const);
    return updateStatusIf(tx, userId, from, {
      status: 'available',
      busyReason: null,
      now: this.clock.now(),
      resetIdle,
    });
  }

  /**
   * Refreshes the last-seen time of agents whose console is connected. A row is written only
   * when it is older than a fifth of the timeout, so the sweeper's pass each second does not
   * rewrite every connected agent's row, and a connected agent never reaches the timeout.
   */
  touch(userIds: string[]): Promise<void> {
    const now = this.clock.now();
    const staleBefore = new Date(now.getTime() - this.options.timeoutMs / 5);
    return touchPresence(this.db, userIds, now, staleBefore);
  }

  /** Turns agents offline whose consoles have been gone for the presence timeout; returns them. */
  expireUnseen(tx: Executor): Promise<string[]> {
    const now = this.clock.now();
    return expireUnseen(tx, new Date(now.getTime() - this.options.timeoutMs), now);
  }

  /** Makes agents available whose wrap-up has lasted `limitMs`; returns them. */
  endLongWrapUps(tx: Executor, limitMs: number): Promise<string[]> {
    const now = this.clock.now();
    return endWrapUpsSince(tx, new Date(now.getTime() - limitMs), now);
  }

  private move(
    tx: Executor,
    userId: string,
    from: readonly PresenceState[],
    status: AgentStatus,
    busyReason: BusyReason | null,
  ): Promise<boolean> {
    return updateStatusIf(tx, userId, from, {
      status,
      busyReason,
      now: this.clock.now(),
      resetIdle: false,
    });
  }
}

type BusySession = Awaited<ReturnType<typeof listBusySessions>>[number];

/** Picks the session that keeps an agent busy for the given reason. */
function sessionOf(
  sessions: BusySession[],
  userId: string,
  reason: BusyReason | null,
): string | null {
  const match = sessions.find((session) => {
    if (reason === 'offer') return session.offeredTo === userId && session.agentId === null;
    if (reason === 'wrap_up') return session.agentId === userId && session.status === 'wrap_up';
    return session.agentId === userId && session.status !== 'wrap_up';
  });
  return match?.id ?? null;
}
