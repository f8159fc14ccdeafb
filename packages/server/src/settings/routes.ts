import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  errorResponseSchema,
  runtimeSettingsSchema,
  updateSettingsBodySchema,
} from '@lensdesk/protocol';
import { requireRole, staffRoles } from '../auth/guard.js';
import type { SettingsService } from './service.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
};

/** Run-time settings, under `/api/settings`: staff read them, admins change them. */
export const settingsRoutes: FastifyPluginAsyncZod<{ settings: SettingsService }> = async (
  app,
  options,
) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['settings'],
        summary: 'Every run-time setting, with defaults for those never saved',
        response: { 200: runtimeSettingsSchema, ...errors },
      },
    },
    async (request) => {
      requireRole(request, staffRoles);
      return options.settings.getAll();
    },
  );

  app.put(
    '/',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change run-time settings (admins); settings left out keep their value',
        body: updateSettingsBodySchema,
        response: { 200: runtimeSettingsSchema, ...errors },
      },
    },
    async (request) => {
      const admin = requireRole(request, ['admin']);
      const updated = await options.settings.update(request.body);
      request.log.info({ userId: admin.id, keys: Object.keys(request.body) }, 'settings changed');
      return updated;
    },
  );
};
