import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { AuthService, buildServer, loadConfig } from '../../packages/server/src/app.js';
import { type DatabaseHandle, openDatabase } from '../../packages/server/src/db/client.js';
import { rebuildFacts } from '../../packages/server/src/kpi/facts-store.js';
import { quantile } from './stats.js';

// Entry point of `npm run bench:kpis`: loads a year of sessions into a separate PostgreSQL
// database, derives their facts through the server's rebuild path, and times `GET /api/kpis`
// for one month of every agent. bench/README.md records the results.
//
//   node --conditions=lensdesk-source --import tsx bench/src/kpis.ts [--sessions 1000000]
//     [--runs 20] [--reuse]
//
// `--reuse` skips the load when the database already contains the requested number of sessions.
// The administrator URL comes from TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test);
// the benchmark creates and fills the database `lensdesk_bench` next to it.

const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const databaseName = 'lensdesk_bench';
const password = 'bench password 2026';
/** The year of sessions ends here; the timed month is the last one. */
const periodEnd = '2026-12-01T00:00:00Z';

function numberArgument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive integer, got ${process.argv[index + 1]}`);
  }
  return value;
}

function benchUrl(): string {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function recreateDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${databaseName}`);
  } finally {
    await admin.end();
  }
}

/**
 * Fills the database with `sessions` sessions spread evenly over the 365 days before
 * `periodEnd`, 100 agents in 10 teams, 8 product lines, and about 10 events per session. One
 * plan row per session fixes its outcome and durations from a seeded `random()`.
 */
async function load(client: pg.Client, sessions: number): Promise<void> {
  await client.query(`SELECT setseed(0.2026)`);
  await timed('teams, agents and product lines', async () => {
    await client.query(`
      INSERT INTO teams (name) SELECT 'Team ' || t FROM generate_series(1, 10) t;
      INSERT INTO product_lines (name, slug)
        SELECT 'Product line ' || l, 'line-' || l FROM generate_series(1, 8) l;`);
  });

  await timed('session plan', () =>
    client.query(
      `CREATE UNLOGGED TABLE bench_plan AS
      WITH base AS (
        SELECT g,
          md5('session' || g)::uuid AS id,
          timestamptz '${periodEnd}' - interval '365 days'
            + (g - 1) * (interval '365 days' / $1::int) AS requested_at,
          random() AS outcome, random() AS pick, random() AS survey,
          (random() * 99)::int AS agent_index,
          (random() * 7)::int + 1 AS line,
          (5000 + random() * 115000)::int AS wait_ms,
          (1500 + random() * 6000)::int AS connect_ms,
          (60000 + random() * random() * 1500000)::int AS talk_ms,
          (10000 + random() * 110000)::int AS wrap_ms,
          (random() * $1::int * 0.85)::int AS serial_index,
          (random() * $1::int)::int AS contact_index,
          1 + (random() * 4)::int AS csat, 1 + (random() * 4)::int AS empathy,
          1 + (random() * 6)::int AS ces
        FROM generate_series(1, $1::int) g
      )
      SELECT *,
        CASE WHEN outcome < 0.06 THEN 'abandoned' WHEN outcome < 0.08 THEN 'callback'
          ELSE 'answered' END AS kind,
        CASE WHEN pick < 0.65 THEN 'resolved' WHEN pick < 0.80 THEN 'dispatch'
          WHEN pick < 0.88 THEN 'escalated' ELSE 'follow_up' END AS disposition
      FROM base`,
      [sessions],
    ),
  );
  await client.query(`ANALYZE bench_plan`);

  await timed('support_sessions', () =>
    client.query(`
      WITH agents AS (
        SELECT id, row_number() OVER (ORDER BY email) - 1 AS agent_index
        FROM users WHERE role = 'agent'
      ), lines AS (
        SELECT id, row_number() OVER (ORDER BY slug) AS line FROM product_lines
      )
      INSERT INTO support_sessions (id, status, entry, customer_token, serial_number,
        product_line_id, disposition, resolution_code, customer_email, queued_at, agent_id,
        created_at, expires_at, started_at, ended_at, wrap_up_done_at)
      SELECT p.id,
        CASE WHEN p.kind = 'answered' THEN 'ended' ELSE 'abandoned' END,
        'qr', md5('token' || p.g), 'SN' || lpad(p.serial_index::text, 8, '0'), l.id,
        CASE WHEN p.kind = 'answered' THEN p.disposition END,
        CASE WHEN p.kind = 'answered' THEN p.disposition || '_code' END,
        'customer' || p.contact_index || '@example.com', p.requested_at,
        CASE WHEN p.kind = 'answered' THEN a.id END,
        p.requested_at, p.requested_at + interval '1 day',
        CASE WHEN p.kind = 'answered' THEN p.requested_at + (p.wait_ms + 2000) * interval '1 ms' END,
        p.requested_at + (p.wait_ms + 2000 + p.talk_ms) * interval '1 ms',
        CASE WHEN p.kind = 'answered'
          THEN p.requested_at + (p.wait_ms + 2000 + p.talk_ms + p.wrap_ms) * interval '1 ms' END
      FROM bench_plan p
      JOIN agents a ON a.agent_index = p.agent_index
      JOIN lines l ON l.line = p.line`),
  );

  await timed('surveys', () =>
    client.query(`
      INSERT INTO surveys (session_id, token, questions, created_at, expires_at, submitted_at,
        csat, empathy, ces)
      SELECT id, md5('survey' || g), '[]'::jsonb, end_at, end_at + interval '7 days',
        CASE WHEN survey < 0.25 THEN end_at + interval '10 minutes' END,
        CASE WHEN survey < 0.25 THEN csat END, CASE WHEN survey < 0.25 THEN empathy END,
        CASE WHEN survey < 0.25 THEN ces END
      FROM (
        SELECT *, requested_at + (wait_ms + 2000 + talk_ms) * interval '1 ms' AS end_at
        FROM bench_plan WHERE kind = 'answered' AND survey < 0.7
      ) answered`),
  );

  // Events in the order a real session appends them; `ms` is the offset from the request.
  await timed('session_events', () =>
    client.query(`
      INSERT INTO session_events (session_id, type, at, actor_type, actor_id, data)
      SELECT p.id, e.type, p.requested_at + e.ms * interval '1 ms', e.actor_type, e.actor_id,
        e.data
      FROM bench_plan p
      JOIN support_sessions s ON s.id = p.id
      CROSS JOIN LATERAL (
        SELECT * FROM (VALUES
          (1, 'created', 0, 'customer', NULL::text, '{"to":"waiting","entry":"qr"}'::jsonb, true),
          (2, 'queued', 0, 'system', NULL, '{}'::jsonb, true),
          (3, 'customer_joined', 800, 'customer', NULL, '{}'::jsonb, true),
          (4, 'offered', 1000, 'system', NULL, '{}'::jsonb, true),
          (5, 'accepted', p.wait_ms, 'agent', s.agent_id::text, '{}'::jsonb, p.kind = 'answered'),
          (6, 'agent_joined', p.wait_ms + 1000, 'agent', s.agent_id::text, '{}'::jsonb,
            p.kind = 'answered'),
          (7, 'call_started', p.wait_ms + 2000, 'agent', s.agent_id::text,
            jsonb_build_object('agentId', s.agent_id), p.kind = 'answered'),
          (8, 'media_connected', p.wait_ms + 2000 + p.connect_ms, 'agent', s.agent_id::text,
            jsonb_build_object('elapsedMs', p.connect_ms), p.kind = 'answered'),
          (9, 'ended', p.wait_ms + 2000 + p.talk_ms, 'agent', s.agent_id::text, '{}'::jsonb,
            p.kind = 'answered'),
          (10, 'wrap_up_done', p.wait_ms + 2000 + p.talk_ms + p.wrap_ms, 'agent',
            s.agent_id::text, jsonb_build_object('disposition', p.disposition,
              'resolutionCode', p.disposition || '_code', 'wrapUpMs', p.wrap_ms),
            p.kind = 'answered'),
          (11, 'survey_submitted', p.wait_ms + 2000 + p.talk_ms + 600000, 'customer', NULL,
            jsonb_build_object('csat', p.csat, 'empathy', p.empathy, 'ces', p.ces),
            p.kind = 'answered' AND p.survey < 0.25),
          (12, 'offer_timed_out', 21000, 'system', NULL, '{}'::jsonb, p.kind <> 'answered'),
          (13, 'offered', 22000, 'system', NULL, '{}'::jsonb, p.kind <> 'answered'),
          (14, 'declined', 30000, 'agent', NULL, '{}'::jsonb, p.kind <> 'answered'),
          (15, 'callback_requested', p.wait_ms + 2000 + p.talk_ms - 1, 'customer', NULL,
            '{}'::jsonb, p.kind = 'callback'),
          (16, 'customer_left', p.wait_ms + 2000 + p.talk_ms - 1, 'customer', NULL,
            '{}'::jsonb, p.kind <> 'answered'),
          (17, 'abandoned', p.wait_ms + 2000 + p.talk_ms, 'customer', NULL,
            jsonb_build_object('reason', CASE WHEN p.kind = 'callback' THEN 'callback'
              ELSE 'left_queue' END), p.kind <> 'answered')
        ) AS v(step, type, ms, actor_type, actor_id, data, happens)
        WHERE happens
      ) e
      ORDER BY p.g, e.step`),
  );

  await client.query(`DROP TABLE bench_plan`);
  await timed('ANALYZE', () => client.query('ANALYZE'));
}

async function selectVersion(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ version: string }>('SELECT version()');
    return result.rows.map((row) => row.version);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const sessions = numberArgument('sessions', 1_000_000);
  const runs = numberArgument('runs', 20);
  const reuse = process.argv.includes('--reuse');
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node.js ${process.version}`,
  );

  const client = new pg.Client({ connectionString: reuse ? benchUrl() : adminUrl });
  await client.connect().catch(() => undefined);
  const existing = reuse
    ? await client
        .query<{ n: number }>('SELECT count(*)::int AS n FROM session_facts')
        .then((result) => result.rows[0]?.n ?? 0)
        .catch(() => 0)
    : 0;
  await client.end().catch(() => undefined);

  const config = loadConfig({ DATABASE_URL: benchUrl(), LOG_LEVEL: 'silent', DATA_DIR: '/tmp' });
  let database: DatabaseHandle;
  if (existing === sessions) {
    console.log(`Reusing ${databaseName} with ${sessions} sessions.`);
    database = await openDatabase({ databaseUrl: benchUrl(), dataDir: '' });
  } else {
    console.log(`Loading ${sessions} sessions into ${databaseName}:`);
    await recreateDatabase();
    database = await openDatabase({ databaseUrl: benchUrl(), dataDir: '' });
    // Accounts go through the auth service so that the supervisor can sign in below.
    const auth = new AuthService(database.db, { now: () => new Date() }, 3_600_000);
    for (let index = 0; index < 100; index += 1) {
      await auth.createUser({
        email: `agent${String(index).padStart(3, '0')}@bench.example.com`,
        name: `Agent ${index}`,
        role: 'agent',
        password,
      });
    }
    await auth.createUser({
      email: 'supervisor@bench.example.com',
      name: 'Bench Supervisor',
      role: 'supervisor',
      password,
    });

    const loader = new pg.Client({ connectionString: benchUrl() });
    await loader.connect();
    try {
      await load(loader, sessions);
      await loader.query(`
        UPDATE users u SET team_id = t.id
        FROM (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM teams) t
        WHERE u.role = 'agent' AND (substring(u.email from 6 for 3))::int % 10 = t.n`);
      await timed('facts through rebuildFacts', () =>
        rebuildFacts(database.db, {
          onProgress: (done) => {
            if (done % 100_000 === 0) console.log(`    ${done} sessions`);
          },
        }),
      );
      await timed('VACUUM ANALYZE session_facts', () =>
        loader.query('VACUUM ANALYZE session_facts'),
      );
      const counts = await loader.query<{ sessions: number; events: number }>(
        `SELECT (SELECT count(*)::int FROM support_sessions) AS sessions,
          (SELECT count(*)::int FROM session_events) AS events`,
      );
      console.log(
        `  loaded ${counts.rows[0]?.sessions} sessions, ${counts.rows[0]?.events} events`,
      );
    } finally {
      await loader.end();
    }
  }

  const server = await buildServer({ config, database, logger: false });
  const login = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: 'supervisor@bench.example.com', password },
  });
  const cookie = login.cookies.find((entry) => entry.name === 'lensdesk_session');
  if (cookie === undefined) throw new Error(`Sign-in failed: ${login.body}`);

  const [version] = await selectVersion(benchUrl());
  console.log(`\n${version}`);

  const month = 'from=2026-11-01&to=2026-12-01&timeZone=Europe/Berlin';
  const cases = [
    ['one month, totals only', `/api/kpis?${month}`],
    ['one month, by day', `/api/kpis?${month}&groupBy=day`],
    ['one month, by agent', `/api/kpis?${month}&groupBy=agent`],
    ['drill-down, first page of 50', `/api/kpis/sessions?${month}&kpi=not_fcr`],
  ] as const;

  console.log(`\nGET timings over ${runs} runs after 2 warm-up runs (inject, no network):`);
  for (const [label, url] of cases) {
    const samples: number[] = [];
    let sessionsCounted = 0;
    for (let run = 0; run < runs + 2; run += 1) {
      const started = performance.now();
      const response = await server.app.inject({
        method: 'GET',
        url,
        headers: { cookie: `${cookie.name}=${cookie.value}` },
      });
      const elapsed = performance.now() - started;
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.body}`);
      if (run >= 2) samples.push(elapsed);
      const body = response.json<{ totals?: { sessions: number }; total?: number }>();
      sessionsCounted = body.totals?.sessions ?? body.total ?? 0;
    }
    console.log(
      `  ${label.padEnd(30)} p50 ${quantile(samples, 0.5).toFixed(0)} ms, p95 ${quantile(samples, 0.95).toFixed(0)} ms` +
        ` (${sessionsCounted} sessions)`,
    );
  }
  await server.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
