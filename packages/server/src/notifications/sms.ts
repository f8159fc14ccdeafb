import { z } from 'zod';
import { AppError } from '../errors.js';
import type { SmsConfig } from './config.js';
import type { SmsMessage, SmsReceipt, SmsSender } from './mailer.js';

/** Time one request to the SMS provider may take, including the response body, in milliseconds. */
export const smsTimeoutMs = 10_000;

/** Success body of Twilio's Messages resource, with only the fields Lensdesk reads. */
const createdMessageSchema = z.object({ sid: z.string().optional() });

/** Error body of Twilio's REST API: `{code, message, more_info, status}`. */
const providerErrorSchema = z.object({
  code: z.union([z.number(), z.string()]).optional(),
  message: z.string(),
});

/**
 * Sends text messages through an HTTP API compatible with Twilio's Messages resource:
 * `POST <base>/2010-04-01/Accounts/<sid>/Messages.json` with the form fields `To`, `From` and
 * `Body`, authenticated with HTTP basic auth (account SID and auth token).
 */
export class TwilioSmsSender implements SmsSender {
  private readonly endpoint: string;
  private readonly authorization: string;

  constructor(
    private readonly config: SmsConfig,
    private readonly timeoutMs = smsTimeoutMs,
  ) {
    this.endpoint = `${config.providerUrl}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
    const credentials = Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64');
    this.authorization = `Basic ${credentials}`;
  }

  /** Base URL of the provider, for logs. */
  get description(): string {
    return this.config.providerUrl;
  }

  async send(message: SmsMessage): Promise<SmsReceipt> {
    const form = new URLSearchParams({
      To: message.to,
      From: this.config.from,
      Body: message.body,
    });

    let status: number;
    let body: string;
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          authorization: this.authorization,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: form,
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      body = await response.text();
    } catch (error) {
      throw unreachable(error, this.timeoutMs);
    }

    if (status >= 200 && status < 300) {
      const created = createdMessageSchema.safeParse(parseJson(body));
      return { providerId: created.success ? created.data.sid : undefined };
    }
    throw toSmsError(status, body);
  }
}

/** Returns the configured SMS sender, or undefined when text messages are not set up. */
export function createSmsSender(config: {
  sms: SmsConfig | undefined;
}): TwilioSmsSender | undefined {
  return config.sms === undefined ? undefined : new TwilioSmsSender(config.sms);
}

function unreachable(error: unknown, timeoutMs: number): AppError {
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  const reason = timedOut
    ? `no response within ${timeoutMs / 1000} s`
    : withoutFinalPeriod(describeNetworkError(error));
  const appError = new AppError('SMS_FAILED', `The SMS provider could not be reached: ${reason}.`);
  appError.cause = error;
  return appError;
}

/** Returns the most specific message of a failed `fetch`, whose own message is only "fetch failed". */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error && cause.message !== '') return cause.message;
  return error.message;
}

/**
 * Maps a provider's error response. A 4xx other than 401, 403 and 429 means the provider
 * rejected this message, such as an invalid or unsubscribed number, so the agent can correct it:
 * `SMS_REJECTED` with the provider's message. Rejected credentials, rate limits and 5xx are
 * `SMS_FAILED`, because only an admin or time can fix them.
 */
function toSmsError(status: number, body: string): AppError {
  const parsed = providerErrorSchema.safeParse(parseJson(body));
  const providerMessage = parsed.success
    ? withoutFinalPeriod(parsed.data.message)
    : `HTTP ${status}`;
  const providerCode = parsed.success ? parsed.data.code : undefined;
  const detail =
    providerCode === undefined
      ? providerMessage
      : `${providerMessage} (provider error ${providerCode})`;

  if (status === 401 || status === 403) {
    return new AppError(
      'SMS_FAILED',
      `The SMS provider refused the account credentials: ${detail}. An admin needs to check SMS_ACCOUNT_SID and SMS_AUTH_TOKEN.`,
    );
  }
  if (status >= 400 && status < 500 && status !== 429) {
    return new AppError('SMS_REJECTED', `The SMS provider rejected the message: ${detail}.`);
  }
  return new AppError('SMS_FAILED', `The SMS provider failed to send the message: ${detail}.`);
}

function withoutFinalPeriod(text: string): string {
  return text.trim().replace(/\.$/, '');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
