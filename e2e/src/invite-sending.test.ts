/**
 * Sending an invite from the console: the agent creates an invite and sends its link by e-mail
 * to a real SMTP server and by SMS to a local HTTP server that behaves like Twilio's API, both started
 * by this test. The steps build on each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SmsProviderPeer,
  type SmtpPeer,
  startSmsProviderPeer,
  startSmtpPeer,
} from '../../packages/server/src/test-support/notification-peers.js';
import { type BrowserSession, launchBrowser } from './harness/chromium.js';
import { createInvite, signIn } from './harness/pages.js';
import { adminAccount, startServer, type TestServer } from './harness/server.js';

let smtp: SmtpPeer;
let sms: SmsProviderPeer;
let server: TestServer;
let agent: BrowserSession;
let customerUrl: string;

beforeAll(async () => {
  smtp = await startSmtpPeer({ rejectRecipients: /^nobody@/ });
  sms = await startSmsProviderPeer();
  server = await startServer({
    COMPANY_NAME: 'Acme Support',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Acme Support <support@acme.example>',
    SMS_PROVIDER_URL: sms.url,
    SMS_ACCOUNT_SID: sms.accountSid,
    SMS_AUTH_TOKEN: sms.authToken,
    SMS_FROM: '+15005550006',
  });
  agent = await launchBrowser({
    camera: { kind: 'no-device' },
    device: 'desktop',
    baseUrl: server.baseUrl,
  });
});

afterAll(async () => {
  await agent?.close();
  await server?.stop();
  await sms?.close();
  await smtp?.close();
});

describe('sending an invite', () => {
  it('agent creates an invite', async () => {
    await signIn(agent.page, adminAccount.email, adminAccount.password);
    customerUrl = await createInvite(agent.page);

    await agent.page.getByRole('textbox', { name: 'Send by e-mail' }).waitFor();
    expect(await agent.page.getByRole('textbox', { name: 'Send by SMS' }).isVisible()).toBe(true);
  });

  it('sends the link by e-mail', async () => {
    const { page } = agent;
    await page.getByRole('textbox', { name: 'Send by e-mail' }).fill('sam.lee@example.com');
    await page.getByRole('button', { name: 'Send e-mail' }).click();

    await page.getByText(/^Sent to s\*\*\*@example\.com at /).waitFor();
    const mail = smtp.received.at(-1);
    expect(mail?.envelope.to).toEqual(['sam.lee@example.com']);
    expect(mail?.parsed.text).toContain(customerUrl);
    expect(mail?.parsed.html).toContain(`href="${customerUrl}"`);
  });

  it('explains a refused address', async () => {
    const { page } = agent;
    await page.getByRole('textbox', { name: 'Send by e-mail' }).fill('nobody@example.com');
    await page.getByRole('button', { name: 'Send e-mail' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'rejected the recipient' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('550 5.1.1 Mailbox unavailable');
    expect(await alert.textContent()).toContain('Check the entry and send again.');
  });

  it('asks for an international number', async () => {
    const { page } = agent;
    await page.getByRole('textbox', { name: 'Send by SMS' }).fill('0151 2345678');
    await page.getByRole('button', { name: 'Send SMS' }).click();

    await page.getByText('Enter the mobile number with + and the country code').waitFor();
    expect(sms.requests).toHaveLength(0);
  });

  it('sends the link by SMS', async () => {
    const { page } = agent;
    await page.getByRole('textbox', { name: 'Send by SMS' }).fill('+44 20 7946 0958');
    await page.getByRole('button', { name: 'Send SMS' }).click();

    await page.getByText(/^Sent to \+44\*+58 at /).waitFor();
    expect(sms.requests).toHaveLength(1);
    expect(sms.requests[0]?.form.get('To')).toBe('+442079460958');
    expect(sms.requests[0]?.form.get('Body')).toContain(customerUrl);
  });
});
