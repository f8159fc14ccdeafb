import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const booleanString = z.enum(['true', 'false'], { error: 'must be true or false' }).optional();

/** Address part of `Name <address>`, or the whole value when it has no angle brackets. */
function addressOf(mailbox: string): string {
  const match = /<([^<>]+)>\s*$/.exec(mailbox);
  return (match?.[1] ?? mailbox).trim();
}

/** Alphanumeric sender ID as SMS providers accept it: up to 11 letters, digits and spaces. */
const alphanumericSenderPattern = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
const e164Pattern = /^\+[1-9]\d{6,14}$/;

/** Environment variables of the e-mail and SMS senders; `config.ts` merges them into its schema. */
export const notificationEnvironmentShape = {
  SMTP_URL: optionalString.pipe(
    z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  ),
  SMTP_HOST: optionalString,
  SMTP_PORT: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number from 1 to 65535')
      .transform(Number)
      .pipe(z.number().min(1, 'must be from 1 to 65535').max(65_535, 'must be from 1 to 65535'))
      .optional(),
  ),
  SMTP_SECURE: booleanString,
  SMTP_USER: optionalString,
  SMTP_PASSWORD: optionalString,
  MAIL_FROM: optionalString.refine(
    (value) => value === undefined || z.email().safeParse(addressOf(value)).success,
    'must be an e-mail address, optionally with a name: Support <support@example.com>',
  ),
  SMS_PROVIDER_URL: optionalString.pipe(
    z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ),
  SMS_ACCOUNT_SID: optionalString,
  SMS_AUTH_TOKEN: optionalString,
  SMS_FROM: optionalString.refine(
    (value) =>
      value === undefined || e164Pattern.test(value) || alphanumericSenderPattern.test(value),
    'must be a phone number in E.164 form (+15551234567) or a sender ID of up to 11 letters and digits',
  ),
};

type NotificationEnvironment = z.output<z.ZodObject<typeof notificationEnvironmentShape>>;

/** SMTP server that e-mail goes through. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** True for TLS from the first byte (usually port 465); false starts plain and upgrades with STARTTLS when offered. */
  secure: boolean;
  auth: { user: string; pass: string } | undefined;
}

/** E-mail sending: the SMTP server and the sender address. */
export interface MailConfig {
  smtp: SmtpConfig;
  /** `From` header of every message, such as `Acme Support <support@acme.example>`. */
  from: string;
}

/** Text messages through an HTTP API compatible with Twilio's Messages resource. */
export interface SmsConfig {
  /** Base URL of the API, without a trailing slash, such as `https://api.twilio.com`. */
  providerUrl: string;
  accountSid: string;
  authToken: string;
  /** Sender: a phone number in E.164 form or an alphanumeric sender ID. */
  from: string;
}

export const defaultSmsProviderUrl = 'https://api.twilio.com';

/**
 * Resolves the mail and SMS settings from the parsed environment. Each setting is undefined when
 * its variables are unset; `problems` lists combinations that cannot work, one line each.
 */
export function resolveNotificationConfig(env: NotificationEnvironment): {
  mail: MailConfig | undefined;
  sms: SmsConfig | undefined;
  problems: string[];
} {
  const problems: string[] = [];
  const smtp = resolveSmtp(env, problems);

  if (smtp !== undefined && env.MAIL_FROM === undefined) {
    problems.push('MAIL_FROM must be set when SMTP_URL or SMTP_HOST is set');
  }
  if (smtp === undefined && env.MAIL_FROM !== undefined) {
    problems.push('MAIL_FROM is set, but neither SMTP_URL nor SMTP_HOST is');
  }
  const mail =
    smtp !== undefined && env.MAIL_FROM !== undefined ? { smtp, from: env.MAIL_FROM } : undefined;

  return { mail, sms: resolveSms(env, problems), problems };
}

function resolveSmtp(env: NotificationEnvironment, problems: string[]): SmtpConfig | undefined {
  const hostVariables = [env.SMTP_PORT, env.SMTP_SECURE, env.SMTP_USER, env.SMTP_PASSWORD];

  if (env.SMTP_URL !== undefined) {
    if (env.SMTP_HOST !== undefined || hostVariables.some((value) => value !== undefined)) {
      problems.push(
        'SMTP_URL cannot be combined with SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER or SMTP_PASSWORD',
      );
      return undefined;
    }
    return parseSmtpUrl(env.SMTP_URL);
  }

  if (env.SMTP_HOST === undefined) {
    if (hostVariables.some((value) => value !== undefined)) {
      problems.push(
        'SMTP_HOST must be set with SMTP_PORT, SMTP_SECURE, SMTP_USER or SMTP_PASSWORD',
      );
    }
    return undefined;
  }
  if ((env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined)) {
    problems.push('SMTP_USER and SMTP_PASSWORD must be set together');
    return undefined;
  }

  const port = env.SMTP_PORT ?? (env.SMTP_SECURE === 'true' ? 465 : 587);
  return {
    host: env.SMTP_HOST,
    port,
    secure: env.SMTP_SECURE === undefined ? port === 465 : env.SMTP_SECURE === 'true',
    auth:
      env.SMTP_USER !== undefined && env.SMTP_PASSWORD !== undefined
        ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD }
        : undefined,
  };
}

/** Splits `smtp://user:password@host:port` (or `smtps://`) into its parts; the user info is URL-encoded. */
function parseSmtpUrl(value: string): SmtpConfig {
  const url = new URL(value);
  const secure = url.protocol === 'smtps:';
  const defaultPort = secure ? 465 : 587;
  const user = decodeURIComponent(url.username);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? defaultPort : Number(url.port),
    secure,
    auth: user === '' ? undefined : { user, pass: decodeURIComponent(url.password) },
  };
}

function resolveSms(env: NotificationEnvironment, problems: string[]): SmsConfig | undefined {
  const { SMS_ACCOUNT_SID: accountSid, SMS_AUTH_TOKEN: authToken, SMS_FROM: from } = env;
  if (accountSid !== undefined && authToken !== undefined && from !== undefined) {
    const providerUrl = (env.SMS_PROVIDER_URL ?? defaultSmsProviderUrl).replace(/\/+$/, '');
    return { providerUrl, accountSid, authToken, from };
  }

  const missing = Object.entries({
    SMS_ACCOUNT_SID: accountSid,
    SMS_AUTH_TOKEN: authToken,
    SMS_FROM: from,
  })
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length < 3) {
    problems.push(
      `SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM must be set together; missing ${missing.join(', ')}`,
    );
  } else if (env.SMS_PROVIDER_URL !== undefined) {
    problems.push(
      'SMS_PROVIDER_URL is set, but SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM are not',
    );
  }
  return undefined;
}
