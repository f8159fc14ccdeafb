import { z } from 'zod';
import { dispositionSchema, sessionEntrySchema, sessionStatusSchema } from './session.js';

/**
 * KPIs that `GET /api/kpis` computes. docs/kpis.md defines each one as a query over the event log.
 */
export const kpiNames = [
  'sessions',
  'timeToConnectP50Ms',
  'timeToConnectP90Ms',
  'queueWaitP50Ms',
  'queueWaitP90Ms',
  'abandonmentRate',
  'talkTimeMeanMs',
  'wrapUpTimeMeanMs',
  'handleTimeMeanMs',
  'firstContactResolutionRate',
  'dispatchRate',
  'dispatchesAvoided',
  'csat',
  'empathyMean',
  'empathyTopTwoRate',
  'cesMean',
  'surveyResponseRate',
  'videoMinutes',
] as const;
export const kpiNameSchema = z.enum(kpiNames);
export type KpiName = z.infer<typeof kpiNameSchema>;

/** Grouping of KPI rows: by period bucket, or by agent, team or product line. */
export const kpiGroupings = ['day', 'week', 'month', 'agent', 'team', 'product_line'] as const;
export const kpiGroupingSchema = z.enum(kpiGroupings);
export type KpiGrouping = z.infer<typeof kpiGroupingSchema>;

/** Returns true when `name` is an IANA time zone name that this runtime's `Intl` supports. */
export function isIanaTimeZone(name: string): boolean {
  // Offsets such as `+01:00` are rejected on purpose: PostgreSQL reads them as POSIX zones, whose
  // sign is the opposite of ISO 8601's.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Maximum length of a KPI query's period, in days. */
export const maxKpiPeriodDays = 731;

/** Period bound: a calendar date (`2026-11-01`) or an ISO 8601 instant with `Z` or an offset. */
const periodBoundSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant with Z or an offset',
});

/** Query of `GET /api/kpis`, also the base of the CSV export and session drill-down queries. */
export const kpiQuerySchema = z
  .object({
    /** Start of the period, inclusive: a date (`2026-11-01`) in `timeZone`, or an ISO instant. */
    from: periodBoundSchema,
    /** End of the period, exclusive, in the same form. */
    to: periodBoundSchema,
    /** IANA time zone for day, week and month buckets and for plain dates. */
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine(isIanaTimeZone, 'must be an IANA time zone name such as Europe/Berlin')
      .default('UTC'),
    groupBy: kpiGroupingSchema.optional(),
    agentId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    productLineId: z.uuid().optional(),
  })
  .strict();
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

/**
 * Values of every KPI over a set of sessions. Rates are fractions from 0 to 1 and durations are
 * milliseconds. A value is null when no session qualifies, such as when no survey was answered.
 */
export const kpiValuesSchema = z.object(
  Object.fromEntries(kpiNames.map((name) => [name, z.number().nullable()])) as Record<
    KpiName,
    z.ZodNullable<z.ZodNumber>
  >,
);
export type KpiValues = z.infer<typeof kpiValuesSchema>;

/** One slice of a grouped KPI response. */
export const kpiRowSchema = z.object({
  /** Bucket start (ISO date in the time zone) or the id of the agent, team or product line. */
  key: z.string(),
  /** Human-readable label: the date or the name. */
  label: z.string(),
  values: kpiValuesSchema,
});
export type KpiRow = z.infer<typeof kpiRowSchema>;

/** Response of `GET /api/kpis`: totals of the period and of the one before it, and the rows. */
export const kpiResponseSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  timeZone: z.string(),
  /** Start of the previous period, which ends at `from`. */
  previousFrom: z.iso.datetime(),
  /**
   * Days after a resolved session in which a new contact means it was not resolved at first
   * contact.
   */
  fcrWindowDays: z.number().int(),
  totals: kpiValuesSchema,
  /** Totals of the previous period of the same length, for the change shown on tiles. */
  previous: kpiValuesSchema,
  groupBy: kpiGroupingSchema.nullable(),
  /**
   * Period buckets in order, including buckets without sessions. When grouped by agent, team or
   * product line, one row per value with sessions, and the key `none` for sessions without one.
   */
  rows: z.array(kpiRowSchema),
});
export type KpiResponse = z.infer<typeof kpiResponseSchema>;

/**
 * Filters of the session drill-down (`kpi` of `GET /api/kpis/sessions`). Each one selects the
 * sessions that count for a KPI, or the ones that pull it down.
 */
export const kpiSessionFilters = [
  /** Sessions with a time to connect (media reached the agent). */
  'connected',
  /** Sessions that entered the queue. */
  'queued',
  /** Queued sessions the customer left before an agent accepted them. */
  'abandoned',
  /** Queued sessions the customer left with a callback request. */
  'callback',
  /** Sessions with a call: talk time. */
  'called',
  /** Sessions with a wrap-up. */
  'wrapped_up',
  /** Wrapped-up sessions (not no-show) resolved at first contact. */
  'fcr',
  /** Wrapped-up sessions (not no-show) that were not resolved at first contact. */
  'not_fcr',
  /** Sessions wrapped up with a technician dispatch. */
  'dispatch',
  /** Sessions resolved without a dispatch. */
  'resolved',
  /** Sessions whose customer was offered a survey. */
  'survey_offered',
  /** Sessions whose survey the customer answered. */
  'survey_answered',
  /** Answered surveys with satisfaction (CSAT) 1 to 3. */
  'low_csat',
  /** Answered surveys with empathy 1 to 3. */
  'low_empathy',
  /** Sessions whose video reached the agent. */
  'video',
] as const;
export const kpiSessionFilterSchema = z.enum(kpiSessionFilters);
export type KpiSessionFilter = z.infer<typeof kpiSessionFilterSchema>;

/** Drill-down filter that lists the sessions behind each KPI, where null lists every session. */
export const kpiDrillDown: Readonly<Record<KpiName, KpiSessionFilter | null>> = {
  sessions: null,
  timeToConnectP50Ms: 'connected',
  timeToConnectP90Ms: 'connected',
  queueWaitP50Ms: 'queued',
  queueWaitP90Ms: 'queued',
  abandonmentRate: 'abandoned',
  talkTimeMeanMs: 'called',
  wrapUpTimeMeanMs: 'wrapped_up',
  handleTimeMeanMs: 'wrapped_up',
  firstContactResolutionRate: 'not_fcr',
  dispatchRate: 'dispatch',
  dispatchesAvoided: 'resolved',
  csat: 'low_csat',
  empathyMean: 'low_empathy',
  empathyTopTwoRate: 'low_empathy',
  cesMean: 'survey_answered',
  surveyResponseRate: 'survey_offered',
  videoMinutes: 'video',
};

/** Maximum page size of the session drill-down. */
export const maxKpiSessionsPageSize = 200;

/** Query of `GET /api/kpis/sessions` and `GET /api/kpis/sessions.csv`. */
export const kpiSessionsQuerySchema = kpiQuerySchema
  .omit({ groupBy: true })
  .extend({
    kpi: kpiSessionFilterSchema.optional(),
    /** Page number, from 1. The CSV ignores it and lists every matching session. */
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(maxKpiSessionsPageSize).default(50),
  })
  .strict();
export type KpiSessionsQuery = z.infer<typeof kpiSessionsQuerySchema>;

const namedSchema = z.object({ id: z.string(), name: z.string() });

/** One session of the drill-down, with the figures that the KPIs take from it. */
export const kpiSessionSchema = z.object({
  id: z.string(),
  status: sessionStatusSchema,
  entry: sessionEntrySchema,
  /** Time the customer requested help. The session counts in this instant's period and bucket. */
  requestedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  customerName: z.string().nullable(),
  serialNumber: z.string().nullable(),
  agent: namedSchema.nullable(),
  team: namedSchema.nullable(),
  productLine: namedSchema.nullable(),
  queueWaitMs: z.number().nullable(),
  timeToConnectMs: z.number().nullable(),
  talkMs: z.number().nullable(),
  wrapUpMs: z.number().nullable(),
  videoMs: z.number().nullable(),
  abandoned: z.boolean(),
  disposition: dispositionSchema.nullable(),
  resolutionCode: z.string().nullable(),
  /** True when the session counts as resolved at first contact, or null when it is not counted. */
  firstContactResolved: z.boolean().nullable(),
  surveyOffered: z.boolean(),
  /** The customer's ratings, or null when the survey was not answered. */
  survey: z
    .object({
      csat: z.number().int().nullable(),
      empathy: z.number().int().nullable(),
      ces: z.number().int().nullable(),
    })
    .nullable(),
  snapshotCount: z.number().int(),
});
export type KpiSession = z.infer<typeof kpiSessionSchema>;

/** Response of `GET /api/kpis/sessions`: one page, newest request first. */
export const kpiSessionsResponseSchema = z.object({
  sessions: z.array(kpiSessionSchema),
  /** Number of matching sessions over all pages. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type KpiSessionsResponse = z.infer<typeof kpiSessionsResponseSchema>;
