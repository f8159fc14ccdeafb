import type { Signal } from '@lensdesk/protocol';

/** The part of `RTCPeerConnection` that `PeerSession` uses, so tests can pass an in-memory fake. */
export type PeerConnectionLike = Pick<
  RTCPeerConnection,
  | 'signalingState'
  | 'connectionState'
  | 'iceConnectionState'
  | 'localDescription'
  | 'remoteDescription'
  | 'setLocalDescription'
  | 'setRemoteDescription'
  | 'addIceCandidate'
  | 'addTrack'
  | 'removeTrack'
  | 'getSenders'
  | 'restartIce'
  | 'getStats'
  | 'close'
  | 'addEventListener'
  | 'createDataChannel'
>;

/** Step in which a `PeerSession` error happened, for logs and recovery decisions. */
export type PeerErrorPhase = 'offer' | 'remote-description' | 'candidate' | 'send' | 'track';

export interface PeerSessionCallbacks {
  /** A remote track arrived; `stream` is the remote stream it belongs to. */
  onRemoteTrack?(track: MediaStreamTrack, stream: MediaStream): void;
  onConnectionStateChange?(state: RTCPeerConnectionState): void;
  onError?(error: unknown, phase: PeerErrorPhase): void;
}

export interface PeerSessionOptions extends PeerSessionCallbacks {
  /**
   * Whether this side yields when both sides send an offer at once. The customer is polite and
   * the agent impolite, so exactly one side rolls back.
   */
  polite: boolean;
  configuration: RTCConfiguration;
  /** Sends a description or candidate to the other peer through the signaling server. */
  sendSignal(signal: Signal): Promise<unknown> | void;
  /**
   * Holds local tracks back until the other side's first offer arrives, or `offerWaitMs` passed,
   * so that the two sides do not both open with an offer. Chromium 156 sometimes gathered no ICE
   * candidates on a polite side that rolled back its opening offer, leaving the call stuck.
   */
  waitForRemoteOffer?: boolean;
  offerWaitMs?: number;
  /**
   * Restarts ICE when the connection is not up this many milliseconds after an offer/answer
   * round, and again after each further wait. Zero or unset turns it off; setting it on one side
   * only keeps the two sides from restarting into each other.
   */
  connectTimeoutMs?: number;
  /**
   * Data channel that both peers create with the same label and id (`negotiated: true`), so it
   * needs no offer of its own. It is ordered and reliable. See `ensureChannel` for when it is created.
   */
  negotiatedChannel?: { label: string; id: number };
  /** The negotiated channel was created; it opens once the connection is up. */
  onDataChannel?(channel: RTCDataChannel): void;
  createPeerConnection?(configuration: RTCConfiguration): PeerConnectionLike;
  /** Clock in milliseconds, for `createdAt`. */
  now?(): number;
}

/** Result of `replaceVideoTrack`: whether the flip needed a new offer/answer round. */
export type TrackSwapResult = 'replaced' | 'renegotiating';

/**
 * One WebRTC connection to the other participant, negotiated with the "perfect negotiation"
 * pattern: either side may add tracks or restart ICE at any time, and when both offer at once
 * the polite side rolls back its own offer while the impolite side ignores the incoming one.
 * It reports through callbacks and never touches the DOM.
 */
export class PeerSession {
  /** Time the peer connection was created, from `options.now`; the start of time-to-media. */
  readonly createdAt: number;

  private readonly pc: PeerConnectionLike;
  private readonly options: PeerSessionOptions;
  private makingOffer = false;
  private ignoreOffer = false;
  private isSettingRemoteAnswerPending = false;
  private closed = false;
  private videoSender: RTCRtpSender | null = null;
  private heldStream: MediaStream | null = null;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private orphanStream: MediaStream | null = null;
  private channel: RTCDataChannel | null = null;

  constructor(options: PeerSessionOptions) {
    this.options = options;
    const create = options.createPeerConnection ?? ((config) => new RTCPeerConnection(config));
    this.pc = create(options.configuration);
    this.createdAt = (options.now ?? Date.now)();

    this.pc.addEventListener('negotiationneeded', () => void this.negotiate());
    this.pc.addEventListener('icecandidate', (event) => this.sendCandidate(event.candidate));
    this.pc.addEventListener('track', (event) => this.receiveTrack(event));
    this.pc.addEventListener('connectionstatechange', () => {
      if (this.closed) {
        return;
      }
      this.options.onConnectionStateChange?.(this.pc.connectionState);
      if (this.pc.connectionState === 'connected') {
        clearTimeout(this.watchdog);
      } else if (this.pc.connectionState === 'disconnected') {
        this.armWatchdog();
      }
    });
    this.pc.addEventListener('iceconnectionstatechange', () => {
      // A failed ICE agent does not recover alone; a restart gathers fresh candidates and
      // fires negotiationneeded, which sends a new offer through the usual path.
      if (!this.closed && this.pc.iceConnectionState === 'failed') {
        this.pc.restartIce();
      }
    });

    if (!options.waitForRemoteOffer) {
      this.ensureChannel();
    }
  }

  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  get signalingState(): RTCSignalingState {
    return this.pc.signalingState;
  }

  /**
   * Adds every track of the local stream. With `waitForRemoteOffer`, the tracks wait for the
   * first remote offer instead. The first video sender is kept for camera flips.
   */
  addLocalStream(stream: MediaStream): void {
    if (this.options.waitForRemoteOffer && this.pc.remoteDescription === null) {
      this.heldStream = stream;
      clearTimeout(this.holdTimer);
      this.holdTimer = setTimeout(() => this.releaseHeldStream(), this.options.offerWaitMs ?? 3000);
      return;
    }
    this.attachStream(stream);
  }

  private attachStream(stream: MediaStream): void {
    for (const track of stream.getTracks()) {
      const sender = this.pc.addTrack(track, stream);
      if (track.kind === 'video' && this.videoSender === null) {
        this.videoSender = sender;
      }
    }
  }

  /**
   * Sends `track` in place of the current video track. `RTCRtpSender.replaceTrack` swaps the
   * track without a new offer. Only when there is no video sender yet, or the sender rejects the
   * new track, is the track added afresh, and negotiationneeded starts a new offer/answer round.
   */
  async replaceVideoTrack(track: MediaStreamTrack, stream: MediaStream): Promise<TrackSwapResult> {
    this.releaseHeldStream();
    const sender = this.videoSender;
    if (sender !== null) {
      try {
        await sender.replaceTrack(track);
        return 'replaced';
      } catch (error) {
        this.options.onError?.(error, 'track');
        this.pc.removeTrack(sender);
      }
    }

    this.videoSender = this.pc.addTrack(track, stream);
    return 'renegotiating';
  }

  /** Applies a description or candidate that the other peer sent. */
  async handleSignal(signal: Signal): Promise<void> {
    if (this.closed) {
      return;
    }
    if ('description' in signal) {
      await this.handleDescription(signal.description);
    } else if (signal.candidate !== null) {
      await this.handleCandidate(signal.candidate);
    }
  }

  getStats(): Promise<RTCStatsReport> {
    return this.pc.getStats();
  }

  /** Closes the connection; later signals and events are ignored. Local tracks keep running. */
  close(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    clearTimeout(this.holdTimer);
    clearTimeout(this.watchdog);
    this.pc.close();
  }

  private async negotiate(): Promise<void> {
    if (this.closed) {
      return;
    }
    try {
      this.makingOffer = true;
      // Without an argument, setLocalDescription creates the offer that fits the current state.
      await this.pc.setLocalDescription();
      this.sendDescription();
    } catch (error) {
      this.options.onError?.(error, 'offer');
    } finally {
      this.makingOffer = false;
    }
  }

  private async handleDescription(description: RTCSessionDescriptionInit): Promise<void> {
    if (description.type !== 'offer' && description.type !== 'answer') {
      return;
    }

    // An offer collides with ours when we are making one or already hold one that is not
    // about to be answered.
    const readyForOffer =
      !this.makingOffer &&
      (this.pc.signalingState === 'stable' || this.isSettingRemoteAnswerPending);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.options.polite && offerCollision;
    if (this.ignoreOffer) {
      return;
    }

    if (description.type === 'offer') {
      // Tracks and the data channel added right before the offer is applied join its m-lines, so the answer carries
      // them without another round.
      this.releaseHeldStream();
    }

    try {
      this.isSettingRemoteAnswerPending = description.type === 'answer';
      // On collision the polite side relies on the implicit rollback of setRemoteDescription.
      await this.pc.setRemoteDescription(description);
      this.isSettingRemoteAnswerPending = false;

      if (description.type === 'offer') {
        await this.pc.setLocalDescription();
        this.sendDescription();
      }
      this.armWatchdog();
    } catch (error) {
      this.isSettingRemoteAnswerPending = false;
      this.options.onError?.(error, 'remote-description');
    }
  }

  private async handleCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      // Candidates of an offer this side ignored are expected to fail.
      if (!this.ignoreOffer) {
        this.options.onError?.(error, 'candidate');
      }
    }
  }

  /**
   * Creates the negotiated data channel once. A side that waits for the remote offer creates it
   * only when that offer arrives or its own tracks are released: creating it earlier fires
   * negotiationneeded and sends the very opening offer that the wait is there to avoid. The
   * remote offer already carries the data channel's m-line, so the answer covers it.
   */
  private ensureChannel(): void {
    const spec = this.options.negotiatedChannel;
    if (spec === undefined || this.channel !== null || this.closed) {
      return;
    }
    this.channel = this.pc.createDataChannel(spec.label, {
      negotiated: true,
      id: spec.id,
      ordered: true,
    });
    this.options.onDataChannel?.(this.channel);
  }

  private releaseHeldStream(): void {
    this.ensureChannel();
    clearTimeout(this.holdTimer);
    const stream = this.heldStream;
    this.heldStream = null;
    if (stream !== null && !this.closed) {
      this.attachStream(stream);
    }
  }

  /** Schedules an ICE restart in case the connection does not come up; see `connectTimeoutMs`. */
  private armWatchdog(): void {
    const timeoutMs = this.options.connectTimeoutMs ?? 0;
    if (timeoutMs <= 0 || this.pc.connectionState === 'connected') {
      return;
    }
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      const connected = this.pc.connectionState === 'connected';
      if (this.closed || connected || this.pc.remoteDescription === null) {
        return;
      }
      this.pc.restartIce();
      this.armWatchdog();
    }, timeoutMs);
  }

  private sendDescription(): void {
    const description = this.pc.localDescription;
    if (this.closed || description === null) {
      return;
    }
    this.send({ description: { type: description.type, sdp: description.sdp } });
  }

  private sendCandidate(candidate: RTCIceCandidate | null): void {
    // The null candidate only marks the end of gathering; the other side needs nothing for it.
    if (this.closed || candidate === null) {
      return;
    }
    const { sdpMid, sdpMLineIndex, usernameFragment } = candidate;
    this.send({
      candidate: { candidate: candidate.candidate, sdpMid, sdpMLineIndex, usernameFragment },
    });
  }

  private send(signal: Signal): void {
    try {
      const sent = this.options.sendSignal(signal);
      if (sent instanceof Promise) {
        sent.catch((error: unknown) => this.options.onError?.(error, 'send'));
      }
    } catch (error) {
      this.options.onError?.(error, 'send');
    }
  }

  private receiveTrack(event: RTCTrackEvent): void {
    if (this.closed) {
      return;
    }
    const stream = event.streams[0] ?? this.streamForTrack(event.track);
    this.options.onRemoteTrack?.(event.track, stream);
  }

  /** Collects tracks that arrived without a stream into one stream per session. */
  private streamForTrack(track: MediaStreamTrack): MediaStream {
    this.orphanStream ??= new MediaStream();
    this.orphanStream.addTrack(track);
    return this.orphanStream;
  }
}
