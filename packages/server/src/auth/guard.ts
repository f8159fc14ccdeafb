import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role, User } from '@lensdesk/protocol';
import { AppError } from '../errors.js';
import type { AuthService } from './service.js';

/** Name of the httpOnly cookie that carries a console sign-in. */
export const sessionCookieName = 'lensdesk_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, resolved from the session cookie before every handler. */
    user: User | undefined;
  }
}

/** Resolves the signed-in user of every request from its session cookie. */
export function registerAuthentication(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('user', undefined);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookieName];
    if (token !== undefined && token !== '') {
      request.user = await auth.userForSession(token);
    }
  });
}

/** Returns the signed-in user if their role is one of `allowed`, or throws the matching error. */
export function requireRole(request: FastifyRequest, allowed: readonly Role[]): User {
  if (request.user === undefined) throw new AppError('UNAUTHENTICATED');
  if (!allowed.includes(request.user.role)) throw new AppError('FORBIDDEN');
  return request.user;
}

/** Every role that may handle customers: agents, and supervisors and admins standing in. */
export const staffRoles: readonly Role[] = ['agent', 'supervisor', 'admin'];
