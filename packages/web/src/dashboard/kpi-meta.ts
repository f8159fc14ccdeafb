import type { KpiName, KpiValues } from '@lensdesk/protocol';
import { t, type MessageKey } from '../i18n';
import { formatValue, type Better, type ValueFormat } from './format';

/** How one KPI reads and which way is better. */
export interface KpiDescription {
  format: ValueFormat;
  better: Better;
}

/** Format and direction of every KPI of `GET /api/kpis`. */
export const kpiDescriptions: Record<KpiName, KpiDescription> = {
  sessions: { format: 'count', better: 'neither' },
  timeToConnectP50Ms: { format: 'duration', better: 'lower' },
  timeToConnectP90Ms: { format: 'duration', better: 'lower' },
  queueWaitP50Ms: { format: 'duration', better: 'lower' },
  queueWaitP90Ms: { format: 'duration', better: 'lower' },
  abandonmentRate: { format: 'rate', better: 'lower' },
  talkTimeMeanMs: { format: 'duration', better: 'neither' },
  wrapUpTimeMeanMs: { format: 'duration', better: 'lower' },
  handleTimeMeanMs: { format: 'duration', better: 'lower' },
  firstContactResolutionRate: { format: 'rate', better: 'higher' },
  dispatchRate: { format: 'rate', better: 'lower' },
  dispatchesAvoided: { format: 'count', better: 'higher' },
  csat: { format: 'rate', better: 'higher' },
  empathyMean: { format: 'score', better: 'higher' },
  empathyTopTwoRate: { format: 'rate', better: 'higher' },
  cesMean: { format: 'score', better: 'higher' },
  surveyResponseRate: { format: 'rate', better: 'higher' },
  videoMinutes: { format: 'minutes', better: 'neither' },
};

/** Returns the display name of a KPI. */
export function kpiLabel(kpi: KpiName): string {
  return t(`kpi.${kpi}` as MessageKey);
}

/** Formats the value of one KPI. */
export function formatKpi(values: KpiValues, kpi: KpiName): string {
  return formatValue(values[kpi], kpiDescriptions[kpi].format);
}

/** One tile of the dashboard: a headline KPI, and a line with related figures. */
export interface TileDefinition {
  /** KPI shown large, compared with the previous period, and opened in the drill-down. */
  kpi: KpiName;
  title: MessageKey;
  /** Returns the line under the value, or null for none. */
  detail?: (values: KpiValues) => string | null;
}

export const tileDefinitions: readonly TileDefinition[] = [
  { kpi: 'sessions', title: 'tile.sessions' },
  {
    kpi: 'timeToConnectP50Ms',
    title: 'tile.timeToConnect',
    detail: (values) => t('tile.percentiles', { p90: formatKpi(values, 'timeToConnectP90Ms') }),
  },
  {
    kpi: 'queueWaitP50Ms',
    title: 'tile.queueWait',
    detail: (values) => t('tile.percentiles', { p90: formatKpi(values, 'queueWaitP90Ms') }),
  },
  { kpi: 'abandonmentRate', title: 'tile.abandonment' },
  {
    kpi: 'handleTimeMeanMs',
    title: 'tile.handleTime',
    detail: (values) =>
      t('tile.handleTimeParts', {
        talk: formatKpi(values, 'talkTimeMeanMs'),
        wrapUp: formatKpi(values, 'wrapUpTimeMeanMs'),
      }),
  },
  { kpi: 'firstContactResolutionRate', title: 'tile.fcr' },
  {
    kpi: 'dispatchesAvoided',
    title: 'tile.dispatchesAvoided',
    detail: (values) => t('tile.dispatchRate', { rate: formatKpi(values, 'dispatchRate') }),
  },
  { kpi: 'csat', title: 'tile.csat', detail: () => t('tile.csatHint') },
  {
    kpi: 'empathyMean',
    title: 'tile.empathy',
    detail: (values) => t('tile.empathyTopTwo', { rate: formatKpi(values, 'empathyTopTwoRate') }),
  },
  { kpi: 'cesMean', title: 'tile.ces', detail: () => t('tile.cesHint') },
  { kpi: 'surveyResponseRate', title: 'tile.surveyResponse' },
  { kpi: 'videoMinutes', title: 'tile.videoMinutes' },
];
