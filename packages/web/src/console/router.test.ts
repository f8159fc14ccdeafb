import { describe, expect, it } from 'vitest';
import { parseRoute, sessionPath } from './router';

describe('parseRoute', () => {
  it('maps the console root to the case list', () => {
    expect(parseRoute('/console')).toEqual({ name: 'cases' });
    expect(parseRoute('/console/')).toEqual({ name: 'cases' });
    expect(parseRoute('/')).toEqual({ name: 'cases' });
  });

  it('reads a session id', () => {
    const id = '5b0c1f0e-8d52-4d6e-9a49-1c1f7f0d2a11';
    expect(parseRoute(`/console/sessions/${id}`)).toEqual({ name: 'session', id });
  });

  it('rejects unknown paths', () => {
    expect(parseRoute('/console/unknown')).toEqual({ name: 'not_found' });
    expect(parseRoute('/console/sessions/a/b')).toEqual({ name: 'not_found' });
  });

  it('round-trips session paths', () => {
    expect(parseRoute(sessionPath('a b'))).toEqual({ name: 'session', id: 'a b' });
  });
});
