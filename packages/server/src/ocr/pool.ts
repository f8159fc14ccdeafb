import type { Worker } from 'node:worker_threads';
import type { ErrorInfo } from '@lensdesk/protocol';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';

/** Message from the pool to a worker. */
export interface PoolRequest<T> {
  id: number;
  payload: T;
}

/** Message from a worker to the pool: one per request, with the request's id. */
export type PoolResponse<R> =
  { id: number; ok: true; value: R } | { id: number; ok: false; error: ErrorInfo };

export interface WorkerPoolOptions {
  /** Maximum number of worker threads. */
  size: number;
  /** Maximum number of requests waiting for a free worker; more are rejected with `NOT_READY`. */
  maxQueue: number;
  /** Time a worker may spend on one request before it is terminated and replaced, in ms. */
  timeoutMs: number;
  /** Starts one worker thread that speaks {@link PoolRequest} and {@link PoolResponse}. */
  createWorker: () => Worker;
  logger?: Logger;
}

interface Job<T, R> {
  id: number;
  payload: T;
  transfer: ArrayBuffer[];
  resolve: (value: R) => void;
  reject: (error: Error) => void;
}

interface Slot<T, R> {
  worker: Worker;
  job: Job<T, R> | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Set once the pool itself terminates the worker, so its exit is not reported as a crash. */
  retiring: boolean;
}

/**
 * Fixed-size pool of worker threads. Workers start on first use and are reused; requests wait in a
 * bounded queue; a request that runs past its timeout has its worker terminated; a worker that
 * crashes or is terminated is replaced when work is waiting. Workers are unreferenced, so an idle
 * pool does not keep the process alive; call {@link close} to stop them.
 */
export class WorkerPool<T, R> {
  private readonly slots: Slot<T, R>[] = [];
  private readonly queue: Job<T, R>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(`The pool size must be a positive integer, got ${options.size}.`);
    }
  }

  /** Number of running workers, busy workers and queued requests. */
  get stats(): { workers: number; busy: number; queued: number } {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((slot) => slot.job !== undefined).length,
      queued: this.queue.length,
    };
  }

  /** Runs one request on a worker. `transfer` lists buffers moved to the worker, not copied. */
  run(payload: T, transfer: ArrayBuffer[] = []): Promise<R> {
    if (this.closed) {
      return Promise.reject(new AppError('NOT_READY', 'The reading engine is closed.'));
    }
    const idle = this.slots.some((slot) => slot.job === undefined);
    const canGrow = this.slots.length < this.options.size;
    if (!idle && !canGrow && this.queue.length >= this.options.maxQueue) {
      return Promise.reject(
        new AppError('NOT_READY', 'Too many reads are waiting. Try again in a few seconds.'),
      );
    }

    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, payload, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Rejects waiting requests and terminates every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      job.reject(new AppError('NOT_READY', 'The reading engine is closed.'));
    }
    await Promise.all(
      [...this.slots].map((slot) => this.retire(slot, 'The reading engine is closed.')),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((candidate) => candidate.job === undefined);
      if (slot === undefined && this.slots.length < this.options.size) slot = this.spawn();
      if (slot === undefined) return;

      const job = this.queue.shift() as Job<T, R>;
      slot.job = job;
      slot.timer = setTimeout(() => void this.onTimeout(slot), this.options.timeoutMs);
      const message: PoolRequest<T> = { id: job.id, payload: job.payload };
      slot.worker.postMessage(message, job.transfer);
    }
  }

  private spawn(): Slot<T, R> {
    const worker = this.options.createWorker();
    worker.unref();
    const slot: Slot<T, R> = { worker, job: undefined, timer: undefined, retiring: false };
    this.slots.push(slot);
    this.options.logger?.info(
      { threadId: worker.threadId, workers: this.slots.length },
      'OCR worker started',
    );

    let crash: Error | undefined;
    worker.on('message', (message: PoolResponse<R>) => this.onMessage(slot, message));
    worker.on('error', (error) => {
      crash = error;
    });
    worker.on('exit', (code) => this.onExit(slot, code, crash));
    return slot;
  }

  private onMessage(slot: Slot<T, R>, message: PoolResponse<R>): void {
    const job = slot.job;
    if (job === undefined || job.id !== message.id) return;

    this.finish(slot);
    if (message.ok) job.resolve(message.value);
    else job.reject(toError(message.error));
    this.dispatch();
  }

  private onExit(slot: Slot<T, R>, code: number, crash: Error | undefined): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (slot.retiring) return;

    this.options.logger?.error(
      { threadId: slot.worker.threadId, exitCode: code, err: crash },
      'OCR worker stopped unexpectedly; a new one starts for the next read',
    );
    const job = slot.job;
    this.finish(slot);
    job?.reject(
      new Error(`The OCR worker stopped unexpectedly: ${crash?.message ?? `exit code ${code}`}`),
    );
    if (!this.closed) this.dispatch();
  }

  private async onTimeout(slot: Slot<T, R>): Promise<void> {
    const job = slot.job;
    if (job === undefined) return;

    this.options.logger?.warn(
      { threadId: slot.worker.threadId, timeoutMs: this.options.timeoutMs },
      'OCR read timed out; terminating its worker',
    );
    await this.retire(
      slot,
      `Reading the region took longer than ${this.options.timeoutMs} ms and was stopped.`,
    );
    if (!this.closed) this.dispatch();
  }

  /** Terminates a worker on purpose, rejecting its request with `NOT_READY` and `reason`. */
  private async retire(slot: Slot<T, R>, reason: string): Promise<void> {
    slot.retiring = true;
    const job = slot.job;
    this.finish(slot);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);

    job?.reject(new AppError('NOT_READY', reason));
    await slot.worker.terminate();
  }

  private finish(slot: Slot<T, R>): void {
    if (slot.timer !== undefined) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
  }
}

function toError(info: ErrorInfo): Error {
  if (info.code === 'INTERNAL') return new Error(info.message);
  return new AppError(info.code, info.message, info.issues);
}
