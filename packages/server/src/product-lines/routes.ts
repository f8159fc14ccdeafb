import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createProductLineBodySchema,
  errorResponseSchema,
  productLineSchema,
} from '@lensdesk/protocol';
import { z } from 'zod';
import { requireRole, staffRoles } from '../auth/guard.js';
import type { ProductLineService } from './service.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  409: errorResponseSchema,
};

/** Product line administration, under `/api/product-lines`. */
export const productLineRoutes: FastifyPluginAsyncZod<{
  productLines: ProductLineService;
}> = async (app, options) => {
  app.post(
    '/',
    {
      schema: {
        tags: ['product lines'],
        summary: 'Create a product line with an optional serial number pattern (admins)',
        body: createProductLineBodySchema,
        response: { 201: productLineSchema, ...errors },
      },
    },
    async (request, reply) => {
      requireRole(request, ['admin']);
      const line = await options.productLines.create(request.body);
      request.log.info({ productLineId: line.id, slug: line.slug }, 'product line created');
      return reply.code(201).send(line);
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags: ['product lines'],
        summary: 'List product lines by name',
        response: { 200: z.object({ productLines: z.array(productLineSchema) }), ...errors },
      },
    },
    async (request) => {
      requireRole(request, staffRoles);
      return { productLines: await options.productLines.list() };
    },
  );
};
