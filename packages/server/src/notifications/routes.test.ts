import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBarcodes } from 'zxing-wasm/reader';
import type { LensdeskServer } from '../app.js';
import { loadBarcodeReader } from '../ocr/barcodes.js';
import {
  type SmsProviderPeer,
  type SmtpPeer,
  startSmsProviderPeer,
  startSmtpPeer,
} from '../test-support/notification-peers.js';
import { ManualClock, backends, signIn, startTestServer } from '../test-support/servers.js';

describe.each(backends)('invite routes (%s)', (backend) => {
  let server: LensdeskServer & { agentEmail: string };
  let cookie: string;
  let smtp: SmtpPeer;
  let sms: SmsProviderPeer;
  const clock = new ManualClock(new Date('2026-03-01T09:00:00.000Z'));

  beforeAll(async () => {
    smtp = await startSmtpPeer({ rejectRecipients: /^nobody@/ });
    sms = await startSmsProviderPeer();
    server = await startTestServer({
      backend,
      clock,
      env: {
        COMPANY_NAME: 'Acme Support',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'Acme Support <support@acme.example>',
        SMS_PROVIDER_URL: sms.url,
        SMS_ACCOUNT_SID: sms.accountSid,
        SMS_AUTH_TOKEN: sms.authToken,
        SMS_FROM: '+15005550006',
      },
    });
    cookie = await signIn(server, server.agentEmail);
  });

  beforeEach(() => {
    sms.behaviour = 'accept';
  });

  afterAll(async () => {
    await server.close();
    await smtp.close();
    await sms.close();
  });

  async function createInvite(payload: object = {}) {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie },
      payload,
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string; customerUrl: string; expiresAt: string }>();
  }

  function sendInvite(
    sessionId: string,
    payload: object,
    headers: Record<string, string> = { cookie },
  ) {
    return server.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/invites`,
      headers,
      payload,
    });
  }

  async function inviteEvents(sessionId: string) {
    const response = await server.app.inject({
      url: `/api/sessions/${sessionId}`,
      headers: { cookie },
    });
    const detail = response.json<{ events: { type: string; data: Record<string, unknown> }[] }>();
    return detail.events.filter((event) => event.type === 'invite_sent');
  }

  it('documents the route in OpenAPI', async () => {
    const response = await server.app.inject({ url: '/api/docs/json' });
    const document = response.json<{ paths: Record<string, Record<string, unknown>> }>();

    expect(response.statusCode).toBe(200);
    expect(document.paths['/api/sessions/{id}/invites']?.post).toBeDefined();
    expect(document.paths['/api/notifications/channels']?.get).toBeDefined();
  });

  it('lists the configured channels', async () => {
    const response = await server.app.inject({
      url: '/api/notifications/channels',
      headers: { cookie },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ email: true, sms: true });
  });

  it('sends the link by e-mail with an inline QR code', async () => {
    const invite = await createInvite({ customerName: 'Sam Lee' });

    const response = await sendInvite(invite.id, {
      channel: 'email',
      to: ' sam.lee@example.com ',
      timeZone: 'Europe/Berlin',
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      channel: 'email',
      to: 's***@example.com',
      sentAt: '2026-03-01T09:00:00.000Z',
      sendsLeft: 4,
    });
    const mail = smtp.received.at(-1);
    expect(mail?.envelope).toEqual({ from: 'support@acme.example', to: ['sam.lee@example.com'] });
    expect(mail?.parsed.from?.text).toBe('"Acme Support" <support@acme.example>');
    expect(mail?.parsed.subject).toBe('Your video support link from Acme Support');
    expect(mail?.parsed.text).toContain('Hello Sam Lee,');
    expect(mail?.parsed.text).toContain('Dana Fox from Acme Support invites you');
    expect(mail?.parsed.text).toContain(invite.customerUrl);
    expect(mail?.parsed.text).toContain('The link works until Mon 2 Mar, 10:00 CET.');
    expect(mail?.parsed.html).toContain(`href="${invite.customerUrl}"`);

    const qr = mail?.parsed.attachments.find(
      (attachment) => attachment.cid === 'invite-qr@lensdesk',
    );
    expect(qr?.contentType).toBe('image/png');
    expect(qr?.contentDisposition).toBe('inline');
    await loadBarcodeReader();
    const [decoded] = await readBarcodes(new Uint8Array(qr?.content ?? []), {
      formats: ['QRCode'],
    });
    expect(decoded?.text).toBe(invite.customerUrl);
  });

  it('logs the send with the recipient masked and keeps the contact', async () => {
    const invite = await createInvite();
    await sendInvite(invite.id, { channel: 'email', to: 'sam.lee@example.com' });

    const events = await inviteEvents(invite.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ channel: 'email', to: 's***@example.com' });
    expect(JSON.stringify(events[0]?.data)).not.toContain('sam.lee');
  });

  it('sends the link by SMS through the provider', async () => {
    const invite = await createInvite();

    const response = await sendInvite(invite.id, { channel: 'sms', to: '+44 20 7946-0958' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ channel: 'sms', to: '+44********58', sendsLeft: 4 });
    const request = sms.requests.at(-1);
    expect(request?.form.get('To')).toBe('+442079460958');
    expect(request?.form.get('From')).toBe('+15005550006');
    expect(request?.form.get('Body')).toBe(
      `Acme Support: Dana Fox invites you to a video support call. Open ${invite.customerUrl} on your phone. The link works until Mon 2 Mar, 09:00 UTC.`,
    );
    const events = await inviteEvents(invite.id);
    expect(events[0]?.data).toMatchObject({ channel: 'sms', to: '+44********58' });
    expect(events[0]?.data.providerId).toMatch(/^SM/);
  });

  it('stores nothing when the provider rejects the number', async () => {
    const invite = await createInvite();
    sms.behaviour = 'reject';

    const response = await sendInvite(invite.id, { channel: 'sms', to: '+15005550001' });

    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('SMS_REJECTED');
    expect(response.json().error.message).toContain(
      "The 'To' number +15005550001 is not a valid phone number (provider error 21211).",
    );
    expect(await inviteEvents(invite.id)).toHaveLength(0);
  });

  it('maps a provider failure to SMS_FAILED', async () => {
    const invite = await createInvite();
    sms.behaviour = 'fail';

    const response = await sendInvite(invite.id, { channel: 'sms', to: '+442079460958' });

    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('SMS_FAILED');
    expect(await inviteEvents(invite.id)).toHaveLength(0);
  });

  it('maps a refused mailbox to EMAIL_REJECTED', async () => {
    const invite = await createInvite();

    const response = await sendInvite(invite.id, { channel: 'email', to: 'nobody@example.com' });

    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('EMAIL_REJECTED');
    expect(await inviteEvents(invite.id)).toHaveLength(0);
  });

  it('rejects bad addresses, numbers and time zones', async () => {
    const invite = await createInvite();
    const cases: [object, string][] = [
      [{ channel: 'email', to: 'not-an-address' }, 'body.to'],
      [{ channel: 'sms', to: '0151 2345678' }, 'body.to'],
      [{ channel: 'sms', to: '+12' }, 'body.to'],
      [{ channel: 'sms', to: '+44 20 7946 0958', timeZone: 'Mars/Olympus' }, 'body.timeZone'],
      [{ channel: 'fax', to: '+442079460958' }, 'body.channel'],
      [{ channel: 'email', to: 'sam@example.com', cc: 'x@example.com' }, 'body.'],
    ];

    for (const [payload, path] of cases) {
      const response = await sendInvite(invite.id, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.issues[0].path, JSON.stringify(payload)).toBe(path);
    }
    expect(await inviteEvents(invite.id)).toHaveLength(0);
  });

  it('requires a signed-in agent', async () => {
    const invite = await createInvite();

    const response = await sendInvite(invite.id, { channel: 'email', to: 'sam@example.com' }, {});

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects an unknown session', async () => {
    const response = await sendInvite('00000000-0000-4000-8000-000000000000', {
      channel: 'email',
      to: 'sam@example.com',
    });

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('SESSION_NOT_FOUND');
  });

  it('rejects sessions whose link no longer starts a call', async () => {
    const ended = await createInvite();
    await server.sessions.endCall(ended.id, { type: 'agent', id: null });
    const started = await createInvite();
    const agent = (await server.sessions.get(started.id)).createdBy ?? '';
    await server.sessions.startCall(started.id, agent);

    const endedResponse = await sendInvite(ended.id, { channel: 'email', to: 'sam@example.com' });
    const startedResponse = await sendInvite(started.id, {
      channel: 'email',
      to: 'sam@example.com',
    });

    expect(endedResponse.statusCode).toBe(410);
    expect(endedResponse.json().error.code).toBe('SESSION_ENDED');
    expect(startedResponse.statusCode).toBe(409);
    expect(startedResponse.json().error.code).toBe('INVALID_TRANSITION');
  });

  it('rejects an expired link', async () => {
    const invite = await createInvite();
    clock.advance(25 * 3_600_000);
    try {
      // The sign-in lasts 12 hours, so the agent signs in again after the link's 24 hours.
      const freshCookie = await signIn(server, server.agentEmail);
      const response = await sendInvite(
        invite.id,
        { channel: 'sms', to: '+442079460958' },
        { cookie: freshCookie },
      );

      expect(response.statusCode).toBe(410);
      expect(response.json().error.code).toBe('LINK_EXPIRED');
    } finally {
      clock.advance(-25 * 3_600_000);
    }
  });

  it('limits one invite to five sends', async () => {
    const invite = await createInvite();
    for (let send = 1; send <= 5; send += 1) {
      const response = await sendInvite(invite.id, { channel: 'sms', to: '+442079460958' });
      expect(response.json().sendsLeft).toBe(5 - send);
    }

    const sixth = await sendInvite(invite.id, { channel: 'email', to: 'sam@example.com' });

    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('INVITE_SEND_LIMIT');
    expect(await inviteEvents(invite.id)).toHaveLength(5);
  });
});

describe('invite routes without mail or SMS', () => {
  let server: LensdeskServer & { agentEmail: string };
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    cookie = await signIn(server, server.agentEmail);
  });

  afterAll(async () => {
    await server.close();
  });

  it('lists no channels', async () => {
    const response = await server.app.inject({
      url: '/api/notifications/channels',
      headers: { cookie },
    });

    expect(response.json()).toEqual({ email: false, sms: false });
  });

  it('answers that the channel is not configured', async () => {
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie },
      payload: {},
    });
    const { id } = created.json<{ id: string }>();

    const email = await server.app.inject({
      method: 'POST',
      url: `/api/sessions/${id}/invites`,
      headers: { cookie },
      payload: { channel: 'email', to: 'sam@example.com' },
    });
    const sms = await server.app.inject({
      method: 'POST',
      url: `/api/sessions/${id}/invites`,
      headers: { cookie },
      payload: { channel: 'sms', to: '+442079460958' },
    });

    expect(email.statusCode).toBe(503);
    expect(email.json().error.code).toBe('EMAIL_NOT_CONFIGURED');
    expect(sms.statusCode).toBe(503);
    expect(sms.json().error.code).toBe('SMS_NOT_CONFIGURED');
  });

  it('rejects sendMail for other domains', async () => {
    await expect(
      server.notifications.sendMail({ to: 'sam@example.com', subject: 'Survey', text: 'Hi' }),
    ).rejects.toMatchObject({ code: 'EMAIL_NOT_CONFIGURED' });
  });
});
