import { describe, expect, it } from 'vitest';
import {
  type SupportHours,
  isTimeZone,
  supportHoursSchema,
  supportHoursStatus,
} from './support-hours.js';

const berlinOffice: SupportHours = {
  timeZone: 'Europe/Berlin',
  days: {
    mon: [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ],
    tue: [['09:00', '17:00']],
    fri: [['09:00', '24:00']],
    sat: [['00:00', '02:00']],
  },
};

const status = (hours: SupportHours | null, iso: string) => {
  const result = supportHoursStatus(hours, new Date(iso));
  return { open: result.open, opensAt: result.opensAt?.toISOString() ?? null };
};

describe('isTimeZone', () => {
  it('accepts IANA names', () => {
    for (const zone of ['Europe/Berlin', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5']) {
      expect(isTimeZone(zone), zone).toBe(true);
    }
  });

  it('rejects unknown names and offsets', () => {
    for (const zone of ['Mars/Olympus', '+01:00', 'Europe/', '', 'europe berlin']) {
      expect(isTimeZone(zone), zone).toBe(false);
    }
  });
});

describe('supportHoursSchema', () => {
  it('accepts ranges up to 24:00', () => {
    expect(supportHoursSchema.safeParse(berlinOffice).success).toBe(true);
  });

  it('rejects overlapping ranges', () => {
    const result = supportHoursSchema.safeParse({
      timeZone: 'UTC',
      days: {
        mon: [
          ['13:00', '17:00'],
          ['09:00', '13:30'],
        ],
      },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'The ranges 09:00–13:30 and 13:00–17:00 overlap.',
    );
  });

  it('accepts ranges that touch', () => {
    const result = supportHoursSchema.safeParse({
      timeZone: 'UTC',
      days: {
        mon: [
          ['09:00', '13:00'],
          ['13:00', '17:00'],
        ],
      },
    });
    expect(result.success).toBe(true);
  });

  it('rejects empty and reversed ranges', () => {
    for (const range of [
      ['09:00', '09:00'],
      ['17:00', '09:00'],
      ['24:00', '24:00'],
    ]) {
      const result = supportHoursSchema.safeParse({ timeZone: 'UTC', days: { mon: [range] } });
      expect(result.success, range.join('-')).toBe(false);
    }
  });
});

describe('supportHoursStatus', () => {
  it('is always open without hours', () => {
    expect(status(null, '2026-03-01T03:00:00Z')).toEqual({ open: true, opensAt: null });
  });

  it('is open inside a range, in local time', () => {
    // Monday 2 March 2026, 09:00 in Berlin (UTC+1) is 08:00 UTC.
    expect(status(berlinOffice, '2026-03-02T08:00:00Z').open).toBe(true);
    expect(status(berlinOffice, '2026-03-02T07:59:59Z').open).toBe(false);
    expect(status(berlinOffice, '2026-03-02T15:59:59Z').open).toBe(true);
  });

  it('closes at the end of a range', () => {
    expect(status(berlinOffice, '2026-03-02T16:00:00Z')).toEqual({
      open: false,
      opensAt: '2026-03-03T08:00:00.000Z',
    });
  });

  it('opens after the lunch break', () => {
    expect(status(berlinOffice, '2026-03-02T11:30:00Z')).toEqual({
      open: false,
      opensAt: '2026-03-02T12:00:00.000Z',
    });
  });

  it('stays open across midnight', () => {
    // Friday 23:30 and Saturday 01:30 in Berlin.
    expect(status(berlinOffice, '2026-03-06T22:30:00Z').open).toBe(true);
    expect(status(berlinOffice, '2026-03-07T00:30:00Z').open).toBe(true);
  });

  it('finds the opening after a weekend', () => {
    // Saturday 12:00 in Berlin: next opening is Monday 09:00.
    expect(status(berlinOffice, '2026-03-07T11:00:00Z')).toEqual({
      open: false,
      opensAt: '2026-03-09T08:00:00.000Z',
    });
  });

  it('follows daylight saving time', () => {
    // Berlin moves to UTC+2 on Sunday 29 March 2026; Monday 09:00 is then 07:00 UTC.
    expect(status(berlinOffice, '2026-03-28T12:00:00Z').opensAt).toBe('2026-03-30T07:00:00.000Z');
    expect(status(berlinOffice, '2026-03-30T07:00:00Z').open).toBe(true);
  });

  it('finds the same weekday a week later', () => {
    const mondays: SupportHours = {
      timeZone: 'America/New_York',
      days: { mon: [['10:00', '11:00']] },
    };
    // Monday 2 March 2026 at 11:30 in New York (UTC-5).
    expect(status(mondays, '2026-03-02T16:30:00Z').opensAt).toBe('2026-03-09T14:00:00.000Z');
  });

  it('never opens without ranges', () => {
    const closed: SupportHours = { timeZone: 'UTC', days: { mon: [] } };
    expect(status(closed, '2026-03-02T10:00:00Z')).toEqual({ open: false, opensAt: null });
  });
});
