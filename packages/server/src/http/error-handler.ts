import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCodes, type ErrorInfo } from '@lensdesk/protocol';
import { AppError } from '../errors.js';
import type { Metrics } from '../metrics/metrics.js';
import { isInvalidTextError, toLoggableError } from './loggable-error.js';

/**
 * Translates every failure to `{error: {code, message, issues?}}` with a stable code: schema
 * failures to `VALIDATION_FAILED`, domain errors to their own code, the rest to `INTERNAL`.
 * Client errors are logged at info level, server errors at error level, without the values of a
 * failed query.
 */
export function registerErrorHandling(app: FastifyInstance, metrics: Metrics): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { status, info } = classify(error);
    metrics.errors.inc({ code: info.code, channel: 'http' });

    if (status >= 500) {
      request.log.error({ err: toLoggableError(error) }, 'request failed');
    } else {
      request.log.info({ code: info.code, url: request.routeOptions.url }, 'request rejected');
    }
    return reply.code(status).send({ error: info });
  });

  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send({
      error: {
        code: 'NOT_FOUND',
        message: `No route matches ${request.method} ${request.url.split('?')[0]}.`,
      },
    });
  });
}

function classify(error: FastifyError | AppError): { status: number; info: ErrorInfo } {
  if (error instanceof AppError) return { status: error.status, info: error.toInfo() };

  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({
      path: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
      message: issue.message ?? 'is invalid',
    }));
    const info = {
      code: 'VALIDATION_FAILED' as const,
      message: errorCodes.VALIDATION_FAILED.message,
      issues,
    };
    return { status: 400, info };
  }

  if (isInvalidTextError(error)) {
    // Text that PostgreSQL cannot store, such as a NUL character the input checks missed.
    const info = {
      code: 'VALIDATION_FAILED' as const,
      message: 'The request contains text that cannot be stored.',
    };
    return { status: 400, info };
  }

  const statusCode = error.statusCode ?? 500;
  if (statusCode === 413) {
    return {
      status: 413,
      info: { code: 'PAYLOAD_TOO_LARGE', message: errorCodes.PAYLOAD_TOO_LARGE.message },
    };
  }
  if (statusCode === 415) {
    const info = {
      code: 'UNSUPPORTED_MEDIA_TYPE' as const,
      message: errorCodes.UNSUPPORTED_MEDIA_TYPE.message,
    };
    return { status: 415, info };
  }
  if (statusCode === 429) {
    return {
      status: 429,
      info: { code: 'RATE_LIMITED', message: errorCodes.RATE_LIMITED.message },
    };
  }
  if (statusCode === 414) {
    return { status: 414, info: { code: 'VALIDATION_FAILED', message: 'The URL is too long.' } };
  }
  if (statusCode >= 400 && statusCode < 500) {
    // Malformed JSON, an unsupported content type and similar problems found by Fastify itself.
    return { status: 400, info: { code: 'VALIDATION_FAILED', message: error.message } };
  }
  return { status: 500, info: { code: 'INTERNAL', message: errorCodes.INTERNAL.message } };
}
