import type { ErrorCode, ErrorInfo, Issue } from '@lensdesk/protocol';

/**
 * Error codes a browser can meet: the server's registry plus failures that never reach the
 * server (no network, no acknowledgement in time).
 */
export type ClientErrorCode = ErrorCode | 'NETWORK_FAILED' | 'TIMEOUT';

/**
 * Failed HTTP request or Socket.IO acknowledgement. It carries the server's `ErrorInfo` fields
 * (`code`, `message`, `issues`), so callers branch on `code` and never parse messages.
 */
export class RequestError extends Error {
  readonly code: ClientErrorCode;
  readonly issues: Issue[] | undefined;
  /** HTTP status of the response, when the error came from an HTTP response. */
  readonly status: number | undefined;

  constructor(info: { code: ClientErrorCode; message: string; issues?: Issue[] }, status?: number) {
    super(info.message);
    this.name = 'RequestError';
    this.code = info.code;
    this.issues = info.issues;
    this.status = status;
  }
}

/** Returns true when `value` has the shape of the server's `ErrorInfo`. */
export function isErrorInfo(value: unknown): value is ErrorInfo {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

/** Wraps anything thrown by a request in a `RequestError`, keeping the code when there is one. */
export function toRequestError(value: unknown): RequestError {
  if (value instanceof RequestError) {
    return value;
  }
  if (isErrorInfo(value)) {
    return new RequestError(value);
  }
  const message = value instanceof Error ? value.message : String(value);
  return new RequestError({ code: 'NETWORK_FAILED', message });
}
