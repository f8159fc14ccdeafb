import type { Annotation, AnnotationMessage } from '@lensdesk/protocol';
import { describe, expect, it } from 'vitest';
import type { CallClient } from '../shared/call-client';
import { AgentTools } from './agent-tools';

const author = 'agent:1';

function setup() {
  const sent: AnnotationMessage[] = [];
  const client = {
    request: async (event: string, payload: unknown) => {
      if (event === 'annotation:op') {
        sent.push(payload as AnnotationMessage);
      }
      return { ok: true };
    },
  } as unknown as CallClient;
  const tools = new AgentTools('session-1', author, () => client);
  return { tools, sent };
}

function circle(id: string, ageMs: number, fields: Partial<Annotation> = {}): Annotation {
  return {
    id,
    version: 1,
    author,
    color: 'red',
    pinned: false,
    createdAt: Date.now() - ageMs,
    type: 'circle',
    center: { x: 0.5, y: 0.5 },
    rx: 0.1,
    ry: 0.1,
    strokeWidth: 0.008,
    ...fields,
  } as Annotation;
}

function showState(tools: AgentTools, annotations: Annotation[]): void {
  tools.store.replace([{ surface: 'live', state: { annotations, seenOpIds: [] } }]);
}

describe('AgentTools.undo', () => {
  it('removes the newest visible shape of this agent, not a faded newer one', () => {
    const { tools, sent } = setup();
    showState(tools, [
      circle('visible', 1_000),
      circle('faded', 60_000),
      circle('customer', 1_000, { author: 'customer' }),
    ]);

    tools.undo();

    expect(sent).toHaveLength(1);
    expect(sent[0]?.op).toMatchObject({ type: 'remove', id: 'visible' });
    expect(tools.store.stateOf('live').annotations.map((each) => each.id)).toEqual([
      'faded',
      'customer',
    ]);
  });

  it('keeps a pinned shape undoable however old it is', () => {
    const { tools, sent } = setup();
    showState(tools, [circle('pinned', 600_000, { pinned: true }), circle('faded', 60_000)]);

    tools.undo();

    expect(sent[0]?.op).toMatchObject({ type: 'remove', id: 'pinned' });
  });

  it('does nothing when none of its shapes can be seen', () => {
    const { tools, sent } = setup();
    showState(tools, [circle('faded', 60_000), circle('customer', 1_000, { author: 'customer' })]);

    tools.undo();

    expect(sent).toEqual([]);
    expect(tools.store.stateOf('live').annotations).toHaveLength(2);
  });
});
