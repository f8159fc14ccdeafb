import { annotationMessageSchema, type AnnotationMessage } from '@lensdesk/protocol';
import { describe, expect, it, vi } from 'vitest';
import { AnnotationStore } from './store';
import { AnnotationTransport, type DataChannelLike } from './transport';

class FakeChannel extends EventTarget implements DataChannelLike {
  readyState: RTCDataChannelState = 'connecting';
  readonly sent: string[] = [];

  send(data: string): void {
    this.sent.push(data);
  }

  open(): void {
    this.readyState = 'open';
    this.dispatchEvent(new Event('open'));
  }

  deliver(data: string): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data }));
  }
}

function setup() {
  const store = new AnnotationStore(() => 0);
  const emitted: AnnotationMessage[] = [];
  const transport = new AnnotationTransport({
    store,
    parse: (value) => {
      const parsed = annotationMessageSchema.safeParse(value);
      return parsed.success ? parsed.data : null;
    },
    emit: async (message) => {
      emitted.push(message);
    },
  });
  const channel = new FakeChannel();
  transport.attachChannel(channel);
  return { store, transport, channel, emitted };
}

const circle: AnnotationMessage = {
  surface: 'live',
  op: {
    type: 'add',
    opId: 'op-1',
    annotation: {
      type: 'circle',
      id: 'circle-1',
      version: 1,
      author: 'agent:1',
      color: 'red',
      pinned: false,
      createdAt: 1,
      center: { x: 0.5, y: 0.5 },
      rx: 0.1,
      ry: 0.1,
      strokeWidth: 0.008,
    },
  },
};

const pointer: AnnotationMessage = {
  surface: 'live',
  op: {
    type: 'add',
    opId: 'op-2',
    annotation: {
      type: 'pointer',
      id: 'pointer-1',
      version: 1,
      author: 'agent:1',
      color: 'red',
      pinned: false,
      createdAt: 1,
      at: { x: 0.2, y: 0.2 },
    },
  },
};

describe('AnnotationTransport', () => {
  it('applies a message once when both paths deliver it', () => {
    const { store, transport, channel } = setup();
    const apply = vi.spyOn(store, 'apply');

    channel.deliver(JSON.stringify(circle));
    const second = transport.receive(JSON.parse(JSON.stringify(circle)));

    expect(second).toBe(false);
    expect(apply).toHaveBeenCalledTimes(2);
    expect(store.stateOf('live').annotations).toHaveLength(1);
  });

  it('sends shapes on the channel and the socket', () => {
    const { transport, channel, emitted } = setup();
    channel.open();
    transport.send(circle);
    expect(channel.sent).toHaveLength(1);
    expect(emitted).toEqual([circle]);
  });

  it('sends pointers on the channel only while it is open', () => {
    const { transport, channel, emitted } = setup();
    transport.send(pointer);
    expect(emitted).toHaveLength(1);

    channel.open();
    transport.send({
      surface: 'live',
      op: {
        type: 'update',
        opId: 'op-3',
        id: 'pointer-1',
        version: 2,
        patch: { at: { x: 0.3, y: 0.3 } },
      },
    });
    transport.send({ surface: 'live', op: { type: 'remove', opId: 'op-4', id: 'pointer-1' } });
    expect(emitted).toHaveLength(1);
    expect(channel.sent).toHaveLength(2);
  });

  it('rejects invalid messages from the channel', () => {
    const { store, channel } = setup();
    channel.deliver('{"surface":"live","op":{"type":"clear"}}');
    channel.deliver('not json');
    expect(store.surfaces.value.size).toBe(0);
  });

  it('tracks the channel state', () => {
    const { transport, channel } = setup();
    expect(transport.channelOpen.value).toBe(false);
    channel.open();
    expect(transport.channelOpen.value).toBe(true);
    transport.attachChannel(null);
    expect(transport.channelOpen.value).toBe(false);
  });
});
