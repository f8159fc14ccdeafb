import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../errors.js';
import type { Metrics } from './metrics.js';

export interface MetricsRoutesOptions {
  metrics: Metrics;
  /** Bearer token that scrapers must send; the endpoint is open when it is undefined. */
  token: string | undefined;
}

/** Prometheus scrape endpoint at `/metrics`. */
export const metricsRoutes: FastifyPluginAsync<MetricsRoutesOptions> = async (app, options) => {
  app.get(
    '/metrics',
    {
      logLevel: 'warn',
      schema: {
        tags: ['health'],
        summary: 'Operational metrics in the Prometheus text format',
        produces: ['text/plain'],
      },
    },
    async (request, reply) => {
      if (
        options.token !== undefined &&
        request.headers.authorization !== `Bearer ${options.token}`
      ) {
        throw new AppError(
          'UNAUTHENTICATED',
          'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".',
        );
      }
      return reply
        .type(options.metrics.registry.contentType)
        .send(await options.metrics.registry.metrics());
    },
  );
};
