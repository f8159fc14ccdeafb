import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignalingSocket } from '../shared/signaling';
import { CustomerTools } from './live-tools';

/** A socket that records handlers, so a test can deliver server events by name. */
function fakeSocket() {
  const handlers = new Map<string, (payload: unknown) => void>();
  const socket = {
    on(event: string, handler: (payload: unknown) => void) {
      handlers.set(event, handler);
      return socket;
    },
  };
  const deliver = (event: string, payload: unknown): void => handlers.get(event)?.(payload);
  return { socket: socket as unknown as SignalingSocket, deliver };
}

function setup() {
  const tools = new CustomerTools({
    token: 'token',
    sessionId: () => 'session-1',
    client: () => null,
    videoTrack: () => undefined,
    facingMode: () => 'environment',
    flipCamera: async () => undefined,
    devices: undefined,
  });
  const { socket, deliver } = fakeSocket();
  tools.bindSocket(socket);
  return { tools, deliver };
}

describe('CustomerTools still notice', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(['snapshot', 'freeze', 'read'])('tells the customer of a %s still for 3 s', (purpose) => {
    const { tools, deliver } = setup();

    deliver('capture:request', { requestId: 'r1', purpose });
    expect(tools.toolNotice.value).toBe('tools.stillTaken');

    vi.advanceTimersByTime(2_999);
    expect(tools.toolNotice.value).toBe('tools.stillTaken');
    vi.advanceTimersByTime(1);
    expect(tools.toolNotice.value).toBeNull();
    tools.dispose();
  });
});
