import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { SessionService } from '../sessions/service.js';
import type { CallRoom } from './signaling.js';
import { roomOf } from './signaling.js';

/**
 * Closes sessions that no participant will return to: active calls that everyone left more than
 * `idleTimeoutMs` ago end (status `wrap_up`, so the agent still records the outcome), and
 * waiting invites whose link expired become `abandoned`. A crash or a shutdown mid-call would
 * otherwise leave the case active for ever.
 */
export class SessionSweeper {
  /** When each active call was first seen with no participant connected, in epoch milliseconds. */
  private readonly emptySince = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sessions: SessionService,
    private readonly calls: CallRoom,
    private readonly clock: Clock,
    private readonly idleTimeoutMs: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(intervalMs = 60_000): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.log.error({ err: error }, 'session sweep failed'),
      );
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Runs one pass; the timer calls it every minute, and tests call it directly. */
  async sweep(): Promise<void> {
    const now = this.clock.now().getTime();
    const occupied = new Set<string>();
    for (const socket of await this.calls.io.fetchSockets()) {
      if (socket.data.role !== 'console') occupied.add(socket.data.sessionId);
    }

    for (const sessionId of await this.sessions.abandonExpired(occupied)) {
      this.log.info({ sessionId }, 'invite expired unused; session abandoned');
    }

    const active = await this.sessions.idsWithStatus('active');
    for (const sessionId of [...this.emptySince.keys()]) {
      if (!active.includes(sessionId) || occupied.has(sessionId)) this.emptySince.delete(sessionId);
    }

    for (const sessionId of active) {
      if (occupied.has(sessionId)) continue;
      const since = this.emptySince.get(sessionId) ?? now;
      this.emptySince.set(sessionId, since);
      if (now - since < this.idleTimeoutMs) continue;

      await this.endIdleCall(sessionId);
    }
  }

  private async endIdleCall(sessionId: string): Promise<void> {
    this.emptySince.delete(sessionId);
    try {
      await this.sessions.endCall(sessionId, { type: 'system', id: null }, { reason: 'idle' });
    } catch (error) {
      // Someone ended it between the read and this update.
      if (error instanceof AppError && error.code === 'INVALID_TRANSITION') return;
      throw error;
    }
    this.log.info({ sessionId }, 'call ended after everyone left');
    this.calls.io.to(roomOf(sessionId)).emit('call:closed', { reason: 'expired' });
  }
}
