import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  callbackListResponseSchema,
  callbackParamsSchema,
  callbackRequestSchema,
  createSessionResponseSchema,
  listCallbacksQuerySchema,
} from '@lensdesk/protocol';
import { requireRole, staffRoles } from '../auth/guard.js';
import { consoleErrorResponses } from '../http/error-responses.js';
import type { CallbackService } from './callbacks.js';

/** Callback requests as agents handle them, under `/api/callbacks`. */
export const callbackRoutes: FastifyPluginAsyncZod<{ callbacks: CallbackService }> = async (
  app,
  { callbacks },
) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['queue'],
        summary: 'List callback requests in one status (open by default), oldest first',
        querystring: listCallbacksQuerySchema,
        response: { 200: callbackListResponseSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      requireRole(request, staffRoles);
      return { callbacks: await callbacks.list(request.query) };
    },
  );

  app.post(
    '/:id/invite',
    {
      schema: {
        tags: ['queue'],
        summary: 'Create an invite for the customer of a callback request',
        params: callbackParamsSchema,
        response: { 201: createSessionResponseSchema, ...consoleErrorResponses },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, staffRoles);
      return reply.code(201).send(await callbacks.invite(user, request.params.id));
    },
  );

  app.post(
    '/:id/close',
    {
      schema: {
        tags: ['queue'],
        summary: 'Close a callback request',
        params: callbackParamsSchema,
        response: { 200: callbackRequestSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      const user = requireRole(request, staffRoles);
      return callbacks.close(user, request.params.id);
    },
  );
};
