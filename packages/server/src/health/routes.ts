import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '@lensdesk/protocol';
import { z } from 'zod';
import { AppError } from '../errors.js';

export interface HealthRoutesOptions {
  /** Resolves when the database responds, and rejects otherwise. */
  checkDatabase: () => Promise<void>;
  /** True once shutdown has begun, so load balancers stop sending traffic. */
  isShuttingDown: () => boolean;
}

/** Liveness (`/healthz`) and readiness (`/readyz`, database reachable) probes. */
export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (app, options) => {
  app.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process serves requests',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      logLevel: 'warn',
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database is reachable and the server is not shutting down',
        response: { 200: z.object({ status: z.literal('ready') }), 503: errorResponseSchema },
      },
    },
    async (request) => {
      if (options.isShuttingDown()) throw new AppError('NOT_READY', 'The server is shutting down.');
      try {
        await options.checkDatabase();
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check: database unreachable');
        throw new AppError('NOT_READY', 'The database is unreachable.');
      }
      return { status: 'ready' as const };
    },
  );
};
