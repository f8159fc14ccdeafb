import {
  type InviteChannel,
  type NotificationChannels,
  type ParsedSendInviteBody,
  type SendInviteResponse,
  type SessionStatus,
  type User,
  maxInviteSends,
} from '@lensdesk/protocol';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import { AppError } from '../errors.js';
import type { SessionService } from '../sessions/service.js';
import type {
  MailMessage,
  MailReceipt,
  Mailer,
  SmsMessage,
  SmsReceipt,
  SmsSender,
} from './mailer.js';
import { countInviteSends, recordInviteSent } from './queries.js';
import { maskEmail, maskPhone } from './recipients.js';
import { type InviteContent, inviteEmail, inviteSms } from './templates.js';

export interface NotificationServiceOptions {
  db: Database;
  clock: Clock;
  sessions: SessionService;
  companyName: string;
  /** E-mail sender, or undefined when SMTP is not configured. */
  mailer: Mailer | undefined;
  /** Text message sender, or undefined when no SMS provider is configured. */
  sms: SmsSender | undefined;
}

/**
 * Sends messages to customers: invites with their customer link by e-mail or SMS, and, for other
 * domains, any e-mail through `sendMail`.
 */
export class NotificationService {
  readonly mailer: Mailer | undefined;
  readonly sms: SmsSender | undefined;

  constructor(private readonly options: NotificationServiceOptions) {
    this.mailer = options.mailer;
    this.sms = options.sms;
  }

  /** Returns which channels are configured. */
  channels(): NotificationChannels {
    return { email: this.mailer !== undefined, sms: this.sms !== undefined };
  }

  /** Sends one e-mail, or throws `EMAIL_NOT_CONFIGURED`, `EMAIL_REJECTED` or `EMAIL_FAILED`. */
  async sendMail(message: MailMessage): Promise<MailReceipt> {
    if (this.mailer === undefined) throw new AppError('EMAIL_NOT_CONFIGURED');
    return this.mailer.send(message);
  }

  /** Sends one text message, or throws `SMS_NOT_CONFIGURED`, `SMS_REJECTED` or `SMS_FAILED`. */
  async sendSms(message: SmsMessage): Promise<SmsReceipt> {
    if (this.sms === undefined) throw new AppError('SMS_NOT_CONFIGURED');
    return this.sms.send(message);
  }

  /**
   * Sends a waiting session's customer link to the customer, then logs `invite_sent` and stores
   * the address or number as the session's contact. Nothing is stored when sending fails.
   */
  async sendInvite(
    sessionId: string,
    agent: User,
    body: ParsedSendInviteBody,
  ): Promise<SendInviteResponse> {
    this.assertConfigured(body.channel);
    const row = await this.options.sessions.get(sessionId);
    this.assertLinkUsable(row.status, row.expiresAt);

    // NOTE: two sends of the same session at the same instant can both pass this check, so the
    // limit can be exceeded by the number of concurrent requests.
    const sendsBefore = await countInviteSends(this.options.db, sessionId);
    if (sendsBefore >= maxInviteSends) {
      throw new AppError(
        'INVITE_SEND_LIMIT',
        `This invite has been sent ${maxInviteSends} times, the maximum. Create a new invite to send another link.`,
      );
    }

    const content: InviteContent = {
      companyName: this.options.companyName,
      agentName: agent.name,
      customerName: row.customerName,
      customerUrl: this.options.sessions.customerUrl(row.customerToken),
      expiresAt: row.expiresAt,
      timeZone: body.timeZone ?? 'UTC',
    };
    const providerId = await this.deliver(body.channel, body.to, content);

    const sentAt = this.options.clock.now();
    const maskedTo = body.channel === 'email' ? maskEmail(body.to) : maskPhone(body.to);
    await recordInviteSent(this.options.db, {
      sessionId,
      agentId: agent.id,
      channel: body.channel,
      to: body.to,
      maskedTo,
      providerId,
      at: sentAt,
    });

    return {
      channel: body.channel,
      to: maskedTo,
      sentAt: sentAt.toISOString(),
      sendsLeft: Math.max(0, maxInviteSends - sendsBefore - 1),
    };
  }

  /** Sends the invite through one channel and returns the id the mail server or provider gave it. */
  private async deliver(
    channel: InviteChannel,
    to: string,
    content: InviteContent,
  ): Promise<string | undefined> {
    if (channel === 'email') {
      const receipt = await this.sendMail(await inviteEmail(content, to));
      return receipt.messageId;
    }
    const receipt = await this.sendSms({ to, body: inviteSms(content) });
    return receipt.providerId;
  }

  private assertConfigured(channel: InviteChannel): void {
    if (channel === 'email' && this.mailer === undefined) {
      throw new AppError('EMAIL_NOT_CONFIGURED');
    }
    if (channel === 'sms' && this.sms === undefined) {
      throw new AppError('SMS_NOT_CONFIGURED');
    }
  }

  /**
   * Throws unless the customer link can still start a call: `SESSION_ENDED` after the call,
   * `INVALID_TRANSITION` once the customer has joined, `LINK_EXPIRED` after the expiry.
   */
  private assertLinkUsable(status: SessionStatus, expiresAt: Date): void {
    if (status === 'wrap_up' || status === 'ended' || status === 'abandoned') {
      throw new AppError('SESSION_ENDED');
    }
    if (status !== 'waiting') {
      throw new AppError(
        'INVALID_TRANSITION',
        'The customer has already joined this session, so there is no invite to send.',
      );
    }
    if (expiresAt <= this.options.clock.now()) throw new AppError('LINK_EXPIRED');
  }
}
