import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { AppError } from '../errors.js';
import { loadBarcodeReader } from './barcodes.js';
import type { PoolRequest, PoolResponse } from './pool.js';
import { type RegionReadResult, type WorkerCommand, readRegion } from './reader.js';
import { TextRecognizer } from './text-recognizer.js';

// Worker thread of the OCR pool: reads one region at a time.

if (parentPort === null) throw new Error('read-worker runs only as a worker thread.');
const port = parentPort;

// On Linux a nice value belongs to one thread, so this lowers only this worker and the Tesseract
// thread it starts next (threads inherit it): the event loop then wins the CPU when cores are few.
try {
  setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  // Not permitted here: the worker runs at normal priority.
}

// Each worker reads one region at a time. More libvips threads per worker would only compete with
// the other workers and the main thread for the same cores.
sharp.concurrency(1);
sharp.cache(false);

// Loading starts with the thread, so the first read waits less.
const recognizer = TextRecognizer.create();
recognizer.catch(() => undefined);
loadBarcodeReader().catch(() => undefined);

port.on('message', (message: PoolRequest<WorkerCommand>) => {
  void handle(message);
});

async function run(command: WorkerCommand): Promise<RegionReadResult> {
  if (command.kind === 'read') return readRegion(command.request, () => recognizer);

  await Promise.all([recognizer, loadBarcodeReader()]);
  return { serialCandidates: [], text: [], barcodes: [] };
}

async function handle(message: PoolRequest<WorkerCommand>): Promise<void> {
  let response: PoolResponse<RegionReadResult>;
  try {
    const value = await run(message.payload);
    response = { id: message.id, ok: true, value };
  } catch (error) {
    response = {
      id: message.id,
      ok: false,
      error:
        error instanceof AppError
          ? error.toInfo()
          : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    };
  }
  port.postMessage(response);
}
