import type { QueueEntry, QueueState } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import { ringingOfferFromQueue } from './console-socket';

function entry(overrides: Partial<QueueEntry> = {}): QueueEntry {
  return {
    sessionId: 's1',
    status: 'ringing',
    entry: 'qr',
    customerName: 'Dana',
    topic: 'Drum does not spin',
    serialNumber: null,
    modelNumber: null,
    productLine: { id: 'p1', name: 'Washers', slug: 'washers' },
    language: 'en',
    queuedAt: '2026-03-01T09:00:00.000Z',
    offeredTo: { id: 'u1', name: 'Alex' },
    ...overrides,
  };
}

function queueOf(...waiting: QueueEntry[]): QueueState {
  return { waiting, callbacks: [], agents: [], calls: [] };
}

describe('ringingOfferFromQueue', () => {
  it('rebuilds an offer ringing for the user', () => {
    const offer = ringingOfferFromQueue(queueOf(entry()), 's1', 'u1');

    expect(offer?.sessionId).toBe('s1');
    expect(offer?.customerName).toBe('Dana');
    expect(offer?.productLine).toEqual({ id: 'p1', name: 'Washers', slug: 'washers' });
    expect(offer?.expiresAt).toBeNull();
  });

  it('ignores an offer for another agent', () => {
    expect(ringingOfferFromQueue(queueOf(entry()), 's1', 'u2')).toBeNull();
  });

  it('ignores a session without an offer', () => {
    const waiting = entry({ status: 'waiting', offeredTo: null });
    expect(ringingOfferFromQueue(queueOf(waiting), 's1', 'u1')).toBeNull();
  });

  it('needs the session in the queue', () => {
    expect(ringingOfferFromQueue(queueOf(entry()), 's2', 'u1')).toBeNull();
    expect(ringingOfferFromQueue(null, 's1', 'u1')).toBeNull();
    expect(ringingOfferFromQueue(queueOf(entry()), null, 'u1')).toBeNull();
  });
});
