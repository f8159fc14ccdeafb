import type {
  AgentPresence,
  CreateSessionResponse,
  Offer,
  QueueState,
  SetPresenceBody,
} from '@lensdesk/protocol';
import { batch, signal } from '@preact/signals';
import { requestJson } from '../shared/http';
import { connectSignaling, handshakeError, type SignalingSocket } from '../shared/signaling';
import { currentUser } from './auth';

/** Link between the console and the server's live updates. */
export type LiveConnection = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/**
 * An offer ringing for this agent. `expiresAt` is null when the console learned of the offer
 * from the queue after a reload or reconnection, which does not carry the deadline.
 */
export type RingingOffer = Omit<Offer, 'expiresAt'> & { expiresAt: string | null };

/** Why an offer stopped ringing before this agent answered it. */
export type WithdrawnReason = 'taken' | 'timed_out' | 'abandoned';

// Wait before connecting again after the server rejected the handshake for a reason other than
// the sign-in, in milliseconds.
const handshakeRetryMs = 5_000;

/**
 * The signed-in console's live link: the queue, callback requests, this agent's availability
 * and offers, and for supervisors every agent and call. On every (re)connection the server sends
 * the agent's presence, a ringing offer and the whole queue, so nothing missed while
 * disconnected stays stale.
 */
export class ConsoleSocket {
  readonly connection = signal<LiveConnection>('connecting');
  readonly queue = signal<QueueState | null>(null);
  readonly presence = signal<AgentPresence | null>(null);
  readonly offer = signal<RingingOffer | null>(null);
  /** The last offer that stopped ringing unanswered, until the agent dismisses the notice. */
  readonly withdrawn = signal<{ offer: RingingOffer; reason: WithdrawnReason } | null>(null);

  private socket: SignalingSocket | null = null;
  private readonly userId: string;

  constructor(userId: string) {
    this.userId = userId;
  }

  start(): void {
    if (this.socket !== null) {
      return;
    }
    const socket = connectSignaling({ role: 'console' });
    this.socket = socket;

    socket.on('connect', () => {
      this.connection.value = 'connected';
    });
    socket.on('disconnect', (reason) => {
      if (this.connection.value === 'closed') {
        return;
      }
      this.connection.value = 'reconnecting';
      // Socket.IO does not reconnect by itself after the server closed the socket.
      if (reason === 'io server disconnect') {
        socket.connect();
      }
    });
    socket.on('connect_error', (error) => {
      const info = handshakeError(error);
      if (info?.code === 'UNAUTHENTICATED') {
        this.stop();
        currentUser.value = null;
        return;
      }
      if (this.connection.value === 'connected') {
        this.connection.value = 'reconnecting';
      }
      // Socket.IO retries transport failures by itself but gives up after a rejected handshake,
      // such as a server that is still starting.
      if (info !== null) {
        setTimeout(() => {
          if (this.socket === socket) {
            socket.connect();
          }
        }, handshakeRetryMs);
      }
    });
    socket.on('queue:state', (state) => this.applyQueue(state));
    socket.on('presence:state', (presence) => this.applyPresence(presence));
    socket.on('offer', (offer) => {
      batch(() => {
        this.offer.value = offer;
        this.withdrawn.value = null;
      });
    });
    socket.on('offer:withdrawn', ({ sessionId, reason }) => {
      const offer = this.offer.peek();
      if (offer?.sessionId === sessionId) {
        batch(() => {
          this.offer.value = null;
          this.withdrawn.value = { offer, reason };
        });
      }
    });
  }

  stop(): void {
    this.connection.value = 'closed';
    this.socket?.disconnect();
    this.socket = null;
  }

  /** Sets this agent's availability and shows the status that the server returns as stored. */
  async setPresence(status: SetPresenceBody['status']): Promise<void> {
    const body: SetPresenceBody = { status };
    const presence = await requestJson<AgentPresence>('/api/presence', { method: 'PUT', body });
    this.applyPresence(presence);
  }

  /**
   * Takes the session, whether it is ringing here or picked from the queue. Rejects with
   * `SESSION_TAKEN` when another agent was faster.
   */
  async accept(sessionId: string): Promise<void> {
    try {
      await requestJson<{ sessionId: string }>(
        `/api/queue/${encodeURIComponent(sessionId)}/accept`,
        {
          method: 'POST',
        },
      );
    } finally {
      if (this.offer.peek()?.sessionId === sessionId) {
        this.offer.value = null;
      }
    }
  }

  /** Lets the offer go to the next agent. */
  async decline(sessionId: string): Promise<void> {
    if (this.offer.peek()?.sessionId === sessionId) {
      this.offer.value = null;
    }
    await requestJson<void>(`/api/queue/${encodeURIComponent(sessionId)}/decline`, {
      method: 'POST',
    });
  }

  /** Creates an invite for a callback request; the console then shows its link and QR code. */
  inviteCallback(callbackId: string): Promise<CreateSessionResponse> {
    return requestJson<CreateSessionResponse>(
      `/api/callbacks/${encodeURIComponent(callbackId)}/invite`,
      { method: 'POST' },
    );
  }

  async closeCallback(callbackId: string): Promise<void> {
    await requestJson<unknown>(`/api/callbacks/${encodeURIComponent(callbackId)}/close`, {
      method: 'POST',
    });
  }

  private applyPresence(presence: AgentPresence): void {
    batch(() => {
      this.presence.value = presence;
      // An offer ends when the server moves the agent out of `busy (offer)`, even if the
      // withdrawal event was lost in a reconnection.
      const ringing = presence.status === 'busy' && presence.busyReason === 'offer';
      if (!ringing || presence.sessionId !== this.offer.peek()?.sessionId) {
        this.offer.value = ringing ? this.offerFromQueue(presence.sessionId) : null;
      }
    });
  }

  private applyQueue(state: QueueState): void {
    batch(() => {
      this.queue.value = state;
      const offer = this.offer.peek();
      if (offer !== null && offer.expiresAt === null) {
        this.offer.value = this.offerFromQueue(offer.sessionId);
      }
      const presence = this.presence.peek();
      if (offer === null && presence?.busyReason === 'offer') {
        this.offer.value = this.offerFromQueue(presence.sessionId);
      }
    });
  }

  /** Returns the ringing offer of `sessionId`: the one with its deadline, else one from the queue. */
  private offerFromQueue(sessionId: string | null): RingingOffer | null {
    const current = this.offer.peek();
    if (current !== null && current.sessionId === sessionId && current.expiresAt !== null) {
      return current;
    }
    return ringingOfferFromQueue(this.queue.peek(), sessionId, this.userId);
  }
}

/**
 * Rebuilds the offer of `sessionId` from its queue entry, without a deadline, when the entry
 * rings for `userId`; returns null otherwise.
 */
export function ringingOfferFromQueue(
  queue: QueueState | null,
  sessionId: string | null,
  userId: string,
): RingingOffer | null {
  const entry = queue?.waiting.find((waiting) => waiting.sessionId === sessionId);
  if (entry === undefined || entry.offeredTo?.id !== userId) {
    return null;
  }
  return {
    sessionId: entry.sessionId,
    customerName: entry.customerName,
    topic: entry.topic,
    productLine: entry.productLine === null ? null : { ...entry.productLine },
    queuedAt: entry.queuedAt,
    expiresAt: null,
  };
}

/** The console's live link while someone is signed in, else null. */
export const consoleSocket = signal<ConsoleSocket | null>(null);
