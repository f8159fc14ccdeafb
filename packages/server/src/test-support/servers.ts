import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildServer, type LensdeskServer } from '../app.js';
import type { Clock } from '../clock.js';
import { type Config, loadConfig } from '../config.js';
import { type DatabaseHandle, openDatabase, openPglite } from '../db/client.js';

/** PostgreSQL server used by the integration tests; each test file gets its own database there. */
export const postgresAdminUrl =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Backend = 'pglite' | 'postgres';
export const backends: Backend[] = ['pglite', 'postgres'];

/** Clock that tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-03-01T09:00:00.000Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * Opens an empty, migrated database: PGlite in memory, or a new PostgreSQL database that
 * `close()` drops again.
 */
export async function openTestDatabase(backend: Backend): Promise<DatabaseHandle> {
  if (backend === 'pglite') return openPglite(new PGlite());

  const name = `lensdesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }

  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await dropTestDatabase(name);
    },
  };
}

/**
 * Drops a test database once its connections have closed. A pool's `end()` resolves before its
 * connections have gone, and dropping with FORCE while one lingers terminates it, which its
 * client then reports as an uncaught error.
 */
export async function dropTestDatabase(name: string): Promise<void> {
  const cleanup = new pg.Client({ connectionString: postgresAdminUrl });
  await cleanup.connect();
  try {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const open = await cleanup.query(
        'select count(*)::int as count from pg_stat_activity where datname = $1',
        [name],
      );
      if ((open.rows[0] as { count: number }).count === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await cleanup.end();
  }
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    PUBLIC_URL: 'http://lensdesk.test',
    DATA_DIR: '/nonexistent',
    WEB_DIST_DIR: '/nonexistent',
    ...overrides,
  });
}

export const agentPassword = 'correct horse battery staple';

/** Builds a silent server over a fresh database, with one agent account. */
export async function startTestServer(
  options: { backend?: Backend; clock?: Clock; env?: Record<string, string> } = {},
): Promise<LensdeskServer & { agentEmail: string }> {
  const database = await openTestDatabase(options.backend ?? 'pglite');
  const server = await buildServer({
    config: testConfig(options.env),
    database,
    logger: false,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const agentEmail = 'dana@example.com';
  await server.auth.createUser({
    email: agentEmail,
    name: 'Dana Fox',
    role: 'agent',
    password: agentPassword,
  });
  return Object.assign(server, { agentEmail });
}

/** Signs in through the HTTP API and returns the `cookie` header value to send. */
export async function signIn(server: LensdeskServer, email: string, password = agentPassword) {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`Sign-in failed with ${response.statusCode}: ${response.body}`);
  }
  const cookie = response.cookies.find((entry) => entry.name === 'lensdesk_session');
  if (cookie === undefined) throw new Error('Sign-in set no session cookie.');
  return `${cookie.name}=${cookie.value}`;
}

/** The staff of a test server after `signInStaff`, with a `cookie` header value for each role. */
export interface SignedInStaff {
  adminId: string;
  agentCookie: string;
  supervisorCookie: string;
  adminCookie: string;
}

/**
 * Adds an admin (Ada Admin, admin@example.com) and a supervisor (Sam Supervisor,
 * sam@example.com) to a server from `startTestServer`, and signs in as them and as its agent.
 */
export async function signInStaff(
  server: LensdeskServer & { agentEmail: string },
): Promise<SignedInStaff> {
  const adminPassword = 'an admin password';
  const supervisorPassword = 'a supervisor password';
  const admin = await server.auth.createUser({
    email: 'admin@example.com',
    name: 'Ada Admin',
    role: 'admin',
    password: adminPassword,
  });
  await server.auth.createUser({
    email: 'sam@example.com',
    name: 'Sam Supervisor',
    role: 'supervisor',
    password: supervisorPassword,
  });
  return {
    adminId: admin.id,
    agentCookie: await signIn(server, server.agentEmail),
    supervisorCookie: await signIn(server, 'sam@example.com', supervisorPassword),
    adminCookie: await signIn(server, 'admin@example.com', adminPassword),
  };
}
