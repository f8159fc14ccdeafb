import type { Ack, ErrorInfo } from '@lensdesk/protocol';
import { toIssues } from '@lensdesk/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { AppError, toErrorInfo } from '../errors.js';

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
 * is acknowledged with `VALIDATION_FAILED` and the handler never runs, so it changes nothing.
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

    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const error: ErrorInfo = new AppError(
        'VALIDATION_FAILED',
        `The ${event} event payload is invalid.`,
        toIssues(parsed.error),
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
      if (error instanceof AppError) {
        log.info({ event, code: error.code }, 'socket event failed');
      } else {
        log.error({ event, err: error }, 'socket event handler failed');
      }
      const info = toErrorInfo(error);
      scope.onError?.(info.code);
      reply({ ok: false, error: info });
    }
  };
}
