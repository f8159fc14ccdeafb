import type { ReadResult, SessionDetail, Snapshot, UpdateSessionBody } from '@lensdesk/protocol';
import { describe, expect, it, vi } from 'vitest';
import { RequestError } from '../shared/errors';
import { SerialReader, type SerialReaderOptions } from './serial-reader';

const snapshot: Snapshot = {
  id: 'b6169f8f-c738-4146-bf4e-7f9fb2793278',
  sessionId: 's1',
  source: 'agent_request',
  contentType: 'image/jpeg',
  width: 1280,
  height: 720,
  bytes: 180_000,
  url: '/api/snapshots/b6169f8f-c738-4146-bf4e-7f9fb2793278',
  createdAt: '2026-01-01T10:00:00.000Z',
};

const result: ReadResult = {
  readId: 'read-1',
  serialCandidates: [
    { value: 'WX-4200', confidence: 0.95 },
    { value: '7K3Q-88217-LD', confidence: 0.9, pattern: 'washers' },
  ],
  text: [],
  barcodes: [],
  durationMs: 420,
};

const region = { x: 0.15, y: 0.39, width: 0.62, height: 0.15 };

function setup(overrides: Partial<SerialReaderOptions> = {}) {
  const requestCapture = vi.fn(() => Promise.resolve({ requestId: 'req-1' }));
  const readSnapshot = vi.fn(() => Promise.resolve(result));
  const updateCase = vi.fn((_id: string, body: UpdateSessionBody) =>
    Promise.resolve({
      serialNumber: body.serialNumber ?? null,
      modelNumber: null,
      productLine: null,
    } as SessionDetail),
  );
  const reader = new SerialReader({
    sessionId: 's1',
    initial: { serialNumber: null, modelNumber: null, productLineId: 'line-1' },
    requestCapture,
    frozen: () => null,
    readSnapshot,
    updateCase,
    listProductLines: () => Promise.resolve([]),
    ...overrides,
  });
  return { reader, requestCapture, readSnapshot, updateCase };
}

describe('SerialReader', () => {
  it('reads the still of its capture request', async () => {
    const { reader, readSnapshot } = setup();

    const done = reader.readLive(region);
    await vi.waitFor(() => expect(reader.phase.value).toBe('capturing'));
    reader.receiveCapture('req-1', { ok: true, snapshot });
    await done;

    expect(readSnapshot).toHaveBeenCalledWith(snapshot.id, { region, productLineId: 'line-1' });
    expect(reader.outcome.value?.candidates[0]?.value).toBe('7K3Q-88217-LD');
    expect(reader.phase.value).toBe('idle');
  });

  it('takes a still that arrives before the ack', async () => {
    const { reader, readSnapshot } = setup();
    reader.receiveCapture('req-1', { ok: true, snapshot });

    await reader.readLive(null);

    expect(readSnapshot).toHaveBeenCalledWith(snapshot.id, { productLineId: 'line-1' });
  });

  it('reports a capture failure', async () => {
    const { reader, readSnapshot } = setup();

    const done = reader.readLive(region);
    await vi.waitFor(() => expect(reader.phase.value).toBe('capturing'));
    reader.receiveCapture('req-1', { ok: false, reason: 'camera_off' });
    await done;

    expect(reader.problem.value).toEqual({ kind: 'capture', reason: 'camera_off' });
    expect(readSnapshot).not.toHaveBeenCalled();
    expect(reader.phase.value).toBe('idle');
  });

  it('gives up on a still that never comes', async () => {
    const { reader } = setup({ captureTimeoutMs: 10 });

    await reader.readLive(region);

    expect(reader.problem.value).toEqual({ kind: 'capture', reason: 'timeout' });
  });

  it('reads the frozen still without capturing', async () => {
    const { reader, requestCapture, readSnapshot } = setup({ frozen: () => snapshot });

    await reader.readLive(region);

    expect(requestCapture).not.toHaveBeenCalled();
    expect(readSnapshot).toHaveBeenCalledWith(snapshot.id, { region, productLineId: 'line-1' });
  });

  it('keeps a busy reader error', async () => {
    const busy = new RequestError({ code: 'NOT_READY', message: 'busy' }, 503);
    const { reader } = setup({ readSnapshot: () => Promise.reject(busy) });

    await reader.readSnapshot(snapshot, region);

    expect(reader.problem.value).toEqual({ kind: 'read', error: busy });
    expect(reader.outcome.value).toBeNull();
  });

  it('stores a candidate with its read id', async () => {
    const { reader, updateCase } = setup();
    await reader.readSnapshot(snapshot, region);

    await reader.useValue('serialNumber', '7K3Q-88217-LD');

    expect(updateCase).toHaveBeenCalledWith('s1', {
      serialNumber: '7K3Q-88217-LD',
      readId: 'read-1',
    });
    expect(reader.fields.value.serialNumber).toBe('7K3Q-88217-LD');
    expect(reader.saved.value).toBe(true);
  });

  it('clears an emptied field', async () => {
    const { reader, updateCase } = setup();

    await reader.saveNumbers('  ', ' WX-4200 ');

    expect(updateCase).toHaveBeenCalledWith('s1', { serialNumber: null, modelNumber: 'WX-4200' });
  });
});
