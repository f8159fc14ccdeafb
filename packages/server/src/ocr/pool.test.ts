import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { WorkerPool } from './pool.js';

/** A worker that speaks the pool's protocol and waits, spins or crashes on request. */
const scriptedWorker = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', ({ id, payload }) => {
  if (payload.kind === 'crash') process.exit(3);
  if (payload.kind === 'spin') { const end = Date.now() + 60000; while (Date.now() < end) {} }
  if (payload.kind === 'fail') {
    parentPort.postMessage({ id, ok: false, error: { code: 'VALIDATION_FAILED', message: 'bad input' } });
    return;
  }
  setTimeout(() => parentPort.postMessage({ id, ok: true, value: threadId }), payload.ms ?? 0);
});
`;

type Command =
  { kind: 'echo'; ms?: number } | { kind: 'crash' } | { kind: 'spin' } | { kind: 'fail' };

const pools: WorkerPool<Command, number>[] = [];

function createPool(size: number, options: { maxQueue?: number; timeoutMs?: number } = {}) {
  const pool = new WorkerPool<Command, number>({
    size,
    maxQueue: options.maxQueue ?? 8,
    timeoutMs: options.timeoutMs ?? 5_000,
    createWorker: () => new Worker(scriptedWorker, { eval: true }),
  });
  pools.push(pool);
  return pool;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

describe('WorkerPool', () => {
  it('starts workers on first use and reuses them', async () => {
    const pool = createPool(1);
    expect(pool.stats.workers).toBe(0);

    const first = await pool.run({ kind: 'echo' });
    const second = await pool.run({ kind: 'echo' });

    expect(second).toBe(first);
    expect(pool.stats).toEqual({ workers: 1, busy: 0, queued: 0 });
  });

  it('runs up to its size in parallel', async () => {
    const pool = createPool(2);

    const threads = await Promise.all([
      pool.run({ kind: 'echo', ms: 50 }),
      pool.run({ kind: 'echo', ms: 50 }),
    ]);

    expect(new Set(threads).size).toBe(2);
  });

  it('rejects requests beyond the queue bound', async () => {
    const pool = createPool(1, { maxQueue: 1 });
    const running = pool.run({ kind: 'echo', ms: 100 });
    const queued = pool.run({ kind: 'echo' });

    await expect(pool.run({ kind: 'echo' })).rejects.toMatchObject({ code: 'NOT_READY' });
    await expect(Promise.all([running, queued])).resolves.toHaveLength(2);
  });

  it('passes domain errors from the worker through', async () => {
    const pool = createPool(1);

    const error = await pool.run({ kind: 'fail' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'bad input' });
  });

  it('stops a read that times out and replaces its worker', async () => {
    const pool = createPool(1, { timeoutMs: 200 });
    const before = await pool.run({ kind: 'echo' });

    await expect(pool.run({ kind: 'spin' })).rejects.toMatchObject({ code: 'NOT_READY' });
    const after = await pool.run({ kind: 'echo' });

    expect(after).not.toBe(before);
    expect(pool.stats.workers).toBe(1);
  });

  it('replaces a worker that crashes', async () => {
    const pool = createPool(1);
    const before = await pool.run({ kind: 'echo' });

    await expect(pool.run({ kind: 'crash' })).rejects.toThrow(/stopped unexpectedly.*exit code 3/);
    const after = await pool.run({ kind: 'echo' });

    expect(after).not.toBe(before);
  });

  it('rejects waiting and new requests once closed', async () => {
    const pool = createPool(1);
    const outcomes = Promise.allSettled([
      pool.run({ kind: 'echo', ms: 200 }),
      pool.run({ kind: 'echo' }),
    ]);

    await pool.close();

    const [running, queued] = await outcomes;
    expect(running).toMatchObject({ status: 'rejected', reason: { code: 'NOT_READY' } });
    expect(queued).toMatchObject({ status: 'rejected', reason: { code: 'NOT_READY' } });
    await expect(pool.run({ kind: 'echo' })).rejects.toMatchObject({ code: 'NOT_READY' });
    expect(pool.stats.workers).toBe(0);
  });
});
