import type {
  ClientToServerEvents,
  ErrorInfo,
  ServerToClientEvents,
  SocketAuth,
} from '@lensdesk/protocol';
import { io, type Socket } from 'socket.io-client';
import { RequestError, isErrorInfo } from './errors';

/** Socket.IO client socket typed with the protocol's event maps. */
export type SignalingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ClientEventName = keyof ClientToServerEvents;
export type ClientPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
type AckResult<E extends ClientEventName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
/** The `{ok: true, ...}` branch of an event's acknowledgement. */
export type ClientAckSuccess<E extends ClientEventName> = Extract<AckResult<E>, { ok: true }>;

/** How long an acknowledgement may take before `request` rejects with `TIMEOUT`. */
export const defaultAckTimeoutMs = 10_000;

/**
 * Opens the Socket.IO connection to the origin that served the page. The server accepts
 * WebSocket only, so several server nodes need no sticky sessions.
 */
export function connectSignaling(auth: SocketAuth): SignalingSocket {
  return io({ path: '/socket.io', transports: ['websocket'], auth });
}

/**
 * Emits a client event and resolves with its acknowledgement. Rejects with a `RequestError`
 * carrying the server's `ErrorInfo` when the acknowledgement is `{ok: false}`, with `TIMEOUT`
 * when none arrives in time, and with `NETWORK_FAILED` at once while disconnected: Socket.IO
 * would otherwise buffer the event and deliver stale signaling after a reconnection.
 */
export function request<E extends ClientEventName>(
  socket: SignalingSocket,
  event: E,
  payload: ClientPayload<E>,
  timeoutMs = defaultAckTimeoutMs,
): Promise<ClientAckSuccess<E>> {
  return new Promise((resolve, reject) => {
    if (!socket.connected) {
      reject(
        new RequestError({ code: 'NETWORK_FAILED', message: `Not connected; ${event} not sent.` }),
      );
      return;
    }

    // Socket.IO's typed `timeout().emit` cannot be called with a generic event name, so this
    // one call goes through a structural type. The signature above keeps callers typed.
    const emitter = socket.timeout(timeoutMs) as unknown as {
      emit(name: string, data: unknown, ack: (error: Error | null, result: unknown) => void): void;
    };
    emitter.emit(event, payload, (error, result) => {
      if (error) {
        reject(new RequestError({ code: 'TIMEOUT', message: `No acknowledgement for ${event}.` }));
        return;
      }
      const ack = result as AckResult<E>;
      if (ack.ok) {
        resolve(ack as ClientAckSuccess<E>);
      } else {
        reject(new RequestError(ack.error));
      }
    });
  });
}

/**
 * Returns the server's reason for a rejected handshake (`connect_error` with `err.data`), or null
 * for a transport failure that Socket.IO retries by itself.
 */
export function handshakeError(error: Error): ErrorInfo | null {
  const data = (error as Error & { data?: unknown }).data;
  return isErrorInfo(data) ? data : null;
}
