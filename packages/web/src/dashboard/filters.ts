import type { KpiGrouping, KpiQuery } from '@lensdesk/protocol';

/** Period choices of the dashboard. `custom` takes its first and last day from the URL. */
export const periodPresets = [
  'today',
  'last_7_days',
  'this_month',
  'last_month',
  'custom',
] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** Groupings the trend charts offer. */
export const trendGroupings = ['day', 'week', 'month'] as const;
export type TrendGrouping = (typeof trendGroupings)[number];

/** Calendar date as `YYYY-MM-DD`, without a time zone of its own. */
export type PlainDate = string;

/**
 * Filters that the dashboard's view depends on, kept in the URL query so that a view can be
 * shared. `from` and `to` are the first and the last day of a custom period, both included.
 */
export interface DashboardFilters {
  period: PeriodPreset;
  from: PlainDate | null;
  to: PlainDate | null;
  timeZone: string;
  /** Trend grouping, or null to pick one from the length of the period. */
  grouping: TrendGrouping | null;
  teamId: string | null;
  agentId: string | null;
  productLineId: string | null;
}

/** Resolved period: the first day and the day after the last, in the filters' time zone. */
export interface DateRange {
  from: PlainDate;
  /** Day after the last day, exclusive, as `GET /api/kpis` expects. */
  to: PlainDate;
}

const defaultPeriod: PeriodPreset = 'last_7_days';

/** Maximum period, in days, that `GET /api/kpis` accepts. */
export const maxPeriodDays = 731;
const plainDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the browser's IANA time zone, or UTC when the browser does not report one. */
export function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Returns true when `timeZone` is an IANA name that this browser's `Intl` supports. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Returns true when `value` is a real calendar date written as `YYYY-MM-DD`. */
export function isPlainDate(value: string): boolean {
  if (!plainDatePattern.test(value)) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function pickOne<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function pickId(value: string | null): string | null {
  return value !== null && uuidPattern.test(value) ? value : null;
}

function pickDate(value: string | null): PlainDate | null {
  return value !== null && isPlainDate(value) ? value : null;
}

/**
 * Reads the filters from a URL query. Values that are missing or invalid fall back to the
 * defaults (last 7 days in the browser's time zone, no team, agent or product line), so an edited
 * or outdated link still opens a view.
 */
export function parseFilters(
  search: string,
  fallbackTimeZone = browserTimeZone(),
): DashboardFilters {
  const params = new URLSearchParams(search);
  const zone = params.get('tz');
  let period = pickOne(params.get('period'), periodPresets) ?? defaultPeriod;
  const from = pickDate(params.get('from'));
  const to = pickDate(params.get('to'));
  if (period === 'custom' && (from === null || to === null || from > to)) {
    period = defaultPeriod;
  }

  return {
    period,
    from: period === 'custom' ? from : null,
    to: period === 'custom' ? to : null,
    timeZone: zone !== null && isKnownTimeZone(zone) ? zone : fallbackTimeZone,
    grouping: pickOne(params.get('group'), trendGroupings),
    teamId: pickId(params.get('team')),
    agentId: pickId(params.get('agent')),
    productLineId: pickId(params.get('productLine')),
  };
}

/**
 * Writes the filters as URL query parameters, leaving out the unset ones. The time zone is always
 * written, so a colleague in another zone who opens a shared link sees the same days.
 */
export function filtersToParams(filters: DashboardFilters): URLSearchParams {
  const params = new URLSearchParams();
  params.set('period', filters.period);
  if (filters.period === 'custom' && filters.from !== null && filters.to !== null) {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  params.set('tz', filters.timeZone);
  if (filters.grouping !== null) params.set('group', filters.grouping);
  if (filters.teamId !== null) params.set('team', filters.teamId);
  if (filters.agentId !== null) params.set('agent', filters.agentId);
  if (filters.productLineId !== null) params.set('productLine', filters.productLineId);
  return params;
}

/** Returns the calendar date in `timeZone` at the instant `now`. */
export function todayIn(timeZone: string, now: Date): PlainDate {
  // The en-CA locale writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Adds whole days to a plain date. The arithmetic runs in UTC, which has no daylight-saving jumps.
 */
export function addDays(date: PlainDate, days: number): PlainDate {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/** Returns the first day of the month `months` months after the one `date` is in. */
export function startOfMonth(date: PlainDate, months = 0): PlainDate {
  const [year = 1970, month = 1] = date.split('-').map(Number);
  const instant = new Date(Date.UTC(year, month - 1 + months, 1));
  return instant.toISOString().slice(0, 10);
}

/**
 * Returns the days a period covers. A period that includes today ends today in the filters' time
 * zone.
 */
export function resolveRange(filters: DashboardFilters, now: Date): DateRange {
  const today = todayIn(filters.timeZone, now);
  const tomorrow = addDays(today, 1);
  switch (filters.period) {
    case 'today':
      return { from: today, to: tomorrow };
    case 'last_7_days':
      return { from: addDays(today, -6), to: tomorrow };
    case 'this_month':
      return { from: startOfMonth(today), to: tomorrow };
    case 'last_month':
      return { from: startOfMonth(today, -1), to: startOfMonth(today) };
    case 'custom':
      if (filters.from !== null && filters.to !== null) {
        return { from: filters.from, to: addDays(filters.to, 1) };
      }
      return { from: addDays(today, -6), to: tomorrow };
  }
}

/** Returns the number of days in a range. */
export function rangeDays(range: DateRange): number {
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = Date.parse(`${range.to}T00:00:00Z`);
  return Math.round((end - start) / 86_400_000);
}

/**
 * Returns the chosen grouping, or else days up to 31 days, weeks up to 26 weeks and months beyond.
 */
export function effectiveGrouping(filters: DashboardFilters, range: DateRange): TrendGrouping {
  if (filters.grouping !== null) {
    return filters.grouping;
  }
  const days = rangeDays(range);
  if (days <= 31) return 'day';
  if (days <= 182) return 'week';
  return 'month';
}

/** Builds the query of `GET /api/kpis` and its CSV and drill-down siblings. */
export function kpiQuery(
  filters: DashboardFilters,
  range: DateRange,
  groupBy?: KpiGrouping,
): KpiQuery {
  const query: KpiQuery = { from: range.from, to: range.to, timeZone: filters.timeZone };
  if (groupBy !== undefined) query.groupBy = groupBy;
  if (filters.agentId !== null) query.agentId = filters.agentId;
  if (filters.teamId !== null) query.teamId = filters.teamId;
  if (filters.productLineId !== null) query.productLineId = filters.productLineId;
  return query;
}

/** Writes a KPI query as URL parameters. */
export function kpiQueryParams(query: KpiQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value));
  }
  return params;
}

/**
 * Returns the time zones to offer, sorted: every zone the browser lists, plus the current one and
 * UTC. A browser without `Intl.supportedValuesOf` gets only those two.
 */
export function timeZoneChoices(current: string): string[] {
  const listed =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set(listed);
  zones.add(current);
  zones.add('UTC');
  return [...zones].sort();
}
