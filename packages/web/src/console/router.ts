import { signal } from '@preact/signals';

/** A console screen, parsed from the URL path. */
export type Route =
  | { name: 'cases' }
  | { name: 'session'; id: string }
  | { name: 'queue' }
  | { name: 'live' }
  | { name: 'admin_product_lines' }
  | { name: 'admin_users' }
  | { name: 'admin_settings' }
  | { name: 'not_found' };

/** Screens with a fixed path, by path. */
const fixedRoutes: Record<string, Route> = {
  '/console/queue': { name: 'queue' },
  '/console/live': { name: 'live' },
  '/console/admin/product-lines': { name: 'admin_product_lines' },
  '/console/admin/users': { name: 'admin_users' },
  '/console/admin/settings': { name: 'admin_settings' },
};

/** Parses a console URL path; the server serves `console.html` for `/console` and below. */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '' || path === '/console') {
    return { name: 'cases' };
  }
  const fixed = fixedRoutes[path];
  if (fixed !== undefined) {
    return fixed;
  }
  const session = /^\/console\/sessions\/([^/]+)$/.exec(path);
  if (session?.[1] !== undefined) {
    return { name: 'session', id: decodeURIComponent(session[1]) };
  }
  return { name: 'not_found' };
}

export function sessionPath(id: string): string {
  return `/console/sessions/${encodeURIComponent(id)}`;
}

export const casesPath = '/console';
export const queuePath = '/console/queue';
export const livePath = '/console/live';
export const adminProductLinesPath = '/console/admin/product-lines';
export const adminUsersPath = '/console/admin/users';
export const adminSettingsPath = '/console/admin/settings';
/** The supervisors' dashboard: a separate page (`dashboard.html`), outside the console's routes. */
export const dashboardPath = '/dashboard';

/** Current route; changes on `navigate` and on the browser's back and forward buttons. */
export const route = signal<Route>({ name: 'cases' });

/** Pushes `path` onto the history and shows its screen without reloading the page. */
export function navigate(path: string): void {
  if (path !== location.pathname) {
    history.pushState(null, '', path);
  }
  route.value = parseRoute(path);
  window.scrollTo(0, 0);
}

/**
 * Click handler for links inside the console: plain left clicks navigate in place, while
 * modified clicks (new tab, new window) keep the browser's behaviour.
 */
export function followLink(event: MouseEvent): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  if (event.button !== 0 || modified || anchor.target === '_blank') {
    return;
  }
  event.preventDefault();
  navigate(anchor.pathname);
}

export function startRouter(): void {
  route.value = parseRoute(location.pathname);
  window.addEventListener('popstate', () => {
    route.value = parseRoute(location.pathname);
  });
}
