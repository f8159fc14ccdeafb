import type { CallState } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import { agentCallStatus } from './call-status';

function callState(overrides: Partial<CallState>): CallState {
  return {
    sessionId: 's1',
    status: 'waiting',
    agent: { name: 'Sam Agent', initials: 'SA' },
    customer: null,
    agentPresent: true,
    customerPresent: false,
    customerStarted: false,
    iceServers: [],
    ...overrides,
  };
}

describe('agentCallStatus', () => {
  it('joins before the first state', () => {
    expect(agentCallStatus('connecting', null, null)).toBe('joining');
  });

  it('waits for the customer', () => {
    expect(agentCallStatus('connected', callState({}), null)).toBe('waiting_customer');
  });

  it('reports the consent screen', () => {
    expect(agentCallStatus('connected', callState({ customerPresent: true }), null)).toBe(
      'consent',
    );
  });

  it('connects after the customer starts', () => {
    const state = callState({ customerPresent: true, customerStarted: true });
    expect(agentCallStatus('connected', state, 'connecting')).toBe('connecting');
    expect(agentCallStatus('connected', state, 'connected')).toBe('connected');
  });

  it('reconnects while the signaling is lost', () => {
    const state = callState({ customerPresent: true, customerStarted: true });
    expect(agentCallStatus('reconnecting', state, 'connected')).toBe('reconnecting');
    expect(agentCallStatus('reconnecting', callState({}), null)).toBe('reconnecting');
  });

  it('reports a customer who left', () => {
    const state = callState({ customerPresent: false, customerStarted: true });
    expect(agentCallStatus('connected', state, null)).toBe('customer_left');
  });
});
