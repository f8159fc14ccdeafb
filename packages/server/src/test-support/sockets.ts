import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@lensdesk/protocol';
import type { LensdeskServer } from '../app.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Starts the server on a free loopback port and returns its base URL. */
export async function listenOnLoopback(server: LensdeskServer): Promise<string> {
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
}

/** Socket.IO clients of one test file, all disconnected by `closeAll`. */
export class SocketClients {
  private readonly sockets: ClientSocket[] = [];

  constructor(private readonly baseUrl: () => string) {}

  /** Opens a WebSocket-only client with the given handshake credentials and headers. */
  open(auth: object, headers: Record<string, string> = {}): ClientSocket {
    const socket: ClientSocket = connect(this.baseUrl(), {
      transports: ['websocket'],
      auth,
      extraHeaders: headers,
      reconnection: false,
      forceNew: true,
    });
    this.sockets.push(socket);
    return socket;
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.disconnect();
  }
}

/** Resolves when the handshake succeeds, and rejects with the `connect_error` otherwise. */
export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Resolves with the next payload of a server event. */
export function next<Event extends keyof ServerToClientEvents>(socket: ClientSocket, event: Event) {
  return new Promise<Parameters<ServerToClientEvents[Event]>[0]>((resolve) => {
    (socket as unknown as { once(name: string, listener: (value: never) => void): void }).once(
      event,
      resolve,
    );
  });
}

/** Sends an event with an arbitrary payload, as a misbehaving client would. */
export function emitRaw(
  socket: ClientSocket,
  event: string,
  payload: unknown,
): Promise<Ack<object>> {
  return (socket as unknown as Socket).timeout(5000).emitWithAck(event, payload);
}
