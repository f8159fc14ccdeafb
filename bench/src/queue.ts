/**
 * Queue routing benchmark: the time from a customer's request to join a queue to the `offer`
 * event in a free, skilled agent's console, with 1, 100 and 1,000 customers already waiting.
 *
 * The built server runs as one child process, on PGlite or, with `--database-url`, on PostgreSQL.
 * This process plays the agents (console sockets) and customers (HTTP and customer sockets).
 * The waiting customers ask for a skill no agent has, so they stay in the queue, while five
 * available agents without skills make every routing decision check them.
 *
 * Usage: node --import tsx bench/src/queue.ts [--samples 50] [--levels 1,100,1000]
 *        [--database-url postgres://postgres@127.0.0.1:5432/test]
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  CustomerLinkResponse,
  Offer,
  ServerToClientEvents,
} from '@lensdesk/protocol';
import { adminAccount, startServer, type TestServer } from '../../e2e/src/harness/server.js';
import { quantile } from './stats.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const { values: options } = parseArgs({
  options: {
    samples: { type: 'string', default: '50' },
    levels: { type: 'string', default: '1,100,1000' },
    'database-url': { type: 'string' },
  },
});
const samplesPerLevel = Number(options.samples);
const levels = (options.levels ?? '').split(',').map(Number);
const warmUpSamples = 5;
const idleAgents = 5;
const agentPassword = 'bench password 1234';

/** HTTP client of one signed-in user, or an anonymous one, that keeps the session cookie. */
class Client {
  cookie = '';

  constructor(private readonly baseUrl: string) {}

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie === '' ? {} : { cookie: this.cookie }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} returned ${response.status}: ${text}`);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie !== null) this.cookie = setCookie.split(';')[0] ?? '';
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.request('POST', '/api/auth/login', { email, password });
  }
}

interface Agent {
  http: Client;
  socket: ClientSocket;
}

let agentCount = 0;

async function createAgent(admin: Client, baseUrl: string, skills: string[]): Promise<Agent> {
  agentCount += 1;
  const email = `bench-agent-${agentCount}@example.com`;
  await admin.request('POST', '/api/users', {
    email,
    name: `Bench Agent ${agentCount}`,
    role: 'agent',
    password: agentPassword,
    skills,
  });
  const http = new Client(baseUrl);
  await http.signIn(email, agentPassword);
  const socket: ClientSocket = io(baseUrl, {
    transports: ['websocket'],
    auth: { role: 'console' },
    extraHeaders: { cookie: http.cookie },
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('presence:state', () => resolve());
    socket.once('connect_error', reject);
  });
  await http.request('PUT', '/api/presence', { status: 'available' });
  return { http, socket };
}

function connectCustomer(baseUrl: string, token: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(baseUrl, {
    transports: ['websocket'],
    auth: { role: 'customer', token, clientId: randomBytes(8).toString('hex') },
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Adds customers who need a skill that no agent has, each with a connected customer socket. */
async function growBacklog(server: TestServer, target: number, customers: ClientSocket[]) {
  const anonymous = new Client(server.baseUrl);
  while (customers.length < target) {
    const batch = Math.min(50, target - customers.length);
    const links = await Promise.all(
      Array.from({ length: batch }, () =>
        anonymous.request<CustomerLinkResponse>('POST', '/api/entry/bench-backlog/sessions', {}),
      ),
    );
    customers.push(
      ...(await Promise.all(links.map((link) => connectCustomer(server.baseUrl, link.token)))),
    );
  }
}

/**
 * Measures one sample: the time from a new customer's request until the skilled agent's console
 * gets the offer. The offer can arrive before the HTTP response, so the first offer is timed and
 * then checked to be this customer's. The skilled agent is the only one who can take these
 * customers.
 */
async function measureOffer(server: TestServer, agent: Agent): Promise<number> {
  const anonymous = new Client(server.baseUrl);
  const offered = new Promise<{ offer: Offer; at: number }>((resolve) => {
    agent.socket.once('offer', (offer) => resolve({ offer, at: performance.now() }));
  });

  const startedAt = performance.now();
  const link = await anonymous.request<CustomerLinkResponse>(
    'POST',
    '/api/entry/bench-fast/sessions',
    {},
  );
  const { offer, at } = await offered;
  if (offer.sessionId !== link.sessionId) {
    throw new Error(`Offer was for session ${offer.sessionId}, expected ${link.sessionId}.`);
  }

  // Leaving frees the agent again for the next sample.
  const headers = { authorization: `Bearer ${link.token}` };
  await anonymous.request('POST', '/api/customer/leave', {}, headers);
  return at - startedAt;
}

async function createDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lensdesk_bench_${randomBytes(6).toString('hex')}`;
  const run = async (query: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function main(): Promise<void> {
  const adminUrl = options['database-url'];
  const database = adminUrl === undefined ? undefined : await createDatabase(adminUrl);
  const server = await startServer({
    ENTRY_RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: 'warn',
    ...(database === undefined ? {} : { DATABASE_URL: database.url }),
  });
  const sockets: ClientSocket[] = [];

  try {
    const admin = new Client(server.baseUrl);
    await admin.signIn(adminAccount.email, adminAccount.password);
    await admin.request('POST', '/api/product-lines', {
      name: 'Backlog',
      slug: 'bench-backlog',
      skills: ['backlog'],
    });
    await admin.request('POST', '/api/product-lines', {
      name: 'Fast',
      slug: 'bench-fast',
      skills: ['fast'],
    });

    for (let index = 0; index < idleAgents; index += 1) {
      sockets.push((await createAgent(admin, server.baseUrl, [])).socket);
    }
    const skilled = await createAgent(admin, server.baseUrl, ['fast']);
    sockets.push(skilled.socket);

    const backlog: ClientSocket[] = [];
    const rows: { waiting: number; p50: number; p95: number; max: number }[] = [];
    for (const level of levels) {
      await growBacklog(server, level, backlog);
      for (let sample = 0; sample < warmUpSamples; sample += 1) await measureOffer(server, skilled);

      const samples: number[] = [];
      for (let sample = 0; sample < samplesPerLevel; sample += 1) {
        samples.push(await measureOffer(server, skilled));
      }
      const row = {
        waiting: level,
        p50: quantile(samples, 0.5),
        p95: quantile(samples, 0.95),
        max: Math.max(...samples),
      };
      rows.push(row);
      console.log(
        `${level} waiting: p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, max ${row.max.toFixed(1)} ms (${samples.length} samples)`,
      );
    }
    sockets.push(...backlog);

    console.log(
      JSON.stringify(
        {
          database: database === undefined ? 'pglite' : 'postgresql',
          samplesPerLevel,
          cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
          node: process.version,
          loadAverage: loadavg().map((value) => value.toFixed(2)),
          rows,
        },
        null,
        2,
      ),
    );
  } finally {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
    await database?.drop();
  }
}

await main();
