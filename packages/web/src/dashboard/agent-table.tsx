import type { KpiName, KpiRow } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import type { DashboardFilters } from './filters';
import { formatKpi, kpiLabel } from './kpi-meta';
import { followLink, overviewUrl } from './router';
import { sortRows, type SortOrder } from './sort';

/** KPI columns of the per-agent table, in order. */
const agentColumns: readonly KpiName[] = [
  'sessions',
  'timeToConnectP50Ms',
  'handleTimeMeanMs',
  'firstContactResolutionRate',
  'dispatchRate',
  'csat',
  'empathyMean',
  'cesMean',
  'surveyResponseRate',
  'videoMinutes',
];

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** KPIs per agent, sortable by any column; an agent's name narrows the dashboard to them. */
export function AgentTable({
  rows,
  filters,
}: {
  rows: KpiRow[];
  filters: DashboardFilters;
}): JSX.Element {
  const [order, setOrder] = useState<SortOrder>({ column: 'sessions', direction: 'descending' });
  const sorted = sortRows(rows, order);

  const sortBy = (column: SortOrder['column']) => {
    if (order.column === column) {
      setOrder({
        column,
        direction: order.direction === 'ascending' ? 'descending' : 'ascending',
      });
    } else {
      // Names read best A to Z; figures are most often compared from the largest.
      setOrder({ column, direction: column === 'name' ? 'ascending' : 'descending' });
    }
  };

  return (
    <div class="table-wrap agent-table">
      <table>
        <caption class="visually-hidden">{t('agents.caption')}</caption>
        <thead>
          <tr>
            <SortHeader column="name" label={t('agents.agent')} order={order} onSort={sortBy} />
            {agentColumns.map((kpi) => (
              <SortHeader
                key={kpi}
                column={kpi}
                label={kpiLabel(kpi)}
                order={order}
                onSort={sortBy}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                {uuidPattern.test(row.key) ? (
                  <a
                    href={overviewUrl({ ...filters, agentId: row.key })}
                    onClick={followLink}
                    aria-label={t('agents.showOnly', { name: row.label })}
                  >
                    {row.label}
                  </a>
                ) : (
                  row.label
                )}
              </th>
              {agentColumns.map((kpi) => (
                <td key={kpi} class="numeric">
                  {formatKpi(row.values, kpi)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortHeader(props: {
  column: SortOrder['column'];
  label: string;
  order: SortOrder;
  onSort(column: SortOrder['column']): void;
}): JSX.Element {
  const active = props.order.column === props.column;
  const direction = active ? props.order.direction : undefined;
  return (
    <th
      scope="col"
      aria-sort={direction ?? 'none'}
      class={props.column === 'name' ? '' : 'numeric'}
    >
      <button type="button" class="sort-button" onClick={() => props.onSort(props.column)}>
        {props.label}
        <span class="sort-mark" aria-hidden="true">
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}
