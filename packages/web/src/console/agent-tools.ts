import {
  annotationMessageSchema,
  type AnnotationColor,
  type AnnotationOperation,
  type CameraCapabilities,
  type CameraCommand,
  type CaptureFailed,
  type LiveToolsState,
  type Snapshot,
} from '@lensdesk/protocol';
import { batch, signal } from '@preact/signals';
import { DrawingMachine, type DrawingTool } from '../shared/annotations/drawing';
import { AnnotationStore } from '../shared/annotations/store';
import { AnnotationTransport } from '../shared/annotations/transport';
import type { CallClient } from '../shared/call-client';
import { requestJson } from '../shared/http';
import type { SignalingSocket } from '../shared/signaling';

/** A capture that the agent requested and the customer's phone has not replied to yet. */
export type PendingCapture = 'freeze' | 'snapshot' | null;

/**
 * The agent's live tools: drawing on the customer's picture, freeze frame, snapshots and the
 * customer's camera controls. Annotations are drawn on the frozen still while there is one, and
 * on the live video otherwise.
 */
export class AgentTools {
  readonly store = new AnnotationStore();
  readonly transport: AnnotationTransport;
  readonly machine: DrawingMachine;
  readonly tool = signal<DrawingTool>('pointer');
  readonly color = signal<AnnotationColor>('red');
  readonly pinned = signal(false);
  readonly frozen = signal<Snapshot | null>(null);
  readonly snapshots = signal<readonly Snapshot[]>([]);
  readonly capabilities = signal<CameraCapabilities | null>(null);
  readonly pending = signal<PendingCapture>(null);
  /** Last failure of a tool, as an error or a capture failure reason, for the notice line. */
  readonly failure = signal<unknown>(null);
  readonly captureFailure = signal<CaptureFailed['reason'] | null>(null);

  private readonly sessionId: string;
  /** Author id of this agent's annotations, as the server writes it: `agent:<user id>`. */
  private readonly author: string;
  private readonly client: () => CallClient;

  constructor(sessionId: string, author: string, client: () => CallClient) {
    this.sessionId = sessionId;
    this.author = author;
    this.client = client;
    this.transport = new AnnotationTransport({
      store: this.store,
      parse: (value) => {
        const parsed = annotationMessageSchema.safeParse(value);
        return parsed.success ? parsed.data : null;
      },
      emit: (message) => this.client().request('annotation:op', message),
      onError: (error, context) => {
        if (context === 'annotation:op') {
          this.failure.value = error;
        }
      },
    });
    this.machine = new DrawingMachine({
      author,
      newId: () => crypto.randomUUID(),
      now: () => Date.now(),
    });
  }

  /** Surface that drawings go to: the frozen still's id, or `live`. */
  get surface(): string {
    return this.frozen.value?.id ?? 'live';
  }

  /** Registers the live tools' events on the signaling connection. */
  bindSocket(socket: SignalingSocket): void {
    socket.on('tools:state', (state) => this.applyToolsState(state));
    socket.on('annotation:op', (message) => this.transport.receive(message));
    socket.on('freeze:state', ({ frozen }) => this.setFrozen(frozen));
    socket.on('snapshot:added', (snapshot) => this.addSnapshot(snapshot));
    socket.on('capture:done', ({ purpose, snapshot }) => {
      this.addSnapshot(snapshot);
      // A freeze ends its wait with `freeze:state`, which the server sends first.
      if (purpose === 'snapshot' && this.pending.peek() === 'snapshot') {
        this.pending.value = null;
      }
    });
    socket.on('capture:failed', ({ reason }) => {
      // A failure while no freeze or snapshot waits belongs to a read, which reports it itself.
      if (this.pending.peek() === null) {
        return;
      }
      batch(() => {
        this.pending.value = null;
        this.captureFailure.value = reason;
      });
    });
    socket.on('camera:capabilities', (capabilities) => {
      this.capabilities.value = capabilities;
    });
  }

  /** Sends operations on the current surface. */
  send(ops: readonly AnnotationOperation[]): void {
    const surface = this.surface;
    for (const op of ops) {
      this.transport.send({ surface, op });
    }
  }

  selectTool(tool: DrawingTool): void {
    this.send(this.machine.setTool(tool));
    this.tool.value = tool;
  }

  selectColor(color: AnnotationColor): void {
    this.color.value = color;
    this.machine.style = { ...this.machine.style, color };
  }

  togglePin(): void {
    this.pinned.value = !this.pinned.value;
    this.machine.style = { ...this.machine.style, pinned: this.pinned.value };
  }

  /**
   * Removes this agent's newest drawing that can still be seen. The protocol's `undo` would pick
   * the newest one even when it has faded, so nothing would seem to happen; with nothing left to
   * see, Undo does nothing.
   */
  undo(): void {
    const target = this.store.latestVisible(this.surface, this.author);
    if (target !== null) {
      this.send([{ type: 'remove', opId: crypto.randomUUID(), id: target.id }]);
    }
  }

  clear(): void {
    this.send([...this.machine.cancel(), { type: 'clear', opId: crypto.randomUUID() }]);
  }

  async freeze(): Promise<void> {
    await this.requestCapture('freeze');
  }

  async takeSnapshot(): Promise<void> {
    await this.requestCapture('snapshot');
  }

  async resume(): Promise<void> {
    try {
      await this.client().request('freeze:resume', {});
    } catch (error) {
      this.failure.value = error;
    }
  }

  async command(command: CameraCommand): Promise<void> {
    try {
      await this.client().request('camera:command', command);
    } catch (error) {
      this.failure.value = error;
    }
  }

  /** Loads the gallery; live additions arrive as `snapshot:added`. */
  async loadSnapshots(): Promise<void> {
    try {
      const { snapshots } = await requestJson<{ snapshots: Snapshot[] }>(
        `/api/sessions/${encodeURIComponent(this.sessionId)}/snapshots`,
      );
      for (const snapshot of snapshots) {
        this.addSnapshot(snapshot);
      }
    } catch (error) {
      this.failure.value = error;
    }
  }

  private async requestCapture(purpose: 'freeze' | 'snapshot'): Promise<void> {
    if (this.pending.peek() !== null) {
      return;
    }
    batch(() => {
      this.pending.value = purpose;
      this.captureFailure.value = null;
      this.failure.value = null;
    });
    try {
      await this.client().request('capture:request', { purpose });
    } catch (error) {
      batch(() => {
        this.pending.value = null;
        this.failure.value = error;
      });
    }
  }

  private applyToolsState(state: LiveToolsState): void {
    batch(() => {
      this.store.fadeMs.value = state.annotationFadeMs;
      this.store.replace(state.annotations);
      this.capabilities.value = state.cameraCapabilities;
      this.setFrozen(state.frozen);
    });
  }

  private setFrozen(frozen: Snapshot | null): void {
    if (frozen?.id === this.frozen.peek()?.id) {
      return;
    }
    // A shape half drawn on the old surface would continue on the new one, so it ends here.
    this.machine.cancel();
    batch(() => {
      this.frozen.value = frozen;
      if (this.pending.peek() === 'freeze') {
        this.pending.value = null;
      }
      if (frozen !== null) {
        this.addSnapshot(frozen);
      }
    });
  }

  private addSnapshot(snapshot: Snapshot): void {
    const known = this.snapshots.peek();
    if (known.some((each) => each.id === snapshot.id)) {
      return;
    }
    this.snapshots.value = [...known, snapshot].sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
  }
}
