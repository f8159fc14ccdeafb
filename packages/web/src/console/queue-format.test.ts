import { describe, expect, it } from 'vitest';
import { elapsedSince, formatElapsed, secondsUntil } from './queue-format';

describe('formatElapsed', () => {
  it('shows minutes and seconds', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(59_999)).toBe('0:59');
    expect(formatElapsed(61_000)).toBe('1:01');
  });

  it('adds hours from an hour on', () => {
    expect(formatElapsed(3_600_000)).toBe('1:00:00');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
  });

  it('reads negative durations as zero', () => {
    expect(formatElapsed(-5_000)).toBe('0:00');
  });
});

describe('elapsedSince', () => {
  it('counts from an ISO time', () => {
    const since = '2025-03-03T10:00:00.000Z';
    expect(elapsedSince(since, Date.parse(since) + 95_000)).toBe('1:35');
  });
});

describe('secondsUntil', () => {
  it('rounds up and stops at zero', () => {
    const deadline = '2025-03-03T10:00:20.000Z';
    expect(secondsUntil(deadline, Date.parse(deadline) - 19_500)).toBe(20);
    expect(secondsUntil(deadline, Date.parse(deadline) + 1_000)).toBe(0);
  });
});
