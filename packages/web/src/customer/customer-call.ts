import type {
  CallbackBody,
  CustomerSessionResponse,
  MediaState,
  QueuePosition,
} from '@lensdesk/protocol';
import { batch, computed, effect, signal } from '@preact/signals';
import { t, type MessageKey } from '../i18n';
import { CallClient } from '../shared/call-client';
import { toRequestError } from '../shared/errors';
import { requestJson } from '../shared/http';
import {
  MediaAccessError,
  openCameraAndMicrophone,
  openVideoTrack,
  stopStream,
  type FacingMode,
  type MediaDevicesLike,
  type OpenedCamera,
} from '../shared/media';
import { RemoteMedia } from '../shared/remote-media';
import { CustomerTools } from './live-tools';
import {
  isJoinable,
  problemAction,
  problemForCloseReason,
  problemForErrorCode,
  problemForLinkError,
  type CustomerProblem,
} from './state';
import { SurveyFlow, surveyEndingOf, type SurveyEnding } from './survey';

export type CustomerScreen =
  | { kind: 'loading' }
  | { kind: 'consent' }
  | { kind: 'waiting' }
  | { kind: 'call' }
  | { kind: 'survey'; ending: SurveyEnding }
  | { kind: 'problem'; problem: CustomerProblem };

export interface CustomerCallOptions {
  /** Link token from the page path, or null when the path has none. */
  token: string | null;
  /** Random id of this browser tab, so a reload takes over its own call. */
  clientId: string;
  devices: (MediaDevicesLike & Partial<Pick<MediaDevices, 'enumerateDevices'>>) | undefined;
  /** Camera the customer already opened, on the support page before joining the queue. */
  camera?: OpenedCamera;
  /** Player of the agent's media, when a click on an earlier screen already unlocked it. */
  remote?: RemoteMedia;
}

/**
 * State and actions of the customer page: loads the link, connects to the call, opens the camera
 * when the customer presses Start, flips cameras, mutes, chats and ends the call. A customer who
 * asked for help from a support page waits in the queue first, with the camera preview on.
 */
export class CustomerCall {
  readonly info = signal<CustomerSessionResponse | null>(null);
  readonly client = signal<CallClient | null>(null);
  readonly starting = signal(false);
  readonly localStream = signal<MediaStream | null>(null);
  readonly facingMode = signal<FacingMode>('environment');
  readonly audioMuted = signal(false);
  readonly switchingCamera = signal(false);
  /** A short message shown over the call, such as a failed camera flip. */
  readonly notice = signal<MessageKey | null>(null);
  readonly chatOpen = signal(false);
  /** Place in the queue while no agent has taken the session, or null for a session with one. */
  readonly queue = signal<QueuePosition | null>(null);
  /** True while a request to leave the queue or to be called back is on its way. */
  readonly leaving = signal(false);
  readonly unread = signal(0);
  /** The agent's video and audio; the Start click unlocks its sound on iOS Safari. */
  readonly remote: RemoteMedia;
  /** Annotations, frozen stills, capture requests and camera commands from the agent. */
  readonly tools: CustomerTools;

  /** The customer's survey of the call, offered once the call has ended. */
  readonly survey = new SurveyFlow();

  readonly screen = computed<CustomerScreen>(() => {
    const problem = this.problem();
    if (problem !== null) {
      const ending = surveyEndingOf(problem);
      if (ending !== null && this.options.token !== null && this.survey.offered.value) {
        return { kind: 'survey', ending };
      }
      return { kind: 'problem', problem };
    }
    if (this.loading.value) {
      return { kind: 'loading' };
    }
    if (this.isQueued()) {
      return { kind: 'waiting' };
    }
    return this.localStream.value === null ? { kind: 'consent' } : { kind: 'call' };
  });

  private readonly loading = signal(true);
  private readonly localProblem = signal<CustomerProblem | null>(null);
  private readonly options: CustomerCallOptions;
  private startInFlight = false;

  constructor(options: CustomerCallOptions) {
    this.options = options;
    this.remote = options.remote ?? new RemoteMedia(t('call.agentFallback'));
    if (options.camera !== undefined) {
      this.localStream.value = options.camera.stream;
      this.facingMode.value = options.camera.facingMode;
    }
    this.tools = this.createTools(options);

    effect(() => this.remote.attach(this.client.value?.remoteStream.value ?? null));
    effect(() => this.announceStart());
    effect(() => {
      // Reads the signals that change what the camera offers, then reports it.
      const client = this.client.value;
      const ready = client?.connection.value === 'connected' && client.state.value?.customerStarted;
      const stream = this.localStream.value;
      const facing = this.facingMode.value;
      if (ready === true && stream !== null && facing !== null) {
        void this.tools.reportCapabilities();
      }
    });
    effect(() => {
      // Whatever interrupted the call, the camera light goes off; Try again opens it anew.
      const kind = this.screen.value.kind;
      if (kind === 'problem' || kind === 'survey') {
        this.releaseMedia();
      }
    });
    effect(() => {
      // Once the call is over, the survey of the call replaces the farewell screen, if it has one.
      const problem = this.problem();
      const token = this.options.token;
      if (problem !== null && surveyEndingOf(problem) !== null && token !== null) {
        void this.survey.loadAfterCall(token);
      }
    });
  }

  /** Fetches what the link points to and joins the call's signaling, before any media. */
  async load(): Promise<void> {
    batch(() => {
      this.loading.value = true;
      this.localProblem.value = null;
    });
    if (this.options.token === null) {
      this.localProblem.value = 'link_invalid';
      return;
    }

    try {
      const info = await requestJson<CustomerSessionResponse>('/api/customer/session', {
        headers: { authorization: `Bearer ${this.options.token}` },
      });
      if (!isJoinable(info.status)) {
        this.localProblem.value = 'session_ended';
        return;
      }
      batch(() => {
        this.info.value = info;
        this.queue.value = info.queue;
      });
      this.connect(this.options.token);
    } catch (error) {
      this.localProblem.value = problemForLinkError(toRequestError(error).code);
    } finally {
      this.loading.value = false;
    }
  }

  /**
   * Opens the rear camera and the microphone and starts the call. Must run inside the click
   * handler of the Start button, before any other `await`.
   */
  async start(): Promise<void> {
    if (this.starting.value) {
      return;
    }
    batch(() => {
      this.starting.value = true;
      this.localProblem.value = null;
    });
    this.remote.unlock();

    try {
      const camera = await openCameraAndMicrophone(this.options.devices, 'environment');
      batch(() => {
        this.localStream.value = camera.stream;
        this.facingMode.value = camera.facingMode;
        this.audioMuted.value = false;
      });
      this.client.value?.updatePeer();
    } catch (error) {
      this.localProblem.value = error instanceof MediaAccessError ? error.failure : 'camera_failed';
    } finally {
      this.starting.value = false;
    }
  }

  /** Runs the problem screen's "Try again": the camera again, or the whole page flow. */
  async retry(): Promise<void> {
    const action = problemAction(this.problemValue());
    if (action === 'start_camera') {
      await this.start();
    } else if (action === 'reload') {
      await this.load();
    }
  }

  /**
   * Switches between the rear and the front camera. The old track stops first because many
   * phones cannot open both cameras at once; the peer connection swaps tracks without
   * renegotiating when it can.
   */
  async flipCamera(): Promise<void> {
    const stream = this.localStream.value;
    if (stream === null || this.switchingCamera.value) {
      return;
    }
    const current = this.facingMode.value;
    const target: FacingMode = current === 'environment' ? 'user' : 'environment';
    batch(() => {
      this.switchingCamera.value = true;
      this.notice.value = null;
    });

    for (const track of stream.getVideoTracks()) {
      track.stop();
    }
    try {
      await this.useCamera(stream, target);
      this.client.value
        ?.request('camera:switched', { facingMode: this.facingMode.value })
        .catch(() => undefined);
    } catch {
      this.notice.value = 'call.switchFailed';
      await this.useCamera(stream, current).catch(() => undefined);
    } finally {
      this.switchingCamera.value = false;
      this.client.value?.sendMediaState();
    }
  }

  toggleMute(): void {
    const muted = !this.audioMuted.value;
    for (const track of this.localStream.value?.getAudioTracks() ?? []) {
      track.enabled = !muted;
    }
    this.audioMuted.value = muted;
    this.client.value?.sendMediaState();
  }

  setChatOpen(open: boolean): void {
    batch(() => {
      this.chatOpen.value = open;
      if (open) {
        this.unread.value = 0;
      }
    });
  }

  async sendChat(text: string): Promise<void> {
    const client = this.client.value;
    if (client !== null) {
      await client.sendChat(text);
    }
  }

  /** Ends the call for both sides and turns the camera off. */
  async endCall(): Promise<void> {
    const client = this.client.value;
    try {
      await client?.end();
    } catch {
      // Without a connection the call still ends here, and the server detects the closed socket.
    }
    if (client !== null && client.closedReason.value === null) {
      client.closedReason.value = 'ended_by_customer';
      client.close();
    }
    this.releaseMedia();
  }

  /**
   * Takes the customer out of the queue for good and turns the camera off. A session that ended
   * meanwhile counts as left; any other failure keeps the customer waiting, with a notice.
   */
  async leaveQueue(): Promise<void> {
    await this.finishQueue(
      () => this.customerRequest<void>('/api/customer/leave', {}),
      'left_queue',
      'queue.leaveFailed',
    );
  }

  /**
   * Replaces waiting with a callback request: the server takes the session out of the queue and
   * stores the contact for an agent. Rejects with the request's error, so the form can show it.
   */
  async requestCallback(contact: Omit<CallbackBody, 'token' | 'slug'>): Promise<void> {
    const token = this.options.token;
    if (token === null) {
      return;
    }
    this.leaving.value = true;
    try {
      await requestJson<{ id: string }>('/api/entry/callbacks', {
        method: 'POST',
        body: { ...contact, token },
      });
      this.leaveCall('callback_requested');
    } finally {
      this.leaving.value = false;
    }
  }

  mediaState(): MediaState {
    const stream = this.localStream.value;
    const audio = stream?.getAudioTracks()[0];
    const video = stream?.getVideoTracks()[0];
    return {
      audioMuted: audio === undefined || this.audioMuted.value,
      videoEnabled: video !== undefined && video.readyState === 'live',
      facingMode: video === undefined ? null : this.facingMode.value,
    };
  }

  /** True while the session waits in the queue: the server sent a position and no agent took it. */
  private isQueued(): boolean {
    if (this.queue.value === null) {
      return false;
    }
    const state = this.client.value?.state.value ?? null;
    const agent = state === null ? (this.info.value?.agent ?? null) : state.agent;
    return agent === null;
  }

  private async finishQueue(
    send: () => Promise<unknown>,
    outcome: CustomerProblem,
    failureNotice: MessageKey,
  ): Promise<void> {
    batch(() => {
      this.leaving.value = true;
      this.notice.value = null;
    });
    try {
      await send();
      this.leaveCall(outcome);
    } catch (error) {
      const code = toRequestError(error).code;
      if (code === 'SESSION_ENDED' || code === 'LINK_EXPIRED') {
        this.leaveCall(outcome);
      } else {
        this.notice.value = failureNotice;
      }
    } finally {
      this.leaving.value = false;
    }
  }

  /** Closes the signaling connection without ending a call, and shows `outcome`. */
  private leaveCall(outcome: CustomerProblem): void {
    batch(() => {
      this.localProblem.value = outcome;
      this.queue.value = null;
    });
    this.client.peek()?.close();
  }

  private customerRequest<T>(path: string, body: unknown): Promise<T> {
    return requestJson<T>(path, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${this.options.token ?? ''}` },
    });
  }

  private problem(): CustomerProblem | null {
    // Leaving the queue closes the connection on purpose, so a close reason or rejection that
    // the server sent before no longer applies.
    const local = this.localProblem.value;
    if (local === 'left_queue' || local === 'callback_requested') {
      return local;
    }
    const client = this.client.value;
    const closedReason = client?.closedReason.value ?? null;
    if (closedReason !== null) {
      return problemForCloseReason(closedReason);
    }
    const rejected = client?.rejected.value ?? null;
    if (rejected !== null) {
      return problemForLinkError(rejected.code);
    }
    return this.localProblem.value;
  }

  private problemValue(): CustomerProblem {
    const screen = this.screen.value;
    return screen.kind === 'problem' ? screen.problem : 'unreachable';
  }

  private connect(token: string): void {
    this.client.peek()?.close();
    const client = new CallClient({
      auth: { role: 'customer', token, clientId: this.options.clientId },
      localStream: () => this.localStream.peek(),
      localMediaSettled: () => this.localStream.peek() !== null,
      mediaState: () => this.mediaState(),
      onSocket: (socket) => {
        this.tools.bindSocket(socket);
        socket.on('queue:position', (position) => {
          this.queue.value = position;
        });
      },
      onDataChannel: (channel) => this.tools.transport.attachChannel(channel),
      onChatMessage: (message) => {
        if (message.sender !== 'customer' && !this.chatOpen.peek()) {
          this.unread.value += 1;
        }
      },
    });
    this.client.value = client;
    client.connect();
  }

  private createTools(options: CustomerCallOptions): CustomerTools {
    const devices = options.devices;
    return new CustomerTools({
      token: options.token ?? '',
      sessionId: () => this.info.peek()?.sessionId ?? null,
      client: () => this.client.peek(),
      videoTrack: () => this.localStream.peek()?.getVideoTracks()[0],
      facingMode: () => this.facingMode.peek(),
      flipCamera: () => this.flipCamera(),
      devices:
        devices?.enumerateDevices === undefined
          ? undefined
          : { enumerateDevices: () => devices.enumerateDevices?.() ?? Promise.resolve([]) },
    });
  }

  private async useCamera(stream: MediaStream, facingMode: FacingMode): Promise<void> {
    const opened = await openVideoTrack(this.options.devices, facingMode);
    const next = new MediaStream([opened.track, ...stream.getAudioTracks()]);
    await this.client.peek()?.peerSession?.replaceVideoTrack(opened.track, next);
    batch(() => {
      this.localStream.value = next;
      this.facingMode.value = opened.facingMode;
    });
  }

  /** Tells the server that the customer started, once per connection that has not heard it. */
  private announceStart(): void {
    const client = this.client.value;
    const state = client?.state.value ?? null;
    const started = this.localStream.value !== null;
    if (client === null || state === null || !started || state.customerStarted) {
      return;
    }
    if (this.startInFlight || client.connection.value !== 'connected') {
      return;
    }

    this.startInFlight = true;
    client
      .request('call:start', {})
      .catch((error: unknown) => {
        const code = toRequestError(error).code;
        if (code !== 'NETWORK_FAILED' && code !== 'TIMEOUT') {
          this.localProblem.value = problemForErrorCode(code);
        }
      })
      .finally(() => {
        this.startInFlight = false;
      });
  }

  private releaseMedia(): void {
    const stream = this.localStream.peek();
    if (stream !== null) {
      stopStream(stream);
      this.localStream.value = null;
    }
    this.remote.attach(null);
  }
}
