import { describe, expect, it } from 'vitest';
import { eventDetails } from './labels';

describe('eventDetails', () => {
  it('describes a status change', () => {
    expect(eventDetails({ data: { from: 'active', to: 'wrap_up' } })).toBe('Active → Wrap-up');
  });

  it('describes the time to the first frame', () => {
    expect(eventDetails({ data: { elapsedMs: 416.4 } })).toBe('First frame after 416 ms');
  });

  it('describes a camera switch', () => {
    expect(eventDetails({ data: { facingMode: 'user' } })).toBe('Now on the front camera');
  });

  it('joins several facts', () => {
    const data = { from: 'wrap_up', to: 'ended', disposition: 'dispatch', wrapUpMs: 1200 };
    expect(eventDetails({ data })).toBe('Wrap-up → Ended; Disposition: Technician dispatch');
  });

  it('skips unknown values', () => {
    expect(eventDetails({ data: { from: 'nowhere', to: 'ended', facingMode: 'left' } })).toBe('');
  });

  it('describes a read', () => {
    expect(eventDetails({ data: { topCandidate: '7K3Q-88217-LD', confidence: 0.9 } })).toBe(
      'Best match: 7K3Q-88217-LD',
    );
    expect(eventDetails({ data: { topCandidate: null } })).toBe('No serial number found');
  });

  it('describes a case update', () => {
    const data = { changes: { serialNumber: '7K3Q-88217-LD', modelNumber: null }, readId: 'r1' };
    expect(eventDetails({ data })).toBe(
      'Serial number: 7K3Q-88217-LD; Model number: cleared; confirmed from a read',
    );
  });
});
