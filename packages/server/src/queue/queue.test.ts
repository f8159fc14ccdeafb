import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { QueueState } from '@lensdesk/protocol';
import { backends } from '../test-support/servers.js';
import { connected } from '../test-support/sockets.js';
import {
  type QueueTestServer,
  addAgent,
  addProductLine,
  clearQueue,
  enterQueue,
  eventTypes,
  eventsOf,
  nextWhere,
  openConsole,
  record,
  setPresence,
  startQueueServer,
} from '../test-support/queue.js';

describe.each(backends)('queue routing (%s)', (backend) => {
  let setup: QueueTestServer;

  beforeAll(async () => {
    setup = await startQueueServer(backend);
  });

  afterAll(async () => {
    await setup.close();
  });

  // Each test starts with an empty queue and every agent offline.
  beforeEach(async () => {
    await clearQueue(setup);
  });

  /**
   * Signs in a new agent, opens a console and makes the agent available unless `available` is
   * false.
   */
  async function agentWithConsole(
    name: string,
    options: { skills?: string[]; languages?: string[]; available?: boolean } = {},
  ) {
    const agent = await addAgent(setup, { name, ...options });
    const socket = await openConsole(setup.clients, agent.cookie);
    if (options.available !== false) {
      await setPresence(setup.server, agent.cookie, 'available');
      setup.clock.advance(1000);
    }
    return { ...agent, socket };
  }

  async function post(url: string, cookie: string) {
    return setup.server.app.inject({ method: 'POST', url, headers: { cookie } });
  }

  /** Takes every agent of earlier tests out of routing. */
  async function everyoneAway(cookies: string[]) {
    for (const cookie of cookies) await setPresence(setup.server, cookie, 'offline');
  }

  it('offers a customer to the longest idle agent', async () => {
    await addProductLine(setup.database, { slug: 'kettles' });
    const first = await agentWithConsole('Ada First');
    const second = await agentWithConsole('Ben Second');
    const offered = nextWhere(first.socket, 'offer', () => true);
    const secondOffers = record(second.socket, 'offer');

    const link = await enterQueue(setup.server, 'kettles', {
      customerName: 'Cleo',
      topic: 'Leaks',
    });

    const offer = await offered;
    expect(offer).toMatchObject({
      sessionId: link.sessionId,
      customerName: 'Cleo',
      topic: 'Leaks',
    });
    expect(offer.productLine?.name).toBe('kettles');
    expect(secondOffers).toHaveLength(0);

    const detail = await setup.server.sessions.detail(link.sessionId);
    expect(detail.status).toBe('ringing');
    expect(detail.entry).toBe('qr');
    expect(detail.events.map((event) => event.type)).toEqual(['created', 'queued', 'offered']);
    expect(detail.events[2]?.data).toMatchObject({ agentId: first.user.id });

    const presence = await setup.server.presence.view(first.user.id);
    expect(presence).toMatchObject({
      status: 'busy',
      busyReason: 'offer',
      sessionId: link.sessionId,
    });

    // Accepting the offer assigns the customer and keeps the agent busy for the call.
    const accepted = await post(`/api/queue/${link.sessionId}/accept`, first.cookie);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ sessionId: link.sessionId });
    const after = await setup.server.sessions.detail(link.sessionId);
    expect(after.agent?.id).toBe(first.user.id);
    expect(await eventTypes(setup.server, link.sessionId)).toContain('accepted');
    expect((await setup.server.presence.view(first.user.id)).busyReason).toBe('call');

    await everyoneAway([first.cookie, second.cookie]);
  });

  it('keeps a customer waiting until an agent with the skills is free', async () => {
    await addProductLine(setup.database, {
      slug: 'routers',
      skills: ['networking'],
      language: 'de',
    });
    const generalist = await agentWithConsole('Cai General', { languages: ['de'] });
    const english = await agentWithConsole('Dee English', { skills: ['networking'] });
    const generalistOffers = record(generalist.socket, 'offer');
    const englishOffers = record(english.socket, 'offer');

    const link = await enterQueue(setup.server, 'routers');
    expect((await setup.server.sessions.get(link.sessionId)).status).toBe('waiting');

    const specialist = await agentWithConsole('Eve Specialist', {
      skills: ['networking', 'tv'],
      languages: ['de-CH'],
      available: false,
    });
    const offered = nextWhere(specialist.socket, 'offer', () => true);
    await setPresence(setup.server, specialist.cookie, 'available');

    expect((await offered).sessionId).toBe(link.sessionId);
    expect(generalistOffers).toHaveLength(0);
    expect(englishOffers).toHaveLength(0);
    await everyoneAway([generalist.cookie, english.cookie, specialist.cookie]);
  });

  it('moves an unanswered offer to the next agent', async () => {
    await addProductLine(setup.database, { slug: 'ovens' });
    const slow = await agentWithConsole('Fay Slow');
    const quick = await agentWithConsole('Gus Quick');
    const firstOffer = nextWhere(slow.socket, 'offer', () => true);
    const link = await enterQueue(setup.server, 'ovens');
    await firstOffer;

    setup.clock.advance(19_000);
    await setup.server.queueSweeper.tick();
    expect((await setup.server.sessions.get(link.sessionId)).offeredTo).toBe(slow.user.id);

    const withdrawn = nextWhere(slow.socket, 'offer:withdrawn', () => true);
    const secondOffer = nextWhere(quick.socket, 'offer', () => true);
    setup.clock.advance(2000);
    await setup.server.queueSweeper.tick();

    expect(await withdrawn).toEqual({ sessionId: link.sessionId, reason: 'timed_out' });
    expect((await secondOffer).sessionId).toBe(link.sessionId);
    const timedOut = await eventsOf(setup.server, link.sessionId, 'offer_timed_out');
    expect(timedOut).toHaveLength(1);
    expect(timedOut[0]?.data).toMatchObject({ agentId: slow.user.id });
    expect((await setup.server.presence.view(slow.user.id)).status).toBe('available');

    // The agent who let it lapse gets it again only when no other agent is free. Here Gus declines.
    const again = nextWhere(slow.socket, 'offer', () => true);
    expect((await post(`/api/queue/${link.sessionId}/decline`, quick.cookie)).statusCode).toBe(204);
    expect((await again).sessionId).toBe(link.sessionId);

    // A second lapse in a row turns the agent away.
    setup.clock.advance(21_000);
    await setup.server.queueSweeper.tick();
    expect((await setup.server.presence.view(slow.user.id)).status).toBe('away');
    expect((await setup.server.sessions.get(link.sessionId)).status).toBe('waiting');
    await everyoneAway([slow.cookie, quick.cookie]);
  });

  it('offers a declined customer to the next agent and never back', async () => {
    await addProductLine(setup.database, { slug: 'fridges' });
    const first = await agentWithConsole('Hal Decliner');
    const second = await agentWithConsole('Ida Taker');
    const offered = nextWhere(first.socket, 'offer', () => true);
    const link = await enterQueue(setup.server, 'fridges');
    await offered;

    const secondOffer = nextWhere(second.socket, 'offer', () => true);
    const declined = await post(`/api/queue/${link.sessionId}/decline`, first.cookie);
    expect(declined.statusCode).toBe(204);
    expect((await secondOffer).sessionId).toBe(link.sessionId);
    expect((await setup.server.presence.view(first.user.id)).status).toBe('available');

    const again = await post(`/api/queue/${link.sessionId}/decline`, first.cookie);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OFFER_EXPIRED');

    // Ida declines too. Hal declined before, so the customer waits instead of ringing Hal again.
    const firstOffers = record(first.socket, 'offer');
    expect((await post(`/api/queue/${link.sessionId}/decline`, second.cookie)).statusCode).toBe(
      204,
    );
    await setup.server.router.route({ all: true });
    expect(firstOffers).toHaveLength(0);
    expect((await setup.server.sessions.get(link.sessionId)).status).toBe('waiting');
    expect(await eventsOf(setup.server, link.sessionId, 'declined')).toHaveLength(2);
    await everyoneAway([first.cookie, second.cookie]);
  });

  it('lets an agent pick a waiting customer and withdraws the offer elsewhere', async () => {
    await addProductLine(setup.database, { slug: 'washers' });
    const ringing = await agentWithConsole('Jo Ringing');
    const picker = await agentWithConsole('Kit Picker', { available: false });
    const offered = nextWhere(ringing.socket, 'offer', () => true);
    const link = await enterQueue(setup.server, 'washers');
    await offered;

    const withdrawn = nextWhere(ringing.socket, 'offer:withdrawn', () => true);
    const picked = await post(`/api/queue/${link.sessionId}/accept`, picker.cookie);
    expect(picked.statusCode).toBe(200);
    expect(await withdrawn).toEqual({ sessionId: link.sessionId, reason: 'taken' });
    expect((await setup.server.presence.view(ringing.user.id)).status).toBe('available');
    expect((await setup.server.presence.view(picker.user.id)).busyReason).toBe('call');

    const late = await post(`/api/queue/${link.sessionId}/accept`, ringing.cookie);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('SESSION_TAKEN');
    expect(await eventsOf(setup.server, link.sessionId, 'accepted')).toHaveLength(1);
    await everyoneAway([ringing.cookie]);
  });

  it('keeps the agent busy from the call to the wrap-up', async () => {
    await addProductLine(setup.database, { slug: 'dryers' });
    const agent = await agentWithConsole('Lou Caller');
    const offered = nextWhere(agent.socket, 'offer', () => true);
    const link = await enterQueue(setup.server, 'dryers', { customerName: 'Max' });
    await offered;

    const customer = setup.clients.open({
      role: 'customer',
      token: link.token,
      clientId: 'tab-queue-1',
    });
    await connected(customer);
    expect((await customer.emitWithAck('call:start', {})).ok).toBe(true);
    expect((await post(`/api/queue/${link.sessionId}/accept`, agent.cookie)).statusCode).toBe(200);

    const active = nextWhere(customer, 'call:state', (state) => state.status === 'active');
    const call = setup.clients.open(
      { role: 'agent', sessionId: link.sessionId },
      { cookie: agent.cookie },
    );
    await connected(call);
    expect((await active).agent?.name).toBe('Lou Caller');
    expect(await eventsOf(setup.server, link.sessionId, 'call_started')).toHaveLength(1);
    expect((await setup.server.presence.view(agent.user.id)).busyReason).toBe('call');

    const wrapUp = nextWhere(agent.socket, 'presence:state', (p) => p.busyReason === 'wrap_up');
    expect((await call.emitWithAck('call:end', {})).ok).toBe(true);
    expect((await wrapUp).sessionId).toBe(link.sessionId);

    const free = nextWhere(agent.socket, 'presence:state', (p) => p.status === 'available');
    const saved = await setup.server.app.inject({
      method: 'POST',
      url: `/api/sessions/${link.sessionId}/wrap-up`,
      headers: { cookie: agent.cookie },
      payload: { disposition: 'resolved', notes: '' },
    });
    expect(saved.statusCode).toBe(200);
    expect((await free).idleSince).toBe(setup.clock.now().toISOString());
    call.disconnect();
    customer.disconnect();
    await everyoneAway([agent.cookie]);
  });

  it('makes an agent available when the wrap-up lasts too long', async () => {
    await addProductLine(setup.database, { slug: 'hobs' });
    const agent = await agentWithConsole('Mo Slowwrap');
    const link = await enterQueue(setup.server, 'hobs');
    expect((await post(`/api/queue/${link.sessionId}/accept`, agent.cookie)).statusCode).toBe(200);
    await setup.server.sessions.startCall(link.sessionId, agent.user.id);
    await setup.server.sessions.endCall(link.sessionId, { type: 'agent', id: agent.user.id });
    expect((await setup.server.presence.view(agent.user.id)).busyReason).toBe('wrap_up');

    setup.clock.advance(119_000);
    await setup.server.queueSweeper.tick();
    expect((await setup.server.presence.view(agent.user.id)).status).toBe('busy');

    setup.clock.advance(2000);
    await setup.server.queueSweeper.tick();
    expect((await setup.server.presence.view(agent.user.id)).status).toBe('available');
    expect((await setup.server.sessions.get(link.sessionId)).status).toBe('wrap_up');
    await everyoneAway([agent.cookie]);
  });

  it('turns an agent offline once the console is gone for the timeout', async () => {
    const agent = await agentWithConsole('Ned Leaving');
    await setup.server.queueSweeper.tick();

    setup.clock.advance(31_000);
    await setup.server.queueSweeper.tick();
    expect((await setup.server.presence.view(agent.user.id)).status).toBe('available');

    const gone = new Promise((resolve) => agent.socket.once('disconnect', resolve));
    agent.socket.disconnect();
    await gone;
    await waitForServerToDrop(agent.user.id);
    await setup.server.queueSweeper.tick();
    setup.clock.advance(29_000);
    await setup.server.queueSweeper.tick();
    expect((await setup.server.presence.view(agent.user.id)).status).toBe('available');

    setup.clock.advance(2000);
    await setup.server.queueSweeper.tick();
    expect((await setup.server.presence.view(agent.user.id)).status).toBe('offline');
  });

  /** Waits until the server has processed a console's disconnection. */
  async function waitForServerToDrop(userId: string) {
    for (;;) {
      const sockets = await setup.server.io.in(`user:${userId}`).fetchSockets();
      if (sockets.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('rejects available during a call and drops an offer on away', async () => {
    await addProductLine(setup.database, { slug: 'irons' });
    const agent = await agentWithConsole('Oli Busy');
    const offered = nextWhere(agent.socket, 'offer', () => true);
    const link = await enterQueue(setup.server, 'irons');
    await offered;

    // Choosing away while an offer rings puts the customer back in the queue.
    await setPresence(setup.server, agent.cookie, 'away');
    const row = await setup.server.sessions.get(link.sessionId);
    expect(row.status).toBe('waiting');
    expect(row.offeredTo).toBeNull();

    expect((await post(`/api/queue/${link.sessionId}/accept`, agent.cookie)).statusCode).toBe(200);
    const response = await setup.server.app.inject({
      method: 'PUT',
      url: '/api/presence',
      headers: { cookie: agent.cookie },
      payload: { status: 'available' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('AGENT_BUSY');

    const invalid = await setup.server.app.inject({
      method: 'PUT',
      url: '/api/presence',
      headers: { cookie: agent.cookie },
      payload: { status: 'busy' },
    });
    expect(invalid.statusCode).toBe(400);
    expect((await setup.server.presence.view(agent.user.id)).busyReason).toBe('call');
    await everyoneAway([agent.cookie]);
  });

  it('sends positions to waiting customers and the queue to consoles', async () => {
    await addProductLine(setup.database, { slug: 'speakers', greeting: 'Hello from Speakers' });
    const supervisor = await addAgent(setup, { name: 'Pat Supervisor', role: 'supervisor' });
    const agent = await addAgent(setup, { name: 'Quinn Agent' });
    const supervisorConsole = await openConsole(setup.clients, supervisor.cookie);
    const agentConsole = await openConsole(setup.clients, agent.cookie);

    // Quinn takes a first customer, so the queue has a pace and stays busy.
    await setPresence(setup.server, agent.cookie, 'available');
    const taken = await enterQueue(setup.server, 'speakers', { customerName: 'Olga' });
    expect((await post(`/api/queue/${taken.sessionId}/accept`, agent.cookie)).statusCode).toBe(200);
    setup.clock.advance(1000);

    const first = await enterQueue(setup.server, 'speakers', { customerName: 'Ray' });
    const firstSocket = setup.clients.open({
      role: 'customer',
      token: first.token,
      clientId: 'tab-pos-1',
    });
    await connected(firstSocket);
    setup.clock.advance(1000);

    const isSecond = (state: QueueState) =>
      state.waiting.some((entry) => entry.customerName === 'Sue');
    const supervisorState = nextWhere(supervisorConsole, 'queue:state', isSecond);
    const agentState = nextWhere(agentConsole, 'queue:state', isSecond);
    const second = await enterQueue(setup.server, 'speakers', { customerName: 'Sue' });
    const secondSocket = setup.clients.open({
      role: 'customer',
      token: second.token,
      clientId: 'tab-pos-2',
    });
    const secondPosition = nextWhere(secondSocket, 'queue:position', (p) => p.position === 2);
    await connected(secondSocket);

    const full = await supervisorState;
    expect(full.agents.some((presence) => presence.name === 'Quinn Agent')).toBe(true);
    const trimmed = await agentState;
    expect(trimmed.agents).toEqual([]);
    expect(trimmed.calls).toEqual([]);
    expect(trimmed.waiting.map((entry) => entry.customerName)).toEqual(['Ray', 'Sue']);
    const position = await secondPosition;
    expect(position.estimatedWaitSeconds).toBeGreaterThan(0);
    expect(position.callbackAvailable).toBe(false);

    const session = await setup.server.app.inject({
      url: '/api/customer/session',
      headers: { authorization: `Bearer ${second.token}` },
    });
    expect(session.json()).toMatchObject({
      status: 'waiting',
      queue: { position: 2 },
      productLine: { name: 'speakers', greeting: 'Hello from Speakers' },
    });

    const agentView = await setup.server.app.inject({
      url: '/api/queue',
      headers: { cookie: agent.cookie },
    });
    expect(agentView.statusCode).toBe(200);
    expect(agentView.json().agents).toEqual([]);
    const supervisorView = await setup.server.app.inject({
      url: '/api/queue',
      headers: { cookie: supervisor.cookie },
    });
    expect(supervisorView.json().agents.length).toBeGreaterThan(0);

    const metrics = await setup.server.app.inject({ url: '/metrics' });
    const waiting = await setup.server.queueView.countWaiting();
    expect(metrics.body).toMatch(new RegExp(`^lensdesk_queue_length ${waiting}$`, 'm'));

    // The first customer leaves, so the second moves up.
    const movedUp = nextWhere(secondSocket, 'queue:position', (p) => p.position === 1);
    const left = await setup.server.app.inject({
      method: 'POST',
      url: '/api/customer/leave',
      headers: { authorization: `Bearer ${first.token}` },
      payload: {},
    });
    expect(left.statusCode).toBe(204);
    expect(await movedUp).toMatchObject({ position: 1 });
    const abandoned = await eventsOf(setup.server, first.sessionId, 'abandoned');
    expect(abandoned[0]?.data).toMatchObject({ reason: 'left_queue', from: 'waiting' });
  });

  it('counts queue positions per product line', async () => {
    await addProductLine(setup.database, { slug: 'position-kettles' });
    await addProductLine(setup.database, { slug: 'position-toasters' });
    await enterQueue(setup.server, 'position-kettles', { customerName: 'Ada' });
    setup.clock.advance(1000);
    const toaster = await enterQueue(setup.server, 'position-toasters', { customerName: 'Ben' });
    setup.clock.advance(1000);
    const kettle = await enterQueue(setup.server, 'position-kettles', { customerName: 'Cy' });

    const positionOf = async (token: string) => {
      const response = await setup.server.app.inject({
        url: '/api/customer/session',
        headers: { authorization: `Bearer ${token}` },
      });
      return (response.json() as { queue: { position: number } }).queue.position;
    };
    expect(await positionOf(toaster.token)).toBe(1);
    expect(await positionOf(kettle.token)).toBe(2);

    const { positions } = await setup.server.queueView.snapshot(false);
    expect(positions.get(toaster.sessionId)?.position).toBe(1);
    expect(positions.get(kettle.sessionId)?.position).toBe(2);
  });

  it('abandons a queued customer whose connection is gone for the grace period', async () => {
    await addProductLine(setup.database, { slug: 'blenders' });
    const link = await enterQueue(setup.server, 'blenders');
    const socket = setup.clients.open({
      role: 'customer',
      token: link.token,
      clientId: 'tab-gone-1',
    });
    await connected(socket);
    await setup.server.queueSweeper.tick();
    setup.clock.advance(120_000);
    await setup.server.queueSweeper.tick();
    expect((await setup.server.sessions.get(link.sessionId)).status).toBe('waiting');

    socket.disconnect();
    for (;;) {
      const sockets = await setup.server.io.in(`session:${link.sessionId}`).fetchSockets();
      if (sockets.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await setup.server.queueSweeper.tick();
    setup.clock.advance(59_000);
    await setup.server.queueSweeper.tick();
    expect((await setup.server.sessions.get(link.sessionId)).status).toBe('waiting');

    setup.clock.advance(2000);
    await setup.server.queueSweeper.tick();
    expect((await setup.server.sessions.get(link.sessionId)).status).toBe('abandoned');
    const abandoned = await eventsOf(setup.server, link.sessionId, 'abandoned');
    expect(abandoned[0]).toMatchObject({ actorType: 'system', data: { reason: 'timeout' } });
  });

  it('withdraws the offer when the ringing customer ends the call', async () => {
    await addProductLine(setup.database, { slug: 'toasters' });
    const agent = await agentWithConsole('Rae Ringing');
    const offered = nextWhere(agent.socket, 'offer', () => true);
    const link = await enterQueue(setup.server, 'toasters');
    await offered;

    const withdrawn = nextWhere(agent.socket, 'offer:withdrawn', () => true);
    const customer = setup.clients.open({
      role: 'customer',
      token: link.token,
      clientId: 'tab-end-1',
    });
    await connected(customer);
    // The server closes the customer's connection as the call ends, before any acknowledgement.
    customer.emit('call:end', {}, () => {});

    expect(await withdrawn).toEqual({ sessionId: link.sessionId, reason: 'abandoned' });
    expect((await setup.server.presence.view(agent.user.id)).status).toBe('available');
    const abandoned = await eventsOf(setup.server, link.sessionId, 'abandoned');
    expect(abandoned[0]?.data).toMatchObject({ from: 'ringing', reason: 'left_queue' });
    await everyoneAway([agent.cookie]);
  });
});
