import { describe, expect, it } from 'vitest';
import { RequestError } from './errors';
import { uploadSnapshot } from './snapshot-upload';

interface Call {
  method: string;
  url: string;
  range: string | undefined;
}

const snapshot = { id: 'snap-1', url: '/api/snapshots/snap-1' };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** A server that stores chunks in order and replies from a script of failures. */
function fakeServer(total: number, failures: Set<number>) {
  const calls: Call[] = [];
  let received = 0;
  const fetchFn = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call = {
      method: init?.method ?? 'GET',
      url: String(url),
      range: headers['content-range'],
    };
    calls.push(call);
    if (failures.has(calls.length)) {
      throw new TypeError('Failed to fetch');
    }
    if (call.method === 'GET') {
      return json(200, { snapshotId: 'snap-1', receivedBytes: received, totalBytes: total });
    }
    const [, start, end] = /bytes (\d+)-(\d+)\//.exec(call.range ?? '') ?? [];
    if (Number(start) === received) {
      received = Number(end) + 1;
    }
    return received === total
      ? json(201, snapshot)
      : json(202, { snapshotId: 'snap-1', receivedBytes: received, totalBytes: total });
  };
  return { calls, fetchFn: fetchFn as typeof fetch };
}

const options = {
  sessionId: 'session-1',
  snapshotId: 'snap-1',
  source: 'customer_photo' as const,
  contentType: 'image/jpeg',
  chunkBytes: 10,
  wait: async () => undefined,
};

describe('uploadSnapshot', () => {
  it('uploads in Content-Range chunks', async () => {
    const server = fakeServer(25, new Set());
    const result = await uploadSnapshot({
      ...options,
      image: new Blob([new Uint8Array(25)]),
      fetch: server.fetchFn,
    });
    expect(result).toEqual(snapshot);
    expect(server.calls.map((call) => call.range)).toEqual([
      'bytes 0-9/25',
      'bytes 10-19/25',
      'bytes 20-24/25',
    ]);
    expect(server.calls[0]?.url).toBe(
      '/api/sessions/session-1/snapshots/snap-1?source=customer_photo',
    );
  });

  it('resumes from the received offset after a network failure', async () => {
    // The second PUT fails on the network; the upload requests its progress and resumes.
    const server = fakeServer(25, new Set([2]));
    const progress: number[] = [];
    await uploadSnapshot({
      ...options,
      image: new Blob([new Uint8Array(25)]),
      fetch: server.fetchFn,
      onProgress: (received) => progress.push(received),
    });
    expect(server.calls.map((call) => `${call.method} ${call.range ?? call.url}`)).toEqual([
      'PUT bytes 0-9/25',
      'PUT bytes 10-19/25',
      'GET /api/sessions/session-1/snapshots/snap-1/upload',
      'PUT bytes 10-19/25',
      'PUT bytes 20-24/25',
    ]);
    expect(progress.at(-1)).toBe(25);
  });

  it('gives up after the maximum attempts', async () => {
    const server = fakeServer(25, new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const upload = uploadSnapshot({
      ...options,
      image: new Blob([new Uint8Array(25)]),
      fetch: server.fetchFn,
      maxAttempts: 3,
    });
    await expect(upload).rejects.toMatchObject({ code: 'NETWORK_FAILED' });
  });

  it('stops at a rejection with its error code', async () => {
    const fetchFn = (async () =>
      json(400, { error: { code: 'IMAGE_INVALID', message: 'Not an image.' } })) as typeof fetch;
    const upload = uploadSnapshot({ ...options, image: new Blob(['x']), fetch: fetchFn });
    await expect(upload).rejects.toBeInstanceOf(RequestError);
    await expect(upload).rejects.toMatchObject({ code: 'IMAGE_INVALID', status: 400 });
  });
});
