import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from './recipients.js';
import { escapeHtml, formatExpiry, inviteEmail, inviteQrCid, inviteSms } from './templates.js';

const content = {
  companyName: 'Acme <Support>',
  agentName: 'Dana Fox',
  customerName: 'Sam "O\'Neil" & Co',
  customerUrl: 'https://support.acme.example/s/abc123',
  expiresAt: new Date('2026-03-02T09:00:00.000Z'),
  timeZone: 'Europe/Berlin',
};

describe('invite templates', () => {
  it('states the expiry in the given time zone', () => {
    expect(formatExpiry(content.expiresAt, 'Europe/Berlin')).toBe('Mon 2 Mar, 10:00 CET');
    expect(formatExpiry(content.expiresAt, 'UTC')).toBe('Mon 2 Mar, 09:00 UTC');
  });

  it('writes the e-mail in text and HTML', async () => {
    const mail = await inviteEmail(content, 'sam@example.com');

    expect(mail.to).toBe('sam@example.com');
    expect(mail.subject).toBe('Your video support link from Acme <Support>');
    expect(mail.text).toContain(`Hello Sam "O'Neil" & Co,`);
    expect(mail.text).toContain('Dana Fox from Acme <Support> invites you');
    expect(mail.text).toContain(`\n${content.customerUrl}\n`);
    expect(mail.text).toContain('The link works until Mon 2 Mar, 10:00 CET.');
    expect(mail.html).toContain(`href="${content.customerUrl}"`);
    expect(mail.html).toContain(`src="cid:${inviteQrCid}"`);
    expect(mail.html).toContain('Hello Sam &quot;O&#39;Neil&quot; &amp; Co,');
    expect(mail.html).toContain('Acme &lt;Support&gt;');
    expect(mail.html).not.toContain('<Support>');
  });

  it('attaches the QR code as an inline PNG', async () => {
    const mail = await inviteEmail(content, 'sam@example.com');
    const [attachment] = mail.attachments ?? [];

    expect(attachment?.cid).toBe(inviteQrCid);
    expect(attachment?.contentType).toBe('image/png');
    expect(attachment?.content.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('greets without a name when none was given', async () => {
    const mail = await inviteEmail({ ...content, customerName: null }, 'sam@example.com');

    expect(mail.text.startsWith('Hello,\n')).toBe(true);
  });

  it('keeps the SMS to one line with the link', () => {
    const text = inviteSms({ ...content, companyName: 'Acme Support' });

    expect(text).toBe(
      'Acme Support: Dana Fox invites you to a video support call. Open https://support.acme.example/s/abc123 on your phone. The link works until Mon 2 Mar, 10:00 CET.',
    );
  });

  it('escapes HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});

describe('recipient masks', () => {
  it('hide most of an e-mail address', () => {
    expect(maskEmail('dana.fox@example.com')).toBe('d***@example.com');
    expect(maskEmail('nobody')).toBe('***');
  });

  it('hide the middle of a phone number', () => {
    expect(maskPhone('+442079460958')).toBe('+44********58');
    expect(maskPhone('+4917')).toBe('***');
  });
});
