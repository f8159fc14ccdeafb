import type { FastifyBaseLogger } from 'fastify';
import type { PresenceService } from '../presence/service.js';
import { consoleRoom, supervisorRoom, userRoom } from '../queue/notifier.js';
import type { QueueView } from '../queue/view.js';
import { AppError } from '../errors.js';
import type { ConsoleSocket } from './signaling.js';

export interface ConsoleDependencies {
  presence: PresenceService;
  view: QueueView;
  /** Called when a customer connects, so a queued customer gets its position at once. */
  customerConnected(sessionId: string): void;
}

/**
 * Wires a console socket: it joins the rooms of every console, of its user and, for supervisors
 * and admins, of supervisors, then receives the agent's presence, any ringing offer and the
 * queue. Connecting does not change the agent's status; it only counts as being seen.
 */
export function registerConsoleHandlers(
  socket: ConsoleSocket,
  deps: ConsoleDependencies,
  parentLog: FastifyBaseLogger,
): void {
  const { userId, supervisor } = socket.data;
  const log = parentLog.child({ role: 'console', userId, socketId: socket.id });
  const rooms = [consoleRoom, userRoom(userId), ...(supervisor ? [supervisorRoom] : [])];

  void (async () => {
    await socket.join(rooms);
    await deps.presence.touch([userId]);
    const presence = await deps.presence.view(userId);
    socket.emit('presence:state', presence);
    if (presence.busyReason === 'offer' && presence.sessionId !== null) {
      const offer = await deps.view.offer(presence.sessionId);
      if (offer !== undefined) socket.emit('offer', offer);
    }
    socket.emit('queue:state', await deps.view.state(supervisor));
    log.info('console connected');
  })().catch((error: unknown) => {
    log.error({ err: error }, 'connecting the console failed');
    socket.disconnect(true);
  });

  // Consoles only listen; any event they send is acknowledged as unknown.
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const error = new AppError('VALIDATION_FAILED', `Unknown event "${event.slice(0, 64)}".`);
    ack({ ok: false, error: error.toInfo() });
  });

  socket.on('disconnect', (reason) => log.info({ reason }, 'console disconnected'));
}
