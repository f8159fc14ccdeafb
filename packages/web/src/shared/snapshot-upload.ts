import type { Snapshot, SnapshotSource } from '@lensdesk/protocol';
import { RequestError, isErrorInfo } from './errors';

/** Size of one upload request's body: small enough to resend cheaply on a shaky network. */
export const uploadChunkBytes = 256 * 1024;

export interface SnapshotUploadOptions {
  sessionId: string;
  /** Id the client chose (a UUID), so a retried request reaches the same upload. */
  snapshotId: string;
  source: SnapshotSource;
  image: Blob;
  /** Content type sent with every chunk: image/jpeg, image/png or image/webp. */
  contentType: string;
  /** Extra headers, such as the customer's `Authorization: Bearer <token>`. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Called with the bytes the server confirmed, after every chunk. */
  onProgress?(receivedBytes: number, totalBytes: number): void;
  /** Attempts in a row that may fail on the network before the upload gives up. */
  maxAttempts?: number;
  /** Waits before a retry; tests pass one that resolves at once. */
  wait?(ms: number): Promise<void>;
  chunkBytes?: number;
}

const defaultWait = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Uploads an image as a snapshot in `Content-Range` chunks. After a network failure or a server
 * error it asks the server how many bytes arrived (`GET …/upload`) and resumes from there, with
 * growing pauses. A rejection by the server, such as `IMAGE_INVALID`, ends the upload at once
 * with a `RequestError` carrying the code.
 */
export async function uploadSnapshot(options: SnapshotUploadOptions): Promise<Snapshot> {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const wait = options.wait ?? defaultWait;
  const maxAttempts = options.maxAttempts ?? 6;
  const chunkBytes = options.chunkBytes ?? uploadChunkBytes;
  const total = options.image.size;
  const url = `/api/sessions/${encodeURIComponent(options.sessionId)}/snapshots/${encodeURIComponent(options.snapshotId)}`;

  if (total === 0) {
    throw new RequestError({ code: 'IMAGE_INVALID', message: 'The image is empty.' });
  }

  let offset = 0;
  let failures = 0;
  for (;;) {
    // A server that reports every byte but no snapshot gets the last chunk again, which is safe
    // because a repeated chunk of one upload changes nothing.
    if (offset >= total) {
      offset = Math.floor((total - 1) / chunkBytes) * chunkBytes;
    }
    const end = Math.min(offset + chunkBytes, total) - 1;
    let response: Response | null = null;
    try {
      response = await fetchFn(`${url}?source=${options.source}`, {
        method: 'PUT',
        headers: {
          ...options.headers,
          'content-type': options.contentType,
          'content-range': `bytes ${offset}-${end}/${total}`,
        },
        body: options.image.slice(offset, end + 1),
        credentials: 'same-origin',
      });
    } catch {
      response = null;
    }

    if (response !== null && response.status < 500) {
      const body: unknown = await response.json().catch(() => undefined);
      if (response.status === 200 || response.status === 201) {
        options.onProgress?.(total, total);
        return body as Snapshot;
      }
      if (response.status === 202) {
        offset = receivedBytesOf(body, offset);
        failures = 0;
        options.onProgress?.(offset, total);
        continue;
      }
      throw errorOf(body, response.status);
    }

    failures += 1;
    if (failures >= maxAttempts) {
      throw new RequestError({
        code: 'NETWORK_FAILED',
        message: 'The upload did not get through.',
      });
    }
    await wait(Math.min(8000, 500 * 2 ** (failures - 1)));
    offset = await resumeOffset(fetchFn, `${url}/upload`, options.headers, offset);
    options.onProgress?.(offset, total);
  }
}

/** Asks the server how many bytes arrived; keeps `fallback` when that request fails too. */
async function resumeOffset(
  fetchFn: typeof fetch,
  url: string,
  headers: Record<string, string> | undefined,
  fallback: number,
): Promise<number> {
  try {
    const response = await fetchFn(url, {
      headers: { ...headers, accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) {
      // No upload under this id yet (404): start over from the first byte.
      return response.status === 404 ? 0 : fallback;
    }
    return receivedBytesOf(await response.json(), fallback);
  } catch {
    return fallback;
  }
}

function receivedBytesOf(body: unknown, fallback: number): number {
  const received = (body as { receivedBytes?: unknown } | undefined)?.receivedBytes;
  return typeof received === 'number' && Number.isInteger(received) && received >= 0
    ? received
    : fallback;
}

function errorOf(body: unknown, status: number): RequestError {
  const info = (body as { error?: unknown } | undefined)?.error;
  if (isErrorInfo(info)) {
    return new RequestError(info, status);
  }
  return new RequestError(
    { code: 'NETWORK_FAILED', message: `The upload failed with HTTP ${status}.` },
    status,
  );
}
