import { signal } from '@preact/signals';

/** A console screen, parsed from the URL path. */
export type Route = { name: 'cases' } | { name: 'session'; id: string } | { name: 'not_found' };

/** Parses a console URL path; the server serves `console.html` for `/console` and below. */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '');
  if (path === '' || path === '/console') {
    return { name: 'cases' };
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
