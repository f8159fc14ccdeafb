import type {
  CaptureFailed,
  NormalizedBox,
  ProductLine,
  ReadResult,
  ReadSnapshotBody,
  SessionDetail,
  Snapshot,
  UpdateSessionBody,
} from '@lensdesk/protocol';
import { batch, signal, type Signal } from '@preact/signals';
import { rankCandidates, type SerialCandidate } from './serial-reading';

/** Case fields that reading fills in. */
export interface CaseFields {
  serialNumber: string | null;
  modelNumber: string | null;
  productLineId: string | null;
}

/** Stage of a read: waiting for the customer's still (`capturing`) or for the server (`reading`). */
export type ReadPhase = 'idle' | 'capturing' | 'reading';

/** A finished read: the snapshot it ran on, the region (null for a scan) and the result. */
export interface ReadOutcome {
  snapshot: Snapshot;
  region: NormalizedBox | null;
  result: ReadResult;
  /** The result's candidates, best first. */
  candidates: SerialCandidate[];
}

/** Cause of the last failed read or save. */
export type ReadProblem =
  | { kind: 'capture'; reason: CaptureFailed['reason'] | 'timeout' }
  | { kind: 'read' | 'save'; error: unknown };

export interface SerialReaderOptions {
  sessionId: string;
  initial: CaseFields;
  /** Emits `capture:request {purpose: 'read'}` and resolves with the server's request id. */
  requestCapture(): Promise<{ requestId: string }>;
  /** The frozen still, which is read directly instead of capturing a new one. */
  frozen(): Snapshot | null;
  readSnapshot(snapshotId: string, body: ReadSnapshotBody): Promise<ReadResult>;
  updateCase(sessionId: string, body: UpdateSessionBody): Promise<SessionDetail>;
  listProductLines(): Promise<ProductLine[]>;
  /** Time the customer's phone has to send the still, in milliseconds (15,000 by default). */
  captureTimeoutMs?: number;
}

type CaptureReply =
  { ok: true; snapshot: Snapshot } | { ok: false; reason: CaptureFailed['reason'] };

/** Replies kept for request ids that no read waits for yet. */
const maxEarlyReplies = 8;

interface CaptureWaiter {
  resolve(reply: CaptureReply): void;
}

/**
 * Reading serial numbers in the call view: the "Read serial" box tool, "Scan", the result of the
 * last read, and the case fields that a read fills in (serial, model, product line).
 */
export class SerialReader {
  /** True while the agent can drag a box on the customer's video to read it. */
  readonly selecting = signal(false);
  readonly phase = signal<ReadPhase>('idle');
  readonly outcome = signal<ReadOutcome | null>(null);
  readonly problem = signal<ReadProblem | null>(null);
  readonly productLines = signal<readonly ProductLine[]>([]);
  readonly fields: Signal<CaseFields>;
  /** True while a change of the case fields is being saved. */
  readonly saving = signal(false);
  /** True after the last change of the case fields was stored, until the next one starts. */
  readonly saved = signal(false);

  private readonly options: SerialReaderOptions;
  private readonly waiters = new Map<string, CaptureWaiter>();
  /** Replies that arrived before the acknowledgement that names their request id. */
  private readonly earlyReplies = new Map<string, CaptureReply>();

  constructor(options: SerialReaderOptions) {
    this.options = options;
    this.fields = signal<CaseFields>(options.initial);
  }

  /** Handles the customer's reply to a capture request of purpose `read`. */
  receiveCapture(requestId: string, reply: CaptureReply): void {
    const waiter = this.waiters.get(requestId);
    if (waiter === undefined) {
      // Replies to other purposes' failures land here too, so only the newest few are kept.
      this.earlyReplies.set(requestId, reply);
      for (const key of this.earlyReplies.keys()) {
        if (this.earlyReplies.size <= maxEarlyReplies) {
          break;
        }
        this.earlyReplies.delete(key);
      }
      return;
    }
    this.waiters.delete(requestId);
    waiter.resolve(reply);
  }

  async loadProductLines(): Promise<void> {
    try {
      this.productLines.value = await this.options.listProductLines();
    } catch (error) {
      this.problem.value = { kind: 'save', error };
    }
  }

  toggleSelecting(): void {
    this.selecting.value = !this.selecting.value;
  }

  /**
   * Reads a region of the customer's camera, or all of it for a region of null (a scan): from the
   * frozen still when there is one, and otherwise from a full-resolution still taken now.
   */
  async readLive(region: NormalizedBox | null): Promise<void> {
    this.selecting.value = false;
    if (this.phase.peek() !== 'idle') {
      return;
    }
    const frozen = this.options.frozen();
    if (frozen !== null) {
      await this.readSnapshot(frozen, region);
      return;
    }

    batch(() => {
      this.phase.value = 'capturing';
      this.problem.value = null;
      this.saved.value = false;
    });
    let reply: CaptureReply;
    try {
      reply = await this.capture();
    } catch (error) {
      this.fail({ kind: 'read', error });
      return;
    }
    if (!reply.ok) {
      this.fail({ kind: 'capture', reason: reply.reason });
      return;
    }
    await this.runRead(reply.snapshot, region);
  }

  /** Reads a region of a stored snapshot, or all of it for a region of null. */
  async readSnapshot(snapshot: Snapshot, region: NormalizedBox | null): Promise<void> {
    this.selecting.value = false;
    if (this.phase.peek() !== 'idle') {
      return;
    }
    batch(() => {
      this.problem.value = null;
      this.saved.value = false;
    });
    await this.runRead(snapshot, region);
  }

  /** Stores a read value as the case's serial or model number, linked to the read it came from. */
  async useValue(field: 'serialNumber' | 'modelNumber', value: string): Promise<void> {
    const readId = this.outcome.peek()?.result.readId;
    await this.update({ [field]: value, ...(readId === undefined ? {} : { readId }) });
  }

  /** Stores the serial and model numbers as typed. An empty field clears its value. */
  async saveNumbers(serialNumber: string, modelNumber: string): Promise<void> {
    await this.update({
      serialNumber: serialNumber.trim() === '' ? null : serialNumber.trim(),
      modelNumber: modelNumber.trim() === '' ? null : modelNumber.trim(),
    });
  }

  async selectProductLine(productLineId: string | null): Promise<void> {
    await this.update({ productLineId });
  }

  /** Closes the result of the last read. */
  dismiss(): void {
    batch(() => {
      this.outcome.value = null;
      this.problem.value = null;
    });
  }

  private async runRead(snapshot: Snapshot, region: NormalizedBox | null): Promise<void> {
    const productLineId = this.fields.peek().productLineId;
    const body: ReadSnapshotBody = {
      ...(region === null ? {} : { region }),
      ...(productLineId === null ? {} : { productLineId }),
    };
    this.phase.value = 'reading';
    try {
      const result = await this.options.readSnapshot(snapshot.id, body);
      batch(() => {
        this.outcome.value = {
          snapshot,
          region,
          result,
          candidates: rankCandidates(result.serialCandidates),
        };
        this.phase.value = 'idle';
      });
    } catch (error) {
      this.fail({ kind: 'read', error });
    }
  }

  private async update(body: UpdateSessionBody): Promise<void> {
    batch(() => {
      this.saving.value = true;
      this.saved.value = false;
      this.problem.value = null;
    });
    try {
      const detail = await this.options.updateCase(this.options.sessionId, body);
      this.fields.value = {
        serialNumber: detail.serialNumber,
        modelNumber: detail.modelNumber,
        productLineId: detail.productLine?.id ?? null,
      };
      this.saved.value = true;
    } catch (error) {
      this.problem.value = { kind: 'save', error };
    } finally {
      this.saving.value = false;
    }
  }

  /** Requests a still and waits for the customer's phone to upload it, or to report a failure. */
  private async capture(): Promise<CaptureReply> {
    const { requestId } = await this.options.requestCapture();
    const early = this.earlyReplies.get(requestId);
    if (early !== undefined) {
      this.earlyReplies.delete(requestId);
      return early;
    }

    return new Promise<CaptureReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(requestId);
        reject(new CaptureTimeout());
      }, this.options.captureTimeoutMs ?? 15_000);
      this.waiters.set(requestId, {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
      });
    });
  }

  private fail(problem: ReadProblem): void {
    const timedOut = problem.kind === 'read' && problem.error instanceof CaptureTimeout;
    batch(() => {
      this.phase.value = 'idle';
      this.problem.value = timedOut ? { kind: 'capture', reason: 'timeout' } : problem;
    });
  }
}

/** The customer's phone sent neither a still nor a failure in time. */
class CaptureTimeout extends Error {
  constructor() {
    super('The still for the read did not arrive in time.');
    this.name = 'CaptureTimeout';
  }
}
