import nodemailer, { type Transporter } from 'nodemailer';
import { AppError } from '../errors.js';
import type { MailConfig } from './config.js';

/** A file sent with an e-mail. With `cid`, the HTML part shows it inline as `<img src="cid:…">`. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  cid?: string;
}

/** One e-mail message. `text` is always sent; `html` is the optional rich version. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

/** Receipt of a message that the mail server accepted. */
export interface MailReceipt {
  /** `Message-ID` header of the sent message. */
  messageId: string;
}

/**
 * Sends e-mail. Rejects with an `AppError`: `EMAIL_REJECTED` when the server refused the
 * recipient, `EMAIL_FAILED` for every other failure.
 */
export interface Mailer {
  send(message: MailMessage): Promise<MailReceipt>;
}

/** One text message to a phone number in E.164 form. */
export interface SmsMessage {
  to: string;
  body: string;
}

/** Receipt of a message that the SMS provider accepted. */
export interface SmsReceipt {
  /** The provider's id of the message, such as Twilio's `SM…` SID, if it returned one. */
  providerId: string | undefined;
}

/**
 * Sends text messages through a provider. Rejects with an `AppError`: `SMS_REJECTED` when the
 * provider refused this message, `SMS_FAILED` for every other failure.
 */
export interface SmsSender {
  send(message: SmsMessage): Promise<SmsReceipt>;
}

/** Time limits of one SMTP conversation, in milliseconds. */
export const smtpTimeouts = {
  /** Opening the TCP connection. */
  connectionTimeout: 10_000,
  /** Waiting for the server's greeting after the connection opened. */
  greetingTimeout: 10_000,
  /** Inactivity on the open connection, such as a server that stops responding mid-message. */
  socketTimeout: 30_000,
};

/** Sends e-mail through one SMTP server, with a new connection for each message. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly config: MailConfig) {
    const { smtp } = config;
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.auth === undefined ? {} : { auth: smtp.auth }),
      ...smtpTimeouts,
    });
  }

  /** `smtp://host:port` or `smtps://…` of the server, without credentials, for logs. */
  get description(): string {
    const { smtp } = this.config;
    return `${smtp.secure ? 'smtps' : 'smtp'}://${smtp.host}:${smtp.port}`;
  }

  async send(message: MailMessage): Promise<MailReceipt> {
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        ...(message.attachments === undefined ? {} : { attachments: message.attachments }),
      });
      return { messageId: String(info.messageId) };
    } catch (error) {
      throw toMailError(error);
    }
  }
}

/**
 * Returns the configured SMTP mailer, or undefined when e-mail is not set up. Nothing connects
 * until the first message.
 */
export function createMailer(config: { mail: MailConfig | undefined }): SmtpMailer | undefined {
  return config.mail === undefined ? undefined : new SmtpMailer(config.mail);
}

/**
 * Maps a nodemailer failure to `EMAIL_REJECTED` when the server refused the recipient with a
 * permanent (5xx) reply, and to `EMAIL_FAILED` otherwise: connection, TLS, sign-in, time-outs
 * and temporary (4xx) replies.
 */
function toMailError(error: unknown): AppError {
  const details = error as {
    code?: unknown;
    command?: unknown;
    responseCode?: unknown;
    response?: unknown;
  };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  const response = typeof details.response === 'string' ? details.response : undefined;
  const recipientRefused = details.code === 'EENVELOPE' && details.command === 'RCPT TO';

  if (recipientRefused && responseCode !== undefined && responseCode >= 500) {
    const reason = (response ?? `SMTP reply ${responseCode}`).trim().replace(/\.$/, '');
    return withCause(
      new AppError('EMAIL_REJECTED', `The mail server rejected the recipient: ${reason}.`),
      error,
    );
  }

  const reason = (error instanceof Error ? error.message : String(error)).trim().replace(/\.$/, '');
  return withCause(new AppError('EMAIL_FAILED', `The e-mail could not be sent: ${reason}.`), error);
}

function withCause(appError: AppError, cause: unknown): AppError {
  appError.cause = cause;
  return appError;
}
