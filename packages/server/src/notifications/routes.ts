import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  errorResponseSchema,
  maxInviteSends,
  notificationChannelsSchema,
  sendInviteBodySchema,
  sendInviteResponseSchema,
  sessionParamsSchema,
} from '@lensdesk/protocol';
import { requireRole, staffRoles } from '../auth/guard.js';
import { AppError } from '../errors.js';
import { maskEmail, maskPhone } from './recipients.js';
import type { NotificationService } from './service.js';

export interface NotificationRoutesOptions {
  notifications: NotificationService;
}

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  410: errorResponseSchema,
  422: errorResponseSchema,
  429: errorResponseSchema,
  502: errorResponseSchema,
  503: errorResponseSchema,
};

/** Sending customer links by e-mail and SMS, under `/api`. */
export const notificationRoutes: FastifyPluginAsyncZod<NotificationRoutesOptions> = async (
  app,
  options,
) => {
  const { notifications } = options;

  app.get(
    '/notifications/channels',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Which channels (e-mail, SMS) this server can send invites through',
        response: { 200: notificationChannelsSchema, 401: errorResponseSchema },
      },
    },
    async (request) => {
      requireRole(request, staffRoles);
      return notifications.channels();
    },
  );

  app.post(
    '/sessions/:id/invites',
    {
      schema: {
        tags: ['sessions'],
        summary: "Send a waiting session's customer link by e-mail or SMS",
        description: `Sends the link, its expiry and the agent's name; e-mails also carry the QR code. One invite can be sent at most ${maxInviteSends} times.`,
        params: sessionParamsSchema,
        body: sendInviteBodySchema,
        response: { 200: sendInviteResponseSchema, ...errors },
      },
    },
    async (request) => {
      const agent = requireRole(request, staffRoles);
      const { channel, to } = request.body;
      const sessionId = request.params.id;
      const maskedTo = channel === 'email' ? maskEmail(to) : maskPhone(to);

      try {
        const sent = await notifications.sendInvite(sessionId, agent, request.body);
        request.log.info({ sessionId, userId: agent.id, channel, to: maskedTo }, 'invite sent');
        return sent;
      } catch (error) {
        if (error instanceof AppError) {
          request.log.warn(
            {
              sessionId,
              userId: agent.id,
              channel,
              to: maskedTo,
              code: error.code,
              reason: error.message,
            },
            'invite not sent',
          );
        }
        throw error;
      }
    },
  );
};
