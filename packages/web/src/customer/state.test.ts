import type { CallState } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import {
  customerCallStatus,
  isJoinable,
  problemAction,
  problemForCloseReason,
  problemForErrorCode,
  problemForLinkError,
  tokenFromPath,
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
