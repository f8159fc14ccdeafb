import { annotationMessageSchema } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import { parseAnnotationMessage } from './message-check';

const base = { id: 'a1', version: 1, author: 'agent:1', color: 'red', pinned: false, createdAt: 5 };
const surface = '7d3c4b6e-2f7a-4c1e-9a57-0f7c1b2e3d4a';

const samples: unknown[] = [
  { surface: 'live', op: { type: 'clear', opId: 'o1' } },
  { surface, op: { type: 'undo', opId: 'o1', author: 'agent:1' } },
  { surface: 'live', op: { type: 'remove', opId: 'o1', id: 'a1' } },
  {
    surface: 'live',
    op: {
      type: 'add',
      opId: 'o1',
      annotation: { ...base, type: 'pointer', at: { x: 0.1, y: 1.5 } },
    },
  },
  {
    surface: 'live',
    op: {
      type: 'add',
      opId: 'o1',
      annotation: {
        ...base,
        type: 'circle',
        center: { x: 0.5, y: 0.5 },
        rx: 0.2,
        ry: 0.1,
        strokeWidth: 0.008,
      },
    },
  },
  {
    surface: 'live',
    op: {
      type: 'add',
      opId: 'o1',
      annotation: {
        ...base,
        type: 'arrow',
        from: { x: 0, y: 0 },
        to: { x: 1, y: 1 },
        strokeWidth: 0.01,
      },
    },
  },
  {
    surface: 'live',
    op: {
      type: 'add',
      opId: 'o1',
      annotation: { ...base, type: 'freehand', points: [{ x: 0, y: 0 }], strokeWidth: 0.01 },
    },
  },
  {
    surface: 'live',
    op: {
      type: 'add',
      opId: 'o1',
      annotation: { ...base, type: 'text', at: { x: 0, y: 0 }, text: 'Hi', color: '#00ff00' },
    },
  },
  {
    surface: 'live',
    op: { type: 'update', opId: 'o1', id: 'a1', version: 2, patch: { at: { x: 0.2, y: 0.2 } } },
  },
  // Invalid ones.
  null,
  { surface: 'frozen', op: { type: 'clear', opId: 'o1' } },
  { surface: 'live', op: { type: 'clear', opId: 'bad id!' } },
  { surface: 'live', op: { type: 'explode', opId: 'o1' } },
  {
    surface: 'live',
    op: { type: 'add', opId: 'o1', annotation: { ...base, type: 'pointer', at: { x: 2, y: 0 } } },
  },
  {
    surface: 'live',
    op: {
      type: 'add',
      opId: 'o1',
      annotation: { ...base, type: 'pointer', at: { x: Number.NaN, y: 0 } },
    },
  },
  {
    surface: 'live',
    op: {
      type: 'add',
      opId: 'o1',
      annotation: {
        ...base,
        type: 'circle',
        center: { x: 0.5, y: 0.5 },
        rx: 2,
        ry: 0.1,
        strokeWidth: 0.008,
      },
    },
  },
  {
    surface: 'live',
    op: {
      type: 'add',
      opId: 'o1',
      annotation: { ...base, type: 'text', at: { x: 0, y: 0 }, text: '' },
    },
  },
  {
    surface: 'live',
    op: {
      type: 'add',
      opId: 'o1',
      annotation: { ...base, color: 'pink', type: 'pointer', at: { x: 0, y: 0 } },
    },
  },
  {
    surface: 'live',
    op: {
      type: 'add',
      opId: 'o1',
      annotation: { ...base, version: 0, type: 'pointer', at: { x: 0, y: 0 } },
    },
  },
  {
    surface: 'live',
    op: { type: 'update', opId: 'o1', id: 'a1', version: 1, patch: { at: { x: 0.2, y: 0.2 } } },
  },
  { surface: 'live', op: { type: 'update', opId: 'o1', id: 'a1', version: 2, patch: {} } },
  { surface: 'live', op: { type: 'update', opId: 'o1', id: 'a1', version: 2, patch: { size: 3 } } },
  {
    surface: 'live',
    op: {
      type: 'add',
      opId: 'o1',
      annotation: { ...base, type: 'freehand', points: [], strokeWidth: 0.01 },
    },
  },
];

describe('parseAnnotationMessage', () => {
  it.each(samples.map((sample, index) => [index, sample]))(
    'agrees with the protocol schema on sample %i',
    (_index, sample) => {
      const expected = annotationMessageSchema.safeParse(sample).success;
      expect(parseAnnotationMessage(sample) !== null).toBe(expected);
    },
  );
});
