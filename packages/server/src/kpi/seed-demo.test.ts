import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, like } from 'drizzle-orm';
import { AuthService } from '../auth/service.js';
import type { DatabaseHandle } from '../db/client.js';
import { sessionFacts, supportSessions } from '../db/schema.js';
import { backends, openTestDatabase } from '../test-support/servers.js';
import { planDemoSessions } from './demo-data.js';
import { DemoDataExistsError, demoPassword, seedDemo } from './seed-demo.js';
import { KpiService } from './service.js';

const now = new Date('2026-11-30T18:00:00Z');
const options = { seed: 7, days: 3, sessionsPerDay: 15, reset: false, now };

describe('planDemoSessions', () => {
  it('repeats a month for the same seed', () => {
    const plan = { seed: 42, days: 30, sessionsPerDay: 60, endMs: now.getTime() };
    const first = planDemoSessions(plan);

    expect(planDemoSessions(plan)).toEqual(first);
    expect(planDemoSessions({ ...plan, seed: 43 })).not.toEqual(first);
    expect(first.length).toBeGreaterThan(1200);
    expect(first.every((session) => session.endedAtMs < now.getTime())).toBe(true);
  });

  it('plans the outcomes a dashboard needs', () => {
    const plan = planDemoSessions({ seed: 42, days: 30, sessionsPerDay: 60, endMs: now.getTime() });
    const share = (test: (session: (typeof plan)[number]) => boolean) =>
      plan.filter(test).length / plan.length;

    expect(share((session) => session.status === 'abandoned' && !session.callback)).toBeGreaterThan(
      0.02,
    );
    expect(share((session) => session.callback)).toBeGreaterThan(0.002);
    expect(share((session) => session.disposition === 'dispatch')).toBeGreaterThan(0.08);
    expect(share((session) => session.survey?.answer != null)).toBeGreaterThan(0.2);
    expect(new Set(plan.map((session) => session.agent)).size).toBe(13);
    const inOrder = plan.every((session) =>
      session.events.every(
        (event, index) => index === 0 || (session.events[index - 1]?.atMs ?? 0) <= event.atMs,
      ),
    );
    expect(inOrder).toBe(true);
  });
});

describe.each(backends)('seedDemo on %s', (backend) => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
  });

  afterAll(async () => {
    await database.close();
  });

  it('seeds sessions, facts and accounts that sign in', async () => {
    const result = await seedDemo(database.db, options);
    const [sessions] = await database.db.select({ total: count() }).from(supportSessions);
    const [facts] = await database.db.select({ total: count() }).from(sessionFacts);

    expect(result.agents).toBe(12);
    expect(sessions?.total).toBe(result.sessions);
    expect(facts?.total).toBe(result.sessions);

    const auth = new AuthService(database.db, { now: () => now }, 3_600_000);
    const supervisor = await auth.verifyCredentials('supervisor@demo.lensdesk.local', demoPassword);
    expect(supervisor.role).toBe('supervisor');

    const kpis = new KpiService(database.db, { fcrWindowDays: async () => 7 });
    const week = await kpis.kpis({ from: '2026-11-24', to: '2026-12-01', timeZone: 'UTC' });
    expect(week.totals.sessions).toBe(result.sessions);
    expect(week.totals.talkTimeMeanMs).toBeGreaterThan(60_000);
    expect(week.totals.firstContactResolutionRate).toBeGreaterThan(0);
  });

  it('refuses to seed twice unless reset', async () => {
    await expect(seedDemo(database.db, options)).rejects.toBeInstanceOf(DemoDataExistsError);

    const again = await seedDemo(database.db, { ...options, seed: 8, reset: true });
    const [sessions] = await database.db
      .select({ total: count() })
      .from(supportSessions)
      .where(like(supportSessions.customerToken, 'demo-%'));
    expect(sessions?.total).toBe(again.sessions);
  });
});
