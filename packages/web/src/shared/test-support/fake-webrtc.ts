/**
 * In-memory stand-ins for the WebRTC objects `PeerSession` touches, for unit tests in Node.
 * The fake peer connection follows the JSEP signaling state machine closely enough to exercise
 * perfect negotiation: an operations chain, implicit rollback, `negotiationneeded` only in the
 * stable state, and tracks announced to the remote side through the description.
 */

let nextId = 1;

export class FakeTrack extends EventTarget {
  readonly id = `track-${nextId++}`;
  readonly kind: 'audio' | 'video';
  readyState: MediaStreamTrackState = 'live';
  muted = false;
  enabled = true;

  constructor(kind: 'audio' | 'video') {
    super();
    this.kind = kind;
  }

  stop(): void {
    this.readyState = 'ended';
  }

  getSettings(): MediaTrackSettings {
    return {};
  }
}

export class FakeStream {
  readonly id = `stream-${nextId++}`;
  private readonly tracks: FakeTrack[];

  constructor(tracks: FakeTrack[]) {
    this.tracks = [...tracks];
  }

  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }

  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((track) => track.kind === 'audio');
  }

  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((track) => track.kind === 'video');
  }

  addTrack(track: FakeTrack): void {
    this.tracks.push(track);
  }
}

export class FakeSender {
  track: FakeTrack | null;
  streamId: string;
  replaceCalls = 0;

  constructor(track: FakeTrack, streamId: string) {
    this.track = track;
    this.streamId = streamId;
  }

  async replaceTrack(track: FakeTrack | null): Promise<void> {
    this.replaceCalls += 1;
    this.track = track;
  }
}

interface FakeSdp {
  tracks: { id: string; kind: 'audio' | 'video'; streamId: string }[];
}

function invalidState(message: string): Error {
  const error = new Error(message);
  error.name = 'InvalidStateError';
  return error;
}

export class FakePeerConnection extends EventTarget {
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly senders: FakeSender[] = [];
  readonly addedCandidates: RTCIceCandidateInit[] = [];
  readonly configuration: RTCConfiguration;
  /** When false, the connection never comes up, as when no ICE candidate pair works. */
  autoConnect = true;
  restartIceCalls = 0;
  offersCreated = 0;
  rollbacks = 0;
  closed = false;

  private chain: Promise<unknown> = Promise.resolve();
  private pendingOperations = 0;
  private needsNegotiation = false;
  private readonly remoteTrackIds = new Set<string>();

  constructor(configuration: RTCConfiguration = {}) {
    super();
    this.configuration = configuration;
  }

  addTrack(track: FakeTrack, stream: FakeStream): FakeSender {
    const sender = new FakeSender(track, stream.id);
    this.senders.push(sender);
    this.markNegotiationNeeded();
    return sender;
  }

  removeTrack(sender: FakeSender): void {
    const index = this.senders.indexOf(sender);
    if (index >= 0) {
      this.senders.splice(index, 1);
    }
    this.markNegotiationNeeded();
  }

  getSenders(): FakeSender[] {
    return [...this.senders];
  }

  restartIce(): void {
    this.restartIceCalls += 1;
    this.markNegotiationNeeded();
  }

  async getStats(): Promise<Map<string, unknown>> {
    if (this.closed) {
      throw invalidState('closed');
    }
    return new Map();
  }

  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
    this.connectionState = 'closed';
  }

  setLocalDescription(description?: RTCSessionDescriptionInit): Promise<void> {
    return this.enqueue(() => {
      if (description?.type === 'rollback') {
        this.rollback();
        return;
      }
      if (this.signalingState === 'have-remote-offer') {
        this.localDescription = { type: 'answer', sdp: this.describeTracks() };
        this.signalingState = 'stable';
        this.needsNegotiation = false;
        this.setConnected();
      } else if (this.signalingState === 'stable' || this.signalingState === 'have-local-offer') {
        this.offersCreated += 1;
        this.localDescription = { type: 'offer', sdp: this.describeTracks() };
        this.signalingState = 'have-local-offer';
        this.needsNegotiation = false;
      } else {
        throw invalidState(`setLocalDescription in ${this.signalingState}`);
      }
      this.emitCandidateSoon();
    });
  }

  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    return this.enqueue(() => {
      if (description.type === 'offer') {
        if (this.signalingState === 'have-local-offer') {
          this.rollback();
        }
        if (this.signalingState !== 'stable') {
          throw invalidState(`remote offer in ${this.signalingState}`);
        }
        this.signalingState = 'have-remote-offer';
      } else if (description.type === 'answer') {
        if (this.signalingState !== 'have-local-offer') {
          throw invalidState(`remote answer in ${this.signalingState}`);
        }
        this.signalingState = 'stable';
        this.setConnected();
      }
      this.remoteDescription = description;
      this.announceRemoteTracks(JSON.parse(description.sdp ?? '{"tracks":[]}') as FakeSdp);
    });
  }

  addIceCandidate(candidate?: RTCIceCandidateInit): Promise<void> {
    return this.enqueue(() => {
      if (this.remoteDescription === null) {
        throw invalidState('candidate before a remote description');
      }
      if (candidate !== undefined) {
        this.addedCandidates.push(candidate);
      }
    });
  }

  /** Simulates the ICE agent failing, as when the network path breaks. */
  failIce(): void {
    this.iceConnectionState = 'failed';
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }

  private rollback(): void {
    if (this.signalingState !== 'have-local-offer' && this.signalingState !== 'have-remote-offer') {
      throw invalidState(`rollback in ${this.signalingState}`);
    }
    this.rollbacks += 1;
    this.signalingState = 'stable';
    this.localDescription = null;
    this.needsNegotiation = true;
  }

  private enqueue(operation: () => void): Promise<void> {
    this.pendingOperations += 1;
    const result = this.chain.then(() => {
      if (this.closed) {
        throw invalidState('closed');
      }
      operation();
    });
    this.chain = result
      .catch(() => undefined)
      .finally(() => {
        this.pendingOperations -= 1;
        this.checkNegotiation();
      });
    return result;
  }

  private markNegotiationNeeded(): void {
    this.needsNegotiation = true;
    this.checkNegotiation();
  }

  // Browsers fire negotiationneeded from a task, only when stable with no operation pending.
  private checkNegotiation(): void {
    setTimeout(() => {
      const idle = this.pendingOperations === 0 && this.signalingState === 'stable';
      if (idle && this.needsNegotiation && !this.closed) {
        this.needsNegotiation = false;
        this.dispatchEvent(new Event('negotiationneeded'));
      }
    }, 0);
  }

  private describeTracks(): string {
    const sdp: FakeSdp = {
      tracks: this.senders.flatMap((sender) =>
        sender.track === null
          ? []
          : [{ id: sender.track.id, kind: sender.track.kind, streamId: sender.streamId }],
      ),
    };
    return JSON.stringify(sdp);
  }

  private announceRemoteTracks(sdp: FakeSdp): void {
    for (const described of sdp.tracks) {
      if (this.remoteTrackIds.has(described.id)) {
        continue;
      }
      this.remoteTrackIds.add(described.id);
      const track = new FakeTrack(described.kind);
      const event = Object.assign(new Event('track'), {
        track,
        streams: [new FakeStream([track])],
      });
      this.dispatchEvent(event);
    }
  }

  private setConnected(): void {
    if (this.autoConnect && this.connectionState !== 'connected') {
      this.connectionState = 'connected';
      this.iceConnectionState = 'connected';
      this.dispatchEvent(new Event('connectionstatechange'));
    }
  }

  private emitCandidateSoon(): void {
    setTimeout(() => {
      if (this.closed) {
        return;
      }
      const candidate = {
        candidate: `candidate:${nextId++} 1 udp 2122260223 127.0.0.1 50000 typ host`,
        sdpMid: '0',
        sdpMLineIndex: 0,
        usernameFragment: 'fake',
      };
      this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate }));
    }, 0);
  }
}

/** Lets timers and promise callbacks run until the fakes have nothing left to do. */
export async function settle(rounds = 40): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
