import { describe, expect, it } from 'vitest';
import {
  addDays,
  effectiveGrouping,
  filtersToParams,
  isPlainDate,
  kpiQuery,
  parseFilters,
  resolveRange,
  startOfMonth,
  todayIn,
  type DashboardFilters,
} from './filters';

const agentId = '4f1c2b3a-1111-4222-8333-944455556666';

function filtersFor(overrides: Partial<DashboardFilters>): DashboardFilters {
  return { ...parseFilters('', 'UTC'), ...overrides };
}

describe('parseFilters', () => {
  it('defaults to the last 7 days in the fallback zone', () => {
    const filters = parseFilters('', 'Europe/Berlin');

    expect(filters.period).toBe('last_7_days');
    expect(filters.timeZone).toBe('Europe/Berlin');
    expect(filters.grouping).toBeNull();
    expect(filters.agentId).toBeNull();
  });

  it('reads every filter', () => {
    const filters = parseFilters(
      `?period=custom&from=2026-03-01&to=2026-03-31&tz=America/New_York&group=week&agent=${agentId}`,
      'UTC',
    );

    expect(filters).toEqual({
      period: 'custom',
      from: '2026-03-01',
      to: '2026-03-31',
      timeZone: 'America/New_York',
      grouping: 'week',
      teamId: null,
      agentId,
      productLineId: null,
    });
  });

  it('drops invalid values', () => {
    const filters = parseFilters('?period=forever&tz=Mars/Base&group=hour&team=42', 'UTC');

    expect(filters.period).toBe('last_7_days');
    expect(filters.timeZone).toBe('UTC');
    expect(filters.grouping).toBeNull();
    expect(filters.teamId).toBeNull();
  });

  it('rejects a custom period that ends before it starts', () => {
    const filters = parseFilters('?period=custom&from=2026-03-10&to=2026-03-01', 'UTC');

    expect(filters.period).toBe('last_7_days');
    expect(filters.from).toBeNull();
  });

  it('round-trips through the URL', () => {
    const filters = filtersFor({
      period: 'custom',
      from: '2026-01-05',
      to: '2026-02-04',
      timeZone: 'Asia/Kolkata',
      grouping: 'month',
      productLineId: agentId,
    });

    expect(parseFilters(`?${filtersToParams(filters).toString()}`, 'UTC')).toEqual(filters);
  });
});

describe('isPlainDate', () => {
  it('accepts real dates only', () => {
    expect(isPlainDate('2028-02-29')).toBe(true);
    expect(isPlainDate('2026-02-29')).toBe(false);
    expect(isPlainDate('2026-13-01')).toBe(false);
    expect(isPlainDate('2026-1-01')).toBe(false);
  });
});

describe('date arithmetic', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('finds the first day of a month', () => {
    expect(startOfMonth('2026-03-17')).toBe('2026-03-01');
    expect(startOfMonth('2026-01-17', -1)).toBe('2025-12-01');
  });

  it('reads today in the time zone', () => {
    const instant = new Date('2026-03-01T23:30:00Z');

    expect(todayIn('UTC', instant)).toBe('2026-03-01');
    expect(todayIn('Europe/Berlin', instant)).toBe('2026-03-02');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-03-01');
  });
});

describe('resolveRange', () => {
  // 10:00 in Berlin on Tuesday 17 March 2026.
  const now = new Date('2026-03-17T09:00:00Z');
  const berlin = (overrides: Partial<DashboardFilters>) =>
    filtersFor({ timeZone: 'Europe/Berlin', ...overrides });

  it('covers today', () => {
    expect(resolveRange(berlin({ period: 'today' }), now)).toEqual({
      from: '2026-03-17',
      to: '2026-03-18',
    });
  });

  it('covers the last 7 days with today', () => {
    expect(resolveRange(berlin({ period: 'last_7_days' }), now)).toEqual({
      from: '2026-03-11',
      to: '2026-03-18',
    });
  });

  it('covers this month up to today', () => {
    expect(resolveRange(berlin({ period: 'this_month' }), now)).toEqual({
      from: '2026-03-01',
      to: '2026-03-18',
    });
  });

  it('covers all of last month', () => {
    expect(resolveRange(berlin({ period: 'last_month' }), now)).toEqual({
      from: '2026-02-01',
      to: '2026-03-01',
    });
  });

  it('includes the last custom day', () => {
    const filters = berlin({ period: 'custom', from: '2026-01-01', to: '2026-01-31' });

    expect(resolveRange(filters, now)).toEqual({ from: '2026-01-01', to: '2026-02-01' });
  });

  it('uses the day of the chosen time zone', () => {
    const lateEvening = new Date('2026-03-17T23:30:00Z');

    expect(resolveRange(berlin({ period: 'today' }), lateEvening).from).toBe('2026-03-18');
    expect(resolveRange(filtersFor({ period: 'today' }), lateEvening).from).toBe('2026-03-17');
  });
});

describe('effectiveGrouping', () => {
  it('keeps a chosen grouping', () => {
    const filters = filtersFor({ grouping: 'month' });

    expect(effectiveGrouping(filters, { from: '2026-03-01', to: '2026-03-02' })).toBe('month');
  });

  it('picks one from the length of the period', () => {
    const filters = filtersFor({});

    expect(effectiveGrouping(filters, { from: '2026-03-01', to: '2026-04-01' })).toBe('day');
    expect(effectiveGrouping(filters, { from: '2026-01-01', to: '2026-04-01' })).toBe('week');
    expect(effectiveGrouping(filters, { from: '2025-01-01', to: '2026-01-01' })).toBe('month');
  });
});

describe('kpiQuery', () => {
  it('sends only the filters that are set', () => {
    const filters = filtersFor({ timeZone: 'Europe/Berlin', agentId });
    const query = kpiQuery(filters, { from: '2026-03-01', to: '2026-03-08' }, 'day');

    expect(query).toEqual({
      from: '2026-03-01',
      to: '2026-03-08',
      timeZone: 'Europe/Berlin',
      groupBy: 'day',
      agentId,
    });
  });
});
