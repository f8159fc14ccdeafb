import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PublicProductLine } from '@lensdesk/protocol';
import { backends } from '../test-support/servers.js';
import { connected } from '../test-support/sockets.js';
import {
  type QueueTestServer,
  addAgent,
  addProductLine,
  clearQueue,
  enterQueue,
  eventsOf,
  nextWhere,
  openConsole,
  startQueueServer,
} from '../test-support/queue.js';

const berlinOffice = {
  timeZone: 'Europe/Berlin',
  days: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
};

/** A night line: Monday 22:00 to Tuesday 02:00, split at midnight as the schema requires. */
const nightShift = {
  timeZone: 'America/New_York',
  days: { mon: [['22:00', '24:00']], tue: [['00:00', '02:00']] },
};

describe.each(backends)('customer entry (%s)', (backend) => {
  let setup: QueueTestServer;
  let agentCookie: string;

  beforeAll(async () => {
    setup = await startQueueServer(backend, { env: { SHORT_CODE_TTL_MINUTES: '15' } });
    await addProductLine(setup.database, { slug: 'office', supportHours: berlinOffice });
    await addProductLine(setup.database, { slug: 'night', supportHours: nightShift });
    await addProductLine(setup.database, { slug: 'always', greeting: 'We are here.' });
    agentCookie = (await addAgent(setup, { name: 'Val Entry' })).cookie;
  });

  afterAll(async () => {
    await setup.close();
  });

  beforeEach(async () => {
    await clearQueue(setup);
  });

  /** Moves the manual clock to an absolute instant. */
  function setTime(iso: string) {
    setup.clock.advance(new Date(iso).getTime() - setup.clock.now().getTime());
  }

  async function line(slug: string): Promise<PublicProductLine> {
    const response = await setup.server.app.inject({ url: `/api/entry/${slug}` });
    expect(response.statusCode).toBe(200);
    return response.json<PublicProductLine>();
  }

  function post(url: string, payload: object, remoteAddress = '127.0.0.1') {
    return setup.server.app.inject({ method: 'POST', url, payload, remoteAddress });
  }

  it('describes a product line and whether it is open', async () => {
    expect(await line('always')).toEqual({
      name: 'always',
      slug: 'always',
      greeting: 'We are here.',
      language: 'en',
      companyName: 'Lensdesk Support',
      open: true,
      opensAt: null,
    });

    const missing = await setup.server.app.inject({ url: '/api/entry/no-such-line' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('PRODUCT_LINE_NOT_FOUND');
  });

  it('follows support hours in local time across daylight saving', async () => {
    // Winter, CET (UTC+1): 07:30Z is 08:30 in Berlin, closed until 08:00Z.
    setTime('2026-01-12T07:30:00.000Z');
    expect(await line('office')).toMatchObject({
      open: false,
      opensAt: '2026-01-12T08:00:00.000Z',
    });

    // Summer, CEST (UTC+2): 07:30Z is 09:30 in Berlin, open.
    setTime('2026-07-13T07:30:00.000Z');
    expect(await line('office')).toMatchObject({ open: true, opensAt: null });

    // Friday 17:30 in Berlin: the next opening is Monday 09:00 CEST.
    setTime('2026-07-17T15:30:00.000Z');
    expect(await line('office')).toMatchObject({
      open: false,
      opensAt: '2026-07-20T07:00:00.000Z',
    });

    // The Friday before the clocks go back opens Monday at 09:00 CET, an hour later in UTC.
    setTime('2026-10-23T15:30:00.000Z');
    expect(await line('office')).toMatchObject({ opensAt: '2026-10-26T08:00:00.000Z' });
  });

  it('stays open through a night that spans midnight', async () => {
    // Monday 21:00 in New York (EST, UTC-5): closed until 22:00.
    setTime('2026-02-03T02:00:00.000Z');
    expect(await line('night')).toMatchObject({ open: false, opensAt: '2026-02-03T03:00:00.000Z' });

    // Monday 23:30 and Tuesday 01:30 are open; Tuesday 02:00 is closed for a week.
    setTime('2026-02-03T04:30:00.000Z');
    expect((await line('night')).open).toBe(true);
    setTime('2026-02-03T06:30:00.000Z');
    expect((await line('night')).open).toBe(true);
    setTime('2026-02-03T07:00:00.000Z');
    expect(await line('night')).toMatchObject({ open: false, opensAt: '2026-02-10T03:00:00.000Z' });
  });

  it('rejects entering the queue outside support hours', async () => {
    setTime('2026-01-12T07:30:00.000Z');
    const response = await post('/api/entry/office/sessions', { customerName: 'Wes' });

    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'SUPPORT_CLOSED',
      details: { opensAt: '2026-01-12T08:00:00.000Z' },
    });
    expect(await setup.server.queueView.countWaiting()).toBe(0);
  });

  it('queues a customer with what the page knew', async () => {
    const link = await enterQueue(setup.server, 'always', {
      entry: 'widget',
      customerName: 'Xena',
      topic: 'No picture',
      serialNumber: 'SN-123',
      modelNumber: 'TV-55',
      email: 'Xena@Example.com',
    });

    expect(link.customerUrl).toBe(`http://lensdesk.test/s/${link.token}`);
    const detail = await setup.server.sessions.detail(link.sessionId);
    expect(detail).toMatchObject({
      status: 'waiting',
      entry: 'widget',
      customerName: 'Xena',
      topic: 'No picture',
      serialNumber: 'SN-123',
      modelNumber: 'TV-55',
      productLine: { name: 'always' },
    });
    expect(detail.events.map((event) => event.type)).toEqual(['created', 'queued']);
    expect(detail.events[0]).toMatchObject({ actorType: 'customer' });

    const invalid = await post('/api/entry/always/sessions', { entry: 'fax', extra: 1 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('limits queue entries per address', async () => {
    const limited = await startQueueServer(backend, { env: { ENTRY_RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      await addProductLine(limited.database, { slug: 'limited' });
      const attempt = () =>
        limited.server.app.inject({
          method: 'POST',
          url: '/api/entry/limited/sessions',
          payload: {},
          remoteAddress: '203.0.113.7',
        });
      expect((await attempt()).statusCode).toBe(201);
      expect((await attempt()).statusCode).toBe(201);
      const third = await attempt();
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('turns a waiting customer into a callback request', async () => {
    const agentConsole = await openConsole(setup.clients, agentCookie);
    const link = await enterQueue(setup.server, 'always', {
      customerName: 'Yara',
      email: 'yara@example.com',
    });
    const listed = nextWhere(agentConsole, 'queue:state', (state) =>
      state.callbacks.some((callback) => callback.sessionId === link.sessionId),
    );

    const response = await post('/api/entry/callbacks', {
      token: link.token,
      phone: '+49 30 1234567',
      description: 'Please call me after 6 pm.',
    });
    expect(response.statusCode).toBe(201);
    const { id } = response.json<{ id: string }>();

    const callback = (await listed).callbacks.find((entry) => entry.id === id);
    expect(callback).toMatchObject({
      status: 'open',
      name: 'Yara',
      email: 'yara@example.com',
      phone: '+49 30 1234567',
      productLine: { name: 'always' },
      sessionId: link.sessionId,
    });
    const detail = await setup.server.sessions.detail(link.sessionId);
    expect(detail.status).toBe('abandoned');
    const types = detail.events.map((event) => event.type);
    expect(types.slice(-2)).toEqual(['callback_requested', 'abandoned']);
    expect(detail.events.at(-1)?.data).toMatchObject({ reason: 'callback' });

    // The link no longer works, so a second request with it fails.
    const again = await post('/api/entry/callbacks', {
      token: link.token,
      email: 'y@example.com',
      description: 'x',
    });
    expect(again.statusCode).toBe(410);
  });

  it('lets an agent call back with an invite and close the request', async () => {
    const created = await post('/api/entry/callbacks', {
      slug: 'always',
      name: 'Zoe',
      email: 'zoe@example.com',
      description: 'The washer drains slowly.',
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();

    const list = await setup.server.app.inject({
      url: '/api/callbacks',
      headers: { cookie: agentCookie },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().callbacks.map((entry: { id: string }) => entry.id)).toContain(id);
    const unauthenticated = await setup.server.app.inject({ url: '/api/callbacks' });
    expect(unauthenticated.statusCode).toBe(401);

    const invite = await setup.server.app.inject({
      method: 'POST',
      url: `/api/callbacks/${id}/invite`,
      headers: { cookie: agentCookie },
    });
    expect(invite.statusCode).toBe(201);
    const session = invite.json<{ id: string; customerUrl: string }>();
    const detail = await setup.server.sessions.detail(session.id);
    expect(detail).toMatchObject({
      entry: 'callback',
      status: 'waiting',
      customerName: 'Zoe',
      topic: 'The washer drains slowly.',
      productLine: { name: 'always' },
    });

    const closed = await setup.server.app.inject({
      method: 'POST',
      url: `/api/callbacks/${id}/close`,
      headers: { cookie: agentCookie },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', inviteSessionId: session.id });

    const reinvite = await setup.server.app.inject({
      method: 'POST',
      url: `/api/callbacks/${id}/invite`,
      headers: { cookie: agentCookie },
    });
    expect(reinvite.statusCode).toBe(409);

    const unknown = await setup.server.app.inject({
      method: 'POST',
      url: '/api/callbacks/00000000-0000-4000-8000-000000000000/close',
      headers: { cookie: agentCookie },
    });
    expect(unknown.json().error.code).toBe('CALLBACK_NOT_FOUND');

    const neither = await post('/api/entry/callbacks', { slug: 'always', description: 'x' });
    expect(neither.statusCode).toBe(400);
  });

  async function inviteWithCode() {
    const response = await setup.server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie: agentCookie },
      payload: { shortCode: true, customerName: 'Abe' },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{
      id: string;
      customerUrl: string;
      shortCode: string;
      shortCodeExpiresAt: string;
    }>();
  }

  it('opens an invite with its six-digit code once', async () => {
    const invite = await inviteWithCode();
    expect(invite.shortCode).toMatch(/^\d{6}$/);
    expect(invite.shortCodeExpiresAt).toBe(
      new Date(setup.clock.now().getTime() + 15 * 60_000).toISOString(),
    );
    expect((await setup.server.sessions.detail(invite.id)).entry).toBe('code');

    const joined = await post('/api/join', { code: invite.shortCode }, '198.51.100.1');
    expect(joined.statusCode).toBe(200);
    expect(joined.json()).toMatchObject({ sessionId: invite.id, customerUrl: invite.customerUrl });

    const customer = setup.clients.open({
      role: 'customer',
      token: joined.json().token,
      clientId: 'tab-code-1',
    });
    await connected(customer);
    customer.disconnect();

    const second = await post('/api/join', { code: invite.shortCode }, '198.51.100.1');
    expect(second.statusCode).toBe(404);
    expect(second.json().error.code).toBe('CODE_INVALID');

    const plain = await setup.server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie: agentCookie },
      payload: {},
    });
    expect(plain.json().shortCode).toBeUndefined();
  });

  it('expires codes after their lifetime', async () => {
    const invite = await inviteWithCode();
    setup.clock.advance(15 * 60_000);

    const late = await post('/api/join', { code: invite.shortCode }, '198.51.100.2');
    expect(late.statusCode).toBe(404);
    expect(late.json().error.code).toBe('CODE_INVALID');

    // The sweep frees the slot of the expired code.
    await setup.server.queueSweeper.tick();
    setup.clock.advance(61_000);
    await setup.server.queueSweeper.tick();
    expect((await setup.server.sessions.get(invite.id)).shortCode).toBeNull();
  });

  it('limits code attempts per address, wrong ones included', async () => {
    const invite = await inviteWithCode();
    const wrong = invite.shortCode === '000000' ? '000001' : '000000';
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await post('/api/join', { code: wrong }, '192.0.2.9');
      expect(response.statusCode).toBe(404);
    }

    const blocked = await post('/api/join', { code: invite.shortCode }, '192.0.2.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');

    const elsewhere = await post('/api/join', { code: invite.shortCode }, '192.0.2.10');
    expect(elsewhere.statusCode).toBe(200);

    const malformed = await post('/api/join', { code: '12345' }, '192.0.2.11');
    expect(malformed.statusCode).toBe(400);
  });

  it('records the reason when a customer leaves the queue', async () => {
    const link = await enterQueue(setup.server, 'always');
    const response = await setup.server.app.inject({
      method: 'POST',
      url: '/api/customer/leave',
      headers: { authorization: `Bearer ${link.token}` },
      payload: {},
    });
    expect(response.statusCode).toBe(204);
    expect((await eventsOf(setup.server, link.sessionId, 'abandoned'))[0]?.data).toMatchObject({
      reason: 'left_queue',
    });

    const again = await setup.server.app.inject({
      method: 'POST',
      url: '/api/customer/leave',
      headers: { authorization: `Bearer ${link.token}` },
      payload: {},
    });
    expect(again.statusCode).toBe(410);
  });
});
