import { describe, expect, it } from 'vitest';
import {
  compareValues,
  formatDuration,
  formatInstant,
  formatMinutes,
  formatPlainDate,
  formatRate,
  formatScore,
  formatValue,
} from './format';

describe('formatDuration', () => {
  it('shows tenths under ten seconds', () => {
    expect(formatDuration(3_420, 'en')).toBe('3.4s');
  });

  it('shows whole seconds under a minute', () => {
    expect(formatDuration(42_400, 'en')).toBe('42s');
  });

  it('shows minutes and seconds under an hour', () => {
    expect(formatDuration(400_000, 'en')).toBe('6m 40s');
    expect(formatDuration(59_700, 'en')).toBe('1m 0s');
  });

  it('shows hours and minutes beyond', () => {
    expect(formatDuration(3_900_000, 'en')).toBe('1h 5m');
  });
});

describe('value formats', () => {
  it('formats rates as percentages', () => {
    expect(formatRate(1, 'en')).toBe('100%');
    expect(formatRate(0.83333, 'en')).toBe('83.3%');
  });

  it('formats scores with one decimal', () => {
    expect(formatScore(5, 'en')).toBe('5.0');
    expect(formatScore(4.26, 'de')).toBe('4,3');
  });

  it('formats minutes', () => {
    expect(formatMinutes(7.5, 'en')).toBe('7.5 min');
    expect(formatMinutes(1234.4, 'en')).toBe('1,234 min');
  });

  it('shows a dash for a missing value', () => {
    expect(formatValue(null, 'rate', 'en')).toBe('—');
  });

  it('formats an instant in the time zone', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    // ICU versions differ in the space before AM and PM.
    const format = (iso: string, zone: string) =>
      formatInstant(iso, zone, now, 'en').replace(/\s/g, ' ');

    expect(format('2026-03-01T23:30:00Z', 'Europe/Berlin')).toBe('Mar 2, 12:30 AM');
    expect(format('2025-12-31T12:00:00Z', 'UTC')).toBe('Dec 31, 2025, 12:00 PM');
  });

  it('formats a date key without shifting the day', () => {
    expect(formatPlainDate('2026-03-01', { month: 'short', day: 'numeric' }, 'en')).toBe('Mar 1');
  });
});

describe('compareValues', () => {
  it('compares rates in percentage points', () => {
    const change = compareValues(0.8, 0.75, 'rate', 'higher', 'en');

    expect(change).toEqual({ direction: 'up', tone: 'good', magnitude: '5 pts' });
  });

  it('compares other values in percent', () => {
    const change = compareValues(90_000, 60_000, 'duration', 'lower', 'en');

    expect(change).toEqual({ direction: 'up', tone: 'bad', magnitude: '50%' });
  });

  it('shows small changes with a decimal', () => {
    const change = compareValues(4.1, 4.0, 'score', 'higher', 'en');

    expect(change?.magnitude).toBe('2.5%');
  });

  it('marks a falling rate that should fall as good', () => {
    const change = compareValues(0.1, 0.2, 'rate', 'lower', 'en');

    expect(change?.direction).toBe('down');
    expect(change?.tone).toBe('good');
  });

  it('keeps volumes neutral', () => {
    expect(compareValues(12, 10, 'count', 'neither', 'en')?.tone).toBe('neutral');
  });

  it('treats tiny changes as flat', () => {
    expect(compareValues(100.2, 100, 'count', 'neither', 'en')?.direction).toBe('flat');
    expect(compareValues(0.5003, 0.5, 'rate', 'higher', 'en')?.direction).toBe('flat');
  });

  it('cannot compare without both values', () => {
    expect(compareValues(1, null, 'count', 'neither', 'en')).toBeNull();
    expect(compareValues(null, 1, 'count', 'neither', 'en')).toBeNull();
  });

  it('cannot give a percentage from zero', () => {
    expect(compareValues(3, 0, 'count', 'neither', 'en')).toBeNull();
    expect(compareValues(0, 0, 'count', 'neither', 'en')?.direction).toBe('flat');
  });
});
