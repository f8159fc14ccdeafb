import type { FastifyBaseLogger } from 'fastify';
import { clientEventSchemas } from '@lensdesk/protocol';
import type { SignalingDependencies, CallRoom, ParticipantSocket } from './signaling.js';
import { agentRoomOf, assertMayJoinAsAgent, roomOf } from './signaling.js';
import { registerToolHandlers, sendToolsState } from './tool-handlers.js';
import { type AckScope, withAck } from './ack.js';
import { AppError } from '../errors.js';
import type { Actor } from '../sessions/queries.js';

/** Chat messages one participant may send per window before `RATE_LIMITED`. */
const chatBurst = 20;
const chatWindowMs = 10_000;

/**
 * Wires one participant's socket into its call: presence events, relay of WebRTC signals and
 * media state, chat, and the end of the call.
 */
export function registerCallHandlers(
  socket: ParticipantSocket,
  calls: CallRoom,
  deps: SignalingDependencies,
): void {
  const { sessionId, role } = socket.data;
  const room = roomOf(sessionId);
  const log = deps.log.child({ sessionId, role, socketId: socket.id });
  const scope: AckScope = {
    log,
    onError: (code) => deps.metrics.errors.inc({ code, channel: 'socket' }),
  };
  const actor: Actor = { type: role, id: socket.data.userId };
  const chatTimes: number[] = [];

  const ensureStarted = () => {
    if (!socket.data.started) throw new AppError('NOT_IN_CALL');
  };

  void (async () => {
    if (role === 'agent' && socket.data.userId !== null) {
      // Checked again now that the room is final: another user may have joined meanwhile.
      const row = await deps.sessions.get(sessionId);
      await assertMayJoinAsAgent(row, socket.data.userId, deps, calls);
    }
    await takeOverPreviousSocket(socket, calls, log);
    await socket.join(role === 'agent' ? [room, agentRoomOf(sessionId)] : room);
    await deps.sessions.recordEvent(
      sessionId,
      role === 'agent' ? 'agent_joined' : 'customer_joined',
      actor,
    );
    log.info('participant joined');

    socket.emit('chat:history', await deps.sessions.chatHistory(sessionId));
    await sendToolsState(socket, deps);
    await calls.startIfReady(sessionId, actor);
    await calls.broadcast(sessionId);
  })().catch((error: unknown) => {
    if (error instanceof AppError) {
      // The socket never joined, so its departure is not logged either.
      calls.replacedSocketIds.add(socket.id);
      log.info({ code: error.code }, 'joining the call refused');
    } else {
      log.error({ err: error }, 'joining the call failed');
    }
    socket.disconnect(true);
  });

  registerToolHandlers(socket, calls, deps, scope);

  // Every event gets an acknowledgement, an unknown one too, so no client waits for nothing.
  const knownEvents = new Set(Object.keys(clientEventSchemas));
  socket.onAny((event: string, ...args: unknown[]) => {
    if (knownEvents.has(event)) return;
    const ack = args.at(-1);
    log.info({ event: event.slice(0, 64) }, 'unknown socket event rejected');
    if (typeof ack === 'function') {
      const error = new AppError('VALIDATION_FAILED', `Unknown event "${event.slice(0, 64)}".`);
      ack({ ok: false, error: error.toInfo() });
    }
  });

  socket.on(
    'call:start',
    withAck('call:start', clientEventSchemas['call:start'], scope, async () => {
      if (role !== 'customer')
        throw new AppError('FORBIDDEN', 'Only the customer starts the call.');

      await deps.sessions.assertCallOpen(sessionId);
      socket.data.started = true;
      log.info('customer started the call');
      await calls.startIfReady(sessionId, actor);
      await calls.broadcast(sessionId);
    }),
  );

  socket.on(
    'signal',
    withAck('signal', clientEventSchemas.signal, scope, async (signal) => {
      ensureStarted();
      socket.to(room).emit('signal', signal);
    }),
  );

  socket.on(
    'media:state',
    withAck('media:state', clientEventSchemas['media:state'], scope, async (state) => {
      socket.to(room).emit('peer:media', state);
    }),
  );

  socket.on(
    'media:connected',
    withAck('media:connected', clientEventSchemas['media:connected'], scope, async (payload) => {
      if (role !== 'agent')
        throw new AppError('FORBIDDEN', 'Only the agent reports received media.');

      await deps.sessions.recordEvent(sessionId, 'media_connected', actor, {
        elapsedMs: payload.elapsedMs,
      });
      log.info({ elapsedMs: payload.elapsedMs }, 'media connected');

      const { startedAt } = await deps.sessions.get(sessionId);
      if (startedAt !== null) {
        const seconds = (deps.clock.now().getTime() - startedAt.getTime()) / 1000;
        deps.metrics.timeToConnect.observe(Math.max(0, seconds));
      }
    }),
  );

  socket.on(
    'camera:switched',
    withAck('camera:switched', clientEventSchemas['camera:switched'], scope, async (payload) => {
      ensureStarted();
      await deps.sessions.recordEvent(sessionId, 'camera_switched', actor, {
        facingMode: payload.facingMode,
      });
    }),
  );

  socket.on(
    'chat:send',
    withAck('chat:send', clientEventSchemas['chat:send'], scope, async (payload) => {
      const now = Date.now();
      while (chatTimes.length > 0 && (chatTimes[0] ?? 0) <= now - chatWindowMs) chatTimes.shift();
      if (chatTimes.length >= chatBurst) {
        throw new AppError('RATE_LIMITED', 'Too many messages. Wait a few seconds and try again.');
      }
      chatTimes.push(now);

      const message = await deps.sessions.addChatMessage({
        sessionId,
        sender: role,
        senderName: socket.data.name,
        text: payload.text,
      });
      socket.to(room).emit('chat:message', message);
      return { message };
    }),
  );

  socket.on(
    'call:end',
    withAck('call:end', clientEventSchemas['call:end'], scope, async () => {
      const status = await deps.sessions.endCall(sessionId, actor);
      log.info({ status }, 'call ended');

      const reason = role === 'agent' ? 'ended_by_agent' : 'ended_by_customer';
      calls.io.to(room).emit('call:closed', { reason });
      await calls.broadcast(sessionId);

      for (const participant of await calls.participants(sessionId)) {
        if (participant.data.role === 'customer') participant.disconnect(true);
      }
    }),
  );

  socket.on('disconnect', (reason) => {
    if (calls.replacedSocketIds.delete(socket.id)) return;
    log.info({ reason }, 'participant left');

    void deps.sessions
      .recordEvent(sessionId, role === 'agent' ? 'agent_left' : 'customer_left', actor, { reason })
      .then(() => calls.broadcast(sessionId))
      .catch((error: unknown) => log.error({ err: error }, 'recording the departure failed'));
  });
}

/**
 * Closes an older socket of the same participant: the same customer tab (same client id) after
 * a reload, or the call's agent socket. A customer on another device, and a user who may not
 * join as the agent, were already rejected during the handshake; so an agent socket replaced
 * here is the same user's other tab, or someone the invite's creator or assigned agent displaces.
 */
async function takeOverPreviousSocket(
  socket: ParticipantSocket,
  calls: CallRoom,
  log: FastifyBaseLogger,
) {
  const { sessionId, role, clientId } = socket.data;
  for (const previous of await calls.participants(sessionId)) {
    if (previous.id === socket.id || previous.data.role !== role) continue;
    if (role === 'customer' && previous.data.clientId !== clientId) continue;

    log.info({ previousSocketId: previous.id }, 'replacing the previous connection');
    // The same tab reconnecting keeps its place in the call without pressing Start again.
    if (previous.data.started) socket.data.started = true;
    calls.replacedSocketIds.add(previous.id);
    previous.emit('call:closed', { reason: 'replaced' });
    previous.disconnect(true);
  }
}
