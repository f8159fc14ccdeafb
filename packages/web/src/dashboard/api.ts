import type {
  KpiQuery,
  KpiResponse,
  KpiSessionFilter,
  KpiSessionsResponse,
  ProductLine,
  Team,
  UserAccount,
} from '@lensdesk/protocol';
import { RequestError } from '../shared/errors';
import { requestJson } from '../shared/http';
import { kpiQueryParams } from './filters';

/** One choice of a filter list. */
export interface FilterOption {
  id: string;
  name: string;
}

/** Returns the KPIs of a period, with the previous period's totals and the grouped rows. */
export function fetchKpis(query: KpiQuery, signal?: AbortSignal): Promise<KpiResponse> {
  const init = signal === undefined ? {} : { signal };
  return requestJson<KpiResponse>(`/api/kpis?${kpiQueryParams(query).toString()}`, init);
}

/** Returns the URL of the CSV export of a KPI query. */
export function kpiCsvUrl(query: KpiQuery): string {
  return `/api/kpis.csv?${kpiQueryParams(query).toString()}`;
}

/** Rows of one page of the session drill-down. */
export const sessionsPageSize = 25;

function sessionsParams(query: KpiQuery, filter: KpiSessionFilter | null): URLSearchParams {
  const params = kpiQueryParams(query);
  params.delete('groupBy');
  if (filter !== null) params.set('kpi', filter);
  return params;
}

/** Returns one page of the sessions of a period that `filter` selects, newest first. */
export function fetchSessions(
  query: KpiQuery,
  filter: KpiSessionFilter | null,
  page: number,
  signal?: AbortSignal,
): Promise<KpiSessionsResponse> {
  const params = sessionsParams(query, filter);
  params.set('page', String(page));
  params.set('pageSize', String(sessionsPageSize));
  const init = signal === undefined ? {} : { signal };
  return requestJson<KpiSessionsResponse>(`/api/kpis/sessions?${params.toString()}`, init);
}

/** Returns the URL of the CSV export of every session that `filter` selects. */
export function sessionsCsvUrl(query: KpiQuery, filter: KpiSessionFilter | null): string {
  return `/api/kpis/sessions.csv?${sessionsParams(query, filter).toString()}`;
}

/**
 * Runs a request for a filter list and returns null when this server or this role cannot list
 * it (no such route yet, or the route is for admins), so the dashboard can do without the list.
 * Other failures are thrown.
 */
async function optionalList<T>(request: () => Promise<T>): Promise<T | null> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof RequestError && (error.status === 404 || error.code === 'FORBIDDEN')) {
      return null;
    }
    throw error;
  }
}

function byName(options: FilterOption[]): FilterOption[] {
  return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** Returns every console user, who may all take calls, or null when the list is unavailable. */
export async function listAgents(): Promise<FilterOption[] | null> {
  const body = await optionalList(() => requestJson<{ users: UserAccount[] }>('/api/users'));
  return body === null ? null : byName(body.users.map(({ id, name }) => ({ id, name })));
}

/** Returns the teams, or null when the list is unavailable. */
export async function listTeams(): Promise<FilterOption[] | null> {
  const body = await optionalList(() => requestJson<{ teams: Team[] }>('/api/teams'));
  return body === null ? null : byName(body.teams.map(({ id, name }) => ({ id, name })));
}

/** Returns the product lines, or null when the list is unavailable. */
export async function listProductLines(): Promise<FilterOption[] | null> {
  const body = await optionalList(() =>
    requestJson<{ productLines: ProductLine[] }>('/api/product-lines'),
  );
  return body === null ? null : byName(body.productLines.map(({ id, name }) => ({ id, name })));
}
