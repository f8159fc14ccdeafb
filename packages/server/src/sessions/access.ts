import type { FastifyRequest } from 'fastify';
import type { User } from '@lensdesk/protocol';
import { AppError } from '../errors.js';
import { staffRoles } from '../auth/guard.js';
import type { Actor, SessionRow } from './queries.js';
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

/**
 * Throws `SESSION_ASSIGNED` unless `user` may control the session's case (wrap-up, case edits):
 * the agent the call is assigned to, else the staff member who created the invite, or any
 * supervisor or admin, who may correct a case. A session with neither is open to all staff.
 */
export async function assertCaseControl(
  sessions: SessionService,
  sessionId: string,
  user: User,
): Promise<void> {
  const row = await sessions.get(sessionId);
  if (user.role === 'supervisor' || user.role === 'admin') return;

  const ownerId = row.agentId ?? row.createdBy;
  if (ownerId === null || ownerId === user.id) return;
  throw await sessionAssigned(sessions, row);
}

/** The `SESSION_ASSIGNED` error of a session, naming the agent it belongs to when known. */
export async function sessionAssigned(
  sessions: SessionService,
  row: SessionRow,
  agentName?: string,
): Promise<AppError> {
  const name = agentName ?? (await sessions.displayedAgent(row))?.name;
  return new AppError(
    'SESSION_ASSIGNED',
    undefined,
    undefined,
    name === undefined ? undefined : { agentName: name },
  );
}
