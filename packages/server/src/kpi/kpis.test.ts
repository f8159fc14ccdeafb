import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { runtimeSettingsSchema } from '@lensdesk/protocol';
import type {
  KpiResponse,
  KpiSessionsResponse,
  KpiValues,
  SessionEventType,
  User,
} from '@lensdesk/protocol';
import { type LensdeskServer, buildServer } from '../app.js';
import type { Database } from '../db/client.js';
import { insertEvent } from '../db/event-log.js';
import {
  productLines,
  sessionFacts,
  snapshots,
  supportSessions,
  surveys,
  teams,
  users,
} from '../db/schema.js';
import {
  ManualClock,
  backends,
  openTestDatabase,
  signIn,
  testConfig,
} from '../test-support/servers.js';
import { nextContactHorizonDays, rebuildFacts } from './facts-store.js';

/**
 * Fixture with known results. Every session is built from its events, appended with explicit
 * times through `insertEvent`, so the facts hook derives each row as in production. The period
 * under test is the week of Monday 2026-11-02; Berlin is UTC+1 then.
 */
type Step = [SessionEventType, number, Record<string, unknown>?];

interface SessionSpec {
  name: string;
  entry: 'qr' | 'invite';
  /** When the first event happened, as an ISO instant; steps are seconds after it. */
  start: string;
  status: 'waiting' | 'wrap_up' | 'ended' | 'abandoned';
  agent?: 'ana' | 'ben' | 'cleo';
  productLine?: 'washers' | 'routers';
  serial?: string;
  email?: string;
  phone?: string;
  customerName?: string;
  /** The survey row is created when the call ends; `answers` also submits it. */
  survey?: { answers?: { csat: number; empathy: number; ces: number } };
  snapshots?: number;
  steps: Step[];
}

const queueEnd = (seconds: number): Step[] => [
  ['created', 0, { to: 'waiting', entry: 'qr' }],
  ['queued', 0],
  ['offered', Math.min(3, seconds)],
];

const fixture: SessionSpec[] = [
  {
    name: 'S1 resolved, reopened by S2 within the window',
    entry: 'qr',
    start: '2026-11-02T09:00:00Z',
    status: 'ended',
    agent: 'ana',
    productLine: 'washers',
    serial: 'WM-1001',
    email: 'Sam@Example.com',
    customerName: 'Lee, "Sam"',
    survey: { answers: { csat: 5, empathy: 4, ces: 2 } },
    snapshots: 2,
    steps: [
      ...queueEnd(20),
      ['accepted', 20],
      ['call_started', 25],
      ['media_connected', 27, { elapsedMs: 2000 }],
      ['ended', 625],
      ['wrap_up_done', 685, { disposition: 'resolved', resolutionCode: 'reset' }],
      ['survey_submitted', 700, { csat: 5, empathy: 4, ces: 2 }],
    ],
  },
  {
    name: 'S2 dispatch for the same serial, typed differently',
    entry: 'qr',
    start: '2026-11-05T08:00:00Z',
    status: 'ended',
    agent: 'ben',
    productLine: 'washers',
    serial: 'wm-1001',
    customerName: "=cmd|' /C calc'!A0",
    survey: { answers: { csat: 2, empathy: 2, ces: 6 } },
    steps: [
      ...queueEnd(40),
      ['accepted', 40],
      ['call_started', 45],
      ['media_connected', 50],
      ['ended', 345],
      ['wrap_up_done', 375, { disposition: 'dispatch', resolutionCode: 'technician' }],
      ['survey_submitted', 400, { csat: 2, empathy: 2, ces: 6 }],
    ],
  },
  {
    name: 'S3 invite resolved; S4 for the same serial comes after the window',
    entry: 'invite',
    start: '2026-11-03T12:00:00Z',
    status: 'ended',
    agent: 'cleo',
    productLine: 'routers',
    serial: 'RT-77',
    phone: '+49 170 1234567',
    survey: {},
    steps: [
      ['created', 0, { to: 'waiting', entry: 'invite' }],
      ['customer_joined', 1800],
      ['call_started', 1810],
      ['media_connected', 1814],
      ['ended', 2710],
      ['wrap_up_done', 2830, { disposition: 'resolved' }],
    ],
  },
  {
    name: 'S4 later session, outside the period and the window',
    entry: 'qr',
    start: '2026-11-11T10:00:00Z',
    status: 'abandoned',
    productLine: 'routers',
    serial: 'RT-77',
    steps: [...queueEnd(90), ['abandoned', 90, { reason: 'left_queue' }]],
  },
  {
    name: 'S5 call across midnight in Berlin',
    entry: 'qr',
    start: '2026-11-02T22:50:00Z',
    status: 'ended',
    agent: 'ana',
    productLine: 'routers',
    email: 'pat@example.com',
    survey: { answers: { csat: 4, empathy: 5, ces: 3 } },
    steps: [
      ...queueEnd(30),
      ['accepted', 30],
      ['call_started', 35],
      ['media_connected', 40],
      ['ended', 1835],
      ['wrap_up_done', 1880, { disposition: 'resolved' }],
      ['survey_submitted', 1900, { csat: 4, empathy: 5, ces: 3 }],
    ],
  },
  {
    name: 'S6 requested after midnight in Berlin, disposition changed later',
    entry: 'qr',
    start: '2026-11-02T23:30:00Z',
    status: 'ended',
    agent: 'ben',
    productLine: 'washers',
    steps: [
      ...queueEnd(60),
      ['offer_timed_out', 25],
      ['offered', 26],
      ['accepted', 60],
      ['call_started', 62],
      ['media_connected', 66],
      ['ended', 482],
      ['wrap_up_done', 512, { disposition: 'follow_up' }],
      ['wrap_up_done', 4112, { disposition: 'resolved' }],
    ],
  },
  {
    name: 'S7 abandoned in the queue',
    entry: 'qr',
    start: '2026-11-04T15:00:00Z',
    status: 'abandoned',
    productLine: 'washers',
    steps: [...queueEnd(120), ['declined', 8], ['abandoned', 120, { reason: 'left_queue' }]],
  },
  {
    name: 'S8 callback request',
    entry: 'qr',
    start: '2026-11-04T16:00:00Z',
    status: 'abandoned',
    productLine: 'routers',
    steps: [
      ...queueEnd(200),
      ['callback_requested', 200],
      ['abandoned', 200, { reason: 'callback' }],
    ],
  },
  {
    name: 'S9 invite that expired unused',
    entry: 'invite',
    start: '2026-11-06T09:00:00Z',
    status: 'abandoned',
    steps: [
      ['created', 0, { to: 'waiting', entry: 'invite' }],
      ['abandoned', 86_400, { reason: 'link_expired' }],
    ],
  },
  {
    name: 'S10 previous period',
    entry: 'qr',
    start: '2026-10-28T10:00:00Z',
    status: 'ended',
    agent: 'ana',
    productLine: 'washers',
    serial: 'WM-2002',
    survey: { answers: { csat: 3, empathy: 4, ces: 4 } },
    steps: [
      ...queueEnd(10),
      ['accepted', 10],
      ['call_started', 12],
      ['media_connected', 15],
      ['ended', 252],
      ['wrap_up_done', 272, { disposition: 'resolved' }],
      ['survey_submitted', 300, { csat: 3, empathy: 4, ces: 4 }],
    ],
  },
  {
    name: 'S11 still in wrap-up',
    entry: 'qr',
    start: '2026-11-08T10:00:00Z',
    status: 'wrap_up',
    agent: 'cleo',
    productLine: 'routers',
    steps: [
      ...queueEnd(15),
      ['accepted', 15],
      ['call_started', 20],
      ['media_connected', 23],
      ['ended', 120],
    ],
  },
  {
    name: 'S12 invite on Sunday night: in the UTC week, on Monday in Berlin',
    entry: 'invite',
    start: '2026-11-08T23:30:00Z',
    status: 'waiting',
    steps: [['created', 0, { to: 'waiting', entry: 'invite' }]],
  },
];

/** Expected totals of the week in UTC; the Berlin week lacks S12 only. */
const weekTotals: KpiValues = {
  sessions: 10,
  timeToConnectP50Ms: 33_500,
  timeToConnectP90Ms: 58_000,
  queueWaitP50Ms: 40_000,
  queueWaitP90Ms: 152_000,
  abandonmentRate: 1 / 7,
  talkTimeMeanMs: 686_667,
  wrapUpTimeMeanMs: 57_000,
  handleTimeMeanMs: 861_000,
  firstContactResolutionRate: 2 / 5,
  dispatchRate: 1 / 5,
  dispatchesAvoided: 4,
  csat: 2 / 3,
  empathyMean: 3.667,
  empathyTopTwoRate: 2 / 3,
  cesMean: 3.667,
  surveyResponseRate: 3 / 4,
  videoMinutes: 68.28,
};

const previousTotals: KpiValues = {
  sessions: 1,
  timeToConnectP50Ms: 15_000,
  timeToConnectP90Ms: 15_000,
  queueWaitP50Ms: 10_000,
  queueWaitP90Ms: 10_000,
  abandonmentRate: 0,
  talkTimeMeanMs: 240_000,
  wrapUpTimeMeanMs: 20_000,
  handleTimeMeanMs: 260_000,
  firstContactResolutionRate: 1,
  dispatchRate: 0,
  dispatchesAvoided: 1,
  csat: 0,
  empathyMean: 4,
  empathyTopTwoRate: 1,
  cesMean: 4,
  surveyResponseRate: 1,
  videoMinutes: 3.95,
};

function expectValues(actual: KpiValues | undefined, expected: KpiValues) {
  expect(actual).toBeDefined();
  for (const [name, value] of Object.entries(expected)) {
    const got = actual?.[name as keyof KpiValues];
    if (value === null) expect(got, name).toBeNull();
    else expect(got, name).toBeCloseTo(value, 9);
  }
}

describe.each(backends)('KPIs on %s', (backend) => {
  let server: LensdeskServer;
  let db: Database;
  let supervisorCookie: string;
  let agentCookie: string;
  const ids = new Map<string, string>();
  const people: Record<string, User> = {};
  const teamIds: Record<string, string> = {};
  const lineIds: Record<string, string> = {};

  async function build(spec: SessionSpec) {
    const start = Date.parse(spec.start);
    const time = (seconds: number) => new Date(start + seconds * 1000);
    const agent = spec.agent === undefined ? undefined : people[spec.agent];
    const steps = [...spec.steps].sort((a, b) => a[1] - b[1]);
    const endStep = steps.find(([type]) => type === 'ended' || type === 'abandoned');
    const id = randomUUID();
    ids.set(spec.name.slice(0, spec.name.indexOf(' ')), id);

    await db.insert(supportSessions).values({
      id,
      status: spec.status,
      entry: spec.entry,
      customerToken: randomUUID(),
      customerName: spec.customerName ?? null,
      serialNumber: spec.serial ?? null,
      productLineId: spec.productLine === undefined ? null : lineIds[spec.productLine],
      customerEmail: spec.email ?? null,
      customerPhone: spec.phone ?? null,
      queuedAt: spec.entry === 'qr' ? time(0) : null,
      agentId: agent?.id ?? null,
      createdBy: spec.entry === 'invite' ? people.cleo?.id : null,
      createdAt: time(0),
      expiresAt: time(86_400),
      startedAt:
        agent === undefined ? null : time(steps.find(([t]) => t === 'call_started')?.[1] ?? 0),
      endedAt: endStep === undefined ? null : time(endStep[1]),
    });
    for (let index = 0; index < (spec.snapshots ?? 0); index += 1) {
      await db.insert(snapshots).values({
        id: randomUUID(),
        sessionId: id,
        source: 'agent_request',
        contentType: 'image/jpeg',
        width: 640,
        height: 480,
        bytes: 1000,
        sha256: '0'.repeat(64),
        storageKey: `fixture/${id}/${index}`,
        createdByType: 'agent',
        createdById: agent?.id ?? null,
      });
    }

    for (const [type, seconds, data] of steps) {
      if (type === 'ended' && spec.survey !== undefined) {
        await db.insert(surveys).values({
          sessionId: id,
          token: randomUUID(),
          questions: [],
          createdAt: time(seconds),
          expiresAt: time(seconds + 7 * 86_400),
        });
      }
      if (type === 'survey_submitted' && spec.survey?.answers !== undefined) {
        await db
          .update(surveys)
          .set({ submittedAt: time(seconds), ...spec.survey.answers })
          .where(eq(surveys.sessionId, id));
      }
      const actor =
        agent !== undefined && ['accepted', 'wrap_up_done', 'media_connected'].includes(type)
          ? { type: 'agent' as const, id: agent.id }
          : { type: 'customer' as const, id: null };
      const eventData =
        type === 'call_started' && agent !== undefined ? { agentId: agent.id } : (data ?? {});
      await insertEvent(db, id, type, actor, eventData, time(seconds));
    }
  }

  beforeAll(async () => {
    const clock = new ManualClock(new Date('2026-11-20T09:00:00Z'));
    const database = await openTestDatabase(backend);
    db = database.db;
    server = await buildServer({ config: testConfig(), database, logger: false, clock });

    const [appliances, network] = await db
      .insert(teams)
      .values([{ name: 'Appliances' }, { name: 'Network' }])
      .returning();
    teamIds.appliances = appliances?.id ?? '';
    teamIds.network = network?.id ?? '';
    const [washers, routers] = await db
      .insert(productLines)
      .values([
        { name: 'Washers', slug: 'washers' },
        { name: 'Routers', slug: 'routers' },
      ])
      .returning();
    lineIds.washers = washers?.id ?? '';
    lineIds.routers = routers?.id ?? '';

    for (const [key, name, team] of [
      ['ana', 'Ana Silva', teamIds.appliances],
      ['ben', 'Ben Okafor', teamIds.appliances],
      ['cleo', 'Cleo Park', teamIds.network],
    ] as const) {
      people[key] = await server.auth.createUser({
        email: `${key}@example.com`,
        name,
        role: 'agent',
        password: 'correct horse battery staple',
      });
      await db.update(users).set({ teamId: team }).where(eq(users.id, people[key].id));
    }
    await server.auth.createUser({
      email: 'sue@example.com',
      name: 'Sue Visor',
      role: 'supervisor',
      password: 'correct horse battery staple',
    });
    supervisorCookie = await signIn(server, 'sue@example.com');
    agentCookie = await signIn(server, 'ana@example.com');

    for (const spec of fixture) await build(spec);
  });

  afterAll(async () => {
    await server.close();
  });

  async function get(url: string, cookie = supervisorCookie) {
    return server.app.inject({ method: 'GET', url, headers: { cookie } });
  }

  async function kpis(query: string): Promise<KpiResponse> {
    const response = await get(`/api/kpis?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<KpiResponse>();
  }

  it('computes every KPI of a week in UTC', async () => {
    const body = await kpis('from=2026-11-02&to=2026-11-09');

    expect(body.from).toBe('2026-11-02T00:00:00.000Z');
    expect(body.to).toBe('2026-11-09T00:00:00.000Z');
    expect(body.previousFrom).toBe('2026-10-26T00:00:00.000Z');
    expect(body.fcrWindowDays).toBe(7);
    expectValues(body.totals, weekTotals);
    expectValues(body.previous, previousTotals);
    expect(body.rows).toEqual([]);
  });

  it('places periods and days in the viewer’s time zone', async () => {
    const body = await kpis('from=2026-11-02&to=2026-11-09&timeZone=Europe/Berlin&groupBy=day');

    expect(body.from).toBe('2026-11-01T23:00:00.000Z');
    expect(body.to).toBe('2026-11-08T23:00:00.000Z');
    // The previous week starts before the end of summer time (25 October), still 23:00 UTC.
    expect(body.previousFrom).toBe('2026-10-25T23:00:00.000Z');
    expect(body.totals.sessions).toBe(9);
    expect(body.rows.map((row) => [row.key, row.values.sessions])).toEqual([
      ['2026-11-02', 2],
      ['2026-11-03', 2],
      ['2026-11-04', 2],
      ['2026-11-05', 1],
      ['2026-11-06', 1],
      ['2026-11-07', 0],
      ['2026-11-08', 1],
    ]);

    // S5 started at 23:50 in Berlin and ended after midnight: it counts on its request day.
    const monday = body.rows[0]?.values;
    expect(monday?.talkTimeMeanMs).toBe(1_200_000);
    const sunday = body.rows[5]?.values;
    expect(sunday?.talkTimeMeanMs).toBeNull();
    expect(sunday?.dispatchesAvoided).toBe(0);
  });

  it('groups days in UTC differently', async () => {
    const body = await kpis('from=2026-11-02&to=2026-11-09&groupBy=day');

    expect(body.rows.map((row) => [row.key, row.values.sessions])).toEqual([
      ['2026-11-02', 3],
      ['2026-11-03', 1],
      ['2026-11-04', 2],
      ['2026-11-05', 1],
      ['2026-11-06', 1],
      ['2026-11-07', 0],
      ['2026-11-08', 2],
    ]);
    expect(body.rows[0]?.label).toBe('2026-11-02');
  });

  it('groups by week from Monday and by month', async () => {
    const weeks = await kpis('from=2026-10-28&to=2026-11-09&groupBy=week');
    expect(weeks.rows.map((row) => [row.key, row.values.sessions])).toEqual([
      ['2026-10-26', 1],
      ['2026-11-02', 10],
    ]);

    const months = await kpis('from=2026-10-01&to=2026-12-01&groupBy=month&timeZone=Europe/Berlin');
    expect(months.rows.map((row) => [row.key, row.values.sessions])).toEqual([
      ['2026-10-01', 1],
      ['2026-11-01', 11],
    ]);
  });

  it('groups by agent, team and product line', async () => {
    const byAgent = await kpis('from=2026-11-02&to=2026-11-09&groupBy=agent');
    expect(byAgent.rows.map((row) => [row.label, row.values.sessions])).toEqual([
      ['Ana Silva', 2],
      ['Ben Okafor', 2],
      ['Cleo Park', 2],
      ['No agent', 4],
    ]);
    expect(byAgent.rows[0]?.key).toBe(people.ana?.id);
    expect(byAgent.rows[3]?.key).toBe('none');
    // Ana: S1 reopened by S2, S5 resolved at first contact.
    expect(byAgent.rows[0]?.values.firstContactResolutionRate).toBe(0.5);

    const byTeam = await kpis('from=2026-11-02&to=2026-11-09&groupBy=team');
    expect(byTeam.rows.map((row) => [row.label, row.values.sessions])).toEqual([
      ['Appliances', 4],
      ['Network', 2],
      ['No team', 4],
    ]);

    const byLine = await kpis('from=2026-11-02&to=2026-11-09&groupBy=product_line');
    expect(byLine.rows.map((row) => [row.label, row.values.sessions])).toEqual([
      ['Routers', 4],
      ['Washers', 4],
      ['No product line', 2],
    ]);
    expect(byLine.rows[1]?.values.abandonmentRate).toBe(1 / 4);
  });

  it('filters by team, agent and product line', async () => {
    const network = await kpis(`from=2026-11-02&to=2026-11-09&teamId=${teamIds.network}`);
    expect(network.totals.sessions).toBe(2);
    expect(network.totals.firstContactResolutionRate).toBe(1);

    const ben = await kpis(`from=2026-11-02&to=2026-11-09&agentId=${people.ben?.id}`);
    expect(ben.totals.sessions).toBe(2);
    expect(ben.totals.dispatchRate).toBe(0.5);

    const washers = await kpis(`from=2026-11-02&to=2026-11-09&productLineId=${lineIds.washers}`);
    expect(washers.totals.sessions).toBe(4);
    expect(washers.previous.sessions).toBe(1);
  });

  it('accepts instants as the period', async () => {
    const body = await kpis(
      `from=${encodeURIComponent('2026-11-02T09:00:00+00:00')}&to=2026-11-02T23:00:00Z`,
    );
    expect(body.totals.sessions).toBe(2);
    expect(body.previousFrom).toBe('2026-11-01T19:00:00.000Z');
  });

  it('follows the first-contact window setting', async () => {
    // S4 comes 7 days and 21 hours after S3 ended: a 10-day window reopens S3.
    await server.settings.set('fcrWindowDays', 10);
    try {
      const body = await kpis('from=2026-11-02&to=2026-11-09');
      expect(body.fcrWindowDays).toBe(10);
      expect(body.totals.firstContactResolutionRate).toBe(1 / 5);
    } finally {
      await server.settings.set('fcrWindowDays', 7);
    }
  });

  it('lists the sessions behind a KPI', async () => {
    const notFcr = await get('/api/kpis/sessions?from=2026-11-02&to=2026-11-09&kpi=not_fcr');
    expect(notFcr.statusCode, notFcr.body).toBe(200);
    const body = notFcr.json<KpiSessionsResponse>();
    expect(body.total).toBe(3);
    expect(body.sessions.map((session) => session.id)).toEqual([
      ids.get('S2'),
      ids.get('S6'),
      ids.get('S1'),
    ]);

    const first = body.sessions[2];
    expect(first).toMatchObject({
      status: 'ended',
      entry: 'qr',
      requestedAt: '2026-11-02T09:00:00.000Z',
      endedAt: '2026-11-02T09:10:25.000Z',
      customerName: 'Lee, "Sam"',
      serialNumber: 'WM-1001',
      agent: { id: people.ana?.id, name: 'Ana Silva' },
      team: { id: teamIds.appliances, name: 'Appliances' },
      productLine: { id: lineIds.washers, name: 'Washers' },
      queueWaitMs: 20_000,
      timeToConnectMs: 27_000,
      talkMs: 600_000,
      wrapUpMs: 60_000,
      videoMs: 598_000,
      abandoned: false,
      disposition: 'resolved',
      resolutionCode: 'reset',
      firstContactResolved: false,
      surveyOffered: true,
      survey: { csat: 5, empathy: 4, ces: 2 },
      snapshotCount: 2,
    });

    for (const [kpi, expected] of [
      ['abandoned', ['S7']],
      ['callback', ['S8']],
      ['dispatch', ['S2']],
      ['low_csat', ['S2']],
      ['low_empathy', ['S2']],
      ['fcr', ['S3', 'S5']],
      ['survey_offered', ['S2', 'S3', 'S5', 'S1']],
    ] as const) {
      const response = await get(`/api/kpis/sessions?from=2026-11-02&to=2026-11-09&kpi=${kpi}`);
      const listed = response.json<KpiSessionsResponse>().sessions.map((session) => session.id);
      expect(listed, kpi).toEqual(expected.map((name) => ids.get(name)));
    }
  });

  it('pages through the drill-down', async () => {
    const page = await get('/api/kpis/sessions?from=2026-11-02&to=2026-11-09&page=3&pageSize=4');
    const body = page.json<KpiSessionsResponse>();
    expect(body.total).toBe(10);
    expect(body.page).toBe(3);
    expect(body.sessions.map((session) => session.id)).toEqual([ids.get('S5'), ids.get('S1')]);

    const past = await get('/api/kpis/sessions?from=2026-11-02&to=2026-11-09&page=9&pageSize=4');
    expect(past.json<KpiSessionsResponse>()).toMatchObject({ sessions: [], total: 10 });
  });

  it('exports the KPI table as CSV', async () => {
    const response = await get('/api/kpis.csv?from=2026-11-02&to=2026-11-09&groupBy=agent');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="lensdesk-kpis-by-agent-2026-11-02-2026-11-09.csv"',
    );

    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'key,label,sessions,time_to_connect_p50_ms,time_to_connect_p90_ms,queue_wait_p50_ms,' +
        'queue_wait_p90_ms,abandonment_rate,talk_time_mean_ms,wrap_up_time_mean_ms,' +
        'handle_time_mean_ms,first_contact_resolution_rate,dispatch_rate,dispatches_avoided,csat,' +
        'empathy_mean,empathy_top_two_rate,ces_mean,survey_response_rate,video_minutes',
    );
    expect(lines).toHaveLength(1 + 4 + 2 + 1);
    expect(lines[1]?.startsWith(`${people.ana?.id},Ana Silva,2,`)).toBe(true);
    expect(lines[5]).toBe(
      'total,Total,10,33500,58000,40000,152000,0.14285714285714285,686667,57000,861000,0.4,0.2,4,' +
        '0.6666666666666666,3.667,0.6666666666666666,3.667,0.75,68.28',
    );
    expect(lines[6]?.startsWith('previous,Previous period,1,15000,')).toBe(true);
    expect(lines[7]).toBe('');
  });

  it('exports the sessions as CSV safe for spreadsheets', async () => {
    const response = await get('/api/kpis/sessions.csv?from=2026-11-02&to=2026-11-09&kpi=dispatch');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="lensdesk-sessions-2026-11-02-2026-11-09.csv"',
    );

    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'session_id,status,entry,requested_at,ended_at,customer_name,serial_number,agent,team,' +
        'product_line,queue_wait_ms,time_to_connect_ms,talk_ms,wrap_up_ms,video_ms,abandoned,' +
        'disposition,resolution_code,first_contact_resolved,survey_offered,csat,empathy,ces,snapshots',
    );
    expect(lines[1]).toBe(
      `${ids.get('S2')},ended,qr,2026-11-05T08:00:00.000Z,2026-11-05T08:05:45.000Z,` +
        `'=cmd|' /C calc'!A0,wm-1001,Ben Okafor,Appliances,Washers,40000,50000,300000,30000,` +
        '295000,false,dispatch,technician,false,true,2,2,6,0',
    );
    expect(lines).toHaveLength(3);

    const all = await get('/api/kpis/sessions.csv?from=2026-11-02&to=2026-11-09');
    const rows = all.body.split('\r\n');
    expect(rows).toHaveLength(1 + 10 + 1);
    expect(all.body).toContain(',"Lee, ""Sam""",WM-1001,');
  });

  it('rejects bad queries and other roles', async () => {
    for (const query of [
      'from=2026-11-02&to=2026-11-09&timeZone=Mars/Base',
      'from=2026-11-02&to=2026-11-09&timeZone=%2B01:00',
      'from=2026-11-09&to=2026-11-02',
      'from=2026-11-02&to=2026-11-02',
      'from=2026-13-01&to=2026-11-09',
      'from=2026-11-02T10:00:00&to=2026-11-09',
      'from=2024-01-01&to=2026-11-09',
      'from=2026-11-02&to=2026-11-09&groupBy=year',
      'from=2026-11-02&to=2026-11-09&agentId=ana',
      'from=2026-11-02&to=2026-11-09&color=blue',
      'to=2026-11-09',
    ]) {
      const response = await get(`/api/kpis?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code, query).toBe(
        'VALIDATION_FAILED',
      );
    }

    const badPage = await get('/api/kpis/sessions?from=2026-11-02&to=2026-11-09&pageSize=500');
    expect(badPage.statusCode).toBe(400);
    const badKpi = await get('/api/kpis/sessions.csv?from=2026-11-02&to=2026-11-09&kpi=happy');
    expect(badKpi.statusCode).toBe(400);

    const agent = await get('/api/kpis?from=2026-11-02&to=2026-11-09', agentCookie);
    expect(agent.statusCode).toBe(403);
    const anonymous = await server.app.inject({
      method: 'GET',
      url: '/api/kpis?from=2026-11-02&to=2026-11-09',
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('documents the routes in OpenAPI', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/docs/json' });
    const document = response.json<{
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    }>();

    for (const path of [
      '/api/kpis',
      '/api/kpis.csv',
      '/api/kpis/sessions',
      '/api/kpis/sessions.csv',
    ]) {
      const names = document.paths[path]?.get?.parameters?.map((parameter) => parameter.name);
      expect(names, path).toEqual(expect.arrayContaining(['from', 'to', 'timeZone', 'agentId']));
    }
  });

  it('rebuilds the same facts from the log', async () => {
    const before = await kpis('from=2026-10-26&to=2026-11-16&groupBy=day&timeZone=Europe/Berlin');

    await db.delete(sessionFacts);
    expect(await rebuildFacts(db, { batchSize: 5 })).toBe(fixture.length);
    const after = await kpis('from=2026-10-26&to=2026-11-16&groupBy=day&timeZone=Europe/Berlin');
    expect(after).toEqual(before);
  });

  it('keeps facts in step with a call through the services', async () => {
    const ana = people.ana;
    if (ana === undefined) throw new Error('fixture agent missing');

    const invite = await server.sessions.createInvite(ana, { customerName: 'Rio' });
    await server.sessions.startCall(invite.id, ana.id);
    const [started] = await db
      .select()
      .from(sessionFacts)
      .where(eq(sessionFacts.sessionId, invite.id));
    expect(started?.agentId).toBe(ana.id);
    expect(started?.teamId).toBe(teamIds.appliances);
    expect(started?.endedAt).toBeNull();

    await server.sessions.endCall(invite.id, { type: 'agent', id: ana.id });
    const [ended] = await db
      .select()
      .from(sessionFacts)
      .where(eq(sessionFacts.sessionId, invite.id));
    expect(ended?.endedAt).not.toBeNull();
    expect(ended?.talkMs).toBe(0);
  });
  it('reopens a session when a later case gets its contact', async () => {
    // Changes the fixture's week, so it runs last.
    const fcrOf = async () => {
      const response = await get('/api/kpis/sessions?from=2026-11-02&to=2026-11-03&kpi=fcr');
      return response.json<KpiSessionsResponse>().sessions.map((session) => session.id);
    };
    expect(await fcrOf()).toEqual([ids.get('S5')]);

    const later = randomUUID();
    const at = new Date('2026-11-06T12:00:00Z');
    await db.insert(supportSessions).values({
      id: later,
      status: 'waiting',
      entry: 'invite',
      customerToken: randomUUID(),
      createdAt: at,
      expiresAt: new Date(at.getTime() + 86_400_000),
    });
    await insertEvent(db, later, 'created', { type: 'system', id: null }, {}, at);
    expect(await fcrOf()).toEqual([ids.get('S5')]);

    const setEmail = async (email: string | null, minutes: number) => {
      await db
        .update(supportSessions)
        .set({ customerEmail: email })
        .where(eq(supportSessions.id, later));
      const time = new Date(at.getTime() + minutes * 60_000);
      await insertEvent(db, later, 'case_updated', { type: 'system', id: null }, {}, time);
    };
    await setEmail('PAT@example.com', 1);
    expect(await fcrOf()).toEqual([]);

    await setEmail('someone.else@example.com', 2);
    expect(await fcrOf()).toEqual([ids.get('S5')]);
  });
});

describe('next contact horizon', () => {
  it('covers the largest first-contact window', () => {
    const window = runtimeSettingsSchema.shape.fcrWindowDays;
    expect(window.safeParse(nextContactHorizonDays).success).toBe(true);
    expect(window.safeParse(nextContactHorizonDays + 1).success).toBe(false);
  });
});
