import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type CustomerSessionResponse,
  customerSessionResponseSchema,
  errorResponseSchema,
} from '@lensdesk/protocol';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { initialsOf } from './names.js';
import type { SessionService } from './service.js';

export interface CustomerRoutesOptions {
  sessions: SessionService;
  companyName: string;
  /** The session's queue position and product line, as the queue domain reads them. */
  queueView?: (
    sessionId: string,
  ) => Promise<Pick<CustomerSessionResponse, 'queue' | 'productLine'>>;
}

const bearerHeaders = z.object({
  authorization: z.string().optional().describe('Bearer <customer link token>'),
});

const bearerPattern = /^Bearer ([A-Za-z0-9_-]{16,200})$/;

/** Routes the customer page calls with its link token, under `/api/customer`. */
export const customerRoutes: FastifyPluginAsyncZod<CustomerRoutesOptions> = async (
  app,
  options,
) => {
  app.get(
    '/session',
    {
      schema: {
        tags: ['customer'],
        summary: 'What the customer page shows before the call starts',
        headers: bearerHeaders,
        response: {
          200: customerSessionResponseSchema,
          404: errorResponseSchema,
          410: errorResponseSchema,
        },
      },
    },
    async (request) => {
      // A cut-off or mangled link is an invalid link to the customer, whatever its shape.
      const token = bearerPattern.exec(request.headers.authorization ?? '')?.[1];
      if (token === undefined) throw new AppError('LINK_INVALID');

      const row = await options.sessions.resolveCustomerToken(token);
      const agent = await options.sessions.displayedAgent(row);
      const queue = (await options.queueView?.(row.id)) ?? { queue: null, productLine: null };
      return {
        ...queue,
        sessionId: row.id,
        status: row.status,
        companyName: options.companyName,
        agent: agent === undefined ? null : { name: agent.name, initials: initialsOf(agent.name) },
        expiresAt: row.expiresAt.toISOString(),
      };
    },
  );
};
