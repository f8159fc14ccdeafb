import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../db/client.js';
import { sessionEvents, supportSessions } from '../db/schema.js';
import { dropTestDatabase, postgresAdminUrl } from '../test-support/servers.js';
import {
  type QueueTestServer,
  addAgent,
  addProductLine,
  enterQueue,
  setPresence,
  startQueueServer,
} from '../test-support/queue.js';

/**
 * Two server instances with their own connection pools share one PostgreSQL database, as two
 * nodes behind a load balancer would, and race for the same customers.
 */
describe('queue across two nodes (postgres)', () => {
  const name = `lensdesk_test_${randomBytes(6).toString('hex')}`;
  let first: QueueTestServer;
  let second: QueueTestServer;

  async function admin(query: string) {
    const client = new pg.Client({ connectionString: postgresAdminUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  }

  async function openNode(): Promise<DatabaseHandle> {
    const url = new URL(postgresAdminUrl);
    url.pathname = `/${name}`;
    return openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  }

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    first = await startQueueServer('postgres', { database: await openNode() });
    second = await startQueueServer('postgres', { database: await openNode() });
  });

  afterAll(async () => {
    await first.close();
    await second.close();
    await dropTestDatabase(name);
  });

  it('lets exactly one of two concurrent accepts win, 50 times', async () => {
    await addProductLine(first.database, { slug: 'race-tv' });
    const ann = await addAgent(first, { name: 'Ann Racer' });
    const bob = await addAgent(second, { name: 'Bob Racer' });

    for (let round = 0; round < 50; round += 1) {
      const link = await enterQueue(first.server, 'race-tv');
      const [fromFirst, fromSecond] = await Promise.all([
        first.server.app.inject({
          method: 'POST',
          url: `/api/queue/${link.sessionId}/accept`,
          headers: { cookie: ann.cookie },
        }),
        second.server.app.inject({
          method: 'POST',
          url: `/api/queue/${link.sessionId}/accept`,
          headers: { cookie: bob.cookie },
        }),
      ]);

      const statuses = [fromFirst.statusCode, fromSecond.statusCode].sort();
      expect(statuses, `round ${round}`).toEqual([200, 409]);
      const loser = fromFirst.statusCode === 409 ? fromFirst : fromSecond;
      expect(loser.json().error.code).toBe('SESSION_TAKEN');

      const accepted = await first.database.db
        .select()
        .from(sessionEvents)
        .where(
          and(eq(sessionEvents.sessionId, link.sessionId), eq(sessionEvents.type, 'accepted')),
        );
      expect(accepted, `round ${round}`).toHaveLength(1);

      const winner = fromFirst.statusCode === 200 ? ann.user.id : bob.user.id;
      const row = await first.server.sessions.get(link.sessionId);
      expect(row.agentId).toBe(winner);
      expect(accepted[0]?.actorId).toBe(winner);
    }
  });

  it('never rings one agent for two customers when both nodes route at once', async () => {
    await addProductLine(first.database, { slug: 'race-radio' });
    const cora = await addAgent(first, { name: 'Cora Router' });
    const dan = await addAgent(second, { name: 'Dan Router' });
    await setPresence(first.server, cora.cookie, 'available');
    await setPresence(second.server, dan.cookie, 'available');

    const links = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        enterQueue(index % 2 === 0 ? first.server : second.server, 'race-radio'),
      ),
    );

    const ids = links.map((link) => link.sessionId);
    const ringing = await first.database.db
      .select({ offeredTo: supportSessions.offeredTo })
      .from(supportSessions)
      .where(and(inArray(supportSessions.id, ids), eq(supportSessions.status, 'ringing')));
    expect(ringing.map((row) => row.offeredTo).sort()).toEqual([cora.user.id, dan.user.id].sort());

    const offered = await first.database.db
      .select()
      .from(sessionEvents)
      .where(and(inArray(sessionEvents.sessionId, ids), eq(sessionEvents.type, 'offered')));
    expect(offered).toHaveLength(2);
  });
});
