import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type KpiName,
  type KpiResponse,
  type KpiSession,
  type KpiValues,
  errorResponseSchema,
  kpiNames,
  kpiQuerySchema,
  kpiResponseSchema,
  kpiSessionsQuerySchema,
  kpiSessionsResponseSchema,
} from '@lensdesk/protocol';
import type { Role } from '@lensdesk/protocol';
import { requireRole } from '../auth/guard.js';
import { type CsvCell, attachment, csvLine, utf8Bom } from './csv.js';
import type { KpiService } from './service.js';

export interface KpiRoutesOptions {
  kpis: KpiService;
}

/** Roles that see KPIs: they compare agents, so agents themselves do not. */
const kpiRoles: readonly Role[] = ['supervisor', 'admin'];

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
};

/** KPI routes under `/api`: figures, the sessions behind them, and both as CSV. */
export const kpiRoutes: FastifyPluginAsyncZod<KpiRoutesOptions> = async (app, options) => {
  const { kpis } = options;

  app.get(
    '/kpis',
    {
      schema: {
        tags: ['kpis'],
        summary: 'KPIs of a period, of the period before it, and per day, week, month or group',
        description:
          'Sessions count in the period in which the customer asked for help. docs/kpis.md ' +
          'defines each KPI.',
        querystring: kpiQuerySchema,
        response: { 200: kpiResponseSchema, ...errors },
      },
    },
    async (request) => {
      requireRole(request, kpiRoles);
      return kpis.kpis(request.query);
    },
  );

  app.get(
    '/kpis.csv',
    {
      schema: {
        tags: ['kpis'],
        summary: 'The KPI table as CSV: one line per row, then the totals and the previous period',
        querystring: kpiQuerySchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      requireRole(request, kpiRoles);
      const response = await kpis.kpis(request.query);
      // The grouping is part of the name, so the period's totals and its per-agent table (say)
      // download as two files instead of one overwriting the other.
      const grouping = request.query.groupBy === undefined ? '' : `-by-${request.query.groupBy}`;
      const fileName = `lensdesk-kpis${grouping}-${request.query.from}-${request.query.to}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(fileName))
        .send(utf8Bom + kpiTableCsv(response));
    },
  );

  app.get(
    '/kpis/sessions',
    {
      schema: {
        tags: ['kpis'],
        summary: 'The sessions behind the KPIs, newest request first, one page at a time',
        querystring: kpiSessionsQuerySchema,
        response: { 200: kpiSessionsResponseSchema, ...errors },
      },
    },
    async (request) => {
      requireRole(request, kpiRoles);
      return kpis.sessions(request.query);
    },
  );

  app.get(
    '/kpis/sessions.csv',
    {
      schema: {
        tags: ['kpis'],
        summary: 'Every session behind the KPIs as CSV, newest request first',
        querystring: kpiSessionsQuerySchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      requireRole(request, kpiRoles);
      const batches = await kpis.sessionBatches(request.query);
      const fileName = `lensdesk-sessions-${request.query.from}-${request.query.to}.csv`;

      async function* lines() {
        yield utf8Bom + csvLine(sessionColumns.map(([header]) => header));
        for await (const batch of batches) {
          yield batch
            .map((session) => csvLine(sessionColumns.map(([, cell]) => cell(session))))
            .join('');
        }
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(fileName))
        .send(Readable.from(lines()));
    },
  );
};

/** Returns the CSV column name of a KPI: `timeToConnectP50Ms` becomes `time_to_connect_p50_ms`. */
export function kpiColumnName(name: KpiName): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Formats a KPI response as CSV: the rows, then `total` and `previous` lines. */
export function kpiTableCsv(response: KpiResponse): string {
  const line = (key: string, label: string, values: KpiValues) =>
    csvLine([key, label, ...kpiNames.map((name) => values[name])]);

  return [
    csvLine(['key', 'label', ...kpiNames.map(kpiColumnName)]),
    ...response.rows.map((row) => line(row.key, row.label, row.values)),
    line('total', 'Total', response.totals),
    line('previous', 'Previous period', response.previous),
  ].join('');
}

/** Columns of the sessions CSV: header and cell. */
const sessionColumns: [string, (session: KpiSession) => CsvCell][] = [
  ['session_id', (session) => session.id],
  ['status', (session) => session.status],
  ['entry', (session) => session.entry],
  ['requested_at', (session) => session.requestedAt],
  ['ended_at', (session) => session.endedAt],
  ['customer_name', (session) => session.customerName],
  ['serial_number', (session) => session.serialNumber],
  ['agent', (session) => session.agent?.name ?? null],
  ['team', (session) => session.team?.name ?? null],
  ['product_line', (session) => session.productLine?.name ?? null],
  ['queue_wait_ms', (session) => session.queueWaitMs],
  ['time_to_connect_ms', (session) => session.timeToConnectMs],
  ['talk_ms', (session) => session.talkMs],
  ['wrap_up_ms', (session) => session.wrapUpMs],
  ['video_ms', (session) => session.videoMs],
  ['abandoned', (session) => session.abandoned],
  ['disposition', (session) => session.disposition],
  ['resolution_code', (session) => session.resolutionCode],
  ['first_contact_resolved', (session) => session.firstContactResolved],
  ['survey_offered', (session) => session.surveyOffered],
  ['csat', (session) => session.survey?.csat ?? null],
  ['empathy', (session) => session.survey?.empathy ?? null],
  ['ces', (session) => session.survey?.ces ?? null],
  ['snapshots', (session) => session.snapshotCount],
];
