import { randomUUID } from 'node:crypto';
import { type CapturePurpose, clientEventSchemas } from '@lensdesk/protocol';
import { AppError } from '../errors.js';
import type { Actor } from '../sessions/queries.js';
import { type AckScope, withAck } from './ack.js';
import type { CallRoom, ParticipantSocket, SignalingDependencies } from './signaling.js';
import { agentRoomOf, roomOf } from './signaling.js';

/** Time the customer's device has to reply to a capture request, in milliseconds. */
const captureTimeoutMs = 120_000;

/**
 * Stills an agent may request per window. Each one uploads a full-resolution picture from the
 * customer's phone, often over a mobile network, so a runaway client must not flood it.
 */
const captureBurst = 5;
const captureWindowMs = 10_000;

/** A capture request waiting for the customer's still. */
export interface PendingCapture {
  sessionId: string;
  purpose: CapturePurpose;
  expiresAt: number;
}

/**
 * Wires the agent's live tools into a participant's socket: annotations, capture requests for
 * snapshots and freeze frames, and camera controls.
 *
 * NOTE: pending capture requests live in this process's memory. With several server nodes, the
 * customer's reply must reach the node that took the request. With one node it always does.
 */
export function registerToolHandlers(
  socket: ParticipantSocket,
  calls: CallRoom,
  deps: SignalingDependencies,
  scope: AckScope,
): void {
  const { log } = scope;
  const captureTimes: number[] = [];
  const { sessionId, role } = socket.data;
  const room = roomOf(sessionId);
  const actor: Actor = { type: role, id: socket.data.userId };

  const requireRole = (expected: 'agent' | 'customer', action: string) => {
    if (role !== expected) throw new AppError('FORBIDDEN', `Only the ${expected} can ${action}.`);
  };
  const requireStarted = () => {
    if (!socket.data.started) throw new AppError('NOT_IN_CALL');
  };

  // One drag sends an update per frame. Applying them one at a time keeps their order, so a later
  // version never reaches the database before an earlier one.
  let annotationQueue: Promise<unknown> = Promise.resolve();
  socket.on(
    'annotation:op',
    withAck('annotation:op', clientEventSchemas['annotation:op'], scope, async (message) => {
      requireRole('agent', 'draw annotations');
      const applied = annotationQueue.then(() =>
        deps.liveTools.applyAnnotation(sessionId, message, actor),
      );
      annotationQueue = applied.catch(() => undefined);

      const outcome = await applied;
      if (outcome.kind !== 'duplicate') socket.to(room).emit('annotation:op', outcome.message);
    }),
  );

  socket.on(
    'capture:request',
    withAck(
      'capture:request',
      clientEventSchemas['capture:request'],
      scope,
      async ({ purpose }) => {
        requireRole('agent', 'request a still');
        const now = Date.now();
        while (captureTimes.length > 0 && (captureTimes[0] ?? 0) <= now - captureWindowMs) {
          captureTimes.shift();
        }
        if (captureTimes.length >= captureBurst) {
          throw new AppError('RATE_LIMITED', 'Too many stills requested. Wait a few seconds.');
        }
        captureTimes.push(now);

        const customers = (await calls.participants(sessionId)).filter(
          (participant) => participant.data.role === 'customer' && participant.data.started,
        );
        if (customers.length === 0)
          throw new AppError('NOT_IN_CALL', 'The customer is not in the call.');

        const requestId = randomUUID();
        calls.pendingCaptures.set(requestId, {
          sessionId,
          purpose,
          expiresAt: Date.now() + captureTimeoutMs,
        });
        for (const customer of customers) customer.emit('capture:request', { requestId, purpose });
        log.info({ requestId, purpose }, 'capture requested');
        return { requestId };
      },
    ),
  );

  socket.on(
    'capture:done',
    withAck(
      'capture:done',
      clientEventSchemas['capture:done'],
      scope,
      async ({ requestId, snapshotId }) => {
        requireRole('customer', 'answer a capture request');
        const pending = takePending(calls, requestId, sessionId);
        const snapshot = await deps.snapshots.get(snapshotId, sessionId);

        if (pending.purpose === 'freeze') {
          const frozen = await deps.liveTools.freeze(sessionId, snapshotId, actor);
          calls.io.to(room).emit('freeze:state', { frozen });
          log.info({ snapshotId }, 'frame frozen');
        }
        calls.io
          .to(agentRoomOf(sessionId))
          .emit('capture:done', { requestId, purpose: pending.purpose, snapshot });
      },
    ),
  );

  socket.on(
    'capture:failed',
    withAck('capture:failed', clientEventSchemas['capture:failed'], scope, async (payload) => {
      requireRole('customer', 'answer a capture request');
      takePending(calls, payload.requestId, sessionId);
      log.info(
        { requestId: payload.requestId, reason: payload.reason },
        'capture failed on the device',
      );
      calls.io.to(agentRoomOf(sessionId)).emit('capture:failed', payload);
    }),
  );

  socket.on(
    'freeze:resume',
    withAck('freeze:resume', clientEventSchemas['freeze:resume'], scope, async () => {
      requireRole('agent', 'resume the live video');
      if (await deps.liveTools.resume(sessionId, actor)) {
        calls.io.to(room).emit('freeze:state', { frozen: null });
      }
    }),
  );

  socket.on(
    'camera:command',
    withAck('camera:command', clientEventSchemas['camera:command'], scope, async (command) => {
      requireRole('agent', 'control the camera');
      await deps.sessions.recordEvent(sessionId, 'camera_command', actor, { ...command });
      socket.to(room).emit('camera:command', command);
    }),
  );

  socket.on(
    'camera:capabilities',
    withAck(
      'camera:capabilities',
      clientEventSchemas['camera:capabilities'],
      scope,
      async (capabilities) => {
        requireRole('customer', 'report camera controls');
        requireStarted();
        await deps.liveTools.setCameraCapabilities(sessionId, capabilities);
        socket.to(room).emit('camera:capabilities', capabilities);
      },
    ),
  );
}

/** Sends the live tools' state to a participant that joined or reconnected. */
export async function sendToolsState(
  socket: ParticipantSocket,
  deps: SignalingDependencies,
): Promise<void> {
  socket.emit('tools:state', await deps.liveTools.state(socket.data.sessionId));
}

function takePending(calls: CallRoom, requestId: string, sessionId: string): PendingCapture {
  const pending = calls.pendingCaptures.get(requestId);
  if (pending === undefined || pending.sessionId !== sessionId || pending.expiresAt < Date.now()) {
    throw new AppError('VALIDATION_FAILED', 'The capture request is unknown or expired.', [
      {
        path: 'requestId',
        message: 'must be the id of a capture request of this call from the last 2 minutes',
      },
    ]);
  }
  calls.pendingCaptures.delete(requestId);
  return pending;
}
