import type {
  CallClosedReason,
  CallState,
  ChatMessage,
  ErrorInfo,
  MediaState,
  Signal,
  SocketAuth,
} from '@lensdesk/protocol';
import { batch, signal } from '@preact/signals';
import { annotationChannelId, annotationChannelLabel } from './annotations/channel';
import { PeerSession, type PeerSessionOptions } from './peer-session';
import {
  connectSignaling,
  handshakeError,
  request,
  type ClientAckSuccess,
  type ClientEventName,
  type ClientPayload,
  type SignalingSocket,
} from './signaling';

/** Link between this browser and the signaling server. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface CallClientOptions {
  auth: SocketAuth;
  /** Local tracks to send, or null when there are none. */
  localStream(): MediaStream | null;
  /** False while the local camera is still being opened; the peer connection waits for it. */
  localMediaSettled(): boolean;
  /** Current state of the local microphone and camera, sent to the other side as `peer:media`. */
  mediaState(): MediaState;
  onPeerCreated?(peer: PeerSession): void;
  /** The annotation data channel of a new peer connection; it opens with the connection. */
  onDataChannel?(channel: RTCDataChannel): void;
  /** The Socket.IO connection was created; register further event handlers on it here. */
  onSocket?(socket: SignalingSocket): void;
  onChatMessage?(message: ChatMessage): void;
  onError?(error: unknown, context: string): void;
  connect?(auth: SocketAuth): SignalingSocket;
  createPeer?(options: PeerSessionOptions): PeerSession;
}

// Signals that arrive before this side is ready for a peer connection wait here; an offer and
// its candidates fit easily.
const maxQueuedSignals = 100;

// ICE on a working network connects within a few seconds. After this long, a restart is cheaper
// than waiting for the browser to declare the connection failed.
const connectTimeoutMs = 10_000;

/** Returns true when both participants are in the call and the customer has pressed Start. */
export function callIsReady(state: CallState | null): boolean {
  return state !== null && state.agentPresent && state.customerPresent && state.customerStarted;
}

/**
 * One participant's side of a call: the Socket.IO link, the peer connection's life cycle and the
 * chat. The peer connection exists while both participants are present, the customer has
 * started, and local media is settled. It is rebuilt after this side reconnects, because the
 * other side may have dropped its own in the meantime. State is exposed as signals.
 */
export class CallClient {
  readonly state = signal<CallState | null>(null);
  readonly connection = signal<ConnectionStatus>('connecting');
  /** Reason the server gave for rejecting the handshake, if it did. */
  readonly rejected = signal<ErrorInfo | null>(null);
  readonly closedReason = signal<CallClosedReason | null>(null);
  /** State of the peer connection, or null while there is none. */
  readonly peerState = signal<RTCPeerConnectionState | null>(null);
  readonly remoteStream = signal<MediaStream | null>(null);
  /** The other participant's microphone and camera, as last reported. */
  readonly peerMedia = signal<MediaState | null>(null);
  readonly messages = signal<ChatMessage[]>([]);
  /** True while the remote stream has a video track that has not ended. */
  readonly remoteHasVideo = signal(false);

  private readonly options: CallClientOptions;
  private readonly polite: boolean;
  private socket: SignalingSocket | null = null;
  private peer: PeerSession | null = null;
  private queuedSignals: Signal[] = [];
  /** The last remote offer and the candidates after it, replayed if a rebuilt peer needs them. */
  private signalsSinceOffer: Signal[] = [];
  private hasConnected = false;

  constructor(options: CallClientOptions) {
    this.options = options;
    // The customer yields on offer collisions: its offers are the ones usually in flight.
    this.polite = options.auth.role === 'customer';
  }

  get peerSession(): PeerSession | null {
    return this.peer;
  }

  /** Opens the Socket.IO connection and starts following the call. */
  connect(): void {
    if (this.socket !== null) {
      return;
    }
    const socket = (this.options.connect ?? connectSignaling)(this.options.auth);
    this.socket = socket;

    socket.on('connect', () => this.handleConnect());
    socket.on('disconnect', (reason) => this.handleDisconnect(reason));
    socket.on('connect_error', (error) => this.handleConnectError(error));
    socket.on('call:state', (state) => this.handleState(state));
    socket.on('signal', (payload) => this.handleSignal(payload));
    socket.on('chat:history', (messages) => this.mergeMessages(messages));
    socket.on('chat:message', (message) => {
      const isNew = !this.messages.value.some((known) => known.id === message.id);
      this.mergeMessages([message]);
      if (isNew) {
        this.options.onChatMessage?.(message);
      }
    });
    socket.on('peer:media', (media) => {
      this.peerMedia.value = media;
    });
    socket.on('call:closed', ({ reason }) => {
      this.closedReason.value = reason;
      this.close();
    });
    this.options.onSocket?.(socket);
  }

  /** True while the Socket.IO connection is up. */
  get socketConnected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Emits a client event and resolves with its acknowledgement; see `request`. */
  request<E extends ClientEventName>(
    event: E,
    payload: ClientPayload<E>,
  ): Promise<ClientAckSuccess<E>> {
    if (this.socket === null) {
      return Promise.reject(new Error(`${event} sent before connect().`));
    }
    return request(this.socket, event, payload);
  }

  async sendChat(text: string): Promise<void> {
    const { message } = await this.request('chat:send', { text });
    this.mergeMessages([message]);
  }

  /** Sends the local media state, so the other side can show "camera off" or "muted". */
  sendMediaState(): void {
    if (this.socket?.connected) {
      this.request('media:state', this.options.mediaState()).catch((error: unknown) =>
        this.options.onError?.(error, 'media:state'),
      );
    }
  }

  /** Re-checks whether a peer connection should exist, after local media settled or changed. */
  updatePeer(): void {
    const shouldExist =
      callIsReady(this.state.value) &&
      this.connection.value === 'connected' &&
      this.options.localMediaSettled();

    if (shouldExist && this.peer === null) {
      this.createPeer();
    } else if (!shouldExist && this.peer !== null) {
      this.closePeer();
    }
  }

  /**
   * Ends the call for both sides, which the server confirms with `call:closed`. Resolves once
   * the acknowledgement or `call:closed` has arrived, because the socket closes on the latter.
   */
  async end(): Promise<void> {
    try {
      await this.request('call:end', {});
    } catch (error) {
      if (this.closedReason.value === null) {
        throw error;
      }
    }
  }

  /** Leaves the call on this side only: closes the peer connection and the socket. */
  close(): void {
    this.closePeer();
    this.queuedSignals = [];
    this.connection.value = 'closed';
    this.socket?.disconnect();
  }

  private handleConnect(): void {
    // The other side may have rebuilt its peer connection while this side was away, so this
    // side starts over too. The server sends `call:state` right after the connection.
    if (this.hasConnected) {
      this.closePeer();
    }
    this.hasConnected = true;
    batch(() => {
      this.connection.value = 'connected';
      this.rejected.value = null;
    });
  }

  private handleDisconnect(reason: string): void {
    if (this.connection.value === 'closed' || reason === 'io client disconnect') {
      return;
    }
    this.connection.value = 'reconnecting';
    // Socket.IO does not reconnect by itself after the server closed the socket.
    if (reason === 'io server disconnect') {
      this.socket?.connect();
    }
  }

  private handleConnectError(error: Error): void {
    const info = handshakeError(error);
    if (info !== null) {
      // A rejected handshake is final: Socket.IO stops retrying, and so does this client.
      this.rejected.value = info;
      this.close();
      return;
    }
    if (this.hasConnected) {
      this.connection.value = 'reconnecting';
    }
  }

  private handleState(state: CallState): void {
    this.state.value = state;
    // Signals queued for a call that is no longer ready belong to a peer connection that the
    // other side has dropped.
    if (!callIsReady(state)) {
      this.queuedSignals = [];
    }
    this.updatePeer();
  }

  private handleSignal(payload: Signal): void {
    if ('description' in payload && payload.description.type === 'offer') {
      this.signalsSinceOffer = [payload];
    } else if (
      this.signalsSinceOffer.length > 0 &&
      this.signalsSinceOffer.length < maxQueuedSignals
    ) {
      this.signalsSinceOffer.push(payload);
    }

    if (this.peer !== null) {
      void this.peer.handleSignal(payload);
      return;
    }
    if (this.queuedSignals.length < maxQueuedSignals) {
      this.queuedSignals.push(payload);
    }
  }

  private createPeer(): void {
    const peer = (this.options.createPeer ?? ((options) => new PeerSession(options)))({
      polite: this.polite,
      // The customer, who always has a camera, sends the first offer. The agent sends the answer
      // and restarts ICE when the connection does not come up.
      waitForRemoteOffer: !this.polite,
      connectTimeoutMs: this.polite ? 0 : connectTimeoutMs,
      configuration: { iceServers: this.state.value?.iceServers ?? [] },
      negotiatedChannel: { label: annotationChannelLabel, id: annotationChannelId },
      onDataChannel: (channel) => this.options.onDataChannel?.(channel),
      sendSignal: (payload) => this.request('signal', payload),
      onRemoteTrack: (track, stream) => this.receiveTrack(track, stream),
      onConnectionStateChange: (state) => {
        if (this.peer === peer) {
          this.peerState.value = state;
        }
      },
      onError: (error, phase) => this.handlePeerError(peer, error, phase),
    });
    this.peer = peer;
    this.peerState.value = 'new';

    const stream = this.options.localStream();
    if (stream !== null) {
      peer.addLocalStream(stream);
    }
    this.options.onPeerCreated?.(peer);
    this.sendMediaState();

    const queued = this.queuedSignals;
    this.queuedSignals = [];
    for (const payload of queued) {
      void peer.handleSignal(payload);
    }
  }

  private closePeer(): void {
    if (this.peer === null) {
      return;
    }
    this.peer.close();
    this.peer = null;
    batch(() => {
      this.peerState.value = null;
      this.remoteStream.value = null;
      this.remoteHasVideo.value = false;
      this.peerMedia.value = null;
    });
  }

  private handlePeerError(peer: PeerSession, error: unknown, phase: string): void {
    this.options.onError?.(error, `peer:${phase}`);
    // A description that the current connection cannot apply comes from a peer connection the
    // other side rebuilt (after a reload or a reconnection this side did not see). A fresh
    // connection takes the same offer; the replay buffer is emptied so this happens once.
    if (phase === 'remote-description' && this.peer === peer) {
      const replay = this.signalsSinceOffer;
      this.signalsSinceOffer = [];
      this.closePeer();
      this.queuedSignals = replay;
      this.updatePeer();
    }
  }

  private receiveTrack(track: MediaStreamTrack, stream: MediaStream): void {
    const update = (): void => {
      const tracks = this.remoteStream.peek()?.getVideoTracks() ?? [];
      this.remoteHasVideo.value = tracks.some((each) => each.readyState === 'live');
    };
    track.addEventListener('ended', update);

    batch(() => {
      this.remoteStream.value = stream;
      update();
    });
  }

  private mergeMessages(incoming: readonly ChatMessage[]): void {
    const byId = new Map(this.messages.value.map((message) => [message.id, message]));
    for (const message of incoming) {
      byId.set(message.id, message);
    }
    this.messages.value = [...byId.values()].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  }
}
