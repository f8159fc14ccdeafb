import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import rateLimit from '@fastify/rate-limit';
import { errorResponseSchema, loginBodySchema, meResponseSchema } from '@lensdesk/protocol';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { requireRole, sessionCookieName, staffRoles } from './guard.js';
import type { AuthService } from './service.js';

export interface AuthRoutesOptions {
  auth: AuthService;
  secureCookies: boolean;
  loginRateLimitPerMinute: number;
}

/** Sign-in, sign-out and the current user, under `/api/auth`. */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, options) => {
  const { auth } = options;

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });

  app.post(
    '/login',
    {
      config: {
        rateLimit: {
          max: options.loginRateLimitPerMinute,
          timeWindow: 60_000,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: loginBodySchema,
        response: { 200: meResponseSchema, 401: errorResponseSchema, 429: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const user = await auth.verifyCredentials(request.body.email, request.body.password);
      const session = await auth.startSession(user.id);

      reply.setCookie(sessionCookieName, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        expires: session.expiresAt,
      });
      request.log.info({ userId: user.id }, 'user signed in');
      return { user };
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out and clear the session cookie',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[sessionCookieName];
      if (token !== undefined) await auth.endSession(token);

      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: meResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => ({ user: requireRole(request, staffRoles) }),
  );
};
