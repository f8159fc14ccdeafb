import type { KpiName, KpiValues } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { t } from '../i18n';
import { compareValues } from './format';
import type { DashboardFilters } from './filters';
import { formatKpi, kpiDescriptions, tileDefinitions, type TileDefinition } from './kpi-meta';
import { drillDownUrl, followLink } from './router';

/** Shows the KPI tiles; each opens the sessions behind its figure. */
export function KpiTiles(props: {
  totals: KpiValues;
  previous: KpiValues;
  filters: DashboardFilters;
}): JSX.Element {
  return (
    <section class="kpi-section" aria-labelledby="kpi-heading">
      <h2 id="kpi-heading" class="visually-hidden">
        {t('dashboard.keyFigures')}
      </h2>
      <ul class="kpi-tiles">
        {tileDefinitions.map((definition) => (
          <li key={definition.kpi}>
            <KpiTile definition={definition} {...props} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function KpiTile({
  definition,
  totals,
  previous,
  filters,
}: {
  definition: TileDefinition;
  totals: KpiValues;
  previous: KpiValues;
  filters: DashboardFilters;
}): JSX.Element {
  // Without a value, the related figures are missing too, and a line of dashes says nothing.
  const detail = totals[definition.kpi] === null ? null : (definition.detail?.(totals) ?? null);
  return (
    <a
      class="kpi-tile"
      href={drillDownUrl(filters, definition.kpi)}
      onClick={followLink}
      data-kpi={definition.kpi}
    >
      <span class="kpi-title">{t(definition.title)}</span>
      <span class="kpi-value">{formatKpi(totals, definition.kpi)}</span>
      {detail !== null ? <span class="kpi-detail">{detail}</span> : null}
      <ChangeLine kpi={definition.kpi} totals={totals} previous={previous} />
      <span class="visually-hidden">{t('tile.openSessions')}</span>
    </a>
  );
}

const arrows = { up: '▲', down: '▼', flat: '' } as const;

/** Change against the previous period: an arrow and a size, coloured good or bad, and spoken. */
function ChangeLine({
  kpi,
  totals,
  previous,
}: {
  kpi: KpiName;
  totals: KpiValues;
  previous: KpiValues;
}): JSX.Element {
  const { format, better } = kpiDescriptions[kpi];
  const before = previous[kpi];
  if (before === null || totals[kpi] === null) {
    return <span class="kpi-change tone-neutral">{t('tile.noComparison')}</span>;
  }

  const previousText = formatKpi(previous, kpi);
  const change = compareValues(totals[kpi], before, format, better);
  if (change === null) {
    return (
      <span class="kpi-change tone-neutral">
        {t('tile.previousValue', { previous: previousText })}
      </span>
    );
  }
  if (change.direction === 'flat') {
    return (
      <span class="kpi-change tone-neutral">{t('tile.unchanged', { previous: previousText })}</span>
    );
  }

  const spoken = t(change.direction === 'up' ? 'tile.changeUp' : 'tile.changeDown', {
    change: change.magnitude,
    previous: previousText,
  });
  const verdict =
    change.tone === 'good' ? t('tile.better') : change.tone === 'bad' ? t('tile.worse') : '';
  return (
    <span class={`kpi-change tone-${change.tone}`}>
      <span aria-hidden="true">
        <span class="kpi-arrow">{arrows[change.direction]}</span> {change.magnitude}{' '}
        <span class="kpi-previous">{t('tile.vsPrevious', { previous: previousText })}</span>
      </span>
      <span class="visually-hidden">
        {spoken} {verdict}
      </span>
    </span>
  );
}
