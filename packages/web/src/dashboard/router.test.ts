import { describe, expect, it } from 'vitest';
import { parseView } from './router';

describe('parseView', () => {
  it('reads the overview', () => {
    expect(parseView('/dashboard', '')).toEqual({ name: 'overview' });
    expect(parseView('/dashboard/', '?period=today')).toEqual({ name: 'overview' });
  });

  it('reads a drill-down with its filter and page', () => {
    expect(parseView('/dashboard/sessions', '?kpi=low_csat&page=3')).toEqual({
      name: 'sessions',
      filter: 'low_csat',
      page: 3,
    });
  });

  it('lists every session for an unknown filter', () => {
    expect(parseView('/dashboard/sessions', '?kpi=everything&page=0')).toEqual({
      name: 'sessions',
      filter: null,
      page: 1,
    });
  });

  it('reports other paths as not found', () => {
    expect(parseView('/dashboard/nothing', '')).toEqual({ name: 'not_found' });
  });
});
