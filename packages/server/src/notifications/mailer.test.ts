import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import {
  type SmtpPeer,
  findClosedPort,
  startSmtpPeer,
} from '../test-support/notification-peers.js';
import { SmtpMailer, createMailer } from './mailer.js';

const from = 'Acme Support <support@acme.example>';

describe('SMTP mailer', () => {
  let peer: SmtpPeer;
  const credentials = { user: 'mailer', pass: 's3cret' };

  beforeAll(async () => {
    peer = await startSmtpPeer({ credentials, rejectRecipients: /^nobody@/ });
  });

  afterAll(async () => {
    await peer.close();
  });

  function mailer(auth: { user: string; pass: string } | undefined = credentials) {
    return new SmtpMailer({
      smtp: { host: '127.0.0.1', port: peer.port, secure: false, auth },
      from,
    });
  }

  it('delivers text, HTML and an inline attachment', async () => {
    const receipt = await mailer().send({
      to: 'sam@example.com',
      subject: 'Your link',
      text: 'Open https://lensdesk.test/s/abc',
      html: '<p>Open <a href="https://lensdesk.test/s/abc">the link</a></p><img src="cid:qr@test">',
      attachments: [
        {
          filename: 'qr.png',
          content: Buffer.from('png bytes'),
          contentType: 'image/png',
          cid: 'qr@test',
        },
      ],
    });

    const mail = peer.received.at(-1);
    expect(mail?.envelope).toEqual({ from: 'support@acme.example', to: ['sam@example.com'] });
    expect(mail?.user).toBe('mailer');
    expect(mail?.parsed.messageId).toBe(receipt.messageId);
    expect(mail?.parsed.from?.text).toBe('"Acme Support" <support@acme.example>');
    expect(mail?.parsed.subject).toBe('Your link');
    expect(mail?.parsed.text?.trim()).toBe('Open https://lensdesk.test/s/abc');
    expect(mail?.parsed.html).toContain('href="https://lensdesk.test/s/abc"');
    expect(mail?.parsed.attachments[0]?.cid).toBe('qr@test');
    expect(mail?.parsed.attachments[0]?.content.toString()).toBe('png bytes');
  });

  it('reports a refused recipient as rejected', async () => {
    const attempt = mailer().send({ to: 'nobody@example.com', subject: 'Hi', text: 'Hi' });

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'EMAIL_REJECTED' });
    await expect(attempt).rejects.toThrow(/550 5\.1\.1 Mailbox unavailable/);
  });

  it('reports wrong credentials as failed', async () => {
    const attempt = mailer({ user: 'mailer', pass: 'wrong' }).send({
      to: 'sam@example.com',
      subject: 'Hi',
      text: 'Hi',
    });

    await expect(attempt).rejects.toMatchObject({ code: 'EMAIL_FAILED' });
    await expect(attempt).rejects.toThrow(/Invalid username or password/);
  });

  it('reports an unreachable server as failed', async () => {
    const port = await findClosedPort();
    const unreachable = new SmtpMailer({
      smtp: { host: '127.0.0.1', port, secure: false, auth: undefined },
      from,
    });

    const attempt = unreachable.send({ to: 'sam@example.com', subject: 'Hi', text: 'Hi' });
    await expect(attempt).rejects.toMatchObject({ code: 'EMAIL_FAILED' });
    await expect(attempt).rejects.toThrow(/ECONNREFUSED/);
  });

  it('is created only when mail is configured', () => {
    expect(createMailer({ mail: undefined })).toBeUndefined();
    const created = createMailer({
      mail: {
        smtp: { host: 'mail.acme.example', port: 465, secure: true, auth: credentials },
        from,
      },
    });
    expect(created?.description).toBe('smtps://mail.acme.example:465');
  });
});
