import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationMessage, LiveToolsState } from '@lensdesk/protocol';
import type { LensdeskServer } from '../app.js';
import { signIn, startTestServer } from '../test-support/servers.js';
import {
  SocketClients,
  connected,
  emitRaw,
  listenOnLoopback,
  next,
} from '../test-support/sockets.js';

const circle = (id: string, opId = `op-${id}`): AnnotationMessage => ({
  surface: 'live',
  op: {
    type: 'add',
    opId,
    annotation: {
      type: 'circle',
      id,
      version: 1,
      author: 'someone-else',
      color: 'red',
      pinned: false,
      createdAt: 1_700_000_000_000,
      center: { x: 0.4, y: 0.6 },
      rx: 0.1,
      ry: 0.15,
      strokeWidth: 0.008,
    },
  },
});

describe('live tools signaling', () => {
  let server: LensdeskServer & { agentEmail: string };
  let baseUrl: string;
  let cookie: string;
  const clients = new SocketClients(() => baseUrl);

  beforeAll(async () => {
    server = await startTestServer({ env: { ANNOTATION_FADE_SECONDS: '12' } });
    baseUrl = await listenOnLoopback(server);
    cookie = await signIn(server, server.agentEmail);
  });

  afterAll(async () => {
    clients.closeAll();
    await server.close();
  });

  async function open(auth: object, headers: Record<string, string> = {}) {
    const socket = clients.open(auth, headers);
    const state = next(socket, 'tools:state');
    await connected(socket);
    return { socket, state: await state };
  }

  async function startCall() {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie },
      payload: {},
    });
    const invite = response.json<{ id: string; customerUrl: string }>();
    const token = invite.customerUrl.split('/s/')[1] ?? '';
    const agent = await open({ role: 'agent', sessionId: invite.id }, { cookie });
    const customer = await open({ role: 'customer', token, clientId: 'tab-000001' });
    await customer.socket.emitWithAck('call:start', {});
    return {
      id: invite.id,
      token,
      agent: agent.socket,
      customer: customer.socket,
      initial: customer.state,
    };
  }

  it('relays, stores and logs annotations', async () => {
    const call = await startCall();
    expect(call.initial.annotationFadeMs).toBe(12_000);
    expect(call.initial.frozen).toBeNull();

    const relayed = next(call.customer, 'annotation:op');
    const ack = await call.agent.emitWithAck('annotation:op', circle('c1'));
    expect(ack.ok).toBe(true);
    const message = await relayed;
    expect(message.op.type).toBe('add');
    if (message.op.type === 'add') expect(message.op.annotation.author).toMatch(/^agent:/);

    const again = await call.agent.emitWithAck('annotation:op', circle('c1'));
    expect(again.ok).toBe(true);

    const live = await server.sessions.detail(call.id);
    const logged = live.events.filter((event) => event.type === 'annotation');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.data).toMatchObject({ op: 'add', shape: 'circle', annotationId: 'c1' });

    call.customer.disconnect();
    const rejoined = await open({ role: 'customer', token: call.token, clientId: 'tab-000001' });
    const annotations = rejoined.state.annotations.find((entry) => entry.surface === 'live');
    expect(annotations?.state.annotations.map((annotation) => annotation.id)).toEqual(['c1']);
  });

  it('applies a fast drag in order', async () => {
    const call = await startCall();
    const acks = [call.agent.emitWithAck('annotation:op', circle('drag'))];
    for (let version = 2; version <= 31; version += 1) {
      const message = {
        surface: 'live',
        op: {
          type: 'update',
          opId: `drag-${version}`,
          id: 'drag',
          version,
          patch: { rx: version / 100 },
        },
      } as const;
      acks.push(call.agent.emitWithAck('annotation:op', message));
    }

    const results = await Promise.all(acks);
    expect(results.every((result) => result.ok)).toBe(true);
    const state = await server.liveTools.annotations(call.id, 'live');
    expect(state.annotations[0]).toMatchObject({ id: 'drag', version: 31, rx: 0.31 });

    const logged = (await server.sessions.detail(call.id)).events.filter(
      (event) => event.type === 'annotation',
    );
    expect(logged).toHaveLength(1);
  });

  it('rejects a pinned pointer', async () => {
    const call = await startCall();
    const pointer = {
      surface: 'live',
      op: {
        type: 'add',
        opId: 'pinned-pointer',
        annotation: {
          type: 'pointer',
          id: 'pointer',
          version: 1,
          author: 'x',
          color: 'red',
          pinned: true,
          createdAt: 0,
          at: { x: 0.5, y: 0.5 },
        },
      },
    };

    const ack = await emitRaw(call.agent, 'annotation:op', pointer);
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('limits how often stills are requested', async () => {
    const call = await startCall();
    const acks = [];
    for (let request = 0; request < 6; request += 1) {
      acks.push(await call.agent.emitWithAck('capture:request', { purpose: 'snapshot' }));
    }

    expect(acks.slice(0, 5).every((ack) => ack.ok)).toBe(true);
    expect(acks[5]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('relays pointers without storing them', async () => {
    const call = await startCall();
    const pointer: AnnotationMessage = {
      surface: 'live',
      op: {
        type: 'add',
        opId: 'p-1',
        annotation: {
          type: 'pointer',
          id: 'pointer',
          version: 1,
          author: 'x',
          color: 'yellow',
          pinned: false,
          createdAt: 0,
          at: { x: 0.5, y: 0.5 },
        },
      },
    };
    const relayed = next(call.customer, 'annotation:op');
    expect((await call.agent.emitWithAck('annotation:op', pointer)).ok).toBe(true);
    await relayed;

    const move = {
      surface: 'live',
      op: {
        type: 'update',
        opId: 'p-2',
        id: 'pointer',
        version: 2,
        patch: { at: { x: 0.6, y: 0.5 } },
      },
    } as const;
    expect((await call.agent.emitWithAck('annotation:op', move)).ok).toBe(true);

    const detail = await server.sessions.detail(call.id);
    expect(detail.events.some((event) => event.type === 'annotation')).toBe(false);
  });

  it('rejects bad annotation messages', async () => {
    const call = await startCall();

    const fromCustomer = await emitRaw(call.customer, 'annotation:op', circle('c2'));
    expect(fromCustomer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const outside = structuredClone(circle('c3')) as {
      op: { annotation: { center: { x: number } } };
    };
    outside.op.annotation.center.x = 7;
    const invalid = await emitRaw(call.agent, 'annotation:op', outside);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const unknownSurface = await emitRaw(call.agent, 'annotation:op', {
      ...circle('c4'),
      surface: randomUUID(),
    });
    expect(unknownSurface).toMatchObject({ ok: false, error: { code: 'SNAPSHOT_NOT_FOUND' } });

    const detail = await server.sessions.detail(call.id);
    expect(detail.events.some((event) => event.type === 'annotation')).toBe(false);
  });

  it('freezes on the customer still and resumes', async () => {
    const call = await startCall();
    const request = next(call.customer, 'capture:request');
    const ack = await call.agent.emitWithAck('capture:request', { purpose: 'freeze' });
    expect(ack.ok).toBe(true);
    const { requestId, purpose } = await request;
    expect(purpose).toBe('freeze');

    const still = await sharp({
      create: { width: 1920, height: 1080, channels: 3, background: '#888' },
    })
      .jpeg()
      .toBuffer();
    const snapshotId = randomUUID();
    const added = next(call.agent, 'snapshot:added');
    const upload = await server.app.inject({
      method: 'PUT',
      url: `/api/sessions/${call.id}/snapshots/${snapshotId}?source=freeze`,
      headers: { authorization: `Bearer ${call.token}`, 'content-type': 'image/jpeg' },
      payload: still,
    });
    expect(upload.statusCode).toBe(201);
    expect((await added).id).toBe(snapshotId);

    const frozenAtAgent = next(call.agent, 'freeze:state');
    const doneAtAgent = next(call.agent, 'capture:done');
    expect((await call.customer.emitWithAck('capture:done', { requestId, snapshotId })).ok).toBe(
      true,
    );
    expect((await frozenAtAgent).frozen?.id).toBe(snapshotId);
    expect((await doneAtAgent).snapshot.width).toBe(1920);

    const replay = await emitRaw(call.customer, 'capture:done', { requestId, snapshotId });
    expect(replay).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const onStill = await call.agent.emitWithAck('annotation:op', {
      ...circle('s1'),
      surface: snapshotId,
    });
    expect(onStill.ok).toBe(true);
    const annotated = await server.app.inject({
      url: `/api/snapshots/${snapshotId}?annotated=true`,
      headers: { cookie },
    });
    expect(annotated.statusCode).toBe(200);
    expect(annotated.headers['content-type']).toBe('image/jpeg');
    const { data, info } = await sharp(annotated.rawPayload)
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1920, 1080]);
    // The circle's right edge is at x = 0.4 + 0.1 of the width, on the centre line y = 0.6.
    const offset = (Math.round(0.6 * 1080) * 1920 + Math.round(0.5 * 1920)) * info.channels;
    expect(data[offset]).toBeGreaterThan(200);
    expect(data[offset + 1]).toBeLessThan(100);

    const secondAgent = await open({ role: 'agent', sessionId: call.id }, { cookie });
    const rejoin: LiveToolsState = secondAgent.state;
    expect(rejoin.frozen?.id).toBe(snapshotId);
    expect(rejoin.annotations.map((entry) => entry.surface)).toEqual(['live', snapshotId]);

    const resumedAtCustomer = next(call.customer, 'freeze:state');
    const resumeAck = await secondAgent.socket.emitWithAck('freeze:resume', {});
    expect(resumeAck.ok).toBe(true);
    expect((await resumedAtCustomer).frozen).toBeNull();

    const types = (await server.sessions.detail(call.id)).events.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['snapshot', 'freeze', 'annotation', 'unfreeze']));
    expect(types.indexOf('freeze')).toBeLessThan(types.indexOf('unfreeze'));
  });

  it('relays camera controls', async () => {
    const call = await startCall();
    const capabilities = {
      canFlip: true,
      facingMode: 'environment',
      torch: true,
      torchOn: false,
      zoom: { min: 1, max: 8, step: 0.1, value: 1 },
    } as const;

    const atAgent = next(call.agent, 'camera:capabilities');
    expect((await call.customer.emitWithAck('camera:capabilities', capabilities)).ok).toBe(true);
    expect(await atAgent).toEqual(capabilities);

    const atCustomer = next(call.customer, 'camera:command');
    expect((await call.agent.emitWithAck('camera:command', { action: 'torch', on: true })).ok).toBe(
      true,
    );
    expect(await atCustomer).toEqual({ action: 'torch', on: true });

    const fromCustomer = await emitRaw(call.customer, 'camera:command', { action: 'flip' });
    expect(fromCustomer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const badZoom = await emitRaw(call.agent, 'camera:command', { action: 'zoom', value: -1 });
    expect(badZoom).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const detail = await server.sessions.detail(call.id);
    expect(detail.events.filter((event) => event.type === 'camera_command')).toHaveLength(1);
  });
});
