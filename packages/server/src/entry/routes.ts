import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  callbackBodySchema,
  callbackCreatedResponseSchema,
  customerLinkResponseSchema,
  enterQueueBodySchema,
  entryParamsSchema,
  errorResponseSchema,
  joinBodySchema,
  publicProductLineSchema,
} from '@lensdesk/protocol';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { QueueService } from '../queue/service.js';
import type { SessionService } from '../sessions/service.js';
import type { CallbackService } from './callbacks.js';
import type { EntryService } from './service.js';

export interface EntryRoutesOptions {
  entry: EntryService;
  callbacks: CallbackService;
  queue: QueueService;
  sessions: SessionService;
  /** Queue entries and callback requests per client address per minute. */
  entryRateLimitPerMinute: number;
}

/**
 * Code attempts per client address per window. With 100 live codes among a million, one address
 * needs 10,000 attempts, about a week, on average to hit one.
 */
const joinAttempts = 10;
const joinWindowMs = 10 * 60_000;

const errors = {
  400: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  410: errorResponseSchema,
  429: errorResponseSchema,
};

const bearerHeaders = z.object({
  authorization: z.string().optional().describe('Bearer <customer link token>'),
});
const bearerPattern = /^Bearer ([A-Za-z0-9_-]{16,200})$/;

/**
 * Routes that customers use without a link, under `/api`: a product line's page, joining its
 * queue, callback requests and six-digit codes. Leaving the queue takes the link token.
 */
export const entryRoutes: FastifyPluginAsyncZod<EntryRoutesOptions> = async (app, options) => {
  const { entry, callbacks } = options;

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        `Too many attempts from this address. Try again in ${context.after}.`,
      ),
  });
  const entryLimit = { max: options.entryRateLimitPerMinute, timeWindow: 60_000 };

  app.get(
    '/entry/:slug',
    {
      schema: {
        tags: ['customer'],
        summary: "A product line's name, greeting and whether support is open now",
        params: entryParamsSchema,
        response: { 200: publicProductLineSchema, 404: errorResponseSchema },
      },
    },
    async (request) => entry.publicLine(request.params.slug),
  );

  app.post(
    '/entry/:slug/sessions',
    {
      config: { rateLimit: entryLimit },
      schema: {
        tags: ['customer'],
        summary: "Join a product line's queue; returns the customer link of the new session",
        params: entryParamsSchema,
        body: enterQueueBodySchema,
        response: { 201: customerLinkResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const link = await entry.enterQueue(request.params.slug, request.body);
      return reply.code(201).send(link);
    },
  );

  app.post(
    '/entry/callbacks',
    {
      config: { rateLimit: entryLimit },
      schema: {
        tags: ['customer'],
        summary: 'Ask for a callback, from the waiting room (token) or a product line page (slug)',
        body: callbackBodySchema,
        response: { 201: callbackCreatedResponseSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await callbacks.request(request.body)),
  );

  app.post(
    '/join',
    {
      config: { rateLimit: { max: joinAttempts, timeWindow: joinWindowMs } },
      schema: {
        tags: ['customer'],
        summary: 'Open the session of a six-digit code; each attempt counts toward the limit',
        body: joinBodySchema,
        response: { 200: customerLinkResponseSchema, ...errors },
      },
    },
    async (request) => entry.join(request.body.code),
  );

  app.post(
    '/customer/leave',
    {
      schema: {
        tags: ['customer'],
        summary: 'Leave the queue before an agent takes the call',
        headers: bearerHeaders,
        body: z.object({}).strict().optional(),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const token = bearerPattern.exec(request.headers.authorization ?? '')?.[1];
      if (token === undefined) throw new AppError('LINK_INVALID');

      const session = await options.sessions.resolveCustomerToken(token);
      await options.queue.abandon(session.id, 'left_queue', { type: 'customer', id: null });
      return reply.code(204).send(null);
    },
  );
};
