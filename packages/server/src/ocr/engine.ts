import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { compilePatterns } from './patterns.js';
import { WorkerPool } from './pool.js';
import type { RegionReadRequest, RegionReadResult, WorkerCommand } from './reader.js';
import { validateRegion } from './region.js';
import type { ReadRequest, ReadResult } from './types.js';

/** Maximum size of an encoded image, in bytes. */
export const maxImageBytes = 25 * 1024 * 1024;

export interface OcrEngineOptions {
  /** Number of worker threads; by default one less than the available cores, and at least one. */
  workers?: number;
  /** Reads that may wait for a free worker; 16 by default. */
  maxQueue?: number;
  /** Time one read may run in a worker, in ms; 15 000 by default. */
  timeoutMs?: number;
  logger?: Logger;
}

/** Reads serial numbers, text and barcodes in regions of images, off the main thread. */
export interface OcrEngine {
  /**
   * Reads one region. Raises `VALIDATION_FAILED` for a bad image, region or pattern, and
   * `NOT_READY` when the queue is full, the read times out or the engine is closed.
   */
  read(request: ReadRequest): Promise<ReadResult>;
  /** Starts every worker now, instead of on first use, and waits until their models are loaded. */
  warmUp(): Promise<void>;
  /** Terminates every worker; reads waiting or running are rejected. */
  close(): Promise<void>;
}

/** Default worker count: leaves one core to the event loop and libvips on small machines. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function createOcrEngine(options: OcrEngineOptions = {}): OcrEngine {
  const size = options.workers ?? defaultWorkerCount();
  const pool = new WorkerPool<WorkerCommand, RegionReadResult>({
    size,
    maxQueue: options.maxQueue ?? 16,
    timeoutMs: options.timeoutMs ?? 15_000,
    createWorker: startReadWorker,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });

  return {
    async read(request) {
      const started = performance.now();
      const payload = toWorkerRequest(request);
      const result = await pool.run({ kind: 'read', request: payload }, [
        payload.image.buffer as ArrayBuffer,
      ]);
      return { ...result, durationMs: Math.round(performance.now() - started) };
    },

    async warmUp() {
      // Concurrent commands each start a worker of their own while the pool is below its size.
      const commands = Array.from({ length: size }, () => pool.run({ kind: 'warm-up' }));
      await Promise.all(commands);
    },

    close: () => pool.close(),
  };
}

/**
 * Validates a request on the calling thread, so bad input fails before it queues, and copies the
 * image into a buffer that can be moved to the worker without detaching the caller's.
 */
function toWorkerRequest(request: ReadRequest): RegionReadRequest {
  if (!(request.image instanceof Uint8Array) || request.image.byteLength === 0) {
    throw new AppError('VALIDATION_FAILED', 'The image is missing.', [
      { path: 'image', message: 'must be a non-empty byte array' },
    ]);
  }
  if (request.image.byteLength > maxImageBytes) {
    throw new AppError('VALIDATION_FAILED', 'The image is too large.', [
      { path: 'image', message: `must be at most ${maxImageBytes} bytes` },
    ]);
  }
  if (request.region !== undefined) validateRegion(request.region);
  const patterns = request.patterns ?? [];
  compilePatterns(patterns);

  const payload: RegionReadRequest = {
    image: new Uint8Array(request.image),
    patterns,
    text: request.text ?? true,
    barcodes: request.barcodes ?? true,
  };
  if (request.region !== undefined) payload.region = { ...request.region };
  return payload;
}

/**
 * Starts a worker on the compiled `read-worker.js`, or, when running from TypeScript sources,
 * on `read-worker-dev.mjs`, which loads `read-worker.ts` through tsx.
 */
function startReadWorker(): Worker {
  const compiled = !import.meta.url.endsWith('.ts');
  return new Worker(
    new URL(compiled ? './read-worker.js' : './read-worker-dev.mjs', import.meta.url),
  );
}
