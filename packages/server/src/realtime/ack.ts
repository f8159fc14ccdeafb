import type { Ack, ErrorInfo } from '@lensdesk/protocol';
import { toIssues } from '@lensdesk/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { AppError, toErrorInfo } from '../errors.js';
import { isInvalidTextError, toLoggableError } from '../http/loggable-error.js';
import { findNul, nulError } from '../http/nul-guard.js';

type AckFunction = (result: Ack<Record<string, unknown>>) => void;

/** Logger of a socket handler, and the callback that counts each failure it acknowledges. */
export interface AckScope {
  log: FastifyBaseLogger;
  /** Called with the error code of every failed acknowledgement, for the error metric. */
  onError?: (code: string) => void;
}

/**
 * Wraps a socket event handler: parses the payload with its schema, runs the handler, and
 * acknowledges `{ok: true, ...result}` or `{ok: false, error}`. A payload that fails its schema
 * is acknowledged with `VALIDATION_FAILED` and the handler never runs, so it changes nothing; so
 * is a payload with a NUL character in any string, which PostgreSQL text cannot hold.
 */
export function withAck<Schema extends z.ZodType>(
  event: string,
  schema: Schema,
  scope: AckScope,
  handler: (payload: z.infer<Schema>) => Promise<Record<string, unknown> | void>,
) {
  const { log } = scope;
  return async (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack: AckFunction | undefined =
      typeof last === 'function' ? (last as AckFunction) : undefined;
    // Socket.IO passes the acknowledgement last; an event sent with only a callback has no payload.
    let payload: unknown = args[0];
    if (ack !== undefined && args.length === 1) payload = undefined;
    const reply = ack ?? (() => {});

    const nulPath = findNul(payload, 'payload');
    const parsed = nulPath === undefined ? schema.safeParse(payload) : undefined;
    if (parsed === undefined || !parsed.success) {
      const message = `The ${event} event payload is invalid.`;
      const error: ErrorInfo = (
        parsed === undefined
          ? nulError(nulPath ?? 'payload', message)
          : new AppError('VALIDATION_FAILED', message, toIssues(parsed.error))
      ).toInfo();
      log.info({ event, issues: error.issues }, 'socket event rejected');
      scope.onError?.(error.code);
      reply({ ok: false, error });
      return;
    }

    try {
      const result = await handler(parsed.data);
      reply({ ok: true, ...(result ?? {}) });
    } catch (error) {
      let info = toErrorInfo(error);
      if (error instanceof AppError) {
        log.info({ event, code: error.code }, 'socket event failed');
      } else if (isInvalidTextError(error)) {
        // Text that PostgreSQL cannot store, such as a NUL character the input checks missed.
        info = new AppError('VALIDATION_FAILED', `The ${event} event payload is invalid.`).toInfo();
        log.info({ event, code: info.code }, 'socket event failed');
      } else {
        log.error({ event, err: toLoggableError(error) }, 'socket event handler failed');
      }
      scope.onError?.(info.code);
      reply({ ok: false, error: info });
    }
  };
}
