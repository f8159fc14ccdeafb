import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import { type Executor, insertEvent } from '../db/event-log.js';
import type { PresenceService } from '../presence/service.js';
import type { SettingsService } from '../settings/service.js';
import type { QueueNotifier } from './notifier.js';
import {
  anyAgentAvailable,
  findAssignment,
  lapsedOffers,
  recentOfferOutcomes,
  ringSession,
  takeRoutingLock,
  unringSession,
} from './queries.js';

/** Reason an offer stopped ringing in an agent's console. */
export type WithdrawnReason = 'taken' | 'timed_out' | 'abandoned';

/** Changes of a queue transaction, announced to browsers once it has committed. */
export interface QueueEffects {
  offers: { agentId: string; sessionId: string }[];
  withdrawn: { agentId: string; sessionId: string; reason: WithdrawnReason }[];
  /** Agents whose presence changed. */
  presence: Set<string>;
  /** Sessions whose call state changed for the customer (an agent accepted, the call closed). */
  calls: Set<string>;
  /** Sessions and agents to route once the transaction has committed. */
  route: { sessionIds: string[]; agentIds: string[] };
  queueChanged: boolean;
}

export function newEffects(): QueueEffects {
  return {
    offers: [],
    withdrawn: [],
    presence: new Set(),
    calls: new Set(),
    route: { sessionIds: [], agentIds: [] },
    queueChanged: false,
  };
}

/**
 * Maximum number of offers in one full routing pass. A longer backlog waits for the sweeper's next
 * pass.
 */
const maxOffersPerPass = 50;

/** Window in which two offer timeouts in a row turn an agent away. */
const timeoutStreakWindowMs = 3_600_000;

/**
 * Serializes queue changes and makes offers. Every change to the queue or to an agent's
 * availability runs through `transaction`. Transactions run one at a time in this process, so
 * waiting requests do not each hold a pooled connection. Across server nodes a PostgreSQL advisory
 * lock serializes them, so decisions never see a half-made offer of another node.
 */
export class Router {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly settings: SettingsService,
    private readonly presence: PresenceService,
    private readonly notifier: QueueNotifier,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Runs `work` in a transaction that holds the routing lock, then announces its effects. */
  async transaction<T>(work: (tx: Executor, effects: QueueEffects) => Promise<T>): Promise<T> {
    const effects = newEffects();
    const result = await this.serialize(() =>
      this.db.transaction(async (tx) => {
        await takeRoutingLock(tx);
        return work(tx, effects);
      }),
    );
    await this.publish(effects);
    return result;
  }

  /**
   * Offers waiting customers to available agents: first the given sessions (each to its best
   * agent), then the given agents (each the oldest session it can take), then, with `all`, every
   * match until none is left. Targeted passes keep the queue's order because a full pass after
   * each change leaves no available agent able to take an older waiting session.
   */
  async route(hints: { sessionIds?: string[]; agentIds?: string[]; all?: boolean }): Promise<void> {
    const sessionIds = [...new Set(hints.sessionIds ?? [])];
    const agentIds = [...new Set(hints.agentIds ?? [])];
    if (sessionIds.length === 0 && agentIds.length === 0 && hints.all !== true) return;

    await this.transaction(async (tx, effects) => {
      if (!(await anyAgentAvailable(tx))) return;
      const timeoutMs = (await this.settings.get('offerTimeoutSeconds', tx)) * 1000;

      for (const sessionId of sessionIds)
        await this.offerNext(tx, { sessionId }, timeoutMs, effects);
      for (const agentId of agentIds) await this.offerNext(tx, { agentId }, timeoutMs, effects);
      if (hints.all !== true) return;

      for (let offers = 0; offers < maxOffersPerPass; offers += 1) {
        if (!(await this.offerNext(tx, {}, timeoutMs, effects))) break;
      }
    });
  }

  /**
   * Puts expired offers back in the queue, routes their customers again and returns how many
   * expired.
   */
  async expireOffers(): Promise<number> {
    const lapsed = await lapsedOffers(this.db, this.clock.now());
    let expired = 0;
    for (const offer of lapsed) {
      const changed = await this.transaction((tx, effects) => this.expireOffer(tx, offer, effects));
      if (changed) expired += 1;
    }
    return expired;
  }

  private async expireOffer(
    tx: Executor,
    offer: { id: string; agentId: string },
    effects: QueueEffects,
  ): Promise<boolean> {
    const now = this.clock.now();
    if (!(await unringSession(tx, offer.id, offer.agentId, now))) return false;

    const actor = { type: 'system' as const, id: null };
    await insertEvent(tx, offer.id, 'offer_timed_out', actor, { agentId: offer.agentId }, now);
    const since = new Date(now.getTime() - timeoutStreakWindowMs);
    const outcomes = await recentOfferOutcomes(tx, offer.agentId, since);
    const streak = outcomes.length === 2 && outcomes.every((type) => type === 'offer_timed_out');
    await this.presence.endOffer(tx, offer.agentId, streak ? 'away' : 'available');
    this.log.info({ sessionId: offer.id, agentId: offer.agentId, away: streak }, 'offer timed out');

    effects.withdrawn.push({ agentId: offer.agentId, sessionId: offer.id, reason: 'timed_out' });
    effects.presence.add(offer.agentId);
    effects.route.sessionIds.push(offer.id);
    if (!streak) effects.route.agentIds.push(offer.agentId);
    effects.queueChanged = true;
    return true;
  }

  /**
   * Makes the next offer that matches `filter` and returns false when there is none. Both updates
   * are conditional, so a session or agent that changed outside the routing lock (a call that
   * ended, a customer who left) is never double-booked. After such a conflict the search runs
   * again, up to three attempts in all.
   */
  private async offerNext(
    tx: Executor,
    filter: { sessionId?: string; agentId?: string },
    timeoutMs: number,
    effects: QueueEffects,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const match = await findAssignment(tx, filter);
      if (match === undefined) return false;
      if (await this.offer(tx, match, timeoutMs, effects)) return true;
    }
    return false;
  }

  private async offer(
    tx: Executor,
    match: { sessionId: string; agentId: string },
    timeoutMs: number,
    effects: QueueEffects,
  ): Promise<boolean> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + timeoutMs);
    if (!(await ringSession(tx, match.sessionId, match.agentId, expiresAt))) return false;
    if (!(await this.presence.markOffered(tx, match.agentId))) {
      await unringSession(tx, match.sessionId, match.agentId);
      return false;
    }

    const data = { agentId: match.agentId, expiresAt: expiresAt.toISOString() };
    await insertEvent(tx, match.sessionId, 'offered', { type: 'system', id: null }, data, now);
    effects.offers.push(match);
    effects.presence.add(match.agentId);
    effects.queueChanged = true;
    return true;
  }

  /**
   * Sends the changes of a committed transaction to browsers, then routes the sessions and agents
   * it freed.
   */
  private async publish(effects: QueueEffects): Promise<void> {
    try {
      await this.notifier.publish(effects);
    } catch (error) {
      this.log.error({ err: error }, 'announcing queue changes failed');
    }

    const { sessionIds, agentIds } = effects.route;
    if (sessionIds.length > 0 || agentIds.length > 0) await this.route({ sessionIds, agentIds });
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
