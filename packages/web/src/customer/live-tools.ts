import type {
  CameraCapabilities,
  CameraCommand,
  CaptureFailed,
  CapturePurpose,
  LiveToolsState,
  Snapshot,
} from '@lensdesk/protocol';
import { batch, signal } from '@preact/signals';
import type { MessageKey } from '../i18n';
import { parseAnnotationMessage } from '../shared/annotations/message-check';
import { AnnotationStore } from '../shared/annotations/store';
import { AnnotationTransport } from '../shared/annotations/transport';
import type { CallClient } from '../shared/call-client';
import { applyTrackCommand, countCameras, readCameraCapabilities } from '../shared/camera-controls';
import { captureStill } from '../shared/capture';
import type { FacingMode } from '../shared/media';
import type { ClientEventName, ClientPayload, SignalingSocket } from '../shared/signaling';
import { uploadSnapshot } from '../shared/snapshot-upload';
import { PhotoSender } from './photo-sender';

/** What the customer's live tools need from the rest of the page. */
export interface CustomerToolsHost {
  token: string;
  sessionId(): string | null;
  client(): CallClient | null;
  videoTrack(): MediaStreamTrack | undefined;
  facingMode(): FacingMode;
  flipCamera(): Promise<void>;
  devices: Pick<MediaDevices, 'enumerateDevices'> | undefined;
}

// How long a notice about the agent's camera command stays on screen, in milliseconds.
const noticeMs = 4000;
// How long the notice of a still stays on screen; shorter, because the camera did not change.
const stillNoticeMs = 3000;

/**
 * The customer's side of the agent's live tools: shows the annotations and the frozen still,
 * takes and uploads stills on the agent's request, carries out camera commands, and reports what
 * the camera can do.
 */
export class CustomerTools {
  readonly store = new AnnotationStore();
  readonly transport: AnnotationTransport;
  /** The still both sides show instead of the live video, or null while live. */
  readonly frozen = signal<Snapshot | null>(null);
  /** Object URL of the frozen still's image, fetched with the link token. */
  readonly frozenUrl = signal<string | null>(null);
  readonly capabilities = signal<CameraCapabilities | null>(null);
  /** A short message about what the agent changed, such as the light. */
  readonly toolNotice = signal<MessageKey | null>(null);
  readonly photos: PhotoSender;

  private readonly host: CustomerToolsHost;
  private preview: HTMLVideoElement | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private lastReport = '';

  constructor(host: CustomerToolsHost) {
    this.host = host;
    this.transport = new AnnotationTransport({
      store: this.store,
      parse: parseAnnotationMessage,
      emit: (message) => this.request('annotation:op', message),
    });
    this.photos = new PhotoSender({
      token: host.token,
      sessionId: () => host.sessionId(),
    });
  }

  /** Registers the live tools' events on a new signaling connection. */
  bindSocket(socket: SignalingSocket): void {
    this.lastReport = '';
    socket.on('tools:state', (state) => this.applyToolsState(state));
    socket.on('annotation:op', (message) => this.transport.receive(message));
    socket.on('freeze:state', ({ frozen }) => void this.setFrozen(frozen));
    socket.on('capture:request', (payload) => {
      // Every still is kept with the case, so the customer learns of each one, whatever it is for.
      this.showNotice('tools.stillTaken', stillNoticeMs);
      void this.capture(payload);
    });
    socket.on('camera:command', (command) => void this.applyCommand(command));
  }

  /** The video element of the customer's own preview, used for canvas stills. */
  setPreview(video: HTMLVideoElement | null): void {
    this.preview = video;
  }

  /** Sends what the camera can do, when it changed or the connection is new. */
  async reportCapabilities(): Promise<void> {
    const track = this.host.videoTrack();
    const cameras = await countCameras(this.host.devices);
    const capabilities = readCameraCapabilities(track, this.host.facingMode(), cameras >= 2);
    this.capabilities.value = track === undefined ? null : capabilities;

    const client = this.host.client();
    const report = JSON.stringify(capabilities);
    const started = client?.state.peek()?.customerStarted === true;
    if (track === undefined || client === null || !started || report === this.lastReport) {
      return;
    }
    this.lastReport = report;
    await client.request('camera:capabilities', capabilities).catch(() => {
      this.lastReport = '';
    });
  }

  /** Switches the light on or off from the customer's own button. */
  async toggleTorch(): Promise<void> {
    const track = this.host.videoTrack();
    const on = !(this.capabilities.peek()?.torchOn ?? false);
    if (track !== undefined) {
      await applyTrackCommand(track, { action: 'torch', on }).catch(() => undefined);
      await this.reportCapabilities();
    }
  }

  /** Releases the frozen still's object URL and the data channel listeners. */
  dispose(): void {
    clearTimeout(this.noticeTimer);
    this.transport.dispose();
    this.photos.dispose();
    void this.setFrozen(null);
  }

  private applyToolsState(state: LiveToolsState): void {
    batch(() => {
      this.store.fadeMs.value = state.annotationFadeMs;
      this.store.replace(state.annotations);
    });
    void this.setFrozen(state.frozen);
  }

  private async setFrozen(snapshot: Snapshot | null): Promise<void> {
    if (snapshot?.id === this.frozen.peek()?.id) {
      return;
    }
    const previousUrl = this.frozenUrl.peek();
    batch(() => {
      this.frozen.value = snapshot;
      this.frozenUrl.value = null;
    });
    if (previousUrl !== null) {
      URL.revokeObjectURL(previousUrl);
    }
    if (snapshot === null) {
      return;
    }

    // The image needs the link token, which an <img> cannot send, so it becomes an object URL.
    try {
      const response = await fetch(snapshot.url, {
        headers: { authorization: `Bearer ${this.host.token}` },
      });
      if (!response.ok) {
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      if (this.frozen.peek()?.id === snapshot.id) {
        this.frozenUrl.value = url;
      } else {
        URL.revokeObjectURL(url);
      }
    } catch {
      // The still stays blank, and the agent, who shows the same still, can resume the live video.
    }
  }

  private async capture(payload: { requestId: string; purpose: CapturePurpose }): Promise<void> {
    const { requestId, purpose } = payload;
    const track = this.host.videoTrack();
    const video = this.preview;
    const sessionId = this.host.sessionId();
    if (
      track === undefined ||
      track.readyState !== 'live' ||
      video === null ||
      sessionId === null
    ) {
      await this.failCapture({ requestId, reason: 'camera_off' });
      return;
    }

    let still: Blob;
    try {
      still = await captureStill(track, video);
    } catch {
      await this.failCapture({ requestId, reason: 'capture_failed' });
      return;
    }

    const snapshotId = crypto.randomUUID();
    try {
      await uploadSnapshot({
        sessionId,
        snapshotId,
        source: purpose === 'freeze' ? 'freeze' : 'agent_request',
        image: still,
        contentType: still.type || 'image/jpeg',
        headers: { authorization: `Bearer ${this.host.token}` },
      });
    } catch {
      await this.failCapture({ requestId, reason: 'upload_failed' });
      return;
    }
    await this.request('capture:done', { requestId, snapshotId }).catch(() => undefined);
  }

  private async failCapture(payload: CaptureFailed): Promise<void> {
    await this.request('capture:failed', payload).catch(() => undefined);
  }

  private async applyCommand(command: CameraCommand): Promise<void> {
    const track = this.host.videoTrack();
    try {
      if (command.action === 'flip') {
        await this.host.flipCamera();
        this.showNotice('tools.agentFlipped');
      } else if (track !== undefined) {
        await applyTrackCommand(track, command);
        this.showNotice(noticeFor(command));
      }
    } catch {
      this.showNotice('tools.commandFailed');
    }
    await this.reportCapabilities();
  }

  private showNotice(key: MessageKey, durationMs = noticeMs): void {
    clearTimeout(this.noticeTimer);
    this.toolNotice.value = key;
    this.noticeTimer = setTimeout(() => {
      this.toolNotice.value = null;
    }, durationMs);
  }

  private request<E extends ClientEventName>(
    event: E,
    payload: ClientPayload<E>,
  ): Promise<unknown> {
    const client = this.host.client();
    return client === null
      ? Promise.reject(new Error(`${event} sent without a connection.`))
      : client.request(event, payload);
  }
}

function noticeFor(command: Exclude<CameraCommand, { action: 'flip' }>): MessageKey {
  if (command.action === 'zoom') {
    return 'tools.agentZoomed';
  }
  return command.on ? 'tools.agentTorchOn' : 'tools.agentTorchOff';
}
