import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import {
  createSessionBodySchema,
  createSessionResponseSchema,
  listSessionsQuerySchema,
  sessionDetailSchema,
  sessionParamsSchema,
  sessionSummarySchema,
  updateSessionBodySchema,
  wrapUpBodySchema,
} from '@lensdesk/protocol';
import { z } from 'zod';
import { requireRole, staffRoles } from '../auth/guard.js';
import { consoleErrorResponses } from '../http/error-responses.js';
import { assertCaseControl } from './access.js';
import type { SessionService } from './service.js';

export interface SessionRoutesOptions {
  sessions: SessionService;
  /** Called after a wrap-up or other change that open call views should hear about. */
  onChanged: (sessionId: string) => void;
}

/** Agent-facing session (case) routes, under `/api/sessions`. */
export const sessionRoutes: FastifyPluginAsyncZod<SessionRoutesOptions> = async (app, options) => {
  const { sessions } = options;

  app.post(
    '/',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Create a support session with a customer link (an invite)',
        body: createSessionBodySchema.default({}),
        response: { 201: createSessionResponseSchema, ...consoleErrorResponses },
      },
    },
    async (request, reply) => {
      const agent = requireRole(request, staffRoles);
      const invite = await sessions.createInvite(agent, request.body);

      request.log.info({ sessionId: invite.id, userId: agent.id }, 'invite created');
      return reply.code(201).send(invite);
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags: ['sessions'],
        summary: 'List support sessions, newest first',
        querystring: listSessionsQuerySchema,
        response: {
          200: z.object({ sessions: z.array(sessionSummarySchema) }),
          ...consoleErrorResponses,
        },
      },
    },
    async (request) => {
      requireRole(request, staffRoles);
      return { sessions: await sessions.list(request.query) };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['sessions'],
        summary: 'One support session with its event log and chat',
        params: sessionParamsSchema,
        response: { 200: sessionDetailSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      requireRole(request, staffRoles);
      return sessions.detail(request.params.id);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Set the serial number, model number or product line of a case',
        params: sessionParamsSchema,
        body: updateSessionBodySchema,
        response: { 200: sessionDetailSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      const user = requireRole(request, staffRoles);
      await assertCaseControl(sessions, request.params.id, user);
      const detail = await sessions.updateCase(request.params.id, user, request.body);
      request.log.info({ sessionId: detail.id, fields: Object.keys(request.body) }, 'case updated');
      return detail;
    },
  );

  app.get(
    '/:id/qr.svg',
    {
      schema: {
        tags: ['sessions'],
        summary: 'QR code (SVG) of the customer link',
        params: sessionParamsSchema,
        produces: ['image/svg+xml'],
      },
    },
    async (request, reply) => {
      requireRole(request, staffRoles);
      const row = await sessions.get(request.params.id);
      await sessions.assertCallOpen(row.id);
      const svg = await QRCode.toString(sessions.customerUrl(row.customerToken), {
        type: 'svg',
        margin: 2,
        errorCorrectionLevel: 'M',
      });
      return reply.type('image/svg+xml').header('cache-control', 'private, no-store').send(svg);
    },
  );

  app.post(
    '/:id/wrap-up',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Store the disposition and notes of an ended call',
        params: sessionParamsSchema,
        body: wrapUpBodySchema,
        response: { 200: sessionDetailSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      const user = requireRole(request, staffRoles);
      await assertCaseControl(sessions, request.params.id, user);
      const detail = await sessions.wrapUp(request.params.id, user, request.body);

      request.log.info(
        { sessionId: detail.id, disposition: request.body.disposition },
        'wrap-up stored',
      );
      options.onChanged(detail.id);
      return detail;
    },
  );
};
