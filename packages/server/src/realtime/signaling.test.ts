import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallState, ChatMessage, ErrorInfo } from '@lensdesk/protocol';
import type { LensdeskServer } from '../app.js';
import { signIn, startTestServer } from '../test-support/servers.js';
import {
  type ClientSocket,
  SocketClients,
  connected,
  emitRaw,
  listenOnLoopback,
} from '../test-support/sockets.js';

describe('signaling', () => {
  let server: LensdeskServer & { agentEmail: string };
  let baseUrl: string;
  let cookie: string;
  const clients = new SocketClients(() => baseUrl);

  beforeAll(async () => {
    server = await startTestServer();
    baseUrl = await listenOnLoopback(server);
    cookie = await signIn(server, server.agentEmail);
  });

  afterAll(async () => {
    clients.closeAll();
    await server.close();
  });

  async function createInvite() {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie },
      payload: {},
    });
    const invite = response.json<{ id: string; customerUrl: string }>();
    return { id: invite.id, token: invite.customerUrl.split('/s/')[1] ?? '' };
  }

  const open = (auth: object, headers: Record<string, string> = {}) => clients.open(auth, headers);

  function rejected(socket: ClientSocket): Promise<ErrorInfo> {
    return new Promise((resolve, reject) => {
      socket.once('connect', () => reject(new Error('connected, expected a rejection')));
      socket.once('connect_error', (error) => resolve((error as Error & { data: ErrorInfo }).data));
    });
  }

  function stateWhere(socket: ClientSocket, predicate: (state: CallState) => boolean) {
    return new Promise<CallState>((resolve) => {
      const listener = (state: CallState) => {
        if (!predicate(state)) return;
        socket.off('call:state', listener);
        resolve(state);
      };
      socket.on('call:state', listener);
    });
  }

  async function joinBoth() {
    const invite = await createInvite();
    const agent = open({ role: 'agent', sessionId: invite.id }, { cookie });
    await connected(agent);
    const customer = open({ role: 'customer', token: invite.token, clientId: 'tab-000001' });
    await connected(customer);
    return { invite, agent, customer };
  }

  it('rejects unknown links and agents without a sign-in', async () => {
    const customer = open({ role: 'customer', token: 'A'.repeat(43), clientId: 'tab-000001' });
    expect((await rejected(customer)).code).toBe('LINK_INVALID');

    const invite = await createInvite();
    const agent = open({ role: 'agent', sessionId: invite.id });
    expect((await rejected(agent)).code).toBe('UNAUTHENTICATED');

    const garbage = open({ role: 'wizard' });
    expect((await rejected(garbage)).code).toBe('VALIDATION_FAILED');
  });

  it('starts the call when the customer starts', async () => {
    const { invite, agent, customer } = await joinBoth();
    const active = stateWhere(agent, (state) => state.status === 'active');

    const ack = await customer.emitWithAck('call:start', {});
    expect(ack.ok).toBe(true);
    const state = await active;
    expect(state.customerStarted).toBe(true);
    expect(state.agent?.initials).toBe('DF');

    const detail = await server.sessions.detail(invite.id);
    expect(detail.status).toBe('active');

    const connected = await agent.emitWithAck('media:connected', { elapsedMs: 420 });
    expect(connected.ok).toBe(true);
    const histogram = await server.metrics.timeToConnect.get();
    const observations = histogram.values.find((value) => value.metricName?.endsWith('_count'));
    expect(observations?.value).toBe(1);
  });

  it('relays signals only after the customer started', async () => {
    const { agent, customer } = await joinBoth();

    const early = await emitRaw(customer, 'signal', { candidate: null });
    expect(early).toMatchObject({ ok: false, error: { code: 'NOT_IN_CALL' } });

    await customer.emitWithAck('call:start', {});
    const received = new Promise((resolve) => agent.once('signal', resolve));
    const ack = await customer.emitWithAck('signal', {
      description: { type: 'offer', sdp: 'v=0\r\n' },
    });
    expect(ack.ok).toBe(true);
    expect(await received).toEqual({ description: { type: 'offer', sdp: 'v=0\r\n' } });
  });

  it('rejects malformed events and changes nothing', async () => {
    const { invite, customer } = await joinBoth();

    const cases: [string, unknown][] = [
      ['chat:send', { text: '' }],
      ['chat:send', { text: 'x'.repeat(2001) }],
      ['chat:send', 'hello'],
      ['signal', { description: { type: 'hack', sdp: 'x' } }],
      ['media:state', { audioMuted: 'yes' }],
      ['call:end', { now: true }],
    ];
    for (const [event, payload] of cases) {
      const ack = await emitRaw(customer, event, payload);
      expect(ack, `${event} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }

    const detail = await server.sessions.detail(invite.id);
    expect(detail.chat).toHaveLength(0);
    expect(detail.status).toBe('waiting');
  });

  it('drops a connection that sends an oversized message', async () => {
    const { invite, customer } = await joinBoth();
    const closed = new Promise((resolve) => customer.once('disconnect', resolve));

    customer.emit('chat:send', { text: 'x'.repeat(200 * 1024) }, () => {});
    await closed;

    const detail = await server.sessions.detail(invite.id);
    expect(detail.chat).toHaveLength(0);
  });

  it('delivers chat both ways and stores it', async () => {
    const { invite, agent, customer } = await joinBoth();

    const atCustomer = new Promise<ChatMessage>((resolve) =>
      customer.once('chat:message', resolve),
    );
    const sent = await agent.emitWithAck('chat:send', {
      text: '  Point the camera at the label  ',
    });
    expect(sent.ok).toBe(true);
    expect((await atCustomer).text).toBe('Point the camera at the label');

    const atAgent = new Promise<ChatMessage>((resolve) => agent.once('chat:message', resolve));
    await customer.emitWithAck('chat:send', { text: 'Done' });
    expect((await atAgent).sender).toBe('customer');

    const detail = await server.sessions.detail(invite.id);
    expect(detail.chat.map((message) => message.text)).toEqual([
      'Point the camera at the label',
      'Done',
    ]);
  });

  it('rejects a second device and lets the same tab take over', async () => {
    const { invite, customer } = await joinBoth();

    const other = open({ role: 'customer', token: invite.token, clientId: 'tab-000002' });
    expect((await rejected(other)).code).toBe('CUSTOMER_ALREADY_CONNECTED');
    expect(customer.connected).toBe(true);

    const replacedReason = new Promise((resolve) => customer.once('call:closed', resolve));
    const reloaded = open({ role: 'customer', token: invite.token, clientId: 'tab-000001' });
    await connected(reloaded);
    expect(await replacedReason).toEqual({ reason: 'replaced' });
  });

  it('keeps a started tab started after a takeover', async () => {
    const { invite, agent, customer } = await joinBoth();
    await customer.emitWithAck('call:start', {});

    const reloaded = open({ role: 'customer', token: invite.token, clientId: 'tab-000001' });
    await connected(reloaded);
    const received = new Promise((resolve) => agent.once('signal', resolve));
    const ack = await reloaded.emitWithAck('signal', { candidate: null });

    expect(ack.ok).toBe(true);
    expect(await received).toEqual({ candidate: null });
  });

  it('acknowledges unknown events with an error', async () => {
    const { customer } = await joinBoth();

    const ack = await emitRaw(customer, 'drop:tables', { all: true });
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('credits the customer with starting the call', async () => {
    const { invite, customer } = await joinBoth();
    await customer.emitWithAck('call:start', {});

    const detail = await server.sessions.detail(invite.id);
    const started = detail.events.find((event) => event.type === 'call_started');
    expect(started?.actorType).toBe('customer');
    expect(started?.data).toMatchObject({ agentId: expect.any(String) });
  });

  it('ends the call for both and closes the link', async () => {
    const { invite, agent, customer } = await joinBoth();
    await customer.emitWithAck('call:start', {});

    const closedAtCustomer = new Promise((resolve) => customer.once('call:closed', resolve));
    const ack = await agent.emitWithAck('call:end', {});
    expect(ack.ok).toBe(true);
    expect(await closedAtCustomer).toEqual({ reason: 'ended_by_agent' });

    const again = open({ role: 'customer', token: invite.token, clientId: 'tab-000001' });
    expect((await rejected(again)).code).toBe('SESSION_ENDED');

    const detail = await server.sessions.detail(invite.id);
    expect(detail.status).toBe('wrap_up');
    const types = detail.events.map((event) => event.type);
    expect(types.indexOf('call_started')).toBeLessThan(types.indexOf('ended'));
  });
});
