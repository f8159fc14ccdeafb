import type { CallState } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import {
  customerCallStatus,
  customerRoute,
  entryParams,
  isJoinable,
  openingDay,
  parseJoinCode,
  problemAction,
  problemForCloseReason,
  problemForErrorCode,
  problemForLinkError,
  sessionPathOf,
  tokenFromPath,
  waitEstimate,
} from './state';

function callState(overrides: Partial<CallState> = {}): CallState {
  return {
    sessionId: 's1',
    status: 'waiting',
    agent: null,
    customer: null,
    agentPresent: false,
    customerPresent: true,
    customerStarted: false,
    iceServers: [],
    ...overrides,
  };
}

describe('tokenFromPath', () => {
  it('reads the token', () => {
    expect(tokenFromPath('/s/abcDEF123_-xyz')).toBe('abcDEF123_-xyz');
  });

  it('accepts a trailing slash', () => {
    expect(tokenFromPath('/s/abc/')).toBe('abc');
  });

  it('rejects other paths', () => {
    expect(tokenFromPath('/s/')).toBeNull();
    expect(tokenFromPath('/console')).toBeNull();
    expect(tokenFromPath('/s/a/b')).toBeNull();
  });

  it('rejects malformed escapes', () => {
    expect(tokenFromPath('/s/%E0%A4%A')).toBeNull();
  });
});

describe('problemForErrorCode', () => {
  it.each([
    ['LINK_INVALID', 'link_invalid'],
    ['LINK_EXPIRED', 'link_expired'],
    ['SESSION_ENDED', 'session_ended'],
    ['CUSTOMER_ALREADY_CONNECTED', 'already_connected'],
    ['NETWORK_FAILED', 'unreachable'],
    ['TIMEOUT', 'unreachable'],
    ['INTERNAL', 'service_error'],
    ['RATE_LIMITED', 'service_error'],
  ] as const)('maps %s to %s', (code, problem) => {
    expect(problemForErrorCode(code)).toBe(problem);
  });
});

describe('problemForLinkError', () => {
  it.each([
    ['VALIDATION_FAILED', 'link_invalid'],
    ['LINK_INVALID', 'link_invalid'],
    ['LINK_EXPIRED', 'link_expired'],
    ['SESSION_ENDED', 'session_ended'],
    ['NETWORK_FAILED', 'unreachable'],
    ['TIMEOUT', 'unreachable'],
    ['INTERNAL', 'service_error'],
  ] as const)('maps %s to %s', (code, problem) => {
    expect(problemForLinkError(code)).toBe(problem);
  });
});

describe('problemForCloseReason', () => {
  it.each([
    ['ended_by_agent', 'ended_by_agent'],
    ['ended_by_customer', 'ended_by_customer'],
    ['replaced', 'replaced'],
    ['expired', 'link_expired'],
  ] as const)('maps %s to %s', (reason, problem) => {
    expect(problemForCloseReason(reason)).toBe(problem);
  });
});

describe('problemAction', () => {
  it('retries the camera for media problems', () => {
    expect(problemAction('permission_denied')).toBe('start_camera');
    expect(problemAction('camera_busy')).toBe('start_camera');
  });

  it('reloads for connection problems', () => {
    expect(problemAction('already_connected')).toBe('reload');
    expect(problemAction('unreachable')).toBe('reload');
    expect(problemAction('service_error')).toBe('reload');
  });

  it('offers nothing for final screens', () => {
    expect(problemAction('no_camera')).toBeNull();
    expect(problemAction('link_expired')).toBeNull();
    expect(problemAction('ended_by_agent')).toBeNull();
  });
});

describe('isJoinable', () => {
  it('accepts open sessions only', () => {
    expect(isJoinable('waiting')).toBe(true);
    expect(isJoinable('active')).toBe(true);
    expect(isJoinable('wrap_up')).toBe(false);
    expect(isJoinable('ended')).toBe(false);
  });
});

describe('customerCallStatus', () => {
  it('waits for the agent', () => {
    expect(customerCallStatus('connected', callState(), null)).toBe('waiting_agent');
  });

  it('connects once the agent is present', () => {
    const state = callState({ agentPresent: true, customerStarted: true });
    expect(customerCallStatus('connected', state, 'connecting')).toBe('connecting');
  });

  it('is connected when media flows', () => {
    const state = callState({ agentPresent: true, customerStarted: true });
    expect(customerCallStatus('connected', state, 'connected')).toBe('connected');
  });

  it('reconnects while the signaling is lost', () => {
    const state = callState({ agentPresent: true, customerStarted: true });
    expect(customerCallStatus('reconnecting', state, 'connected')).toBe('reconnecting');
    expect(customerCallStatus('reconnecting', state, null)).toBe('reconnecting');
    expect(customerCallStatus('reconnecting', null, null)).toBe('reconnecting');
  });

  it('connects before the first call state', () => {
    expect(customerCallStatus('connecting', null, null)).toBe('connecting');
  });
});

describe('customerRoute', () => {
  it('reads a session link', () => {
    expect(customerRoute('/s/abc123')).toEqual({ kind: 'session', token: 'abc123' });
  });

  it('reads a support page', () => {
    expect(customerRoute('/p/washers')).toEqual({ kind: 'entry', slug: 'washers' });
    expect(customerRoute('/p/washers/')).toEqual({ kind: 'entry', slug: 'washers' });
  });

  it('reads the code entry', () => {
    expect(customerRoute('/join')).toEqual({ kind: 'join' });
    expect(customerRoute('/join/')).toEqual({ kind: 'join' });
  });

  it('treats other paths as a broken link', () => {
    expect(customerRoute('/p/')).toEqual({ kind: 'session', token: null });
    expect(customerRoute('/p/a/b')).toEqual({ kind: 'session', token: null });
    expect(customerRoute('/joined')).toEqual({ kind: 'session', token: null });
    expect(customerRoute('/p/%E0%A4%A')).toEqual({ kind: 'session', token: null });
  });

  it('round-trips a session path', () => {
    expect(customerRoute(sessionPathOf('a/b c'))).toEqual({ kind: 'session', token: 'a/b c' });
  });
});

describe('entryParams', () => {
  it('defaults to a QR code entry', () => {
    expect(entryParams('')).toEqual({ entry: 'qr' });
  });

  it('reads device details and the widget entry', () => {
    expect(entryParams('?serial=SN%201&model=WM-9&entry=widget')).toEqual({
      entry: 'widget',
      serialNumber: 'SN 1',
      modelNumber: 'WM-9',
    });
  });

  it('drops empty and overlong values', () => {
    expect(entryParams(`?serial=%20&model=${'x'.repeat(81)}&entry=other`)).toEqual({
      entry: 'qr',
    });
  });
});

describe('parseJoinCode', () => {
  it('accepts six digits', () => {
    expect(parseJoinCode('123456')).toBe('123456');
  });

  it('accepts spaces and dashes between digits', () => {
    expect(parseJoinCode('123 456')).toBe('123456');
    expect(parseJoinCode(' 123-456 ')).toBe('123456');
  });

  it('rejects other input', () => {
    expect(parseJoinCode('12345')).toBeNull();
    expect(parseJoinCode('1234567')).toBeNull();
    expect(parseJoinCode('12345a')).toBeNull();
    expect(parseJoinCode('')).toBeNull();
  });
});

describe('waitEstimate', () => {
  it('is unknown without an estimate', () => {
    expect(waitEstimate(null)).toEqual({ kind: 'unknown' });
  });

  it('says under a minute below 60 seconds', () => {
    expect(waitEstimate(0)).toEqual({ kind: 'under_minute' });
    expect(waitEstimate(59)).toEqual({ kind: 'under_minute' });
  });

  it('rounds minutes up', () => {
    expect(waitEstimate(60)).toEqual({ kind: 'minutes', minutes: 1 });
    expect(waitEstimate(61)).toEqual({ kind: 'minutes', minutes: 2 });
    expect(waitEstimate(600)).toEqual({ kind: 'minutes', minutes: 10 });
  });
});

describe('openingDay', () => {
  const now = new Date(2025, 2, 3, 20, 0);

  it('finds today', () => {
    expect(openingDay(new Date(2025, 2, 3, 21, 0), now)).toBe('today');
  });

  it('finds tomorrow', () => {
    expect(openingDay(new Date(2025, 2, 4, 9, 0), now)).toBe('tomorrow');
  });

  it('finds later days', () => {
    expect(openingDay(new Date(2025, 2, 5, 9, 0), now)).toBe('later');
  });

  it('crosses a month end', () => {
    expect(openingDay(new Date(2025, 3, 1, 9, 0), new Date(2025, 2, 31, 18, 0))).toBe('tomorrow');
  });
});

describe('problemForErrorCode entry', () => {
  it('maps an unknown product line', () => {
    expect(problemForErrorCode('PRODUCT_LINE_NOT_FOUND')).toBe('page_not_found');
  });
});
