import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorInfo } from '@lensdesk/protocol';
import { buildServer } from '../app.js';
import { chatMessages, supportSessions, teams } from '../db/schema.js';
import {
  type QueueTestServer,
  addAgent,
  addProductLine,
  startQueueServer,
} from '../test-support/queue.js';
import { backends, openTestDatabase, testConfig } from '../test-support/servers.js';
import { connected, emitRaw } from '../test-support/sockets.js';
import { isInvalidTextError, queryLabel, toLoggableError } from './loggable-error.js';
import { findNul } from './nul-guard.js';

const nulIssue = (path: string) => ({ path, message: 'must not contain the NUL character' });

describe('findNul', () => {
  it('names the first NUL path', () => {
    expect(findNul({ a: 'fine', b: [1, { c: 'x\0' }] }, 'body')).toBe('body.b.1.c');
    expect(findNul({ ['k\0']: 1 }, 'body')).toBe('body.k\\u0000');
    expect(findNul('\0', 'payload')).toBe('payload');
    expect(findNul({ a: 'fine', b: [null, true, 3] }, 'body')).toBeUndefined();
    expect(findNul(undefined, 'body')).toBeUndefined();
  });

  it('stops at the depth limit', () => {
    let deep: unknown = 'x\0';
    for (let level = 0; level < 100; level += 1) deep = { next: deep };
    expect(findNul(deep, 'body')).toBeUndefined();
  });
});

describe('queryLabel', () => {
  it('keeps verb and table', () => {
    expect(queryLabel('insert into "users" ("email") values ($1)')).toBe('insert users');
    expect(queryLabel('select "id" from "support_sessions" where "token" = $1')).toBe(
      'select support_sessions',
    );
    expect(queryLabel('update "teams" set "name" = $1')).toBe('update teams');
  });
});

describe.each(backends)('NUL characters in input (%s)', (backend) => {
  let setup: QueueTestServer;
  let adminCookie: string;
  let agentCookie: string;
  let lineId: string;

  beforeAll(async () => {
    setup = await startQueueServer(backend);
    lineId = (await addProductLine(setup.database, { slug: 'always' })).id;
    adminCookie = (await addAgent(setup, { name: 'Ada Nul', role: 'admin' })).cookie;
    agentCookie = (await addAgent(setup, { name: 'Val Nul' })).cookie;
  });

  afterAll(async () => {
    await setup.close();
  });

  const countSessions = async () =>
    (await setup.database.db.select({ id: supportSessions.id }).from(supportSessions)).length;
  const countTeams = async () =>
    (await setup.database.db.select({ id: teams.id }).from(teams)).length;

  function expectNulRejection(response: { statusCode: number; json<T>(): T }, path: string) {
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{ error: ErrorInfo }>();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues).toEqual([nulIssue(path)]);
  }

  it('rejects NUL in entry bodies', async () => {
    const before = await countSessions();
    for (const [field, value] of [
      ['customerName', 'a\0b'],
      ['topic', 'The TV \0 flickers'],
    ] as const) {
      const response = await setup.server.app.inject({
        method: 'POST',
        url: '/api/entry/always/sessions',
        payload: { [field]: value },
      });
      expectNulRejection(response, `body.${field}`);
    }
    expect(await countSessions()).toBe(before);

    // Only the NUL character is refused: the same request without it succeeds.
    const fine = await setup.server.app.inject({
      method: 'POST',
      url: '/api/entry/always/sessions',
      payload: { customerName: 'ab' },
    });
    expect(fine.statusCode).toBe(201);
  });

  it('rejects NUL in params and queries', async () => {
    const slug = await setup.server.app.inject({ url: '/api/entry/al%00ways' });
    expectNulRejection(slug, 'params.slug');

    const serial = await setup.server.app.inject({
      url: `/api/product-lines/${lineId}/qr.svg?serial=AB%00CD`,
      headers: { cookie: adminCookie },
    });
    expectNulRejection(serial, 'querystring.serial');
  });

  it('rejects NUL in admin routes', async () => {
    const before = await countTeams();
    const team = await setup.server.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: adminCookie },
      payload: { name: 'Night\0shift' },
    });
    expectNulRejection(team, 'body.name');
    expect(await countTeams()).toBe(before);

    const line = await setup.server.app.inject({
      method: 'PATCH',
      url: `/api/product-lines/${lineId}`,
      headers: { cookie: adminCookie },
      payload: { greeting: 'Hello\0' },
    });
    expectNulRejection(line, 'body.greeting');
  });

  it('rejects NUL in socket payloads', async () => {
    const invite = await setup.server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie: agentCookie },
      payload: {},
    });
    expect(invite.statusCode).toBe(201);
    const { id, customerUrl } = invite.json<{ id: string; customerUrl: string }>();
    const token = customerUrl.split('/s/')[1] ?? '';

    const forged = setup.clients.open({
      role: 'customer',
      token: `${token}\0`,
      clientId: 'tab-000001',
    });
    const refused = await new Promise<ErrorInfo>((resolve, reject) => {
      forged.once('connect', () => reject(new Error('connected, expected a rejection')));
      forged.once('connect_error', (error) => resolve((error as Error & { data: ErrorInfo }).data));
    });
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', issues: [nulIssue('auth.token')] });

    const customer = setup.clients.open({ role: 'customer', token, clientId: 'tab-000002' });
    await connected(customer);
    const ack = await emitRaw(customer, 'chat:send', { text: 'my serial is \0 AB12' });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [nulIssue('payload.text')] },
    });
    const stored = await setup.database.db
      .select()
      .from(chatMessages)
      .where(eq(chatMessages.sessionId, id));
    expect(stored).toHaveLength(0);
  });

  it('detects database NUL errors safely', async () => {
    const secret = 'link-token-that-must-stay-secret';
    const failure = await setup.database.db
      .insert(teams)
      .values({ name: `${secret}\0` })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    expect(isInvalidTextError(failure)).toBe(true);
    const logged = JSON.stringify(toLoggableError(failure));
    expect(logged).not.toContain(secret);
    expect(logged).toContain('insert teams');
    expect(logged).toContain('22021');
  });
});

describe.each(backends)('logging a failed query (%s)', (backend) => {
  it('logs failed queries without parameters', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const database = await openTestDatabase(backend);
    const server = await buildServer({
      config: testConfig(),
      database,
      logger: { level: 'info', stream },
    });
    const secret = 'link-token-that-must-stay-secret';
    // A route that stores a NUL character the input checks cannot see.
    server.app.post('/test/stored-nul', async () => {
      await database.db.insert(teams).values({ name: `${secret}\0` });
      return {};
    });
    try {
      // Breaks the users table, so the sign-in query fails inside the database.
      await database.db.execute(sql`alter table users rename to users_hidden`);
      const email = 'leaky.customer@example.com';
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: 'a password that is long' },
      });
      expect(response.statusCode).toBe(500);
      expect(response.json<{ error: ErrorInfo }>().error.code).toBe('INTERNAL');

      const failed = lines.find((line) => line.includes('"request failed"'));
      expect(failed).toBeDefined();
      const entry = JSON.parse(failed ?? '{}') as { err: Record<string, unknown> };
      expect(entry.err).toMatchObject({
        type: 'DrizzleQueryError',
        query: 'select users',
        cause: { code: '42P01' },
      });
      expect(lines.join('\n')).not.toContain(email);
      expect(failed).not.toContain('params');
      await database.db.execute(sql`alter table users_hidden rename to users`);

      // Sweepers and socket handlers log caught errors through child loggers as `err`.
      const failure = await database.db
        .insert(teams)
        .values({ name: `${secret}\0` })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      server.app.log.child({ module: 'surveys' }).error({ err: failure }, 'sweep failed');
      const swept = lines.find((line) => line.includes('"sweep failed"'));
      expect(swept).toContain('22021');
      expect(swept).not.toContain(secret);

      // Text the database refused, however it got past the input checks, is a client error.
      const stored = await server.app.inject({ method: 'POST', url: '/test/stored-nul' });
      expect(stored.statusCode).toBe(400);
      expect(stored.json<{ error: ErrorInfo }>().error.code).toBe('VALIDATION_FAILED');
      expect(lines.join('\n')).not.toContain(secret);
    } finally {
      await server.close();
    }
  });
});
