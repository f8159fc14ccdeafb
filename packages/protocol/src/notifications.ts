import { z } from 'zod';

/** Ways of sending a customer link: an e-mail through SMTP, or a text message through a provider. */
export const inviteChannels = ['email', 'sms'] as const;
export const inviteChannelSchema = z.enum(inviteChannels);
export type InviteChannel = z.infer<typeof inviteChannelSchema>;

/** Maximum number of times one invite can be sent, over all channels. */
export const maxInviteSends = 5;

/** Characters people type between the digits of a phone number; they are removed before checking. */
const phoneSeparators = /[\s().-]/g;

/**
 * Phone number in E.164 form: `+`, the country code and the subscriber number, 7 to 15 digits in
 * all. Spaces, dots, dashes and brackets are accepted in the input and removed.
 */
export const phoneNumberSchema = z
  .string()
  .trim()
  .max(40)
  .transform((value) => value.replace(phoneSeparators, ''))
  .pipe(
    z
      .string()
      .regex(
        /^\+[1-9]\d{6,14}$/,
        'must be an international number: + then the country code, such as +44 20 7946 0958',
      ),
  );

/**
 * Returns true when the runtime's IANA time zone database contains `name`. Browsers and Node.js
 * ship their own copies, so a very new zone name can pass in one and fail in the other.
 */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone name, such as Europe/Berlin')
  .optional()
  .describe('Time zone in which the message states the expiry; UTC when absent.');

/** Body of `POST /api/sessions/:id/invites`: send the customer link to one address or number. */
export const sendInviteBodySchema = z.discriminatedUnion('channel', [
  z
    .object({
      channel: z.literal('email'),
      to: z.string().trim().max(254).pipe(z.email('must be an e-mail address')),
      timeZone: timeZoneSchema,
    })
    .strict(),
  z
    .object({
      channel: z.literal('sms'),
      to: phoneNumberSchema,
      timeZone: timeZoneSchema,
    })
    .strict(),
]);
export type SendInviteBody = z.input<typeof sendInviteBodySchema>;
export type ParsedSendInviteBody = z.output<typeof sendInviteBodySchema>;

/** Response of `POST /api/sessions/:id/invites`. */
export const sendInviteResponseSchema = z.object({
  channel: inviteChannelSchema,
  /** The recipient with most characters hidden, as the event log stores it. */
  to: z.string(),
  sentAt: z.iso.datetime(),
  /** How many more times this invite can be sent. */
  sendsLeft: z.number().int().min(0),
});
export type SendInviteResponse = z.infer<typeof sendInviteResponseSchema>;

/** Response of `GET /api/notifications/channels`: which channels the server can send through. */
export const notificationChannelsSchema = z.object({
  email: z.boolean(),
  sms: z.boolean(),
});
export type NotificationChannels = z.infer<typeof notificationChannelsSchema>;
