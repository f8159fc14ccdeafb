import type { MediaState } from '@lensdesk/protocol';
import { batch, effect, signal } from '@preact/signals';
import { CallClient } from '../shared/call-client';
import { watchFirstVideoFrame } from '../shared/first-frame';
import { stopStream } from '../shared/media';
import type { PeerSession } from '../shared/peer-session';
import type { SignalingSocket } from '../shared/signaling';
import { RemoteMedia } from '../shared/remote-media';
import { AgentTools } from './agent-tools';
import { listProductLines, readSnapshot, updateCase } from './api';
import { SerialReader, type CaseFields } from './serial-reader';

/**
 * The agent's side of a call: joins the signaling at once, opens the agent's camera and
 * microphone if there are any (the call works receive-only without them), reports the first
 * decoded customer frame, and ends the call.
 */
export class AgentCall {
  readonly client: CallClient;
  readonly localStream = signal<MediaStream | null>(null);
  /** True once the camera request has finished, whatever its outcome. */
  readonly mediaSettled = signal(false);
  readonly cameraOff = signal(false);
  readonly audioMuted = signal(false);
  /** The customer's video and audio. */
  readonly remote: RemoteMedia;
  /** Drawing, freeze frame, snapshots and the customer's camera controls. */
  readonly tools: AgentTools;
  /** "Read serial", "Scan" and the case fields they fill in. */
  readonly reader: SerialReader;

  private stopFrameWatch: (() => void) | null = null;
  private disposed = false;
  private readonly disposeEffects: () => void;

  /**
   * @param author Id written into this agent's annotations, `agent:<user id>`, the same one the
   *   server sets, so Undo removes this agent's own drawings.
   * @param caseFields The case's serial number, model number and product line when the view opens.
   */
  constructor(sessionId: string, label: string, author: string, caseFields: CaseFields) {
    this.remote = new RemoteMedia(label);
    this.tools = new AgentTools(sessionId, author, () => this.client);
    this.reader = new SerialReader({
      sessionId,
      initial: caseFields,
      requestCapture: () => this.client.request('capture:request', { purpose: 'read' }),
      frozen: () => this.tools.frozen.peek(),
      readSnapshot,
      updateCase,
      listProductLines,
    });

    this.client = new CallClient({
      auth: { role: 'agent', sessionId },
      localStream: () => this.localStream.peek(),
      localMediaSettled: () => this.mediaSettled.peek(),
      mediaState: () => this.mediaState(),
      onPeerCreated: (peer) => this.watchFirstFrame(peer),
      onSocket: (socket) => {
        this.tools.bindSocket(socket);
        this.bindReader(socket);
      },
      onDataChannel: (channel) => this.tools.transport.attachChannel(channel),
    });
    this.disposeEffects = effect(() => this.remote.attach(this.client.remoteStream.value));
  }

  /** Joins the call and opens the local camera and microphone in parallel. */
  start(devices: MediaDevices | undefined): void {
    this.client.connect();
    void this.openMedia(devices);
    void this.tools.loadSnapshots();
    void this.reader.loadProductLines();
  }

  toggleMute(): void {
    const muted = !this.audioMuted.value;
    for (const track of this.localStream.value?.getAudioTracks() ?? []) {
      track.enabled = !muted;
    }
    this.audioMuted.value = muted;
    this.client.sendMediaState();
  }

  sendChat(text: string): Promise<void> {
    return this.client.sendChat(text);
  }

  /** Ends the call for both sides, which the server confirms with `call:closed`. */
  end(): Promise<void> {
    return this.client.end();
  }

  mediaState(): MediaState {
    const stream = this.localStream.peek();
    const audio = stream?.getAudioTracks()[0];
    const video = stream?.getVideoTracks()[0];
    return {
      audioMuted: audio === undefined || this.audioMuted.peek(),
      videoEnabled: video !== undefined && video.readyState === 'live',
      facingMode: null,
    };
  }

  /** Leaves the call and releases the camera, the microphone and every timer. */
  dispose(): void {
    this.disposed = true;
    this.stopFrameWatch?.();
    this.disposeEffects();
    this.tools.transport.dispose();
    this.client.close();
    stopStream(this.localStream.peek());
    this.remote.attach(null);
  }

  /** Passes the customer's replies to the reader's capture requests on to it. */
  private bindReader(socket: SignalingSocket): void {
    socket.on('capture:done', ({ requestId, purpose, snapshot }) => {
      if (purpose === 'read') {
        this.reader.receiveCapture(requestId, { ok: true, snapshot });
      }
    });
    // Failures carry no purpose, so all go to the reader, which keeps a few that match no read yet.
    socket.on('capture:failed', ({ requestId, reason }) => {
      this.reader.receiveCapture(requestId, { ok: false, reason });
    });
  }

  private async openMedia(devices: MediaDevices | undefined): Promise<void> {
    // Any camera will do for the agent, or else the microphone alone. Without both, the call
    // still runs receive-only and the customer gets the agent's initials instead of video.
    const attempts: MediaStreamConstraints[] = [{ video: true, audio: true }, { audio: true }];
    let stream: MediaStream | null = null;
    for (const constraints of attempts) {
      if (devices === undefined) {
        break;
      }
      stream = await devices.getUserMedia(constraints).catch(() => null);
      if (stream !== null) {
        break;
      }
    }

    if (this.disposed) {
      stopStream(stream);
      return;
    }
    batch(() => {
      this.localStream.value = stream;
      this.cameraOff.value = (stream?.getVideoTracks().length ?? 0) === 0;
      this.mediaSettled.value = true;
    });
    this.client.updatePeer();
    this.client.sendMediaState();
  }

  private watchFirstFrame(peer: PeerSession): void {
    this.stopFrameWatch?.();
    this.stopFrameWatch = watchFirstVideoFrame(peer, () => {
      // The protocol caps the value at one hour.
      const elapsedMs = Math.min(3_600_000, Math.max(0, Math.round(Date.now() - peer.createdAt)));
      this.client.request('media:connected', { elapsedMs }).catch(() => undefined);
    });
  }
}
