import { z } from 'zod';

/** KPIs that `GET /api/kpis` computes; docs/kpis.md defines each one as a query over the event log. */
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

/** How KPI rows are sliced: by period bucket, or by who and what. */
export const kpiGroupings = ['day', 'week', 'month', 'agent', 'team', 'product_line'] as const;
export const kpiGroupingSchema = z.enum(kpiGroupings);
export type KpiGrouping = z.infer<typeof kpiGroupingSchema>;

/** Query of `GET /api/kpis` (and of the CSV export and session drill-down). */
export const kpiQuerySchema = z
  .object({
    /** Start of the period, inclusive: a date (`2026-11-01`) in `timeZone`, or an ISO instant. */
    from: z.string().min(10).max(40),
    /** End of the period, exclusive, in the same form. */
    to: z.string().min(10).max(40),
    /** IANA time zone for day, week and month buckets and for plain dates. */
    timeZone: z.string().min(1).max(64).default('UTC'),
    groupBy: kpiGroupingSchema.optional(),
    agentId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    productLineId: z.uuid().optional(),
  })
  .strict();
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

/**
 * Values of every KPI over a set of sessions. Rates are fractions from 0 to 1; durations are
 * milliseconds; a value is null when no session qualifies (no surveys answered, no calls).
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
  /** Human-readable label: the date, or the name. */
  label: z.string(),
  values: kpiValuesSchema,
});
export type KpiRow = z.infer<typeof kpiRowSchema>;

/** Response of `GET /api/kpis`: totals of the period and of the one before it, and the rows. */
export const kpiResponseSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  timeZone: z.string(),
  totals: kpiValuesSchema,
  /** Totals of the previous period of the same length, for the change shown on tiles. */
  previous: kpiValuesSchema,
  groupBy: kpiGroupingSchema.nullable(),
  rows: z.array(kpiRowSchema),
});
export type KpiResponse = z.infer<typeof kpiResponseSchema>;
