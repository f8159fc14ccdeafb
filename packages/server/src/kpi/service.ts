import { maxKpiPeriodDays } from '@lensdesk/protocol';
import type {
  Disposition,
  KpiGrouping,
  KpiQuery,
  KpiResponse,
  KpiRow,
  KpiSession,
  KpiSessionsQuery,
  KpiSessionsResponse,
  KpiValues,
  SessionEntry,
  SessionStatus,
} from '@lensdesk/protocol';
import type { Database } from '../db/client.js';
import { AppError } from '../errors.js';
import {
  type Aggregate,
  type DrillDownRow,
  type FactFilters,
  type Period,
  aggregateFacts,
  drillDownFacts,
  listBuckets,
  namesOf,
  resolvePeriod,
  withAggregateSettings,
} from './queries.js';

/** Maximum period of one KPI query in ms, plus an hour for a change to summer time. */
const maxPeriodMs = maxKpiPeriodDays * 86_400_000 + 3_600_000;

/** Sessions the CSV export reads per query. */
const csvBatchSize = 1000;

/** Label of the row of sessions without an agent, team or product line. */
const noneLabels = { agent: 'No agent', team: 'No team', product_line: 'No product line' };

export interface KpiServiceOptions {
  /** Reads the first-contact resolution window, in days, from the run-time settings. */
  fcrWindowDays: () => Promise<number>;
}

/** KPIs of support sessions over a period, from the `session_facts` roll-up. */
export class KpiService {
  constructor(
    private readonly db: Database,
    private readonly options: KpiServiceOptions,
  ) {}

  /** Computes the KPIs of a period, of the period before it, and of each group. */
  async kpis(query: KpiQuery): Promise<KpiResponse> {
    const period = await this.period(query);
    const fcrWindowDays = await this.options.fcrWindowDays();
    const aggregates = await this.translateErrors(() =>
      withAggregateSettings(this.db, (tx) =>
        aggregateFacts(tx, {
          period,
          filters: filtersOf(query),
          grouping: query.groupBy,
          fcrWindowDays,
        }),
      ),
    );

    const totals = aggregates.find((row) => row.inPeriod && row.key === null);
    const previous = aggregates.find((row) => !row.inPeriod && row.key === null);
    const keyed = aggregates.filter((row) => row.inPeriod && row.key !== null);

    return {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      timeZone: period.timeZone,
      previousFrom: period.previousFrom.toISOString(),
      fcrWindowDays,
      totals: toKpiValues(totals ?? emptyAggregate),
      previous: toKpiValues(previous ?? emptyAggregate),
      groupBy: query.groupBy ?? null,
      rows:
        query.groupBy === undefined
          ? []
          : await this.rows(period, query.groupBy, new Map(keyed.map((row) => [row.key, row]))),
    };
  }

  /** Lists one page of the sessions behind the KPIs, newest request first. */
  async sessions(query: KpiSessionsQuery): Promise<KpiSessionsResponse> {
    const period = await this.period(query);
    const fcrWindowDays = await this.options.fcrWindowDays();
    const rows = await this.translateErrors(() =>
      withAggregateSettings(this.db, (tx) =>
        drillDownFacts(tx, {
          period,
          filters: filtersOf(query),
          filter: query.kpi,
          fcrWindowDays,
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        }),
      ),
    );

    // A page past the end has no rows to carry the total, so count without the offset.
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && query.page > 1) {
      total = (await this.sessions({ ...query, page: 1, pageSize: 1 })).total;
    }
    return {
      sessions: rows.map(toKpiSession),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * Yields every session behind the KPIs, newest request first, in batches. The period and
   * filters are checked before the first batch, so a bad query fails before any output.
   */
  async sessionBatches(
    query: Omit<KpiSessionsQuery, 'page' | 'pageSize'>,
  ): Promise<AsyncGenerator<KpiSession[]>> {
    const period = await this.period(query);
    const fcrWindowDays = await this.options.fcrWindowDays();
    const db = this.db;

    async function* batches() {
      let after: { cursor: string; id: string } | undefined;
      for (;;) {
        const rows = await drillDownFacts(db, {
          period,
          filters: filtersOf(query),
          filter: query.kpi,
          fcrWindowDays,
          limit: csvBatchSize,
          ...(after === undefined ? {} : { after }),
        });
        if (rows.length > 0) yield rows.map(toKpiSession);
        const last = rows.at(-1);
        if (last === undefined || rows.length < csvBatchSize) return;
        after = { cursor: last.cursor, id: last.id };
      }
    }
    return batches();
  }

  /** Resolves and checks the period of a query; throws `VALIDATION_FAILED` for a bad one. */
  private async period(query: { from: string; to: string; timeZone: string }): Promise<Period> {
    const period = await this.translateErrors(() => resolvePeriod(this.db, query));
    const span = period.to.getTime() - period.from.getTime();
    if (span <= 0) {
      throw new AppError('VALIDATION_FAILED', 'The period is empty.', [
        { path: 'querystring.to', message: 'must be after from' },
      ]);
    }
    if (span > maxPeriodMs) {
      throw new AppError('VALIDATION_FAILED', 'The period is too long.', [
        { path: 'querystring.to', message: `must be at most ${maxKpiPeriodDays} days after from` },
      ]);
    }
    return period;
  }

  private async rows(
    period: Period,
    grouping: KpiGrouping,
    byKey: Map<string | null, Aggregate>,
  ): Promise<KpiRow[]> {
    if (grouping === 'day' || grouping === 'week' || grouping === 'month') {
      const buckets = await this.translateErrors(() => listBuckets(this.db, period, grouping));
      return buckets.map((key) => ({
        key,
        label: key,
        values: toKpiValues(byKey.get(key) ?? emptyAggregate),
      }));
    }

    const ids = [...byKey.keys()].filter((key): key is string => key !== null && key !== 'none');
    const names = await namesOf(this.db, grouping, ids);
    const rows = [...byKey.entries()].map(([key, aggregate]) => ({
      key: key ?? 'none',
      label: key === 'none' ? noneLabels[grouping] : (names.get(key ?? '') ?? String(key)),
      values: toKpiValues(aggregate),
    }));
    return rows.sort((a, b) => {
      if ((a.key === 'none') !== (b.key === 'none')) return a.key === 'none' ? 1 : -1;
      return a.label.localeCompare(b.label, 'en') || a.key.localeCompare(b.key);
    });
  }

  /**
   * Turns PostgreSQL's complaints about the query's own values (a time zone or date it does not
   * know) into `VALIDATION_FAILED`; other errors pass unchanged.
   */
  private async translateErrors<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const cause = postgresError(error);
      // 22023: unknown time zone; 22007 and 22008: a date PostgreSQL cannot read or place.
      if (cause !== undefined && ['22023', '22007', '22008'].includes(cause.code)) {
        throw new AppError('VALIDATION_FAILED', 'The period or time zone is invalid.', [
          { path: 'querystring', message: cause.message },
        ]);
      }
      throw error;
    }
  }
}

/** Aggregate of no sessions: counts 0, everything else unknown. */
const emptyAggregate: Aggregate = {
  sessions: 0,
  timeToConnectP50: null,
  timeToConnectP90: null,
  queueWaitP50: null,
  queueWaitP90: null,
  queued: 0,
  abandoned: 0,
  talkMean: null,
  wrapUpMean: null,
  handleMean: null,
  handled: 0,
  firstContactResolved: 0,
  dispatched: 0,
  resolved: 0,
  csatAnswered: 0,
  csatTopTwo: 0,
  empathyMean: null,
  empathyAnswered: 0,
  empathyTopTwo: 0,
  cesMean: null,
  surveysOffered: 0,
  surveysAnswered: 0,
  videoMs: 0,
};

/** Computes the KPI values of one aggregate: rates from counts, whole milliseconds. */
export function toKpiValues(aggregate: Aggregate): KpiValues {
  const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const ms = (value: number | null) => (value === null ? null : Math.round(value));
  const mean = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

  return {
    sessions: aggregate.sessions,
    timeToConnectP50Ms: ms(aggregate.timeToConnectP50),
    timeToConnectP90Ms: ms(aggregate.timeToConnectP90),
    queueWaitP50Ms: ms(aggregate.queueWaitP50),
    queueWaitP90Ms: ms(aggregate.queueWaitP90),
    abandonmentRate: ratio(aggregate.abandoned, aggregate.queued),
    talkTimeMeanMs: ms(aggregate.talkMean),
    wrapUpTimeMeanMs: ms(aggregate.wrapUpMean),
    handleTimeMeanMs: ms(aggregate.handleMean),
    firstContactResolutionRate: ratio(aggregate.firstContactResolved, aggregate.handled),
    dispatchRate: ratio(aggregate.dispatched, aggregate.handled),
    dispatchesAvoided: aggregate.resolved,
    csat: ratio(aggregate.csatTopTwo, aggregate.csatAnswered),
    empathyMean: mean(aggregate.empathyMean),
    empathyTopTwoRate: ratio(aggregate.empathyTopTwo, aggregate.empathyAnswered),
    cesMean: mean(aggregate.cesMean),
    surveyResponseRate: ratio(aggregate.surveysAnswered, aggregate.surveysOffered),
    videoMinutes: Math.round((aggregate.videoMs / 60_000) * 100) / 100,
  };
}

function filtersOf(query: FactFilters): FactFilters {
  return { agentId: query.agentId, teamId: query.teamId, productLineId: query.productLineId };
}

function toKpiSession(row: DrillDownRow): KpiSession {
  const named = (id: string | null, name: string | null) =>
    id === null ? null : { id, name: name ?? id };
  return {
    id: row.id,
    status: row.status as SessionStatus,
    entry: row.entry as SessionEntry,
    requestedAt: new Date(row.requestedAtMs).toISOString(),
    endedAt: row.endedAtMs === null ? null : new Date(row.endedAtMs).toISOString(),
    customerName: row.customerName,
    serialNumber: row.serialNumber,
    agent: named(row.agentId, row.agentName),
    team: named(row.teamId, row.teamName),
    productLine: named(row.productLineId, row.productLineName),
    queueWaitMs: row.queueWaitMs,
    timeToConnectMs: row.timeToConnectMs,
    talkMs: row.talkMs,
    wrapUpMs: row.wrapUpMs,
    videoMs: row.videoMs,
    abandoned: row.abandoned,
    disposition: row.disposition as Disposition | null,
    resolutionCode: row.resolutionCode,
    firstContactResolved: row.handled ? row.fcr : null,
    surveyOffered: row.surveyOffered,
    survey: row.surveyAnswered ? { csat: row.csat, empathy: row.empathy, ces: row.ces } : null,
    snapshotCount: row.snapshotCount,
  };
}

/** Returns the database error inside `error` (drizzle wraps it as the cause), if any. */
function postgresError(error: unknown): { code: string; message: string } | undefined {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, message: current.message };
    }
  }
  return undefined;
}
