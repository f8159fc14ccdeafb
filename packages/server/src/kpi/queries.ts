import { type SQL, sql } from 'drizzle-orm';
import type { KpiGrouping, KpiSessionFilter } from '@lensdesk/protocol';
import type { Database } from '../db/client.js';
import type { Executor } from '../db/event-log.js';

/** Resolved period of a KPI query, in UTC instants. */
export interface Period {
  from: Date;
  to: Date;
  /** Start of the previous period of the same length, which ends at `from`. */
  previousFrom: Date;
  timeZone: string;
}

/** Filters of a KPI query besides the period. */
export interface FactFilters {
  agentId?: string | undefined;
  teamId?: string | undefined;
  productLineId?: string | undefined;
}

/** Counts, sums and percentiles of one group of sessions, before rates are taken. */
export interface Aggregate {
  sessions: number;
  timeToConnectP50: number | null;
  timeToConnectP90: number | null;
  queueWaitP50: number | null;
  queueWaitP90: number | null;
  queued: number;
  abandoned: number;
  talkMean: number | null;
  wrapUpMean: number | null;
  handleMean: number | null;
  handled: number;
  firstContactResolved: number;
  dispatched: number;
  resolved: number;
  csatAnswered: number;
  csatTopTwo: number;
  empathyMean: number | null;
  empathyAnswered: number;
  empathyTopTwo: number;
  cesMean: number | null;
  surveysOffered: number;
  surveysAnswered: number;
  videoMs: number;
}

/** Aggregate of the current period's sessions (`key` null: the totals) or of one row. */
export interface AggregateRow extends Aggregate {
  inPeriod: boolean;
  key: string | null;
}

/**
 * Runs KPI queries in one transaction with settings for large aggregates. JIT compilation is off:
 * on a month of one million sessions it added about 0.4 s to a 0.3 s query (bench/README.md).
 * 64 MB of sort memory lets the percentiles and groups of a month sort without temporary files.
 */
export async function withAggregateSettings<T>(
  db: Database,
  run: (tx: Executor) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return run(tx);
  });
}

/** Runs a raw query on either driver and returns its rows. */
async function selectRows<Row>(db: Executor, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/**
 * Resolves `from` and `to` (dates in the time zone, or instants) to instants, and the start of
 * the previous period. Between two dates the previous period has as many calendar days, so a
 * daylight-saving change does not shift it by an hour.
 */
export async function resolvePeriod(
  db: Executor,
  bounds: { from: string; to: string; timeZone: string },
): Promise<Period> {
  const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
  const instant = (value: string) =>
    isDate(value)
      ? sql`(${value}::date::timestamp at time zone ${bounds.timeZone})`
      : sql`${value}::timestamptz`;
  const from = instant(bounds.from);
  const to = instant(bounds.to);
  const previousFrom =
    isDate(bounds.from) && isDate(bounds.to)
      ? sql`((${bounds.from}::date - (${bounds.to}::date - ${bounds.from}::date))::timestamp at time zone ${bounds.timeZone})`
      : sql`(${from} - (${to} - ${from}))`;

  const [row] = await selectRows<{ from_ms: number; to_ms: number; previous_from_ms: number }>(
    db,
    sql`select ${epochMs(from)} as from_ms, ${epochMs(to)} as to_ms,
          ${epochMs(previousFrom)} as previous_from_ms`,
  );
  if (row === undefined) throw new Error('Resolving the period returned no row.');
  return {
    from: new Date(row.from_ms),
    to: new Date(row.to_ms),
    previousFrom: new Date(row.previous_from_ms),
    timeZone: bounds.timeZone,
  };
}

function epochMs(instant: SQL): SQL {
  return sql`(extract(epoch from ${instant}) * 1000)::float8`;
}

const bucketUnits = { day: 'day', week: 'week', month: 'month' } as const;

function isBucketGrouping(grouping: KpiGrouping): grouping is keyof typeof bucketUnits {
  return grouping in bucketUnits;
}

/**
 * Key of a session's row: the start of its request's day, week (from Monday) or month in the
 * viewer's time zone as `YYYY-MM-DD`, or the id of its agent, team or product line (`none` when
 * it has none).
 */
function groupKey(grouping: KpiGrouping, timeZone: string): SQL {
  if (isBucketGrouping(grouping)) {
    const unit = sql.raw(`'${bucketUnits[grouping]}'`);
    return sql`to_char(date_trunc(${unit}, f.requested_at at time zone ${timeZone}), 'YYYY-MM-DD')`;
  }
  const column = { agent: 'agent_id', team: 'team_id', product_line: 'product_line_id' }[grouping];
  return sql`coalesce(f.${sql.raw(column)}::text, 'none')`;
}

function filterConditions(filters: FactFilters): SQL {
  const conditions: SQL[] = [];
  if (filters.agentId !== undefined) conditions.push(sql`f.agent_id = ${filters.agentId}`);
  if (filters.teamId !== undefined) conditions.push(sql`f.team_id = ${filters.teamId}`);
  if (filters.productLineId !== undefined) {
    conditions.push(sql`f.product_line_id = ${filters.productLineId}`);
  }
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

/**
 * Whether the session of alias `f` was resolved at first contact: every wrap-up of it recorded
 * `resolved`, and no session with the same serial number, e-mail or phone was requested within
 * `fcrWindowDays` after it ended (`next_contact_at`, kept up to date by the facts hook).
 */
function firstContactResolved(fcrWindowDays: number): SQL {
  return sql`(f.disposition = 'resolved' and not f.disposition_changed
    and (f.next_contact_at is null
      or f.next_contact_at > f.ended_at + make_interval(days => ${fcrWindowDays}::int)))`;
}

/** Sessions whose wrap-up counts for first-contact resolution and the dispatch rate. */
const handled = sql`(f.disposition is not null and f.disposition <> 'no_show')`;

/**
 * Aggregates the facts of the current and the previous period: one totals row for each, plus,
 * with a grouping, one row per key of the current period.
 */
export async function aggregateFacts(
  db: Executor,
  options: {
    period: Period;
    filters: FactFilters;
    grouping: KpiGrouping | undefined;
    fcrWindowDays: number;
  },
): Promise<AggregateRow[]> {
  const { period, grouping } = options;
  const from = period.from.toISOString();
  const key =
    grouping === undefined
      ? sql`null::text`
      : sql`case when f.requested_at >= ${from}::timestamptz then ${groupKey(grouping, period.timeZone)} end`;
  // The second grouping set also makes a row of the previous period's sessions (key null);
  // it is dropped below.
  const groupBy =
    grouping === undefined
      ? sql`group by in_period, key`
      : sql`group by grouping sets ((in_period), (in_period, key))`;
  const byKey = grouping === undefined ? sql`false` : sql`grouping(key) = 0`;

  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`
    with judged as (
      select f.*,
        f.requested_at >= ${from}::timestamptz as in_period,
        ${key} as key,
        ${handled} as handled,
        ${firstContactResolved(options.fcrWindowDays)} as fcr
      from session_facts f
      where f.requested_at >= ${period.previousFrom.toISOString()}::timestamptz
        and f.requested_at < ${period.to.toISOString()}::timestamptz
        and ${filterConditions(options.filters)}
    )
    select in_period, key,
      count(*)::int as sessions,
      percentile_cont(0.5) within group (order by time_to_connect_ms) as ttc50,
      percentile_cont(0.9) within group (order by time_to_connect_ms) as ttc90,
      percentile_cont(0.5) within group (order by queue_wait_ms) as wait50,
      percentile_cont(0.9) within group (order by queue_wait_ms) as wait90,
      count(*) filter (where queued)::int as queued,
      count(*) filter (where queued and abandoned)::int as abandoned,
      avg(talk_ms)::float8 as talk_mean,
      avg(wrap_up_ms)::float8 as wrap_up_mean,
      avg(talk_ms + wrap_up_ms)::float8 as handle_mean,
      count(*) filter (where handled)::int as handled,
      count(*) filter (where handled and fcr)::int as fcr,
      count(*) filter (where handled and disposition = 'dispatch')::int as dispatched,
      count(*) filter (where disposition = 'resolved')::int as resolved,
      count(csat)::int as csat_answered,
      count(*) filter (where csat >= 4)::int as csat_top,
      avg(empathy)::float8 as empathy_mean,
      count(empathy)::int as empathy_answered,
      count(*) filter (where empathy >= 4)::int as empathy_top,
      avg(ces)::float8 as ces_mean,
      count(*) filter (where survey_offered)::int as surveys_offered,
      count(*) filter (where survey_answered)::int as surveys_answered,
      coalesce(sum(video_ms), 0)::float8 as video_ms,
      ${byKey} as by_key
    from judged
    ${groupBy}`,
  );

  return rows
    .filter((row) => !(row.by_key === true && row.key === null))
    .map((row) => ({
      inPeriod: row.in_period === true,
      key: row.by_key === true ? String(row.key) : null,
      sessions: Number(row.sessions),
      timeToConnectP50: numberOrNull(row.ttc50),
      timeToConnectP90: numberOrNull(row.ttc90),
      queueWaitP50: numberOrNull(row.wait50),
      queueWaitP90: numberOrNull(row.wait90),
      queued: Number(row.queued),
      abandoned: Number(row.abandoned),
      talkMean: numberOrNull(row.talk_mean),
      wrapUpMean: numberOrNull(row.wrap_up_mean),
      handleMean: numberOrNull(row.handle_mean),
      handled: Number(row.handled),
      firstContactResolved: Number(row.fcr),
      dispatched: Number(row.dispatched),
      resolved: Number(row.resolved),
      csatAnswered: Number(row.csat_answered),
      csatTopTwo: Number(row.csat_top),
      empathyMean: numberOrNull(row.empathy_mean),
      empathyAnswered: Number(row.empathy_answered),
      empathyTopTwo: Number(row.empathy_top),
      cesMean: numberOrNull(row.ces_mean),
      surveysOffered: Number(row.surveys_offered),
      surveysAnswered: Number(row.surveys_answered),
      videoMs: Number(row.video_ms),
    }));
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * Returns the keys of every day, week or month bucket that overlaps the period, in order. The
 * first bucket may start before `from` (a week grouping from a Wednesday starts on Monday).
 */
export async function listBuckets(
  db: Executor,
  period: Period,
  grouping: 'day' | 'week' | 'month',
): Promise<string[]> {
  const unit = sql.raw(`'${bucketUnits[grouping]}'`);
  const step = sql.raw(`'1 ${bucketUnits[grouping]}'`);
  const local = (instant: Date) =>
    sql`(${instant.toISOString()}::timestamptz at time zone ${period.timeZone})`;
  const rows = await selectRows<{ key: string }>(
    db,
    sql`select to_char(bucket, 'YYYY-MM-DD') as key
      from generate_series(
        date_trunc(${unit}, ${local(period.from)}),
        ${local(period.to)} - interval '1 microsecond',
        ${step}::interval
      ) as bucket
      order by bucket`,
  );
  return rows.map((row) => row.key);
}

/** Returns the names of agents, teams or product lines by id. */
export async function namesOf(
  db: Executor,
  grouping: 'agent' | 'team' | 'product_line',
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const table = sql.raw({ agent: 'users', team: 'teams', product_line: 'product_lines' }[grouping]);
  const rows = await selectRows<{ id: string; name: string }>(
    db,
    sql`select id::text as id, name from ${table} where id::text in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Condition of each drill-down filter on the facts of alias `f`. */
function sessionFilterCondition(filter: KpiSessionFilter, fcrWindowDays: number): SQL {
  switch (filter) {
    case 'connected':
      return sql`f.time_to_connect_ms is not null`;
    case 'queued':
      return sql`f.queued`;
    case 'abandoned':
      return sql`f.queued and f.abandoned`;
    case 'callback':
      return sql`f.queued and f.callback_requested`;
    case 'called':
      return sql`f.talk_ms is not null`;
    case 'wrapped_up':
      return sql`f.wrap_up_done_at is not null`;
    case 'fcr':
      return sql`${handled} and ${firstContactResolved(fcrWindowDays)}`;
    case 'not_fcr':
      return sql`${handled} and not ${firstContactResolved(fcrWindowDays)}`;
    case 'dispatch':
      return sql`f.disposition = 'dispatch'`;
    case 'resolved':
      return sql`f.disposition = 'resolved'`;
    case 'survey_offered':
      return sql`f.survey_offered`;
    case 'survey_answered':
      return sql`f.survey_answered`;
    case 'low_csat':
      return sql`f.csat <= 3`;
    case 'low_empathy':
      return sql`f.empathy <= 3`;
    case 'video':
      return sql`f.video_ms > 0`;
  }
}

/** One session of the drill-down, as the query returns it. */
export interface DrillDownRow {
  id: string;
  status: string;
  entry: string;
  requestedAtMs: number;
  /** `requested_at` in PostgreSQL's text form, exact to the microsecond, for `after`. */
  cursor: string;
  endedAtMs: number | null;
  customerName: string | null;
  serialNumber: string | null;
  agentId: string | null;
  agentName: string | null;
  teamId: string | null;
  teamName: string | null;
  productLineId: string | null;
  productLineName: string | null;
  queueWaitMs: number | null;
  timeToConnectMs: number | null;
  talkMs: number | null;
  wrapUpMs: number | null;
  videoMs: number | null;
  abandoned: boolean;
  disposition: string | null;
  resolutionCode: string | null;
  handled: boolean;
  fcr: boolean;
  surveyOffered: boolean;
  surveyAnswered: boolean;
  csat: number | null;
  empathy: number | null;
  ces: number | null;
  snapshotCount: number;
  /** Matching sessions over all pages; 0 when listing with `after`. */
  total: number;
}

/**
 * Lists the sessions of the period that match the filters, newest request first. `after`
 * continues a listing after the last row of the previous batch (the CSV export does so);
 * otherwise `offset` skips rows. Names, snapshot counts and first-contact resolution are looked
 * up for the returned rows only.
 */
export async function drillDownFacts(
  db: Executor,
  options: {
    period: Period;
    filters: FactFilters;
    filter: KpiSessionFilter | undefined;
    fcrWindowDays: number;
    limit: number;
    offset?: number;
    after?: { cursor: string; id: string };
  },
): Promise<DrillDownRow[]> {
  const conditions = [
    sql`f.requested_at >= ${options.period.from.toISOString()}::timestamptz`,
    sql`f.requested_at < ${options.period.to.toISOString()}::timestamptz`,
    filterConditions(options.filters),
  ];
  if (options.filter !== undefined) {
    conditions.push(sessionFilterCondition(options.filter, options.fcrWindowDays));
  }
  if (options.after !== undefined) {
    conditions.push(
      sql`(f.requested_at, f.session_id) < (${options.after.cursor}::timestamptz, ${options.after.id}::uuid)`,
    );
  }
  const total = options.after === undefined ? sql`count(*) over ()::int` : sql`0`;

  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`
    with page as (
      select f.session_id, ${total} as total
      from session_facts f
      where ${sql.join(conditions, sql` and `)}
      order by f.requested_at desc, f.session_id desc
      limit ${options.limit} offset ${options.offset ?? 0}
    )
    select f.session_id::text as id, s.status, f.entry,
      ${epochMs(sql`f.requested_at`)} as requested_at_ms,
      f.requested_at::text as cursor,
      ${epochMs(sql`f.ended_at`)} as ended_at_ms,
      s.customer_name, s.serial_number,
      f.agent_id::text as agent_id, u.name as agent_name,
      f.team_id::text as team_id, t.name as team_name,
      f.product_line_id::text as product_line_id, p.name as product_line_name,
      f.queue_wait_ms, f.time_to_connect_ms, f.talk_ms, f.wrap_up_ms, f.video_ms,
      f.abandoned, f.disposition, f.resolution_code,
      ${handled} as handled,
      ${firstContactResolved(options.fcrWindowDays)} as fcr,
      f.survey_offered, f.survey_answered, f.csat, f.empathy, f.ces,
      (select count(*)::int from snapshots sn where sn.session_id = f.session_id) as snapshot_count,
      page.total
    from page
    join session_facts f on f.session_id = page.session_id
    join support_sessions s on s.id = f.session_id
    left join users u on u.id = f.agent_id
    left join teams t on t.id = f.team_id
    left join product_lines p on p.id = f.product_line_id
    order by f.requested_at desc, f.session_id desc`,
  );

  return rows.map((row) => ({
    id: String(row.id),
    status: String(row.status),
    entry: String(row.entry),
    requestedAtMs: Number(row.requested_at_ms),
    cursor: String(row.cursor),
    endedAtMs: numberOrNull(row.ended_at_ms),
    customerName: stringOrNull(row.customer_name),
    serialNumber: stringOrNull(row.serial_number),
    agentId: stringOrNull(row.agent_id),
    agentName: stringOrNull(row.agent_name),
    teamId: stringOrNull(row.team_id),
    teamName: stringOrNull(row.team_name),
    productLineId: stringOrNull(row.product_line_id),
    productLineName: stringOrNull(row.product_line_name),
    queueWaitMs: numberOrNull(row.queue_wait_ms),
    timeToConnectMs: numberOrNull(row.time_to_connect_ms),
    talkMs: numberOrNull(row.talk_ms),
    wrapUpMs: numberOrNull(row.wrap_up_ms),
    videoMs: numberOrNull(row.video_ms),
    abandoned: row.abandoned === true,
    disposition: stringOrNull(row.disposition),
    resolutionCode: stringOrNull(row.resolution_code),
    handled: row.handled === true,
    fcr: row.fcr === true,
    surveyOffered: row.survey_offered === true,
    surveyAnswered: row.survey_answered === true,
    csat: numberOrNull(row.csat),
    empathy: numberOrNull(row.empathy),
    ces: numberOrNull(row.ces),
    snapshotCount: Number(row.snapshot_count),
    total: Number(row.total),
  }));
}

function stringOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
