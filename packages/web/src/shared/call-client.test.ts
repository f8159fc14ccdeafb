import type { CallState, ChatMessage, Signal, SocketAuth } from '@lensdesk/protocol';
import { describe, expect, it, vi } from 'vitest';
import { CallClient, callIsReady } from './call-client';
import type { PeerErrorPhase, PeerSession, PeerSessionOptions } from './peer-session';
import type { SignalingSocket } from './signaling';

type Handler = (...args: unknown[]) => void;

/** Socket.IO client stand-in: records emits, acknowledges them, and lets tests play the server. */
class FakeSocket {
  connected = false;
  readonly emitted: { event: string; payload: unknown }[] = [];
  private readonly handlers = new Map<string, Handler[]>();

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  timeout(): { emit: (event: string, payload: unknown, ack: Handler) => void } {
    return {
      emit: (event, payload, ack) => {
        this.emitted.push({ event, payload });
        ack(
          null,
          event === 'chat:send'
            ? { ok: true, message: chat('m-sent', 'agent', '2025-01-01T10:02:00.000Z') }
            : { ok: true },
        );
      },
    };
  }

  connect(): void {}

  disconnect(): void {
    this.connected = false;
  }

  serverConnect(): void {
    this.connected = true;
    this.fire('connect');
  }

  serverDrop(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) {
      handler(...args);
    }
  }

  eventsNamed(event: string): unknown[] {
    return this.emitted.filter((entry) => entry.event === event).map((entry) => entry.payload);
  }
}

interface StubPeer {
  options: PeerSessionOptions;
  signals: Signal[];
  streams: unknown[];
  closed: boolean;
}

function chat(
  id: string,
  sender: ChatMessage['sender'],
  sentAt = '2025-01-01T10:00:00.000Z',
): ChatMessage {
  return { id, sender, senderName: sender === 'agent' ? 'Sam' : 'Ana', text: `text ${id}`, sentAt };
}

function state(overrides: Partial<CallState> = {}): CallState {
  return {
    sessionId: 's1',
    status: 'active',
    agent: { name: 'Sam Agent', initials: 'SA' },
    customer: { name: 'Ana', initials: 'A' },
    agentPresent: true,
    customerPresent: true,
    customerStarted: true,
    iceServers: [{ urls: 'stun:127.0.0.1:3478' }],
    ...overrides,
  };
}

const offer: Signal = { description: { type: 'offer', sdp: 'v=0 offer' } };
const candidate: Signal = {
  candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 },
};

function setup(options: { settled?: boolean; auth?: SocketAuth } = {}) {
  const socket = new FakeSocket();
  const peers: StubPeer[] = [];
  let settled = options.settled ?? true;
  const localStream = { id: 'local' } as unknown as MediaStream;
  const onChatMessage = vi.fn();

  const client = new CallClient({
    auth: options.auth ?? { role: 'agent', sessionId: '5b0c1f0e-8d52-4d6e-9a49-1c1f7f0d2a11' },
    localStream: () => localStream,
    localMediaSettled: () => settled,
    mediaState: () => ({ audioMuted: false, videoEnabled: true, facingMode: null }),
    onChatMessage,
    connect: () => socket as unknown as SignalingSocket,
    createPeer: (peerOptions) => {
      const peer: StubPeer = { options: peerOptions, signals: [], streams: [], closed: false };
      peers.push(peer);
      return {
        addLocalStream: (stream: MediaStream) => peer.streams.push(stream),
        handleSignal: async (signal: Signal) => {
          peer.signals.push(signal);
        },
        close: () => {
          peer.closed = true;
        },
      } as unknown as PeerSession;
    },
  });
  client.connect();
  socket.serverConnect();

  const settle = (): void => {
    settled = true;
    client.updatePeer();
  };
  return { client, socket, peers, settle, localStream, onChatMessage };
}

describe('callIsReady', () => {
  it('needs both participants and a started customer', () => {
    expect(callIsReady(state())).toBe(true);
    expect(callIsReady(state({ customerStarted: false }))).toBe(false);
    expect(callIsReady(state({ agentPresent: false }))).toBe(false);
    expect(callIsReady(null)).toBe(false);
  });
});

describe('CallClient', () => {
  it('creates a peer when the call is ready', () => {
    const { socket, peers, localStream } = setup();
    socket.fire('call:state', state({ customerStarted: false }));
    expect(peers).toHaveLength(0);

    socket.fire('call:state', state());

    expect(peers).toHaveLength(1);
    expect(peers[0]?.streams).toEqual([localStream]);
    expect(peers[0]?.options.polite).toBe(false);
    expect(peers[0]?.options.configuration.iceServers).toEqual([{ urls: 'stun:127.0.0.1:3478' }]);
    expect(socket.eventsNamed('media:state')).toHaveLength(1);
  });

  it('makes the customer the polite peer', () => {
    const { socket, peers } = setup({
      auth: { role: 'customer', token: 'token-token-token-1', clientId: 'client-1' },
    });
    socket.fire('call:state', state());
    expect(peers[0]?.options.polite).toBe(true);
  });

  it('waits for local media to settle', () => {
    const { socket, peers, settle } = setup({ settled: false });
    socket.fire('call:state', state());
    socket.fire('signal', offer);
    socket.fire('signal', candidate);
    expect(peers).toHaveLength(0);

    settle();

    expect(peers).toHaveLength(1);
    expect(peers[0]?.signals).toEqual([offer, candidate]);
  });

  it('closes the peer when the other side leaves', () => {
    const { client, socket, peers } = setup();
    socket.fire('call:state', state());
    socket.fire('call:state', state({ customerPresent: false }));

    expect(peers[0]?.closed).toBe(true);
    expect(client.peerState.value).toBeNull();
  });

  it('rebuilds the peer after reconnecting', () => {
    const { socket, peers } = setup();
    socket.fire('call:state', state());
    socket.serverDrop();
    socket.serverConnect();
    socket.fire('call:state', state());

    expect(peers).toHaveLength(2);
    expect(peers[0]?.closed).toBe(true);
    expect(peers[1]?.closed).toBe(false);
  });

  it('shows reconnecting while the socket is down', () => {
    const { client, socket } = setup();
    socket.serverDrop();
    expect(client.connection.value).toBe('reconnecting');
  });

  it('replays the last offer on a fresh peer', () => {
    const { socket, peers } = setup();
    socket.fire('call:state', state());
    socket.fire('signal', offer);
    socket.fire('signal', candidate);

    peers[0]?.options.onError?.(
      new Error('bad fingerprint'),
      'remote-description' as PeerErrorPhase,
    );

    expect(peers).toHaveLength(2);
    expect(peers[0]?.closed).toBe(true);
    expect(peers[1]?.signals).toEqual([offer, candidate]);
  });

  it('stops on a rejected handshake', () => {
    const { client, socket } = setup();
    const error = Object.assign(new Error('rejected'), {
      data: { code: 'CUSTOMER_ALREADY_CONNECTED', message: 'open elsewhere' },
    });
    socket.fire('connect_error', error);

    expect(client.rejected.value?.code).toBe('CUSTOMER_ALREADY_CONNECTED');
    expect(client.connection.value).toBe('closed');
  });

  it('records why the call closed', () => {
    const { client, socket, peers } = setup();
    socket.fire('call:state', state());
    socket.fire('call:closed', { reason: 'ended_by_customer' });

    expect(client.closedReason.value).toBe('ended_by_customer');
    expect(peers[0]?.closed).toBe(true);
  });

  it('merges chat without duplicates', async () => {
    const { client, socket, onChatMessage } = setup();
    socket.fire('chat:history', [chat('m1', 'customer')]);
    socket.fire('chat:message', chat('m2', 'customer', '2025-01-01T10:01:00.000Z'));
    socket.fire('chat:message', chat('m2', 'customer', '2025-01-01T10:01:00.000Z'));
    await client.sendChat('hello');

    expect(client.messages.value.map((message) => message.id)).toEqual(['m1', 'm2', 'm-sent']);
    expect(onChatMessage).toHaveBeenCalledTimes(1);
  });

  it('rejects requests while disconnected', async () => {
    const { client, socket } = setup();
    socket.serverDrop();
    await expect(client.request('call:end', {})).rejects.toMatchObject({ code: 'NETWORK_FAILED' });
  });
});
