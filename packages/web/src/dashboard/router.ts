import {
  kpiDrillDown,
  kpiSessionFilters,
  type KpiName,
  type KpiSessionFilter,
} from '@lensdesk/protocol';
import { computed, signal } from '@preact/signals';
import { filtersToParams, parseFilters, type DashboardFilters } from './filters';

/**
 * A dashboard screen: the overview, or one page of the sessions that a drill-down filter selects
 * (null selects every session of the period).
 */
export type DashboardView =
  | { name: 'overview' }
  | { name: 'sessions'; filter: KpiSessionFilter | null; page: number }
  | { name: 'not_found' };

export const overviewPath = '/dashboard';
export const sessionsPath = '/dashboard/sessions';

/** Path and query of the page; changes on `navigate` and on the back and forward buttons. */
export const currentUrl = signal({ pathname: '/dashboard', search: '' });

/** Filters of the current URL. */
export const filters = computed(() => parseFilters(currentUrl.value.search));

/** Screen of the current URL. */
export const view = computed(() => parseView(currentUrl.value.pathname, currentUrl.value.search));

function isSessionFilter(value: string | null): value is KpiSessionFilter {
  return value !== null && (kpiSessionFilters as readonly string[]).includes(value);
}

/** Parses a dashboard path and query; the server serves `dashboard.html` for `/dashboard/*`. */
export function parseView(pathname: string, search: string): DashboardView {
  const path = pathname.replace(/\/+$/, '');
  if (path === overviewPath) {
    return { name: 'overview' };
  }
  if (path === sessionsPath) {
    const params = new URLSearchParams(search);
    const filter = params.get('kpi');
    const page = Number.parseInt(params.get('page') ?? '1', 10);
    return {
      name: 'sessions',
      filter: isSessionFilter(filter) ? filter : null,
      page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    };
  }
  return { name: 'not_found' };
}

/** Returns the URL of the overview with these filters. */
export function overviewUrl(current: DashboardFilters): string {
  return `${overviewPath}?${filtersToParams(current).toString()}`;
}

/** Returns the URL of one page of the sessions that `filter` selects, with these filters. */
export function sessionsUrl(
  current: DashboardFilters,
  filter: KpiSessionFilter | null,
  page = 1,
): string {
  const params = filtersToParams(current);
  if (filter !== null) params.set('kpi', filter);
  if (page > 1) params.set('page', String(page));
  return `${sessionsPath}?${params.toString()}`;
}

/** Returns the URL of the sessions behind a KPI's figure. */
export function drillDownUrl(current: DashboardFilters, kpi: KpiName): string {
  return sessionsUrl(current, kpiDrillDown[kpi]);
}

/**
 * Shows `url` without reloading the page. Filter changes replace the history entry, so the back
 * button leaves the dashboard instead of stepping through every filter; moving between screens
 * pushes one.
 */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  const target = new URL(url, location.href);
  if (target.pathname + target.search !== location.pathname + location.search) {
    if (options.replace === true) {
      history.replaceState(null, '', target.pathname + target.search);
    } else {
      history.pushState(null, '', target.pathname + target.search);
    }
  }
  const screenChanged = target.pathname !== currentUrl.value.pathname;
  currentUrl.value = { pathname: target.pathname, search: target.search };
  if (screenChanged) {
    window.scrollTo(0, 0);
  }
}

/** Replaces the filters in the URL, keeping the screen. */
export function setFilters(next: DashboardFilters): void {
  const params = filtersToParams(next);
  const current = view.value;
  if (current.name === 'sessions' && current.filter !== null) {
    // A new period or filter starts the list again at its first page.
    params.set('kpi', current.filter);
  }
  navigate(`${currentUrl.value.pathname}?${params.toString()}`, { replace: true });
}

/**
 * Click handler for links inside the dashboard: plain left clicks navigate in place, while
 * modified clicks (new tab, new window) keep the browser's behaviour.
 */
export function followLink(event: MouseEvent): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  if (event.button !== 0 || modified || anchor.target === '_blank') {
    return;
  }
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}

export function startRouter(): void {
  const update = () => {
    currentUrl.value = { pathname: location.pathname, search: location.search };
  };
  update();
  window.addEventListener('popstate', update);
}
