import type { KpiRow } from '@lensdesk/protocol';
import { signal } from '@preact/signals';
import type { JSX } from 'preact';
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import { handleAuthError } from '../console/auth';
import { listAgents, listProductLines, listTeams, type FilterOption } from './api';
import {
  addDays,
  isPlainDate,
  maxPeriodDays,
  periodPresets,
  rangeDays,
  timeZoneChoices,
  type DashboardFilters,
  type DateRange,
  type PeriodPreset,
} from './filters';
import { setFilters } from './router';

/** Choices of the team, agent and product line filters; null while loading or unavailable. */
interface FilterChoices {
  teams: FilterOption[] | null;
  agents: FilterOption[] | null;
  productLines: FilterOption[] | null;
  /** Agents seen in KPI rows, offered when the user list is unavailable to this role. */
  agentsFromRows: FilterOption[];
}

const choices = signal<FilterChoices>({
  teams: null,
  agents: null,
  productLines: null,
  agentsFromRows: [],
});
let choicesRequested = false;

/** Loads the filter lists once per page load; a list that fails to load is left out. */
function loadChoices(): void {
  if (choicesRequested) return;
  choicesRequested = true;

  const settle = <K extends 'teams' | 'agents' | 'productLines'>(
    name: K,
    request: Promise<FilterOption[] | null>,
  ) => {
    request.then(
      (list) => {
        choices.value = { ...choices.value, [name]: list };
      },
      (failure: unknown) => {
        // The filter is left out; the KPI request reports a server that cannot be reached.
        handleAuthError(failure);
      },
    );
  };
  settle('teams', listTeams());
  settle('agents', listAgents());
  settle('productLines', listProductLines());
}

/** Remembers the agents of `groupBy=agent` rows, for the agent filter when no user list exists. */
export function rememberAgents(rows: readonly KpiRow[]): void {
  const known = new Map(choices.value.agentsFromRows.map((option) => [option.id, option]));
  let added = false;
  for (const row of rows) {
    if (!known.has(row.key)) {
      known.set(row.key, { id: row.key, name: row.label });
      added = true;
    }
  }
  if (added) {
    const agentsFromRows = [...known.values()].sort((a, b) => a.name.localeCompare(b.name));
    choices.value = { ...choices.value, agentsFromRows };
  }
}

const periodLabels: Record<PeriodPreset, MessageKey> = {
  today: 'filters.period.today',
  last_7_days: 'filters.period.last_7_days',
  this_month: 'filters.period.this_month',
  last_month: 'filters.period.last_month',
  custom: 'filters.period.custom',
};

export function FilterBar({
  filters,
  range,
}: {
  filters: DashboardFilters;
  range: DateRange;
}): JSX.Element {
  useEffect(loadChoices, []);
  const [open, setOpen] = useState(false);
  const formId = useId();
  const lists = choices.value;
  const zones = useMemo(() => timeZoneChoices(filters.timeZone), [filters.timeZone]);
  const agents = lists.agents ?? (lists.agentsFromRows.length > 0 ? lists.agentsFromRows : null);
  const filtered =
    filters.teamId !== null || filters.agentId !== null || filters.productLineId !== null;

  const choosePeriod = (period: PeriodPreset) => {
    if (period === 'custom') {
      // A custom period starts as the period shown, so the dates can be adjusted from there.
      setFilters({ ...filters, period, from: range.from, to: addDays(range.to, -1) });
    } else {
      setFilters({ ...filters, period, from: null, to: null });
    }
  };

  return (
    <div class="filter-panel" data-open={open ? '' : undefined}>
      {/* Phones fold the filters away behind this button; wider screens always show them. */}
      <button
        type="button"
        class="button filter-toggle"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen(!open)}
      >
        {t('filters.toggle', { period: t(periodLabels[filters.period]) })}
        {filtered ? <span class="filter-count">{t('filters.narrowed')}</span> : null}
      </button>
      <form
        id={formId}
        class="filter-bar"
        aria-label={t('filters.title')}
        onSubmit={(event) => event.preventDefault()}
      >
        <label class="field">
          <span>{t('filters.period')}</span>
          <select
            value={filters.period}
            onChange={(event) => choosePeriod(event.currentTarget.value as PeriodPreset)}
          >
            {periodPresets.map((period) => (
              <option key={period} value={period}>
                {t(periodLabels[period])}
              </option>
            ))}
          </select>
        </label>
        {filters.period === 'custom' ? <CustomDates filters={filters} /> : null}
        <label class="field">
          <span>{t('filters.timeZone')}</span>
          <select
            value={filters.timeZone}
            onChange={(event) => setFilters({ ...filters, timeZone: event.currentTarget.value })}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <ChoiceSelect
          label={t('filters.team')}
          allLabel={t('filters.allTeams')}
          options={lists.teams}
          selected={filters.teamId}
          onSelect={(teamId) => setFilters({ ...filters, teamId })}
        />
        <ChoiceSelect
          label={t('filters.agent')}
          allLabel={t('filters.allAgents')}
          options={agents}
          selected={filters.agentId}
          onSelect={(agentId) => setFilters({ ...filters, agentId })}
        />
        <ChoiceSelect
          label={t('filters.productLine')}
          allLabel={t('filters.allProductLines')}
          options={lists.productLines}
          selected={filters.productLineId}
          onSelect={(productLineId) => setFilters({ ...filters, productLineId })}
        />
        {filtered ? (
          <button
            type="button"
            class="button button-quiet filter-clear"
            onClick={() =>
              setFilters({ ...filters, teamId: null, agentId: null, productLineId: null })
            }
          >
            {t('filters.clear')}
          </button>
        ) : null}
      </form>
    </div>
  );
}

/**
 * Shows a list filter. It is left out while its list is unavailable, unless the URL selects a
 * value, which then stays shown so that it can be cleared.
 */
function ChoiceSelect(props: {
  label: string;
  allLabel: string;
  options: FilterOption[] | null;
  selected: string | null;
  onSelect(id: string | null): void;
}): JSX.Element | null {
  const { options, selected } = props;
  if (options === null && selected === null) {
    return null;
  }
  const listed = options ?? [];
  const unknownSelection = selected !== null && !listed.some((option) => option.id === selected);

  return (
    <label class="field">
      <span>{props.label}</span>
      <select
        value={selected ?? ''}
        onChange={(event) => props.onSelect(event.currentTarget.value || null)}
      >
        <option value="">{props.allLabel}</option>
        {unknownSelection ? <option value={selected}>{t('filters.unlisted')}</option> : null}
        {listed.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Returns the message for first and last days that form no valid period, or null. */
function rangeProblem(from: string, to: string): MessageKey | null {
  if (!isPlainDate(from) || !isPlainDate(to)) return null;
  if (from > to) return 'filters.badRange';
  if (rangeDays({ from, to: addDays(to, 1) }) > maxPeriodDays) return 'filters.tooLong';
  return null;
}

/** First and last day of a custom period; a change applies once both form a valid period. */
function CustomDates({ filters }: { filters: DashboardFilters }): JSX.Element {
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const errorId = useId();

  useEffect(() => {
    setFrom(filters.from ?? '');
    setTo(filters.to ?? '');
  }, [filters.from, filters.to]);

  const problem = rangeProblem(from, to);
  const invalid = problem !== null;

  const apply = (nextFrom: string, nextTo: string) => {
    if (isPlainDate(nextFrom) && isPlainDate(nextTo) && rangeProblem(nextFrom, nextTo) === null) {
      setFilters({ ...filters, period: 'custom', from: nextFrom, to: nextTo });
    }
  };

  return (
    <>
      <label class="field">
        <span>{t('filters.from')}</span>
        <input
          type="date"
          value={from}
          max={to || undefined}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          onChange={(event) => {
            setFrom(event.currentTarget.value);
            apply(event.currentTarget.value, to);
          }}
        />
      </label>
      <label class="field">
        <span>{t('filters.to')}</span>
        <input
          type="date"
          value={to}
          min={from || undefined}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          onChange={(event) => {
            setTo(event.currentTarget.value);
            apply(from, event.currentTarget.value);
          }}
        />
      </label>
      {problem !== null ? (
        <p id={errorId} class="filter-error" role="alert">
          {t(problem, { days: maxPeriodDays })}
        </p>
      ) : null}
    </>
  );
}
