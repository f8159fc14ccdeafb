import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

describe('notification configuration', () => {
  it('leaves e-mail and SMS off by default', () => {
    const config = loadConfig({});

    expect(config.mail).toBeUndefined();
    expect(config.sms).toBeUndefined();
  });

  it('reads an SMTP URL with encoded credentials', () => {
    const config = loadConfig({
      SMTP_URL: 'smtp://mailer%40acme.example:p%40ss%3Aword@mail.acme.example:2525',
      MAIL_FROM: 'Acme Support <support@acme.example>',
    });

    expect(config.mail).toEqual({
      smtp: {
        host: 'mail.acme.example',
        port: 2525,
        secure: false,
        auth: { user: 'mailer@acme.example', pass: 'p@ss:word' },
      },
      from: 'Acme Support <support@acme.example>',
    });
  });

  it('defaults the port by scheme', () => {
    const plain = loadConfig({ SMTP_URL: 'smtp://mail.acme.example', MAIL_FROM: 'a@acme.example' });
    const tls = loadConfig({ SMTP_URL: 'smtps://mail.acme.example', MAIL_FROM: 'a@acme.example' });

    expect(plain.mail?.smtp).toMatchObject({ port: 587, secure: false, auth: undefined });
    expect(tls.mail?.smtp).toMatchObject({ port: 465, secure: true });
  });

  it('reads separate SMTP variables', () => {
    const config = loadConfig({
      SMTP_HOST: 'mail.acme.example',
      SMTP_PORT: '465',
      SMTP_USER: 'mailer',
      SMTP_PASSWORD: 'secret',
      MAIL_FROM: 'support@acme.example',
    });

    expect(config.mail?.smtp).toEqual({
      host: 'mail.acme.example',
      port: 465,
      secure: true,
      auth: { user: 'mailer', pass: 'secret' },
    });
    const explicit = loadConfig({
      SMTP_HOST: 'mail.acme.example',
      SMTP_SECURE: 'true',
      MAIL_FROM: 'support@acme.example',
    });
    expect(explicit.mail?.smtp).toMatchObject({ port: 465, secure: true });
  });

  it('rejects incomplete or conflicting mail settings', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ SMTP_HOST: 'mail.acme.example' }, /MAIL_FROM must be set/],
      [{ MAIL_FROM: 'support@acme.example' }, /neither SMTP_URL nor SMTP_HOST/],
      [
        {
          SMTP_URL: 'smtp://mail.acme.example',
          SMTP_HOST: 'mail.acme.example',
          MAIL_FROM: 'a@b.example',
        },
        /SMTP_URL cannot be combined/,
      ],
      [
        { SMTP_HOST: 'mail.acme.example', SMTP_USER: 'mailer', MAIL_FROM: 'a@b.example' },
        /SMTP_USER and SMTP_PASSWORD must be set together/,
      ],
      [{ SMTP_PORT: '25' }, /SMTP_HOST must be set/],
      [
        { SMTP_URL: 'http://mail.acme.example' },
        /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/,
      ],
      [
        { SMTP_HOST: 'mail.acme.example', SMTP_PORT: '70000' },
        /SMTP_PORT: must be from 1 to 65535/,
      ],
      [
        { SMTP_HOST: 'mail.acme.example', SMTP_SECURE: 'yes' },
        /SMTP_SECURE: must be true or false/,
      ],
      [{ MAIL_FROM: 'Support <not an address>' }, /MAIL_FROM: must be an e-mail address/],
    ];

    for (const [environment, message] of cases) {
      expect(() => loadConfig(environment), JSON.stringify(environment)).toThrow(ConfigError);
      expect(() => loadConfig(environment), JSON.stringify(environment)).toThrow(message);
    }
  });

  it('reads the SMS provider settings', () => {
    const config = loadConfig({
      SMS_ACCOUNT_SID: 'AC0123',
      SMS_AUTH_TOKEN: 'token',
      SMS_FROM: '+15005550006',
    });

    expect(config.sms).toEqual({
      providerUrl: 'https://api.twilio.com',
      accountSid: 'AC0123',
      authToken: 'token',
      from: '+15005550006',
    });
    const custom = loadConfig({
      SMS_PROVIDER_URL: 'http://127.0.0.1:9000/twilio/',
      SMS_ACCOUNT_SID: 'AC0123',
      SMS_AUTH_TOKEN: 'token',
      SMS_FROM: 'Acme',
    });
    expect(custom.sms?.providerUrl).toBe('http://127.0.0.1:9000/twilio');
    expect(custom.sms?.from).toBe('Acme');
  });

  it('rejects incomplete or invalid SMS settings', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ SMS_ACCOUNT_SID: 'AC0123' }, /missing SMS_AUTH_TOKEN, SMS_FROM/],
      [{ SMS_PROVIDER_URL: 'https://sms.example' }, /SMS_PROVIDER_URL is set/],
      [{ SMS_PROVIDER_URL: 'ftp://sms.example' }, /SMS_PROVIDER_URL: must be an http/],
      [{ SMS_FROM: '0151 234' }, /SMS_FROM: must be a phone number in E.164 form/],
      [{ SMS_FROM: 'AcmeSupportDesk' }, /SMS_FROM: must be a phone number in E.164 form/],
    ];

    for (const [environment, message] of cases) {
      expect(() => loadConfig(environment), JSON.stringify(environment)).toThrow(message);
    }
  });
});
