import { RequestError, isErrorInfo } from './errors';

export interface JsonRequestInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Sends a same-origin JSON request and returns the parsed body (`undefined` for 204).
 * Rejects with a `RequestError` carrying the server's error code, or `NETWORK_FAILED` when the
 * server could not be reached or its response was not the error envelope.
 */
export async function requestJson<T>(path: string, init: JsonRequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal ?? null,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new RequestError({ code: 'NETWORK_FAILED', message });
  }

  if (response.status === 204) {
    return undefined as T;
  }

  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    return body as T;
  }

  const info = (body as { error?: unknown } | undefined)?.error;
  if (isErrorInfo(info)) {
    throw new RequestError(info, response.status);
  }
  throw new RequestError(
    { code: 'NETWORK_FAILED', message: `${path} failed with HTTP ${response.status}.` },
    response.status,
  );
}
