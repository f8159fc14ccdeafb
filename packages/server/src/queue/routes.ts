import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  acceptResponseSchema,
  errorResponseSchema,
  queueParamsSchema,
  queueStateSchema,
} from '@lensdesk/protocol';
import { z } from 'zod';
import { requireRole, staffRoles } from '../auth/guard.js';
import type { QueueService } from './service.js';
import type { QueueView } from './view.js';

const errors = {
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  410: errorResponseSchema,
};

/** The customer queue as agents work it, under `/api/queue`. */
export const queueRoutes: FastifyPluginAsyncZod<{ queue: QueueService; view: QueueView }> = async (
  app,
  { queue, view },
) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['queue'],
        summary: 'Waiting customers and open callbacks; supervisors also get agents and calls',
        response: { 200: queueStateSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireRole(request, staffRoles);
      return view.state(user.role !== 'agent');
    },
  );

  app.post(
    '/:id/accept',
    {
      schema: {
        tags: ['queue'],
        summary: 'Take a queued customer: the offer made to you, or any customer in the queue',
        params: queueParamsSchema,
        response: { 200: acceptResponseSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireRole(request, staffRoles);
      await queue.accept(user, request.params.id);
      return { sessionId: request.params.id };
    },
  );

  app.post(
    '/:id/decline',
    {
      schema: {
        tags: ['queue'],
        summary: 'Decline the offer of a queued customer; the next agent gets it',
        params: queueParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, staffRoles);
      await queue.decline(user, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
