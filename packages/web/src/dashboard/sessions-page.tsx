import {
  kpiSessionFilters,
  surveyScales,
  type KpiSession,
  type KpiSessionFilter,
  type KpiSessionsResponse,
} from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { t, type MessageKey } from '../i18n';
import { dispositionLabel } from '../console/labels';
import { sessionPath } from '../console/router';
import { fetchSessions, sessionsCsvUrl, sessionsPageSize } from './api';
import { FilterBar } from './filter-bar';
import { kpiQuery, resolveRange, type DashboardFilters } from './filters';
import { formatCount, formatDuration, formatInstant } from './format';
import { PeriodSummary, RequestStatus } from './page-parts';
import {
  filters as currentFilters,
  followLink,
  navigate,
  overviewUrl,
  sessionsUrl,
} from './router';
import { useRequest } from './use-request';

/** Returns the heading of a drill-down filter, such as "Abandoned sessions". */
function filterLabel(filter: KpiSessionFilter | null): string {
  return t(`drill.filter.${filter ?? 'all'}` as MessageKey);
}

/** Lists the sessions behind a KPI figure, one page at a time, each linking to its case. */
export function SessionsPage({
  filter,
  page,
}: {
  filter: KpiSessionFilter | null;
  page: number;
}): JSX.Element {
  const filters = currentFilters.value;
  const range = resolveRange(filters, new Date());
  const query = kpiQuery(filters, range);
  const sessions = useRequest(JSON.stringify([query, filter, page]), (signal) =>
    fetchSessions(query, filter, page, signal),
  );

  return (
    <>
      <p class="back">
        <a href={overviewUrl(filters)} onClick={followLink}>
          {t('dashboard.backToOverview')}
        </a>
      </p>
      <div class="page-header dashboard-header">
        <div>
          <h1>{filterLabel(filter)}</h1>
          <PeriodSummary range={range} timeZone={filters.timeZone} />
        </div>
        <div class="page-actions">
          <a class="button" href={sessionsCsvUrl(query, filter)} download>
            {t('drill.export')}
          </a>
        </div>
      </div>
      <FilterBar filters={filters} range={range} />
      <label class="inline-field drill-filter">
        <span>{t('drill.show')}</span>
        <select
          value={filter ?? ''}
          onChange={(event) =>
            navigate(
              sessionsUrl(filters, (event.currentTarget.value || null) as KpiSessionFilter | null),
              { replace: true },
            )
          }
        >
          <option value="">{filterLabel(null)}</option>
          {kpiSessionFilters.map((option) => (
            <option key={option} value={option}>
              {filterLabel(option)}
            </option>
          ))}
        </select>
      </label>
      <RequestStatus loading={sessions.loading} error={sessions.error} onRetry={sessions.reload} />
      {sessions.data !== null ? (
        <div class={sessions.loading ? 'dashboard-body is-stale' : 'dashboard-body'}>
          <SessionList response={sessions.data} filters={filters} filter={filter} />
        </div>
      ) : null}
    </>
  );
}

function SessionList({
  response,
  filters,
  filter,
}: {
  response: KpiSessionsResponse;
  filters: DashboardFilters;
  filter: KpiSessionFilter | null;
}): JSX.Element {
  if (response.total === 0) {
    return <p class="empty">{t('drill.empty')}</p>;
  }
  return (
    <>
      <div class="table-wrap">
        <table class="drill-table">
          <caption class="visually-hidden">{filterLabel(filter)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('drill.requested')}</th>
              <th scope="col">{t('drill.customer')}</th>
              <th scope="col">{t('drill.agent')}</th>
              <th scope="col">{t('drill.productLine')}</th>
              <th scope="col">{t('drill.outcome')}</th>
              <th scope="col" class="numeric">
                {t('drill.timeToConnect')}
              </th>
              <th scope="col" class="numeric">
                {t('drill.handleTime')}
              </th>
              <th scope="col">{t('drill.survey')}</th>
              <th scope="col" class="numeric">
                {t('drill.snapshots')}
              </th>
              <th scope="col">
                <span class="visually-hidden">{t('drill.case')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {response.sessions.map((session) => (
              <SessionRow key={session.id} session={session} timeZone={filters.timeZone} />
            ))}
          </tbody>
        </table>
      </div>
      <Pagination response={response} filters={filters} filter={filter} />
    </>
  );
}

function SessionRow({ session, timeZone }: { session: KpiSession; timeZone: string }) {
  const requested = formatInstant(session.requestedAt, timeZone);
  const customer = session.customerName ?? t('cases.unnamed');
  const handleMs =
    session.talkMs === null && session.wrapUpMs === null
      ? null
      : (session.talkMs ?? 0) + (session.wrapUpMs ?? 0);
  const none = <span class="muted">{t('common.none')}</span>;

  return (
    <tr>
      <td data-label={t('drill.requested')}>
        <time dateTime={session.requestedAt}>{requested}</time>
      </td>
      <td data-label={t('drill.customer')}>
        {/* One wrapper per cell keeps the parts together where phones show rows as cards. */}
        <div>
          {session.customerName ?? <span class="muted">{t('cases.unnamed')}</span>}
          {session.serialNumber !== null ? (
            <span class="cell-note">{t('drill.serial', { serial: session.serialNumber })}</span>
          ) : null}
        </div>
      </td>
      <td data-label={t('drill.agent')}>{session.agent?.name ?? none}</td>
      <td data-label={t('drill.productLine')}>{session.productLine?.name ?? none}</td>
      <td data-label={t('drill.outcome')}>
        <Outcome session={session} />
      </td>
      <td data-label={t('drill.timeToConnect')} class="numeric">
        {session.timeToConnectMs === null ? none : formatDuration(session.timeToConnectMs)}
      </td>
      <td data-label={t('drill.handleTime')} class="numeric">
        {handleMs === null ? none : formatDuration(handleMs)}
      </td>
      <td data-label={t('drill.survey')}>
        <SurveyAnswers session={session} />
      </td>
      <td data-label={t('drill.snapshots')} class="numeric">
        {formatCount(session.snapshotCount)}
      </td>
      <td class="cell-action">
        <a href={sessionPath(session.id)} aria-label={t('drill.openCase', { customer, requested })}>
          {t('drill.openCaseShort')}
        </a>
      </td>
    </tr>
  );
}

function Outcome({ session }: { session: KpiSession }): JSX.Element {
  if (session.abandoned) {
    return <span>{t('drill.abandoned')}</span>;
  }
  if (session.disposition === null) {
    return <span class="muted">{t(`status.${session.status}`)}</span>;
  }
  return (
    <div>
      <span>{dispositionLabel(session.disposition)}</span>
      {session.firstContactResolved !== null ? (
        <span class="cell-note">
          {session.firstContactResolved ? t('drill.fcrYes') : t('drill.fcrNo')}
        </span>
      ) : null}
    </div>
  );
}

function SurveyAnswers({ session }: { session: KpiSession }): JSX.Element {
  const { survey } = session;
  if (survey === null) {
    return (
      <span class="muted">
        {session.surveyOffered ? t('drill.surveyUnanswered') : t('drill.surveyNotOffered')}
      </span>
    );
  }
  const answers: [MessageKey, number | null, number][] = [
    ['drill.answer.csat', survey.csat, surveyScales.csat.max],
    ['drill.answer.empathy', survey.empathy, surveyScales.empathy.max],
    ['drill.answer.ces', survey.ces, surveyScales.ces.max],
  ];
  return (
    <ul class="survey-answers">
      {answers.map(([key, value, max]) => (
        <li key={key}>
          {t(key, {
            value: value === null ? t('drill.answer.skipped') : formatCount(value),
            max: formatCount(max),
          })}
        </li>
      ))}
    </ul>
  );
}

function Pagination({
  response,
  filters,
  filter,
}: {
  response: KpiSessionsResponse;
  filters: DashboardFilters;
  filter: KpiSessionFilter | null;
}): JSX.Element {
  const pageSize = response.pageSize || sessionsPageSize;
  const pages = Math.max(1, Math.ceil(response.total / pageSize));
  const first = (response.page - 1) * pageSize + 1;
  const last = Math.min(response.total, first + response.sessions.length - 1);

  return (
    <nav class="pagination" aria-label={t('drill.pages')}>
      <p class="muted">
        {t('drill.range', {
          first: formatCount(first),
          last: formatCount(last),
          total: formatCount(response.total),
        })}
      </p>
      <div class="pagination-links">
        {response.page > 1 ? (
          <a
            class="button"
            href={sessionsUrl(filters, filter, response.page - 1)}
            onClick={followLink}
          >
            {t('drill.previous')}
          </a>
        ) : null}
        <span>
          {t('drill.pageOf', { page: formatCount(response.page), pages: formatCount(pages) })}
        </span>
        {response.page < pages ? (
          <a
            class="button"
            href={sessionsUrl(filters, filter, response.page + 1)}
            onClick={followLink}
          >
            {t('drill.next')}
          </a>
        ) : null}
      </div>
    </nav>
  );
}
