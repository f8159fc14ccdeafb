import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LensdeskServer } from '../app.js';
import { ManualClock, signIn, startTestServer } from '../test-support/servers.js';

describe('session routes', () => {
  let server: LensdeskServer & { agentEmail: string };
  let cookie: string;
  const clock = new ManualClock();

  beforeAll(async () => {
    server = await startTestServer({ clock });
    cookie = await signIn(server, server.agentEmail);
  });

  afterAll(async () => {
    await server.close();
  });

  async function createInvite(payload: object = {}) {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie },
      payload,
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string; customerUrl: string; qrCodeSvgUrl: string }>();
  }

  it('requires a signed-in agent', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/sessions', payload: {} });

    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('creates an invite and returns the case', async () => {
    const invite = await createInvite({ customerName: 'Sam Lee', topic: 'Router blinks red' });

    const response = await server.app.inject({
      url: `/api/sessions/${invite.id}`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail.status).toBe('waiting');
    expect(detail.topic).toBe('Router blinks red');
    expect(detail.customerUrl).toBe(invite.customerUrl);
    expect(detail.events).toHaveLength(1);
    expect(detail.events[0]).toMatchObject({ type: 'created', actorType: 'agent' });
  });

  it('serves the QR code of the customer link', async () => {
    const invite = await createInvite();
    const response = await server.app.inject({ url: invite.qrCodeSvgUrl, headers: { cookie } });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(response.body).toContain('<svg');
  });

  it('rejects unknown fields and bad ids', async () => {
    const extra = await server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie },
      payload: { customerName: 'Sam', admin: true },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('VALIDATION_FAILED');

    const badId = await server.app.inject({ url: '/api/sessions/not-a-uuid', headers: { cookie } });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.issues[0].path).toBe('params.id');

    const missing = await server.app.inject({
      url: '/api/sessions/00000000-0000-4000-8000-000000000000',
      headers: { cookie },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('SESSION_NOT_FOUND');
  });

  it('rejects malformed and oversized bodies', async () => {
    const malformed = await server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie, 'content-type': 'application/json' },
      payload: '{"customerName":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');

    const oversized = await server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie },
      payload: { topic: 'x'.repeat(300 * 1024) },
    });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rejects wrap-up while the session waits', async () => {
    const invite = await createInvite();
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/sessions/${invite.id}/wrap-up`,
      headers: { cookie },
      payload: { disposition: 'resolved', notes: '' },
    });

    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('INVALID_TRANSITION');
  });

  it('shows the customer page its session', async () => {
    const invite = await createInvite();
    const token = invite.customerUrl.split('/s/')[1];

    const response = await server.app.inject({
      url: '/api/customer/session',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      sessionId: invite.id,
      status: 'waiting',
      agent: { name: 'Dana Fox', initials: 'DF' },
    });
  });

  it('treats mangled customer links as invalid', async () => {
    for (const authorization of ['Bearer a', 'Bearer abc def', 'Basic xyz', '']) {
      const response = await server.app.inject({
        url: '/api/customer/session',
        headers: { authorization },
      });
      expect(response.statusCode, authorization).toBe(404);
      expect(response.json().error.code, authorization).toBe('LINK_INVALID');
    }
  });

  it('routes long customer links to the page', async () => {
    const response = await server.app.inject({ url: `/s/${'a'.repeat(300)}` });

    // The test server has no built web app, so the page route reports that instead of a 414.
    expect(response.statusCode).toBe(503);
  });

  it('marks API responses as not cacheable', async () => {
    const response = await server.app.inject({
      url: '/api/customer/session',
      headers: { authorization: `Bearer ${'B'.repeat(43)}` },
    });

    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('stops serving the QR code once the call ended', async () => {
    const invite = await createInvite();
    await server.sessions.endCall(invite.id, { type: 'agent', id: null });

    const response = await server.app.inject({ url: invite.qrCodeSvgUrl, headers: { cookie } });
    expect(response.statusCode).toBe(410);
    expect(response.json().error.code).toBe('SESSION_ENDED');
  });

  it('rejects unknown and expired customer links', async () => {
    const unknown = await server.app.inject({
      url: '/api/customer/session',
      headers: { authorization: `Bearer ${'A'.repeat(43)}` },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('LINK_INVALID');

    const invite = await createInvite();
    const token = invite.customerUrl.split('/s/')[1];
    clock.advance(25 * 3_600_000);
    const expired = await server.app.inject({
      url: '/api/customer/session',
      headers: { authorization: `Bearer ${token}` },
    });
    clock.advance(-25 * 3_600_000);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('LINK_EXPIRED');
  });

  it('describes every route in the OpenAPI document', async () => {
    const response = await server.app.inject({ url: '/api/docs/json' });

    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/sessions/',
        '/api/sessions/{id}',
        '/api/sessions/{id}/wrap-up',
        '/api/customer/session',
        '/readyz',
      ]),
    );
  });
});
