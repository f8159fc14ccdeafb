import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallState, ErrorInfo } from '@lensdesk/protocol';
import type { LensdeskServer } from '../app.js';
import {
  agentPassword,
  backends,
  signIn,
  signInStaff,
  startTestServer,
} from '../test-support/servers.js';
import {
  type ClientSocket,
  SocketClients,
  connected,
  listenOnLoopback,
  next,
} from '../test-support/sockets.js';

describe.each(backends)('who may join and close a call (%s)', (backend) => {
  let server: LensdeskServer & { agentEmail: string };
  let baseUrl: string;
  let dana: string;
  let alice: string;
  let aliceId: string;
  let supervisor: string;
  let supervisorId: string;
  const clients = new SocketClients(() => baseUrl);

  beforeAll(async () => {
    server = await startTestServer({ backend });
    baseUrl = await listenOnLoopback(server);
    const staff = await signInStaff(server);
    dana = staff.agentCookie;
    supervisor = staff.supervisorCookie;
    const aliceUser = await server.auth.createUser({
      email: 'alice@example.com',
      name: 'Alice Agent',
      role: 'agent',
      password: agentPassword,
    });
    aliceId = aliceUser.id;
    alice = await signIn(server, 'alice@example.com');
    supervisorId = (await server.auth.verifyCredentials('sam@example.com', 'a supervisor password'))
      .id;
  });

  afterAll(async () => {
    clients.closeAll();
    await server.close();
  });

  async function createInvite(cookie = dana) {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie },
      payload: { customerName: 'Sam Lee' },
    });
    const invite = response.json<{ id: string; customerUrl: string }>();
    return { id: invite.id, token: invite.customerUrl.split('/s/')[1] ?? '' };
  }

  const openAgent = (sessionId: string, cookie: string) =>
    clients.open({ role: 'agent', sessionId }, { cookie });

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

  /** Dana's invite with Dana and the customer in an active call. */
  async function activeCall() {
    const invite = await createInvite();
    const agent = openAgent(invite.id, dana);
    await connected(agent);
    const customer = clients.open({
      role: 'customer',
      token: invite.token,
      clientId: 'tab-000001',
    });
    await connected(customer);
    const active = stateWhere(agent, (state) => state.status === 'active' && state.agentPresent);
    await customer.emitWithAck('call:start', {});
    await active;
    return { invite, agent, customer };
  }

  it('rejects other staff on an assigned call', async () => {
    const { invite, agent, customer } = await activeCall();
    const closed: string[] = [];
    agent.on('call:closed', ({ reason }) => closed.push(reason));

    const other = await rejected(openAgent(invite.id, alice));
    expect(other).toMatchObject({
      code: 'SESSION_ASSIGNED',
      message: 'This call belongs to another agent.',
      details: { agentName: 'Dana Fox' },
    });
    const boss = await rejected(openAgent(invite.id, supervisor));
    expect(boss).toMatchObject({ code: 'SESSION_ASSIGNED', details: { agentName: 'Dana Fox' } });

    // The call is untouched: same agent connected, same agent shown to the customer.
    const received = next(agent, 'chat:message');
    const ack = await customer.emitWithAck('chat:send', { text: 'Still there?' });
    expect(ack.ok).toBe(true);
    const message = await received;
    expect(message.text).toBe('Still there?');
    expect(agent.connected).toBe(true);
    expect(closed).toEqual([]);

    const row = await server.sessions.get(invite.id);
    expect(row.agentId).not.toBe(aliceId);
    expect((await server.sessions.displayedAgent(row))?.name).toBe('Dana Fox');

    const events = (await server.sessions.detail(invite.id)).events;
    expect(events.filter((event) => event.type === 'agent_joined')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'agent_left')).toHaveLength(0);
  });

  it("lets the same agent's second tab in", async () => {
    const { invite, agent } = await activeCall();
    const replaced = next(agent, 'call:closed');

    const second = openAgent(invite.id, dana);
    const present = stateWhere(second, (value) => value.agentPresent);
    await connected(second);
    expect(await replaced).toEqual({ reason: 'replaced' });
    const state = await present;
    expect(state.agent?.name).toBe('Dana Fox');
  });

  it('gives a waiting invite to its creator first', async () => {
    const invite = await createInvite();
    const danaTab = openAgent(invite.id, dana);
    const danaPresent = stateWhere(danaTab, (state) => state.agentPresent);
    await connected(danaTab);
    await danaPresent;

    const refused = await rejected(openAgent(invite.id, alice));
    expect(refused).toMatchObject({ code: 'SESSION_ASSIGNED', details: { agentName: 'Dana Fox' } });

    // With Dana gone, a colleague may pick up the waiting invite; Dana coming back takes it over.
    const left = (await server.sessions.detail(invite.id)).events.length;
    danaTab.disconnect();
    await expect
      .poll(async () => (await server.sessions.detail(invite.id)).events.length)
      .toBeGreaterThan(left);
    const aliceTab = openAgent(invite.id, alice);
    const alicePresent = stateWhere(aliceTab, (state) => state.agentPresent);
    await connected(aliceTab);
    expect((await alicePresent).agent?.name).toBe('Alice Agent');

    const replaced = next(aliceTab, 'call:closed');
    const back = openAgent(invite.id, dana);
    await connected(back);
    expect(await replaced).toEqual({ reason: 'replaced' });
  });

  it('limits wrap-up and case edits', async () => {
    const { invite, agent } = await activeCall();
    const ended = await agent.emitWithAck('call:end', {});
    expect(ended.ok).toBe(true);

    const patch = (cookie: string, serialNumber: string) =>
      server.app.inject({
        method: 'PATCH',
        url: `/api/sessions/${invite.id}`,
        headers: { cookie },
        payload: { serialNumber },
      });
    const wrapUp = (cookie: string) =>
      server.app.inject({
        method: 'POST',
        url: `/api/sessions/${invite.id}/wrap-up`,
        headers: { cookie },
        payload: { disposition: 'resolved', notes: 'Reset the router.' },
      });

    const otherPatch = await patch(alice, 'SN-ALICE');
    expect(otherPatch.statusCode).toBe(409);
    expect(otherPatch.json()).toMatchObject({
      error: { code: 'SESSION_ASSIGNED', details: { agentName: 'Dana Fox' } },
    });
    const otherWrapUp = await wrapUp(alice);
    expect(otherWrapUp.statusCode).toBe(409);
    expect(otherWrapUp.json().error.code).toBe('SESSION_ASSIGNED');
    const untouched = await server.sessions.detail(invite.id);
    expect(untouched).toMatchObject({ status: 'wrap_up', serialNumber: null });

    expect((await patch(dana, 'SN-DANA')).statusCode).toBe(200);
    const corrected = await patch(supervisor, 'SN-FIXED');
    expect(corrected.statusCode).toBe(200);
    const done = await wrapUp(supervisor);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'ended', serialNumber: 'SN-FIXED' });

    const events = done.json<{ events: { type: string; actorId: string | null }[] }>().events;
    const updates = events.filter((event) => event.type === 'case_updated');
    expect(updates.at(-1)?.actorId).toBe(supervisorId);
    expect(events.find((event) => event.type === 'wrap_up_done')?.actorId).toBe(supervisorId);
  });
});
