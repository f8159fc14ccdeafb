import type { Server as HttpServer } from 'node:http';
import { fastifyCookie } from '@fastify/cookie';
import type { FastifyBaseLogger } from 'fastify';
import { type RemoteSocket, Server, type Socket } from 'socket.io';
import {
  type CallState,
  type ClientToServerEvents,
  type ServerToClientEvents,
  maxSignalingMessageBytes,
  socketAuthSchema,
  toIssues,
} from '@lensdesk/protocol';
import { sessionCookieName } from '../auth/guard.js';
import type { AuthService } from '../auth/service.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError, toErrorInfo } from '../errors.js';
import { findNul, nulError } from '../http/nul-guard.js';
import { toLoggableError } from '../http/loggable-error.js';
import { sessionAssigned } from '../sessions/access.js';
import { initialsOf } from '../sessions/names.js';
import type { Actor, SessionRow } from '../sessions/queries.js';
import type { SessionService } from '../sessions/service.js';
import type { LiveToolsService } from '../live-tools/service.js';
import type { Metrics } from '../metrics/metrics.js';
import type { SnapshotService } from '../snapshots/service.js';
import { registerCallHandlers } from './call-handlers.js';
import { type ConsoleDependencies, registerConsoleHandlers } from './console-handlers.js';
import type { PendingCapture } from './tool-handlers.js';
import { iceServersFor } from './ice.js';

/** Participant state that the server keeps on each socket after its handshake. */
export interface ParticipantData {
  role: 'agent' | 'customer';
  sessionId: string;
  /** The signed-in user for agents; null for customers. */
  userId: string | null;
  name: string;
  /** Customer tab id; a new socket with the same id replaces the old one. */
  clientId: string | null;
  /** True once the customer pressed Start. Agents count as started. */
  started: boolean;
}

/** State of a console socket: a signed-in user outside any call, for offers and the queue. */
export interface ConsoleData {
  role: 'console';
  userId: string;
  name: string;
  /** Supervisors and admins also receive agents and calls in `queue:state`. */
  supervisor: boolean;
}

/** State of any socket: a call participant or a console. */
export type SocketData = ParticipantData | ConsoleData;

export type SignalingServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type ParticipantSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  ParticipantData
>;
export type ConsoleSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  ConsoleData
>;

export interface SignalingDependencies {
  config: Config;
  sessions: SessionService;
  snapshots: SnapshotService;
  liveTools: LiveToolsService;
  metrics: Metrics;
  auth: AuthService;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Presence and queue updates of console sockets; without them, consoles are rejected. */
  consoles?: ConsoleDependencies;
}

export function roomOf(sessionId: string): string {
  return `session:${sessionId}`;
}

/** Room of the agents of a session only, for replies meant for them. */
export function agentRoomOf(sessionId: string): string {
  return `session:${sessionId}:agents`;
}

/**
 * Attaches Socket.IO signaling to the HTTP server. Every handshake is authenticated (a customer
 * link token or an agent's session cookie) and every event payload is parsed by its schema.
 */
export function attachSignaling(httpServer: HttpServer, deps: SignalingDependencies) {
  const io: SignalingServer = new Server(httpServer, {
    transports: ['websocket'],
    serveClient: false,
    maxHttpBufferSize: maxSignalingMessageBytes,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  const calls = new CallRoom(io, deps);
  io.use((socket, next) => {
    authenticate(socket, deps, calls).then(
      (data) => {
        socket.data = data;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof AppError)) {
          deps.log.error({ err: toLoggableError(error) }, 'socket handshake failed');
        }
        const info = toErrorInfo(error);
        next(Object.assign(new Error(info.message), { data: info }));
      },
    );
  });

  io.on('connection', (socket) => {
    if (socket.data.role === 'console') {
      if (deps.consoles !== undefined) {
        registerConsoleHandlers(socket as ConsoleSocket, deps.consoles, deps.log);
      }
      return;
    }
    registerCallHandlers(socket as ParticipantSocket, calls, deps);
    if (socket.data.role === 'customer') deps.consoles?.customerConnected(socket.data.sessionId);
  });
  return { io, calls };
}

async function authenticate(
  socket: Socket,
  deps: SignalingDependencies,
  calls: CallRoom,
): Promise<SocketData> {
  // Link tokens and session ids are looked up in the database, whose text cannot hold NUL.
  const nulPath = findNul(socket.handshake.auth, 'auth');
  if (nulPath !== undefined) throw nulError(nulPath, 'The connection credentials are invalid.');
  const parsed = socketAuthSchema.safeParse(socket.handshake.auth);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The connection credentials are invalid.',
      toIssues(parsed.error),
    );
  }

  const auth = parsed.data;
  if (auth.role === 'customer') {
    const row = await deps.sessions.resolveCustomerToken(auth.token);
    const others = await calls.participants(row.id);
    const elsewhere = others.some(
      (other) => other.data.role === 'customer' && other.data.clientId !== auth.clientId,
    );
    if (elsewhere) throw new AppError('CUSTOMER_ALREADY_CONNECTED');

    return {
      role: 'customer',
      sessionId: row.id,
      userId: null,
      name: row.customerName ?? 'Customer',
      clientId: auth.clientId,
      started: false,
    } satisfies ParticipantData;
  }

  const cookies = fastifyCookie.parse(socket.handshake.headers.cookie ?? '');
  const token = cookies[sessionCookieName];
  const user = token === undefined ? undefined : await deps.auth.userForSession(token);
  if (user === undefined) throw new AppError('UNAUTHENTICATED');

  if (auth.role === 'console') {
    if (deps.consoles === undefined) throw new AppError('NOT_READY');
    return {
      role: 'console',
      userId: user.id,
      name: user.name,
      supervisor: user.role !== 'agent',
    } satisfies ConsoleData;
  }
  const row = await deps.sessions.get(auth.sessionId);
  await assertMayJoinAsAgent(row, user.id, deps, calls);
  return {
    role: 'agent',
    sessionId: row.id,
    userId: user.id,
    name: user.name,
    clientId: null,
    started: true,
  } satisfies ParticipantData;
}

/**
 * Throws `SESSION_ASSIGNED` unless `userId` may join the call as its agent. Once an agent is
 * assigned (the call started, or the agent accepted it from the queue), only that agent joins,
 * whatever the role of the one trying. Before that, the invite's creator joins; anyone else on
 * the staff joins only while no other user is connected as the agent, so no one takes over a
 * colleague's call. The same user's second tab always joins and takes over the first.
 */
export async function assertMayJoinAsAgent(
  row: SessionRow,
  userId: string,
  deps: Pick<SignalingDependencies, 'sessions'>,
  calls: CallRoom,
): Promise<void> {
  if (row.agentId !== null) {
    if (row.agentId === userId) return;
    throw await sessionAssigned(deps.sessions, row);
  }
  if (row.createdBy === userId) return;

  const present = (await calls.participants(row.id)).find(
    (socket) => socket.data.role === 'agent' && socket.data.userId !== userId,
  );
  if (present !== undefined) throw await sessionAssigned(deps.sessions, row, present.data.name);
}

/** Presence and state of calls, read from the sockets in each session's room. */
export class CallRoom {
  /** Capture requests waiting for the customer's still, by request id. */
  readonly pendingCaptures = new Map<string, PendingCapture>();

  /** Sockets closed because the same participant reconnected; their departure is not logged. */
  readonly replacedSocketIds = new Set<string>();

  constructor(
    readonly io: SignalingServer,
    private readonly deps: SignalingDependencies,
  ) {}

  async participants(
    sessionId: string,
  ): Promise<RemoteSocket<ServerToClientEvents, ParticipantData>[]> {
    // Only call participants join a session's room.
    const sockets = await this.io.in(roomOf(sessionId)).fetchSockets();
    return sockets as RemoteSocket<ServerToClientEvents, ParticipantData>[];
  }

  async state(sessionId: string): Promise<CallState> {
    const [row, sockets] = await Promise.all([
      this.deps.sessions.get(sessionId),
      this.participants(sessionId),
    ]);
    const agentSocket = sockets.find((socket) => socket.data.role === 'agent');
    const customerSockets = sockets.filter((socket) => socket.data.role === 'customer');
    const displayed = await this.deps.sessions.displayedAgent(row);
    const agentName = agentSocket?.data.name ?? displayed?.name;

    return {
      sessionId,
      status: row.status,
      agent: agentName === undefined ? null : { name: agentName, initials: initialsOf(agentName) },
      customer:
        row.customerName === null
          ? null
          : { name: row.customerName, initials: initialsOf(row.customerName) },
      agentPresent: agentSocket !== undefined,
      customerPresent: customerSockets.length > 0,
      customerStarted: customerSockets.some((socket) => socket.data.started),
      iceServers: iceServersFor(this.deps.config, sessionId, this.deps.clock.now()),
    };
  }

  /** Sends the current state to everyone in the call. */
  async broadcast(sessionId: string): Promise<void> {
    try {
      this.io.to(roomOf(sessionId)).emit('call:state', await this.state(sessionId));
    } catch (error) {
      this.deps.log.error({ err: error, sessionId }, 'broadcasting call state failed');
    }
  }

  /**
   * Marks the call active once the agent is present and the customer has started. Safe to call
   * on every change: the status update is conditional, so only one caller records the start.
   */
  async startIfReady(sessionId: string, trigger: Actor): Promise<void> {
    const sockets = await this.participants(sessionId);
    const agent = sockets.find((socket) => socket.data.role === 'agent');
    const customerStarted = sockets.some(
      (socket) => socket.data.role === 'customer' && socket.data.started,
    );
    if (agent === undefined || agent.data.userId === null || !customerStarted) return;

    if (await this.deps.sessions.startCall(sessionId, agent.data.userId, trigger)) {
      this.deps.log.info({ sessionId, userId: agent.data.userId }, 'call started');
    }
  }
}
