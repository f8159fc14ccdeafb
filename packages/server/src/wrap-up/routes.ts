import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createResolutionCodeBodySchema,
  listResolutionCodesQuerySchema,
  resolutionCodeListSchema,
  resolutionCodeParamsSchema,
  resolutionCodeSchema,
  updateResolutionCodeBodySchema,
} from '@lensdesk/protocol';
import { requireRole, staffRoles } from '../auth/guard.js';
import { consoleErrorResponses } from '../http/error-responses.js';
import type { ResolutionCodeService } from './service.js';

/** The list of resolution codes, under `/api/resolution-codes`: staff read it, admins edit it. */
export const resolutionCodeRoutes: FastifyPluginAsyncZod<{
  resolutionCodes: ResolutionCodeService;
}> = async (app, options) => {
  const { resolutionCodes } = options;

  app.get(
    '/',
    {
      schema: {
        tags: ['wrap-up'],
        summary: 'List resolution codes; `all=true` includes deactivated ones',
        querystring: listResolutionCodesQuerySchema,
        response: { 200: resolutionCodeListSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      requireRole(request, staffRoles);
      return { codes: await resolutionCodes.list({ all: request.query.all }) };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['wrap-up'],
        summary: 'Add a resolution code (admins)',
        body: createResolutionCodeBodySchema,
        response: { 201: resolutionCodeSchema, ...consoleErrorResponses },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, ['admin']);
      const created = await resolutionCodes.create(request.body);
      request.log.info({ userId: admin.id, code: created.code }, 'resolution code created');
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/:code',
    {
      schema: {
        tags: ['wrap-up'],
        summary: 'Rename, reorder, deactivate or reactivate a resolution code (admins)',
        params: resolutionCodeParamsSchema,
        body: updateResolutionCodeBodySchema,
        response: { 200: resolutionCodeSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      const admin = requireRole(request, ['admin']);
      const updated = await resolutionCodes.update(request.params.code, request.body);
      request.log.info(
        { userId: admin.id, code: updated.code, fields: Object.keys(request.body) },
        'resolution code changed',
      );
      return updated;
    },
  );
};
