import { describe, expect, it } from 'vitest';
import { eventDetails, eventLabel } from './labels';

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

describe('eventLabel', () => {
  const annotation = (data: Record<string, unknown>) => eventLabel({ type: 'annotation', data });

  it('names the shape an annotation event drew', () => {
    expect(annotation({ op: 'add', shape: 'circle', pinned: false })).toBe('Circle drawn');
    expect(annotation({ op: 'add', shape: 'arrow' })).toBe('Arrow drawn');
    expect(annotation({ op: 'add', shape: 'freehand' })).toBe('Freehand line drawn');
    expect(annotation({ op: 'add', shape: 'text' })).toBe('Text label added');
    expect(annotation({ op: 'add', shape: 'hexagon' })).toBe('Annotation drawn');
  });

  it('names removals, clearing and undo', () => {
    expect(annotation({ op: 'remove', annotationId: 'a1' })).toBe('Annotation removed');
    expect(annotation({ op: 'clear' })).toBe('Annotations cleared');
    expect(annotation({ op: 'undo' })).toBe('Annotation undone');
  });

  it('falls back to a general label for unknown data', () => {
    expect(annotation({})).toBe('Annotation changed');
    expect(annotation({ op: 'update', version: 3 })).toBe('Annotation changed');
  });

  it('names other events by type', () => {
    expect(eventLabel({ type: 'snapshot', data: {} })).toBe('Snapshot taken');
  });
});
