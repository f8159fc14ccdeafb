import type { AnnotationOperation } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import { DrawingMachine } from './drawing';

function machine(): DrawingMachine {
  let next = 0;
  return new DrawingMachine({ author: 'agent:1', newId: () => `id-${++next}`, now: () => 1000 });
}

function types(ops: readonly AnnotationOperation[]): string[] {
  return ops.map((op) => op.type);
}

describe('DrawingMachine', () => {
  it('sends nothing for a click with the circle tool', () => {
    const drawing = machine();
    drawing.setTool('circle');
    drawing.press({ x: 0.5, y: 0.5 });
    expect(drawing.release({ x: 0.5, y: 0.5 })).toEqual([]);
  });

  it('adds a circle once, then updates it with growing versions', () => {
    const drawing = machine();
    drawing.setTool('circle');
    drawing.press({ x: 0.2, y: 0.2 });
    drawing.drag({ x: 0.4, y: 0.3 });
    const first = drawing.flush();
    drawing.drag({ x: 0.6, y: 0.6 });
    const second = drawing.flush();
    const last = drawing.release({ x: 0.8, y: 0.6 });

    expect(types(first)).toEqual(['add']);
    expect(types(second)).toEqual(['update']);
    expect(types(last)).toEqual(['update']);
    const add = first[0];
    if (add?.type !== 'add' || add.annotation.type !== 'circle') throw new Error('no circle');
    expect(add.annotation.center).toEqual({ x: 0.3, y: 0.25 });
    expect(add.annotation.author).toBe('agent:1');
    expect(second[0]).toMatchObject({ id: add.annotation.id, version: 2 });
    expect(last[0]).toMatchObject({ version: 3, patch: { center: { x: 0.5, y: 0.4 }, rx: 0.3 } });
  });

  it('coalesces moves between flushes into one update', () => {
    const drawing = machine();
    drawing.setTool('arrow');
    drawing.press({ x: 0.1, y: 0.1 });
    drawing.drag({ x: 0.2, y: 0.2 });
    drawing.flush();
    for (let step = 0; step < 10; step += 1) drawing.drag({ x: 0.3 + step / 100, y: 0.3 });

    const ops = drawing.flush();
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({
      type: 'update',
      version: 2,
      patch: { to: { x: 0.39, y: 0.3 } },
    });
    expect(drawing.flush()).toEqual([]);
  });

  it('clamps points to the protocol margin', () => {
    const drawing = machine();
    drawing.setTool('arrow');
    drawing.press({ x: 0.5, y: 0.5 });
    const [op] = drawing.release({ x: 3, y: -2 });
    expect(op).toMatchObject({ annotation: { to: { x: 1.5, y: -0.5 } } });
  });

  it('collects freehand points and skips tiny moves', () => {
    const drawing = machine();
    drawing.setTool('freehand');
    drawing.press({ x: 0.1, y: 0.1 });
    drawing.drag({ x: 0.1001, y: 0.1 });
    drawing.drag({ x: 0.2, y: 0.1 });
    drawing.drag({ x: 0.3, y: 0.2 });
    const [op] = drawing.release({ x: 0.3, y: 0.2 });
    if (op?.type !== 'add' || op.annotation.type !== 'freehand') throw new Error('no stroke');
    expect(op.annotation.points).toEqual([
      { x: 0.1, y: 0.1 },
      { x: 0.2, y: 0.1 },
      { x: 0.3, y: 0.2 },
    ]);
  });

  it('moves the pointer and removes it on leave', () => {
    const drawing = machine();
    drawing.hover({ x: 0.1, y: 0.1 });
    const added = drawing.flush();
    drawing.hover({ x: 0.2, y: 0.2 });
    drawing.hover({ x: 0.3, y: 0.3 });
    const moved = drawing.flush();
    const left = drawing.leave();

    expect(added[0]).toMatchObject({ type: 'add', annotation: { type: 'pointer' } });
    expect(moved).toEqual([
      expect.objectContaining({ type: 'update', version: 2, patch: { at: { x: 0.3, y: 0.3 } } }),
    ]);
    expect(left).toEqual([expect.objectContaining({ type: 'remove' })]);
    expect(drawing.leave()).toEqual([]);
  });

  it('asks for text and adds a trimmed label', () => {
    const drawing = machine();
    drawing.setTool('text');
    const pressed = drawing.press({ x: 0.4, y: 0.6 });
    expect(pressed).toEqual({ kind: 'text', at: { x: 0.4, y: 0.6 } });
    expect(drawing.placeText({ x: 0.4, y: 0.6 }, '   ')).toEqual([]);
    expect(drawing.placeText({ x: 0.4, y: 0.6 }, ' Reset ')).toEqual([
      expect.objectContaining({ annotation: expect.objectContaining({ text: 'Reset' }) }),
    ]);
  });

  it('removes a sent shape when cancelled', () => {
    const drawing = machine();
    drawing.setTool('circle');
    drawing.press({ x: 0.1, y: 0.1 });
    drawing.drag({ x: 0.3, y: 0.3 });
    const [add] = drawing.flush();
    const removed = drawing.cancel();
    expect(add?.type).toBe('add');
    expect(removed).toEqual([expect.objectContaining({ type: 'remove' })]);
    expect(drawing.drawing).toBe(false);
  });

  it('uses the style at creation time', () => {
    const drawing = machine();
    drawing.style = { color: 'blue', pinned: true, strokeWidth: 0.01 };
    drawing.setTool('arrow');
    drawing.press({ x: 0.1, y: 0.1 });
    const [op] = drawing.release({ x: 0.5, y: 0.5 });
    expect(op).toMatchObject({ annotation: { color: 'blue', pinned: true, strokeWidth: 0.01 } });
  });
});
