import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@lensdesk/protocol';
import { AuthService } from '../auth/service.js';
import type { DatabaseHandle } from '../db/client.js';
import { AppError } from '../errors.js';
import { ManualClock, backends, openTestDatabase } from '../test-support/servers.js';
import { SessionService } from './service.js';

const hourMs = 3_600_000;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

describe.each(backends)('session service on %s', (backend) => {
  let database: DatabaseHandle;
  let clock: ManualClock;
  let sessions: SessionService;
  let agent: User;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    clock = new ManualClock();
    sessions = new SessionService(database.db, clock, {
      publicUrl: 'https://support.example.com',
      inviteTtlMs: 24 * hourMs,
    });
    const auth = new AuthService(database.db, clock, hourMs);
    agent = await auth.createUser({
      email: `agent-${backend}@example.com`,
      name: 'Dana Fox',
      role: 'agent',
      password: 'correct horse battery staple',
    });
  });

  afterAll(async () => {
    await database.close();
  });

  it('creates an invite with an unguessable link', async () => {
    const invite = await sessions.createInvite(agent, { customerName: 'Sam Lee' });
    const token = invite.customerUrl.split('/s/')[1] ?? '';

    expect(invite.customerUrl).toMatch(/^https:\/\/support\.example\.com\/s\//);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invite.expiresAt).toBe(new Date(clock.now().getTime() + 24 * hourMs).toISOString());

    const detail = await sessions.detail(invite.id);
    expect(detail.status).toBe('waiting');
    expect(detail.customerName).toBe('Sam Lee');
    expect(detail.events.map((event) => event.type)).toEqual(['created']);
    expect(detail.events[0]?.actorId).toBe(agent.id);
  });

  it('resolves links and rejects unknown or expired ones', async () => {
    const invite = await sessions.createInvite(agent, {});
    const token = invite.customerUrl.split('/s/')[1] ?? '';

    expect((await sessions.resolveCustomerToken(token)).id).toBe(invite.id);
    expect(await codeOf(sessions.resolveCustomerToken(`${token}x`))).toBe('LINK_INVALID');

    clock.advance(24 * hourMs + 1);
    expect(await codeOf(sessions.resolveCustomerToken(token))).toBe('LINK_EXPIRED');
    clock.advance(-(24 * hourMs + 1));
  });

  it('records one call start under concurrent joins', async () => {
    const invite = await sessions.createInvite(agent, {});
    const results = await Promise.all([
      sessions.startCall(invite.id, agent.id),
      sessions.startCall(invite.id, agent.id),
      sessions.startCall(invite.id, agent.id),
    ]);

    expect(results.filter(Boolean)).toHaveLength(1);
    const detail = await sessions.detail(invite.id);
    expect(detail.status).toBe('active');
    expect(detail.events.filter((event) => event.type === 'call_started')).toHaveLength(1);
  });

  it('moves a call through wrap-up to ended', async () => {
    const invite = await sessions.createInvite(agent, {});
    await sessions.startCall(invite.id, agent.id);
    clock.advance(60_000);

    const status = await sessions.endCall(invite.id, { type: 'customer', id: null });
    expect(status).toBe('wrap_up');
    clock.advance(30_000);

    const detail = await sessions.wrapUp(invite.id, agent, {
      disposition: 'resolved',
      notes: 'Reset the router.',
    });
    expect(detail.status).toBe('ended');
    expect(detail.disposition).toBe('resolved');
    expect(detail.notes).toBe('Reset the router.');
    expect(detail.customerUrl).toBeNull();
    expect(detail.events.map((event) => event.type)).toEqual([
      'created',
      'call_started',
      'ended',
      'wrap_up_done',
    ]);
    expect(detail.events[3]?.data).toMatchObject({ disposition: 'resolved', wrapUpMs: 30_000 });
  });

  it('rejects wrap-up before the call ended', async () => {
    const invite = await sessions.createInvite(agent, {});
    const attempt = sessions.wrapUp(invite.id, agent, { disposition: 'resolved', notes: '' });

    expect(await codeOf(attempt)).toBe('INVALID_TRANSITION');
    const detail = await sessions.detail(invite.id);
    expect(detail.status).toBe('waiting');
    expect(detail.disposition).toBeNull();
  });

  it('marks a session never started as abandoned', async () => {
    const invite = await sessions.createInvite(agent, {});
    const token = invite.customerUrl.split('/s/')[1] ?? '';

    expect(await sessions.endCall(invite.id, { type: 'customer', id: null })).toBe('abandoned');
    expect(await codeOf(sessions.endCall(invite.id, { type: 'agent', id: agent.id }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(await codeOf(sessions.resolveCustomerToken(token))).toBe('SESSION_ENDED');
  });

  it('stores chat in order', async () => {
    const invite = await sessions.createInvite(agent, {});
    await sessions.addChatMessage({
      sessionId: invite.id,
      sender: 'agent',
      senderName: 'Dana Fox',
      text: 'Hello',
    });
    clock.advance(1000);
    await sessions.addChatMessage({
      sessionId: invite.id,
      sender: 'customer',
      senderName: 'Customer',
      text: 'Hi',
    });

    const chat = await sessions.chatHistory(invite.id);
    expect(chat.map((message) => message.text)).toEqual(['Hello', 'Hi']);
    expect(chat[1]?.sender).toBe('customer');
  });

  it('lists sessions newest first and by status', async () => {
    clock.advance(60_000);
    const newest = await sessions.createInvite(agent, { topic: 'Router' });

    const all = await sessions.list({ limit: 50 });
    expect(all[0]?.id).toBe(newest.id);
    expect(all[0]?.agent?.name).toBe('Dana Fox');

    const ended = await sessions.list({ status: 'ended', limit: 50 });
    expect(ended.every((session) => session.status === 'ended')).toBe(true);
    expect(ended.length).toBeGreaterThan(0);
  });
});
