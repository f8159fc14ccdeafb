import type { FastifyBaseLogger } from 'fastify';
import type { QueuePosition, QueueState } from '@lensdesk/protocol';
import type { PresenceService } from '../presence/service.js';
import { roomOf, type SignalingServer } from '../realtime/signaling.js';
import type { QueueEffects } from './routing.js';
import type { QueueView } from './view.js';

/** Socket.IO room of every console. */
export const consoleRoom = 'console';
/** Socket.IO room of the consoles of supervisors and admins. */
export const supervisorRoom = 'supervisors';
/** Socket.IO room of one user's consoles. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/**
 * Sends queue changes to browsers: offers and presence to one agent's consoles right away, and
 * the queue (`queue:state`, `queue:position`) at most once per `debounceMs`, because a burst of
 * arrivals would otherwise send the whole queue once per arrival.
 */
export class QueueNotifier {
  private io: SignalingServer | undefined;
  private broadcastCall: (sessionId: string) => Promise<void> = async () => {};
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private pending = false;
  /** Last `queue:position` sent to each waiting customer, serialized. */
  private readonly sentPositions = new Map<string, string>();

  constructor(
    private readonly view: QueueView,
    private readonly presence: PresenceService,
    private readonly log: FastifyBaseLogger,
    private readonly debounceMs = 200,
  ) {}

  /** Connects the notifier to the Socket.IO server once signaling is attached. */
  attach(io: SignalingServer, broadcastCall: (sessionId: string) => Promise<void>): void {
    this.io = io;
    this.broadcastCall = broadcastCall;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.io = undefined;
  }

  async publish(effects: QueueEffects): Promise<void> {
    const io = this.io;
    if (io === undefined) return;

    for (const { agentId, sessionId } of effects.offers) {
      const offer = await this.view.offer(sessionId);
      if (offer !== undefined) io.to(userRoom(agentId)).emit('offer', offer);
    }
    for (const { agentId, sessionId, reason } of effects.withdrawn) {
      io.to(userRoom(agentId)).emit('offer:withdrawn', { sessionId, reason });
    }
    if (effects.presence.size > 0) {
      for (const presence of await this.presence.views(undefined, [...effects.presence])) {
        io.to(userRoom(presence.userId)).emit('presence:state', presence);
      }
    }
    for (const sessionId of effects.calls) await this.broadcastCall(sessionId);
    if (effects.queueChanged || effects.presence.size > 0) this.queueChanged();
  }

  /** Schedules `queue:state` to consoles and `queue:position` to waiting customers. */
  queueChanged(): void {
    if (this.io === undefined) return;
    this.pending = true;
    if (this.timer !== undefined || this.running !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.flush().finally(() => {
        this.running = undefined;
        if (this.pending) this.queueChanged();
      });
    }, this.debounceMs);
    this.timer.unref();
  }

  /**
   * Sends each waiting customer its position when it differs from the last one sent, so an
   * arrival at the back of a long queue does not send every customer the same numbers again.
   */
  private sendPositions(io: SignalingServer, positions: Map<string, QueuePosition>): void {
    for (const sessionId of this.sentPositions.keys()) {
      if (!positions.has(sessionId)) this.sentPositions.delete(sessionId);
    }
    for (const [sessionId, position] of positions) {
      const serialized = JSON.stringify(position);
      if (this.sentPositions.get(sessionId) === serialized) continue;
      this.sentPositions.set(sessionId, serialized);
      io.to(roomOf(sessionId)).emit('queue:position', position);
    }
  }

  /**
   * Forgets the position last sent to a customer, so the next update sends it again: for a
   * customer page that reconnected and has none.
   */
  resendPosition(sessionId: string): void {
    this.sentPositions.delete(sessionId);
    this.queueChanged();
  }

  private async flush(): Promise<void> {
    const io = this.io;
    this.pending = false;
    if (io === undefined) return;
    try {
      const { state, positions } = await this.view.snapshot(true);
      const trimmed: QueueState = { ...state, agents: [], calls: [] };
      io.to(supervisorRoom).emit('queue:state', state);
      io.to(consoleRoom).except(supervisorRoom).emit('queue:state', trimmed);
      this.sendPositions(io, positions);
    } catch (error) {
      this.log.error({ err: error }, 'sending the queue state failed');
    }
  }
}
