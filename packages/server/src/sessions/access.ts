import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { staffRoles } from '../auth/guard.js';
import type { Actor } from './queries.js';
import type { SessionService } from './service.js';

const bearerPattern = /^Bearer ([A-Za-z0-9_-]{16,200})$/;

/**
 * Returns who is acting on a session's resources: a signed-in staff member (any session), or
 * the customer whose link token (`Authorization: Bearer <token>`) opens this session while its
 * call is open. `sessionId` undefined accepts the customer's own session, whichever it is.
 */
export async function sessionActor(
  request: FastifyRequest,
  sessions: SessionService,
  sessionId: string | undefined,
): Promise<Actor & { sessionId: string | undefined }> {
  if (request.user !== undefined) {
    if (!staffRoles.includes(request.user.role)) throw new AppError('FORBIDDEN');
    return { type: 'agent', id: request.user.id, sessionId };
  }

  const match = bearerPattern.exec(request.headers.authorization ?? '');
  if (match?.[1] === undefined) throw new AppError('UNAUTHENTICATED');

  const row = await sessions.resolveCustomerToken(match[1]);
  if (sessionId !== undefined && row.id !== sessionId) throw new AppError('SESSION_NOT_FOUND');
  return { type: 'customer', id: null, sessionId: row.id };
}
