import type { Annotation } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import { AnnotationStore } from './store';

/** A store on a fake clock: `clock.mono` is the page's clock, `clock.epoch` the wall clock. */
function setup() {
  const clock = { mono: 100_000, epoch: 1_700_000_000_000 };
  const store = new AnnotationStore(
    () => clock.mono,
    () => clock.epoch,
  );
  return { clock, store };
}

function circle(id: string, fields: Partial<Annotation> = {}): Annotation {
  return {
    id,
    version: 1,
    author: 'agent:1',
    color: 'red',
    pinned: false,
    createdAt: 1_700_000_000_000,
    type: 'circle',
    center: { x: 0.5, y: 0.5 },
    rx: 0.1,
    ry: 0.1,
    strokeWidth: 0.008,
    ...fields,
  } as Annotation;
}

function add(store: AnnotationStore, annotation: Annotation, surface = 'live'): void {
  store.apply({ surface, op: { type: 'add', opId: `op-${annotation.id}`, annotation } });
}

function replaceWith(store: AnnotationStore, annotations: Annotation[]): void {
  store.replace([{ surface: 'live', state: { annotations, seenOpIds: [] } }]);
}

describe('AnnotationStore.replace', () => {
  it('keeps an old unpinned annotation it never saw faded', () => {
    const { clock, store } = setup();
    replaceWith(store, [circle('old', { createdAt: clock.epoch - 60_000 })]);

    const annotation = store.stateOf('live').annotations[0]!;
    expect(store.opacityOf('live', annotation)).toBe(0);
  });

  it('shows a recent annotation it never saw for the rest of its fade delay', () => {
    const { clock, store } = setup();
    replaceWith(store, [circle('recent', { createdAt: clock.epoch - 2_000 })]);

    const annotation = store.stateOf('live').annotations[0]!;
    expect(store.opacityOf('live', annotation)).toBe(1);
    clock.mono += 5_999;
    expect(store.opacityOf('live', annotation)).toBe(1);
    clock.mono += 1_001;
    expect(store.opacityOf('live', annotation)).toBe(0);
  });

  it('counts a creation time ahead of this clock as now', () => {
    const { clock, store } = setup();
    replaceWith(store, [circle('ahead', { createdAt: clock.epoch + 30_000 })]);

    const annotation = store.stateOf('live').annotations[0]!;
    clock.mono += 7_999;
    expect(store.opacityOf('live', annotation)).toBe(1);
    clock.mono += 1_001;
    expect(store.opacityOf('live', annotation)).toBe(0);
  });

  it('keeps the time of an annotation it already knew', () => {
    const { clock, store } = setup();
    const known = circle('known', { createdAt: clock.epoch - 60_000 });
    add(store, known);
    clock.mono += 3_000;
    replaceWith(store, [known]);

    expect(store.opacityOf('live', known)).toBe(1);
    clock.mono += 5_001;
    expect(store.opacityOf('live', known)).toBeLessThan(1);
  });
});

describe('AnnotationStore.latestVisible', () => {
  it('skips faded shapes and returns the newest visible one of the author', () => {
    const { clock, store } = setup();
    add(store, circle('pinned', { pinned: true }));
    add(store, circle('first'));
    clock.mono += 20_000;
    add(store, circle('other', { author: 'customer' }));

    expect(store.latestVisible('live', 'agent:1')?.id).toBe('pinned');
    add(store, circle('second'));
    expect(store.latestVisible('live', 'agent:1')?.id).toBe('second');
  });

  it('returns null when every shape of the author has faded', () => {
    const { clock, store } = setup();
    add(store, circle('first'));
    clock.mono += 20_000;

    expect(store.latestVisible('live', 'agent:1')).toBeNull();
    expect(store.latestVisible('snap-1', 'agent:1')).toBeNull();
  });

  it('never picks the pointer', () => {
    const { store } = setup();
    const { id, version, author, color, pinned, createdAt } = circle('pointer');
    const at = { x: 0.1, y: 0.1 };
    add(store, { id, version, author, color, pinned, createdAt, type: 'pointer', at });

    expect(store.latestVisible('live', 'agent:1')).toBeNull();
  });
});
