import type { KpiResponse, KpiRow } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import { AgentTable } from './agent-table';
import { fetchKpis, kpiCsvUrl } from './api';
import { chartColours, ScatterChart, TrendChart, type ValueAxis } from './charts';
import { FilterBar, rememberAgents } from './filter-bar';
import {
  effectiveGrouping,
  kpiQuery,
  resolveRange,
  trendGroupings,
  type DashboardFilters,
  type TrendGrouping,
} from './filters';
import {
  formatCount,
  formatDuration,
  formatMinutes,
  formatPlainDate,
  formatRate,
  formatScore,
} from './format';
import { kpiLabel } from './kpi-meta';
import { PeriodSummary, RequestStatus } from './page-parts';
import { filters as currentFilters, setFilters } from './router';
import { KpiTiles } from './tiles';
import { useRequest } from './use-request';

export function OverviewPage(): JSX.Element {
  const filters = currentFilters.value;
  const range = resolveRange(filters, new Date());
  const grouping = effectiveGrouping(filters, range);
  const trendQuery = kpiQuery(filters, range, grouping);
  const agentQuery = kpiQuery(filters, range, 'agent');

  const trend = useRequest(JSON.stringify(trendQuery), (signal) => fetchKpis(trendQuery, signal));
  const agents = useRequest(JSON.stringify(agentQuery), (signal) => fetchKpis(agentQuery, signal));
  const loading = trend.loading || agents.loading;
  const error = trend.error ?? agents.error;

  useEffect(() => {
    if (agents.data !== null) rememberAgents(agents.data.rows);
  }, [agents.data]);

  const reload = () => {
    trend.reload();
    agents.reload();
  };

  return (
    <>
      <div class="page-header dashboard-header">
        <div>
          <h1>{t('dashboard.title')}</h1>
          <PeriodSummary range={range} timeZone={filters.timeZone} />
        </div>
        <div class="page-actions">
          <button type="button" class="button" onClick={reload} disabled={loading}>
            {t('dashboard.refresh')}
          </button>
          <a class="button" href={kpiCsvUrl(trendQuery)} download>
            {t('dashboard.exportKpis')}
          </a>
        </div>
      </div>
      <FilterBar filters={filters} range={range} />
      <RequestStatus loading={loading} error={error} onRetry={reload} />
      {trend.data !== null ? (
        <div class={loading ? 'dashboard-body is-stale' : 'dashboard-body'}>
          <KpiTiles totals={trend.data.totals} previous={trend.data.previous} filters={filters} />
          {(trend.data.totals.sessions ?? 0) === 0 ? (
            <p class="empty">{t('dashboard.empty')}</p>
          ) : (
            <>
              <Trends response={trend.data} grouping={grouping} filters={filters} />
              <Agents
                rows={agents.data?.rows ?? null}
                failed={agents.error !== null}
                filters={filters}
                csvUrl={kpiCsvUrl(agentQuery)}
              />
            </>
          )}
        </div>
      ) : null}
    </>
  );
}

const groupingLabels: Record<TrendGrouping, MessageKey> = {
  day: 'grouping.day',
  week: 'grouping.week',
  month: 'grouping.month',
};

/** Returns the x-axis label of a bucket: its first day, or its month. */
function bucketLabel(row: KpiRow, grouping: TrendGrouping): string {
  return grouping === 'month'
    ? formatPlainDate(row.key, { month: 'short', year: 'numeric' })
    : formatPlainDate(row.key, { month: 'short', day: 'numeric' });
}

const percentAxis: ValueAxis = {
  range: [0, 100],
  format: (value) => formatRate(value / 100),
};
const countAxis: ValueAxis = {
  steps: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 100_000],
  format: (value) => formatCount(value),
};
const scoreAxis: ValueAxis = { range: [1, 5], format: (value) => formatScore(value) };

const minutesAsDuration = (minutes: number) => formatDuration(minutes * 60_000);
const secondsAsDuration = (seconds: number) => formatDuration(seconds * 1000);

/** Durations in minutes, with ticks on whole and half minutes. */
const minutesAxis: ValueAxis = {
  steps: [0.5, 1, 2, 5, 10, 15, 30, 60, 120],
  format: (value) => formatMinutes(value),
  formatValue: minutesAsDuration,
};
/** Durations in seconds, with ticks on round seconds and minutes. */
const secondsAxis: ValueAxis = {
  steps: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600],
  format: (value) => (value < 60 ? secondsAsDuration(value) : formatMinutes(value / 60)),
  formatValue: secondsAsDuration,
};

/** Multiplies a value by `factor`, keeping null. */
function scaled(value: number | null, factor: number): number | null {
  return value === null ? null : value * factor;
}

function Trends({
  response,
  grouping,
  filters,
}: {
  response: KpiResponse;
  grouping: TrendGrouping;
  filters: DashboardFilters;
}): JSX.Element {
  const rows = response.rows;
  const categories = rows.map((row) => bucketLabel(row, grouping));
  const column = (read: (row: KpiRow) => number | null) => rows.map(read);

  return (
    <section class="dashboard-section" aria-labelledby="trends-heading">
      <div class="section-header">
        <h2 id="trends-heading">{t('dashboard.trends')}</h2>
        <label class="inline-field">
          <span>{t('filters.grouping')}</span>
          <select
            value={grouping}
            onChange={(event) =>
              setFilters({ ...filters, grouping: event.currentTarget.value as TrendGrouping })
            }
          >
            {trendGroupings.map((option) => (
              <option key={option} value={option}>
                {t(groupingLabels[option])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="chart-grid">
        <TrendChart
          title={t('chart.volume')}
          categories={categories}
          left={countAxis}
          right={percentAxis}
          series={[
            {
              label: kpiLabel('sessions'),
              values: column((row) => row.values.sessions),
              axis: 'left',
              style: 'bars',
              colour: chartColours.primary,
              format: countAxis.format,
            },
            {
              label: kpiLabel('firstContactResolutionRate'),
              values: column((row) => scaled(row.values.firstContactResolutionRate, 100)),
              axis: 'right',
              style: 'line',
              colour: chartColours.secondary,
              format: percentAxis.format,
            },
          ]}
        />
        <TrendChart
          title={t('chart.satisfaction')}
          categories={categories}
          left={percentAxis}
          right={scoreAxis}
          series={[
            {
              label: kpiLabel('csat'),
              values: column((row) => scaled(row.values.csat, 100)),
              axis: 'left',
              style: 'line',
              colour: chartColours.primary,
              format: percentAxis.format,
            },
            {
              label: kpiLabel('empathyMean'),
              values: column((row) => row.values.empathyMean),
              axis: 'right',
              style: 'dashed',
              colour: chartColours.secondary,
              format: scoreAxis.format,
            },
          ]}
        />
        <TrendChart
          title={t('chart.handleTime')}
          categories={categories}
          left={minutesAxis}
          series={[
            {
              label: kpiLabel('handleTimeMeanMs'),
              values: column((row) => scaled(row.values.handleTimeMeanMs, 1 / 60_000)),
              axis: 'left',
              style: 'line',
              colour: chartColours.primary,
              format: minutesAsDuration,
            },
            {
              label: kpiLabel('wrapUpTimeMeanMs'),
              values: column((row) => scaled(row.values.wrapUpTimeMeanMs, 1 / 60_000)),
              axis: 'left',
              style: 'dashed',
              colour: chartColours.secondary,
              format: minutesAsDuration,
            },
          ]}
        />
        <TrendChart
          title={t('chart.timeToConnect')}
          categories={categories}
          left={secondsAxis}
          series={[
            {
              label: kpiLabel('timeToConnectP50Ms'),
              values: column((row) => scaled(row.values.timeToConnectP50Ms, 1 / 1000)),
              axis: 'left',
              style: 'line',
              colour: chartColours.primary,
              format: secondsAsDuration,
            },
            {
              label: kpiLabel('timeToConnectP90Ms'),
              values: column((row) => scaled(row.values.timeToConnectP90Ms, 1 / 1000)),
              axis: 'left',
              style: 'dashed',
              colour: chartColours.secondary,
              format: secondsAsDuration,
            },
          ]}
        />
      </div>
    </section>
  );
}

/** Returns one scatter point per row that has both values. */
function pointsOf(
  rows: KpiRow[],
  x: (row: KpiRow) => number | null,
  y: (row: KpiRow) => number | null,
) {
  return rows.flatMap((row) => {
    const xValue = x(row);
    const yValue = y(row);
    return xValue === null || yValue === null ? [] : [{ label: row.label, x: xValue, y: yValue }];
  });
}

function Agents({
  rows,
  failed,
  filters,
  csvUrl,
}: {
  rows: KpiRow[] | null;
  /** Whether the request for the rows failed; the page shows its error above. */
  failed: boolean;
  filters: DashboardFilters;
  /** Export of the per-agent table. */
  csvUrl: string;
}): JSX.Element {
  return (
    <section class="dashboard-section" aria-labelledby="agents-heading">
      <div class="section-header">
        <h2 id="agents-heading">{t('dashboard.agents')}</h2>
        <a class="button" href={csvUrl} download>
          {t('dashboard.exportAgents')}
        </a>
      </div>
      {rows === null ? (
        failed ? null : (
          <p role="status">{t('common.loading')}</p>
        )
      ) : rows.length === 0 ? (
        <p class="empty">{t('agents.empty')}</p>
      ) : (
        <>
          <div class="chart-grid">
            <ScatterChart
              title={t('chart.empathyVsCsat')}
              description={t('chart.perAgentSurveys')}
              xLabel={kpiLabel('empathyMean')}
              yLabel={kpiLabel('csat')}
              x={scoreAxis}
              y={percentAxis}
              points={pointsOf(
                rows,
                (row) => row.values.empathyMean,
                (row) => scaled(row.values.csat, 100),
              )}
            />
            <ScatterChart
              title={t('chart.handleTimeVsFcr')}
              description={t('chart.perAgent')}
              xLabel={kpiLabel('handleTimeMeanMs')}
              yLabel={kpiLabel('firstContactResolutionRate')}
              x={minutesAxis}
              y={percentAxis}
              points={pointsOf(
                rows,
                (row) => scaled(row.values.handleTimeMeanMs, 1 / 60_000),
                (row) => scaled(row.values.firstContactResolutionRate, 100),
              )}
            />
          </div>
          <AgentTable rows={rows} filters={filters} />
        </>
      )}
    </section>
  );
}
