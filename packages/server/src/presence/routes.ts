import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  agentPresenceSchema,
  errorResponseSchema,
  setPresenceBodySchema,
} from '@lensdesk/protocol';
import { requireRole, staffRoles } from '../auth/guard.js';
import type { QueueService } from '../queue/service.js';
import type { PresenceService } from './service.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  409: errorResponseSchema,
};

/** The signed-in agent's availability, under `/api/presence`. */
export const presenceRoutes: FastifyPluginAsyncZod<{
  presence: PresenceService;
  queue: QueueService;
}> = async (app, { presence, queue }) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['queue'],
        summary: 'Your availability for queued customers',
        response: { 200: agentPresenceSchema, ...errors },
      },
    },
    async (request) => presence.view(requireRole(request, staffRoles).id),
  );

  app.put(
    '/',
    {
      schema: {
        tags: ['queue'],
        summary: 'Set yourself available, away or offline',
        body: setPresenceBodySchema,
        response: { 200: agentPresenceSchema, ...errors },
      },
    },
    async (request) => queue.setPresence(requireRole(request, staffRoles), request.body),
  );
};
