import { errorCodes, type ErrorCode, type ErrorInfo, type Issue } from '@lensdesk/protocol';

/**
 * Domain error with a stable code from the protocol's registry. Domain code throws it; the HTTP
 * error handler and the socket acknowledgement wrapper translate it to the wire form.
 */
export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string = errorCodes[code].message,
    readonly issues?: Issue[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): number {
    return errorCodes[this.code].status;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.issues !== undefined) info.issues = this.issues;
    if (this.details !== undefined) info.details = this.details;
    return info;
  }
}

/** Converts any thrown value to the wire error payload, hiding the details of unexpected errors. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  return { code: 'INTERNAL', message: errorCodes.INTERNAL.message };
}
