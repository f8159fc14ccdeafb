import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Annotation,
  annotationOperationSchema,
  annotationPatchSchema,
  annotationSchema,
  annotationSnapshotSchema,
  type AnnotationOperation,
  type AnnotationState,
  applyOperation,
  emptyAnnotationState,
  fadeOpacity,
  maxAnnotations,
  maxFreehandPoints,
  maxRememberedOperations,
  tryApplyOperation,
} from './annotations.js';
import { quantizeFramePoint } from './geometry.js';
import { maxSignalingMessageBytes } from './signaling.js';

const base = { version: 1, color: 'red', pinned: false, createdAt: 1_700_000_000_000 } as const;

function circle(id: string, author = 'agent', extra: Partial<Annotation> = {}): Annotation {
  return annotationSchema.parse({
    ...base,
    id,
    author,
    type: 'circle',
    center: { x: 0.5, y: 0.5 },
    rx: 0.1,
    ry: 0.2,
    strokeWidth: 0.008,
    ...extra,
  });
}

function pointer(id: string, author = 'agent'): Annotation {
  return annotationSchema.parse({ ...base, id, author, type: 'pointer', at: { x: 0.2, y: 0.3 } });
}

let opCounter = 0;
function op(input: Record<string, unknown>): AnnotationOperation {
  opCounter += 1;
  return annotationOperationSchema.parse({ opId: `op-${opCounter}`, ...input });
}

function applyAll(ops: readonly AnnotationOperation[], from = emptyAnnotationState) {
  return ops.reduce(applyOperation, from);
}

const ids = (state: AnnotationState) => state.annotations.map((annotation) => annotation.id);

describe('annotationSchema', () => {
  it('accepts every shape', () => {
    const shapes = [
      { type: 'pointer', at: { x: 0, y: 1 } },
      { type: 'circle', center: { x: 0.5, y: 0.5 }, rx: 0, ry: 1, strokeWidth: 0.001 },
      { type: 'arrow', from: { x: -0.5, y: 1.5 }, to: { x: 0.5, y: 0.5 }, strokeWidth: 0.05 },
      { type: 'freehand', points: [{ x: 0.1, y: 0.1 }], strokeWidth: 0.01 },
      { type: 'text', at: { x: 0.5, y: 0.5 }, text: 'USB-C port' },
    ];

    for (const shape of shapes) {
      const parsed = annotationSchema.safeParse({ ...base, id: 'a1', author: 'agent', ...shape });
      expect(parsed.success, shape.type).toBe(true);
    }
  });

  it('returns frozen values', () => {
    const parsed = circle('a1');

    expect(Object.isFrozen(parsed)).toBe(true);
    expect(parsed.type).toBe('circle');
    if (parsed.type === 'circle') expect(Object.isFrozen(parsed.center)).toBe(true);
  });

  it('rejects NaN and infinite coordinates', () => {
    for (const x of [Number.NaN, Infinity, -Infinity]) {
      expect(() =>
        circle('a1', 'agent', { center: { x, y: 0.5 } } as Partial<Annotation>),
      ).toThrow();
    }
  });

  it('rejects points beyond the margin', () => {
    const arrow = { ...base, id: 'a1', author: 'agent', type: 'arrow', strokeWidth: 0.01 };
    const inside = { x: 0.5, y: 0.5 };

    expect(
      annotationSchema.safeParse({ ...arrow, from: { x: -0.5, y: 1.5 }, to: inside }).success,
    ).toBe(true);
    expect(
      annotationSchema.safeParse({ ...arrow, from: { x: -0.51, y: 0 }, to: inside }).success,
    ).toBe(false);
    expect(
      annotationSchema.safeParse({ ...arrow, from: inside, to: { x: 0, y: 1.51 } }).success,
    ).toBe(false);
  });

  it('bounds freehand strokes', () => {
    const stroke = { ...base, id: 'a1', author: 'agent', type: 'freehand', strokeWidth: 0.01 };
    const points = (count: number) => Array.from({ length: count }, () => ({ x: 0.5, y: 0.5 }));

    expect(
      annotationSchema.safeParse({ ...stroke, points: points(maxFreehandPoints) }).success,
    ).toBe(true);
    expect(
      annotationSchema.safeParse({ ...stroke, points: points(maxFreehandPoints + 1) }).success,
    ).toBe(false);
    expect(annotationSchema.safeParse({ ...stroke, points: [] }).success).toBe(false);
  });

  it('rejects unknown shape types', () => {
    const parsed = annotationSchema.safeParse({
      ...base,
      id: 'a1',
      author: 'agent',
      type: 'rectangle',
    });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['type']);
  });

  it('bounds label text', () => {
    const label = { ...base, id: 'a1', author: 'agent', type: 'text', at: { x: 0.5, y: 0.5 } };

    expect(annotationSchema.safeParse({ ...label, text: 'x'.repeat(200) }).success).toBe(true);
    expect(annotationSchema.safeParse({ ...label, text: 'x'.repeat(201) }).success).toBe(false);
    expect(annotationSchema.safeParse({ ...label, text: '' }).success).toBe(false);
  });

  it('accepts palette names and hex colours only', () => {
    const check = (color: string) => annotationSchema.safeParse({ ...circle('a1'), color }).success;

    expect(check('yellow')).toBe(true);
    expect(check('#12AbEf')).toBe(true);
    expect(check('purple')).toBe(false);
    expect(check('#fff')).toBe(false);
    expect(check('rgb(0, 0, 0)')).toBe(false);
  });

  it('validates ids, versions and stroke widths', () => {
    const check = (extra: Record<string, unknown>) =>
      annotationSchema.safeParse({ ...circle('a1'), ...extra }).success;

    expect(check({ id: '' })).toBe(false);
    expect(check({ id: 'x'.repeat(65) })).toBe(false);
    expect(check({ id: 'has space' })).toBe(false);
    expect(check({ id: '3f2b8c1e-7d4a-4f7e-9a51-0c2d6e8b9f10' })).toBe(true);
    expect(check({ version: 0 })).toBe(false);
    expect(check({ version: 1.5 })).toBe(false);
    expect(check({ strokeWidth: 0 })).toBe(false);
    expect(check({ strokeWidth: 0.051 })).toBe(false);
    expect(check({ rx: -0.1 })).toBe(false);
  });
});

describe('annotationOperationSchema', () => {
  const update = { type: 'update', opId: 'o1', id: 'a1', version: 2 };

  it('rejects patches that change nothing or unknown fields', () => {
    expect(annotationOperationSchema.safeParse({ ...update, patch: {} }).success).toBe(false);
    expect(
      annotationOperationSchema.safeParse({ ...update, patch: { color: undefined } }).success,
    ).toBe(false);
    expect(
      annotationOperationSchema.safeParse({ ...update, patch: { type: 'arrow' } }).success,
    ).toBe(false);
    expect(annotationOperationSchema.safeParse({ ...update, patch: { id: 'a2' } }).success).toBe(
      false,
    );
    expect(annotationPatchSchema.safeParse({ pinned: true }).success).toBe(true);
  });

  it('requires an update version above the first', () => {
    expect(
      annotationOperationSchema.safeParse({ ...update, version: 1, patch: { pinned: true } })
        .success,
    ).toBe(false);
  });

  it('rejects unknown operation types', () => {
    expect(annotationOperationSchema.safeParse({ type: 'redo', opId: 'o1' }).success).toBe(false);
  });

  it('fits the largest stroke in one message', () => {
    // Worst case after rounding: every coordinate negative with four decimals.
    const points = Array.from({ length: maxFreehandPoints }, () =>
      quantizeFramePoint({ x: -0.123_44, y: -0.432_14 }),
    );
    const add = op({
      type: 'add',
      annotation: {
        ...base,
        id: 'stroke-with-a-long-identifier-0123456789',
        author: 'agent:0f8fad5b-d9cb-469f-a165-70867728950e',
        type: 'freehand',
        color: '#123456',
        points,
        strokeWidth: 0.008,
      },
    });

    expect(new TextEncoder().encode(JSON.stringify(add)).length).toBeLessThan(
      maxSignalingMessageBytes,
    );
  });
});

describe('applyOperation', () => {
  it('adds annotations on top', () => {
    const state = applyAll([
      op({ type: 'add', annotation: circle('a1') }),
      op({ type: 'add', annotation: circle('a2') }),
    ]);

    expect(ids(state)).toEqual(['a1', 'a2']);
    expect(state.seenOpIds).toHaveLength(2);
  });

  it('rejects an add with an existing id', () => {
    const state = applyAll([op({ type: 'add', annotation: circle('a1') })]);
    const result = tryApplyOperation(
      state,
      op({ type: 'add', annotation: circle('a1', 'customer') }),
    );

    expect(result).toEqual({ applied: false, reason: 'duplicate_id', state });
    expect(result.state).toBe(state);
  });

  it('merges an update in place', () => {
    const state = applyAll([
      op({ type: 'add', annotation: circle('a1') }),
      op({ type: 'add', annotation: circle('a2') }),
      op({ type: 'update', id: 'a1', version: 2, patch: { rx: 0.3, color: 'blue' } }),
    ]);

    expect(ids(state)).toEqual(['a1', 'a2']);
    expect(state.annotations[0]).toMatchObject({ version: 2, rx: 0.3, ry: 0.2, color: 'blue' });
  });

  it('skips versions but never goes back', () => {
    const added = applyAll([op({ type: 'add', annotation: circle('a1') })]);
    const jumped = applyOperation(
      added,
      op({ type: 'update', id: 'a1', version: 5, patch: { rx: 0.3 } }),
    );

    for (const version of [5, 4, 2]) {
      const stale = op({ type: 'update', id: 'a1', version, patch: { rx: 0.9 } });
      const result = tryApplyOperation(jumped, stale);
      expect(result).toEqual({ applied: false, reason: 'stale_version', state: jumped });
    }
    expect(jumped.annotations[0]).toMatchObject({ version: 5, rx: 0.3 });
  });

  it('rejects a patch for another shape', () => {
    const state = applyAll([op({ type: 'add', annotation: circle('a1') })]);
    const patch = op({ type: 'update', id: 'a1', version: 2, patch: { points: [{ x: 0, y: 0 }] } });

    expect(tryApplyOperation(state, patch)).toMatchObject({
      applied: false,
      reason: 'invalid_patch',
    });
  });

  it('ignores undefined patch fields', () => {
    const state = applyAll([op({ type: 'add', annotation: circle('a1') })]);
    const update = {
      type: 'update',
      opId: 'manual',
      id: 'a1',
      version: 2,
      patch: { rx: 0.4, color: undefined, points: undefined },
    } as const;
    const next = applyOperation(state, update);

    expect(next.annotations[0]).toMatchObject({ rx: 0.4, color: 'red', version: 2 });
    expect(Object.hasOwn(next.annotations[0] ?? {}, 'points')).toBe(false);
  });

  it('rejects updates and removals of unknown ids', () => {
    const update = op({ type: 'update', id: 'nope', version: 2, patch: { pinned: true } });

    expect(tryApplyOperation(emptyAnnotationState, update)).toMatchObject({ reason: 'not_found' });
    expect(
      tryApplyOperation(emptyAnnotationState, op({ type: 'remove', id: 'nope' })),
    ).toMatchObject({
      reason: 'not_found',
    });
  });

  it('removes one annotation', () => {
    const state = applyAll([
      op({ type: 'add', annotation: circle('a1') }),
      op({ type: 'add', annotation: circle('a2') }),
      op({ type: 'remove', id: 'a1' }),
    ]);

    expect(ids(state)).toEqual(['a2']);
  });

  it('clears pinned and unpinned annotations', () => {
    const state = applyAll([
      op({ type: 'add', annotation: circle('a1', 'agent', { pinned: true }) }),
      op({ type: 'add', annotation: circle('a2') }),
      op({ type: 'clear' }),
    ]);

    expect(state.annotations).toEqual([]);
  });

  it("undoes the sender's latest drawing", () => {
    const state = applyAll([
      op({ type: 'add', annotation: circle('agent-1', 'agent') }),
      op({ type: 'add', annotation: circle('agent-2', 'agent') }),
      op({ type: 'add', annotation: circle('customer-1', 'customer') }),
      op({ type: 'add', annotation: pointer('agent-pointer', 'agent') }),
      op({ type: 'undo', author: 'agent' }),
    ]);

    expect(ids(state)).toEqual(['agent-1', 'customer-1', 'agent-pointer']);

    const twice = applyOperation(state, op({ type: 'undo', author: 'agent' }));
    expect(ids(twice)).toEqual(['customer-1', 'agent-pointer']);

    const nothingLeft = tryApplyOperation(twice, op({ type: 'undo', author: 'agent' }));
    expect(nothingLeft).toMatchObject({ applied: false, reason: 'not_found' });
  });

  it('ignores a repeated operation', () => {
    const add = op({ type: 'add', annotation: circle('a1') });
    const clear = op({ type: 'clear' });
    const undo = op({ type: 'undo', author: 'agent' });

    const cleared = applyAll([add, clear]);
    const readded = applyOperation(cleared, op({ type: 'add', annotation: circle('a2') }));

    expect(tryApplyOperation(readded, add)).toEqual({
      applied: false,
      reason: 'duplicate_operation',
      state: readded,
    });
    expect(applyOperation(readded, clear)).toBe(readded);

    const undone = applyAll([op({ type: 'add', annotation: circle('a3') }), undo], readded);
    expect(ids(undone)).toEqual(['a2']);
    expect(applyOperation(undone, undo)).toBe(undone);
  });

  it('applies a rejected operation once its target arrives', () => {
    // Operations can arrive out of order when they travel over two channels.
    const early = op({ type: 'update', id: 'a1', version: 2, patch: { pinned: true } });
    const waiting = applyOperation(emptyAnnotationState, early);
    const added = applyOperation(waiting, op({ type: 'add', annotation: circle('a1') }));

    expect(waiting).toBe(emptyAnnotationState);
    expect(applyOperation(added, early).annotations[0]).toMatchObject({ pinned: true, version: 2 });
  });

  it('remembers a bounded number of operation ids', () => {
    let state = emptyAnnotationState;
    const first = op({ type: 'clear' });
    state = applyOperation(state, first);
    for (let i = 0; i < maxRememberedOperations; i += 1)
      state = applyOperation(state, op({ type: 'clear' }));

    expect(state.seenOpIds).toHaveLength(maxRememberedOperations);
    expect(state.seenOpIds).not.toContain(first.opId);
  });

  it('drops the oldest unpinned annotation when full', () => {
    const pinned = circle('pinned', 'agent', { pinned: true });
    const fillers = Array.from({ length: maxAnnotations - 1 }, (_, i) => circle(`fill-${i}`));
    const full = applyAll(
      [pinned, ...fillers].map((annotation) => op({ type: 'add', annotation })),
    );
    const next = applyOperation(full, op({ type: 'add', annotation: circle('new') }));

    expect(full.annotations).toHaveLength(maxAnnotations);
    expect(next.annotations).toHaveLength(maxAnnotations);
    expect(ids(next)[0]).toBe('pinned');
    expect(ids(next)).not.toContain('fill-0');
    expect(ids(next).at(-1)).toBe('new');
  });

  it('rejects an add when every annotation is pinned', () => {
    const all = Array.from({ length: maxAnnotations }, (_, i) =>
      circle(`p-${i}`, 'agent', { pinned: true }),
    );
    const full = applyAll(all.map((annotation) => op({ type: 'add', annotation })));
    const result = tryApplyOperation(full, op({ type: 'add', annotation: circle('new') }));

    expect(result).toMatchObject({ applied: false, reason: 'too_many_annotations' });
    expect(result.state).toBe(full);
  });
});

describe('annotationSnapshotSchema', () => {
  it('round-trips a state through JSON', () => {
    const state = applyAll([
      op({ type: 'add', annotation: circle('a1') }),
      op({ type: 'add', annotation: pointer('p1') }),
    ]);
    const joined = annotationSnapshotSchema.parse(JSON.parse(JSON.stringify(state)));

    expect(joined).toEqual(state);
    expect(applyOperation(joined, op({ type: 'remove', id: 'a1' })).annotations).toHaveLength(1);
  });

  it('rejects repeated annotation ids', () => {
    const snapshot = { annotations: [circle('a1'), circle('a1')], seenOpIds: [] };
    const parsed = annotationSnapshotSchema.safeParse(snapshot);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['annotations', 1, 'id']);
  });
});

describe('fadeOpacity', () => {
  it('fades unpinned annotations only', () => {
    expect(fadeOpacity({ pinned: false }, 0)).toBe(1);
    expect(fadeOpacity({ pinned: false }, 5000)).toBe(1);
    expect(fadeOpacity({ pinned: false }, 5500)).toBeCloseTo(0.5, 12);
    expect(fadeOpacity({ pinned: false }, 6000)).toBe(0);
    expect(fadeOpacity({ pinned: false }, 60_000)).toBe(0);
    expect(fadeOpacity({ pinned: true }, 60_000)).toBe(1);
  });
});

describe('applyOperation properties', () => {
  const annotationIds = ['a', 'b', 'c', 'd'];
  const authors = ['agent', 'customer'];
  const coordinate = fc.double({ min: -0.5, max: 1.5, noNaN: true });
  const point = fc.record({ x: coordinate, y: coordinate });
  const radius = fc.double({ min: 0, max: 1, noNaN: true });
  const strokeWidth = fc.double({ min: 0.001, max: 0.05, noNaN: true });

  const shape = fc.oneof(
    point.map((at) => ({ type: 'pointer', at })),
    fc
      .record({ center: point, rx: radius, ry: radius, strokeWidth })
      .map((fields) => ({ type: 'circle', ...fields })),
    fc
      .record({ from: point, to: point, strokeWidth })
      .map((fields) => ({ type: 'arrow', ...fields })),
    fc
      .record({ points: fc.array(point, { minLength: 1, maxLength: 5 }), strokeWidth })
      .map((fields) => ({ type: 'freehand', ...fields })),
    fc
      .string({ minLength: 1, maxLength: 20 })
      .map((text) => ({ type: 'text', at: { x: 0.5, y: 0.5 }, text })),
  );

  const annotation = fc
    .record({
      id: fc.constantFrom(...annotationIds),
      author: fc.constantFrom(...authors),
      version: fc.integer({ min: 1, max: 3 }),
      pinned: fc.boolean(),
      shape,
    })
    .map(({ shape: fields, ...rest }) => ({ ...rest, ...fields, color: 'green', createdAt: 0 }));

  const patch = fc.oneof(
    fc.record({ pinned: fc.boolean() }),
    fc.record({ color: fc.constantFrom('blue', '#00ff00') }),
    fc.record({ at: point }),
    fc.record({ rx: radius, strokeWidth }),
    fc.record({ points: fc.array(point, { minLength: 1, maxLength: 3 }) }),
  );

  const operationInput = fc.oneof(
    { arbitrary: annotation.map((value) => ({ type: 'add', annotation: value })), weight: 4 },
    {
      arbitrary: fc
        .record({
          id: fc.constantFrom(...annotationIds),
          version: fc.integer({ min: 2, max: 6 }),
          patch,
        })
        .map((fields) => ({ type: 'update', ...fields })),
      weight: 4,
    },
    {
      arbitrary: fc.constantFrom(...annotationIds).map((id) => ({ type: 'remove', id })),
      weight: 2,
    },
    { arbitrary: fc.constant({ type: 'clear' }), weight: 1 },
    {
      arbitrary: fc.constantFrom(...authors).map((author) => ({ type: 'undo', author })),
      weight: 2,
    },
  );

  const operations = fc
    .array(operationInput, { maxLength: 40 })
    .map((inputs) =>
      inputs.map((input, i) => annotationOperationSchema.parse({ ...input, opId: `op-${i}` })),
    );

  const runs = { numRuns: 300 };

  it('keeps every state valid', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        let state = emptyAnnotationState;
        for (const operation of ops) {
          state = applyOperation(state, operation);
          expect(annotationSnapshotSchema.safeParse(state).success).toBe(true);
        }
      }),
      runs,
    );
  });

  it('reaches equal states from equal operations', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        expect(applyAll(ops)).toEqual(applyAll(ops));
      }),
      runs,
    );
  });

  it('gives the same state when every operation arrives twice', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        const doubled = ops.flatMap((operation) => [operation, operation]);

        expect(applyAll(doubled)).toEqual(applyAll(ops));
      }),
      runs,
    );
  });

  it('ignores any later repeat of an applied operation', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        const final = applyAll(ops);

        for (const operation of ops) {
          if (final.seenOpIds.includes(operation.opId)) {
            expect(applyOperation(final, operation)).toBe(final);
          }
        }
      }),
      runs,
    );
  });

  it('never changes its inputs', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        const states: AnnotationState[] = [emptyAnnotationState];
        for (const operation of ops)
          states.push(applyOperation(states.at(-1) ?? emptyAnnotationState, operation));

        const copies = states.map((state) => structuredClone(state));
        for (const [i, operation] of ops.entries())
          applyOperation(states[i] ?? emptyAnnotationState, operation);

        expect(states).toEqual(copies);
        for (const state of states) {
          expect(Object.isFrozen(state)).toBe(true);
          expect(Object.isFrozen(state.annotations)).toBe(true);
          expect(state.annotations.every((value) => Object.isFrozen(value))).toBe(true);
        }
      }),
      runs,
    );
  });
});
