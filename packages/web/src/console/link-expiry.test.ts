import { describe, expect, it } from 'vitest';
import { linkExpiredUnused, type ExpirySource } from './link-expiry';

const expiresAt = '2025-06-01T12:00:00.000Z';
const expiry = Date.parse(expiresAt);

function session(overrides: Partial<ExpirySource>): ExpirySource {
  return { status: 'waiting', expiresAt, startedAt: null, endedAt: null, ...overrides };
}

describe('linkExpiredUnused', () => {
  it('keeps a waiting session open before expiry', () => {
    expect(linkExpiredUnused(session({}), expiry - 1)).toBe(false);
  });

  it('expires a waiting session at expiry', () => {
    expect(linkExpiredUnused(session({}), expiry)).toBe(true);
    expect(linkExpiredUnused(session({}), expiry + 60_000)).toBe(true);
  });

  it('expires a session the sweep abandoned', () => {
    const swept = session({ status: 'abandoned', endedAt: '2025-06-01T12:00:30.000Z' });
    expect(linkExpiredUnused(swept, expiry + 120_000)).toBe(true);
  });

  it('ignores a session ended before expiry', () => {
    const ended = session({ status: 'abandoned', endedAt: '2025-06-01T11:00:00.000Z' });
    expect(linkExpiredUnused(ended, expiry + 120_000)).toBe(false);
  });

  it('ignores sessions whose call started', () => {
    const startedAt = '2025-06-01T11:30:00.000Z';
    const cases: ExpirySource[] = [
      session({ status: 'active', startedAt }),
      session({ status: 'wrap_up', startedAt, endedAt: '2025-06-01T12:30:00.000Z' }),
      session({ status: 'ended', startedAt, endedAt: '2025-06-01T12:30:00.000Z' }),
      session({ status: 'abandoned', startedAt, endedAt: '2025-06-01T12:30:00.000Z' }),
    ];
    for (const started of cases) {
      expect(linkExpiredUnused(started, expiry + 120_000), started.status).toBe(false);
    }
  });
});
