import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { PresenceService } from '../presence/service.js';
import type { SignalingServer } from '../realtime/signaling.js';
import type { SessionService } from '../sessions/service.js';
import type { QueueNotifier } from './notifier.js';
import { queuedSessionIds } from './queries.js';
import type { Router } from './routing.js';
import type { QueueService } from './service.js';
import type { Database } from '../db/client.js';

/** Time a queued customer may be disconnected (a reload, a tunnel) before leaving the queue. */
export const customerGraceMs = 60_000;

/**
 * Interval of the full routing pass. Each change routes what it affects at once, and the full
 * pass catches what no change announces, such as an admin giving an agent a new skill.
 */
const fullPassIntervalMs = 30_000;

/** Interval at which positions, wait estimates and callback offers are refreshed. */
const positionsIntervalMs = 10_000;

/** Interval at which codes of closed or expired sessions are freed. */
const shortCodeSweepIntervalMs = 60_000;

/**
 * Timed queue work, once a second: offers that ran out move on, agents whose consoles are gone
 * turn offline, long wrap-ups end, and customers who lost their connection leave the queue
 * after a grace period. Tests call `tick` directly with a manual clock.
 */
export class QueueSweeper {
  /** When each queued session was first seen without a customer socket, in epoch milliseconds. */
  private readonly missingSince = new Map<string, number>();
  private lastFullPass = Number.NEGATIVE_INFINITY;
  private lastPositions = Number.NEGATIVE_INFINITY;
  private lastShortCodeSweep = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly deps: {
      db: Database;
      io: SignalingServer;
      clock: Clock;
      queue: QueueService;
      router: Router;
      presence: PresenceService;
      notifier: QueueNotifier;
      sessions: SessionService;
      log: FastifyBaseLogger;
    },
  ) {}

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = true;
      this.tick()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'queue sweep failed'))
        .finally(() => {
          this.running = false;
        });
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Runs one pass of every timed step. */
  async tick(): Promise<void> {
    const { queue, router, presence, notifier, sessions, clock } = this.deps;
    const now = clock.now().getTime();
    const sockets = await this.deps.io.fetchSockets();
    const staff = new Set<string>();
    const customers = new Set<string>();
    for (const socket of sockets) {
      if (socket.data.role === 'customer') customers.add(socket.data.sessionId);
      else if (socket.data.userId !== null) staff.add(socket.data.userId);
    }

    await presence.touch([...staff]);
    await queue.expireUnseenAgents();
    await router.expireOffers();
    await queue.endLongWrapUps();
    await this.abandonDisconnected(customers, now);

    if (now - this.lastFullPass >= fullPassIntervalMs) {
      this.lastFullPass = now;
      await router.route({ all: true });
    }
    if (now - this.lastPositions >= positionsIntervalMs) {
      // Wait estimates and callback offers change with time alone.
      this.lastPositions = now;
      notifier.queueChanged();
    }
    if (now - this.lastShortCodeSweep >= shortCodeSweepIntervalMs) {
      this.lastShortCodeSweep = now;
      await sessions.clearStaleShortCodes();
    }
  }

  private async abandonDisconnected(connected: ReadonlySet<string>, now: number): Promise<void> {
    const queued = await queuedSessionIds(this.deps.db);
    const queuedSet = new Set(queued);
    for (const sessionId of this.missingSince.keys()) {
      if (!queuedSet.has(sessionId) || connected.has(sessionId))
        this.missingSince.delete(sessionId);
    }

    for (const sessionId of queued) {
      if (connected.has(sessionId)) continue;
      const since = this.missingSince.get(sessionId) ?? now;
      this.missingSince.set(sessionId, since);
      if (now - since < customerGraceMs) continue;

      this.missingSince.delete(sessionId);
      try {
        await this.deps.queue.abandon(sessionId, 'timeout', { type: 'system', id: null });
      } catch (error) {
        // The customer left, or an agent started the call, between the read and this change.
        this.deps.log.info({ err: error, sessionId }, 'abandoning a disconnected customer skipped');
      }
    }
  }
}
