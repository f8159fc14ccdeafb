import { eq } from 'drizzle-orm';
import type {
  AgentPresence,
  CustomerLinkResponse,
  Role,
  ServerToClientEvents,
  SessionEvent,
} from '@lensdesk/protocol';
import { buildServer, type LensdeskServer } from '../app.js';
import type { DatabaseHandle } from '../db/client.js';
import { agentPresence, productLines, users } from '../db/schema.js';
import { queuedSessionIds } from '../queue/queries.js';
import {
  type Backend,
  ManualClock,
  agentPassword,
  openTestDatabase,
  signIn,
  testConfig,
} from './servers.js';
import { type ClientSocket, SocketClients, connected, listenOnLoopback } from './sockets.js';

/** A listening server with its database, a manual clock and socket clients, for queue tests. */
export interface QueueTestServer {
  server: LensdeskServer;
  database: DatabaseHandle;
  clock: ManualClock;
  clients: SocketClients;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts a server whose timed queue work runs only when a test calls `queueSweeper.tick()`, so
 * the manual clock alone decides what has timed out. `database` shares one database between
 * several servers, as two nodes would.
 */
export async function startQueueServer(
  backend: Backend,
  options: { database?: DatabaseHandle; clock?: ManualClock; env?: Record<string, string> } = {},
): Promise<QueueTestServer> {
  const clock = options.clock ?? new ManualClock();
  const database = options.database ?? (await openTestDatabase(backend));
  const server = await buildServer({
    config: testConfig({
      ENTRY_RATE_LIMIT_PER_MINUTE: '10000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      ...options.env,
    }),
    database,
    clock,
    logger: false,
  });
  server.queueSweeper.stop();
  server.sweeper.stop();

  const baseUrl = await listenOnLoopback(server);
  const clients = new SocketClients(() => baseUrl);
  return {
    server,
    database,
    clock,
    clients,
    baseUrl,
    close: async () => {
      clients.closeAll();
      await server.close();
    },
  };
}

let userCount = 0;

/** Creates a user with skills and languages, signs them in and returns the cookie. */
export async function addAgent(
  setup: Pick<QueueTestServer, 'server' | 'database'>,
  options: { name: string; role?: Role; skills?: string[]; languages?: string[] },
) {
  userCount += 1;
  const email = `${options.name.toLowerCase().replace(/\W+/g, '.')}.${userCount}@example.com`;
  const user = await setup.server.auth.createUser({
    email,
    name: options.name,
    role: options.role ?? 'agent',
    password: agentPassword,
  });
  await setup.database.db
    .update(users)
    .set({ skills: options.skills ?? [], languages: options.languages ?? ['en'] })
    .where(eq(users.id, user.id));
  const cookie = await signIn(setup.server, email);
  return { user, cookie };
}

/** Creates a product line for routing tests. */
export async function addProductLine(
  database: DatabaseHandle,
  values: {
    slug: string;
    skills?: string[];
    language?: string;
    supportHours?: Record<string, unknown> | null;
    callbackAfterSeconds?: number | null;
    greeting?: string | null;
  },
) {
  const [row] = await database.db
    .insert(productLines)
    .values({
      name: values.slug.replace(/-/g, ' '),
      slug: values.slug,
      skills: values.skills ?? [],
      language: values.language ?? 'en',
      supportHours: values.supportHours ?? null,
      callbackAfterSeconds: values.callbackAfterSeconds ?? null,
      greeting: values.greeting ?? null,
    })
    .returning();
  if (row === undefined) throw new Error('Inserting the product line returned no row.');
  return row;
}

/** Sets an agent's availability through the API. */
export async function setPresence(
  server: LensdeskServer,
  cookie: string,
  status: 'available' | 'away' | 'offline',
): Promise<AgentPresence> {
  const response = await server.app.inject({
    method: 'PUT',
    url: '/api/presence',
    headers: { cookie },
    payload: { status },
  });
  if (response.statusCode !== 200) {
    throw new Error(`Setting presence failed with ${response.statusCode}: ${response.body}`);
  }
  return response.json<AgentPresence>();
}

/** Puts a customer in a product line's queue through the API. */
export async function enterQueue(
  server: LensdeskServer,
  slug: string,
  body: object = {},
): Promise<CustomerLinkResponse> {
  const response = await server.app.inject({
    method: 'POST',
    url: `/api/entry/${slug}/sessions`,
    payload: body,
  });
  if (response.statusCode !== 201) {
    throw new Error(`Entering the queue failed with ${response.statusCode}: ${response.body}`);
  }
  return response.json<CustomerLinkResponse>();
}

/** Opens a console socket with a sign-in cookie and waits for its first presence state. */
export async function openConsole(clients: SocketClients, cookie: string): Promise<ClientSocket> {
  const socket = clients.open({ role: 'console' }, { cookie });
  const presence = nextWhere(socket, 'presence:state', () => true);
  await connected(socket);
  await presence;
  return socket;
}

/** Resolves with the next payload of `event` that satisfies `predicate`. */
export function nextWhere<Event extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: Event,
  predicate: (payload: Parameters<ServerToClientEvents[Event]>[0]) => boolean,
) {
  type Payload = Parameters<ServerToClientEvents[Event]>[0];
  const emitter = socket as unknown as {
    on(name: string, listener: (payload: Payload) => void): void;
    off(name: string, listener: (payload: Payload) => void): void;
  };
  return new Promise<Payload>((resolve) => {
    const listener = (payload: Payload) => {
      if (!predicate(payload)) return;
      emitter.off(event, listener);
      resolve(payload);
    };
    emitter.on(event, listener);
  });
}

/** Collects every payload of `event` that a socket receives from now on. */
export function record<Event extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: Event,
) {
  type Payload = Parameters<ServerToClientEvents[Event]>[0];
  const received: Payload[] = [];
  (socket as unknown as { on(name: string, listener: (payload: Payload) => void): void }).on(
    event,
    (payload) => received.push(payload),
  );
  return received;
}

/** Returns the types of a session's events, oldest first. */
export async function eventTypes(server: LensdeskServer, sessionId: string): Promise<string[]> {
  return (await server.sessions.detail(sessionId)).events.map((event) => event.type);
}

/** Returns a session's events of one type. */
export async function eventsOf(
  server: LensdeskServer,
  sessionId: string,
  type: string,
): Promise<SessionEvent[]> {
  return (await server.sessions.detail(sessionId)).events.filter((event) => event.type === type);
}

/** Takes every customer out of the queue and every agent offline, so a test starts afresh. */
export async function clearQueue(setup: Pick<QueueTestServer, 'server' | 'database'>) {
  await setup.database.db.update(agentPresence).set({ status: 'offline', busyReason: null });
  for (const sessionId of await queuedSessionIds(setup.database.db)) {
    await setup.server.queue.abandon(sessionId, 'left_queue', { type: 'system', id: null });
  }
}
