/** One e-mail message. `text` is always sent; `html` is the optional rich version. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends e-mail. The SMTP implementation is configured by environment; tests use a real SMTP peer. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** One text message to a phone number in E.164 form. */
export interface SmsMessage {
  to: string;
  body: string;
}

/** Sends text messages through a provider. */
export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}
