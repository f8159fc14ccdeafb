import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type SmsProviderPeer,
  findClosedPort,
  startSmsProviderPeer,
} from '../test-support/notification-peers.js';
import { TwilioSmsSender, createSmsSender } from './sms.js';

describe('Twilio-compatible SMS sender', () => {
  let peer: SmsProviderPeer;

  beforeAll(async () => {
    peer = await startSmsProviderPeer();
  });

  beforeEach(() => {
    peer.behaviour = 'accept';
    peer.requests.length = 0;
  });

  afterAll(async () => {
    await peer.close();
  });

  function sender(
    overrides: { authToken?: string; providerUrl?: string } = {},
    timeoutMs?: number,
  ) {
    return new TwilioSmsSender(
      {
        providerUrl: overrides.providerUrl ?? peer.url,
        accountSid: peer.accountSid,
        authToken: overrides.authToken ?? peer.authToken,
        from: '+15005550006',
      },
      timeoutMs,
    );
  }

  it('posts the message as a form with basic auth', async () => {
    const receipt = await sender().send({ to: '+442079460958', body: 'Open https://x.test/s/abc' });

    expect(receipt.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(peer.requests).toHaveLength(1);
    const [request] = peer.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/2010-04-01/Accounts/${peer.accountSid}/Messages.json`);
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    expect(request?.form.get('To')).toBe('+442079460958');
    expect(request?.form.get('From')).toBe('+15005550006');
    expect(request?.form.get('Body')).toBe('Open https://x.test/s/abc');
  });

  it('keeps a path prefix of the provider URL', async () => {
    const attempt = sender({ providerUrl: `${peer.url}/proxy` }).send({
      to: '+442079460958',
      body: 'Hi',
    });

    await expect(attempt).rejects.toMatchObject({ code: 'SMS_REJECTED' });
    expect(peer.requests[0]?.path).toBe(
      `/proxy/2010-04-01/Accounts/${peer.accountSid}/Messages.json`,
    );
  });

  it('maps a refused number to SMS_REJECTED with the provider message', async () => {
    peer.behaviour = 'reject';

    const attempt = sender().send({ to: '+15005550001', body: 'Hi' });
    await expect(attempt).rejects.toMatchObject({ code: 'SMS_REJECTED' });
    await expect(attempt).rejects.toThrow(
      "The SMS provider rejected the message: The 'To' number +15005550001 is not a valid phone number (provider error 21211).",
    );
  });

  it('maps refused credentials to SMS_FAILED', async () => {
    const attempt = sender({ authToken: 'wrong' }).send({ to: '+442079460958', body: 'Hi' });

    await expect(attempt).rejects.toMatchObject({ code: 'SMS_FAILED' });
    await expect(attempt).rejects.toThrow(
      /refused the account credentials: Authenticate \(provider error 20003\)\. An admin/,
    );
  });

  it('maps a provider 5xx to SMS_FAILED', async () => {
    peer.behaviour = 'fail';

    const attempt = sender().send({ to: '+442079460958', body: 'Hi' });
    await expect(attempt).rejects.toMatchObject({ code: 'SMS_FAILED' });
    await expect(attempt).rejects.toThrow(/failed to send the message: An internal server error/);
  });

  it('maps a missing answer to SMS_FAILED after the timeout', async () => {
    peer.behaviour = 'hang';

    const attempt = sender({}, 200).send({ to: '+442079460958', body: 'Hi' });
    await expect(attempt).rejects.toMatchObject({ code: 'SMS_FAILED' });
    await expect(attempt).rejects.toThrow(
      'The SMS provider could not be reached: no response within 0.2 s.',
    );
  });

  it('maps a refused connection to SMS_FAILED', async () => {
    const port = await findClosedPort();

    const attempt = sender({ providerUrl: `http://127.0.0.1:${port}` }).send({
      to: '+442079460958',
      body: 'Hi',
    });
    await expect(attempt).rejects.toMatchObject({ code: 'SMS_FAILED' });
    await expect(attempt).rejects.toThrow(/could not be reached: .*ECONNREFUSED/);
  });

  it('is created only when SMS is configured', () => {
    expect(createSmsSender({ sms: undefined })).toBeUndefined();
    const created = createSmsSender({
      sms: {
        providerUrl: 'https://api.twilio.com',
        accountSid: 'AC1',
        authToken: 't',
        from: 'Acme',
      },
    });
    expect(created?.description).toBe('https://api.twilio.com');
  });
});
