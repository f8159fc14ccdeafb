import QRCode from 'qrcode';
import type { MailMessage } from './mailer.js';

/** Content of an invite message: who invites, to which link, and until when it works. */
export interface InviteContent {
  companyName: string;
  agentName: string;
  /** The name the agent typed for the customer, if any. */
  customerName: string | null;
  customerUrl: string;
  expiresAt: Date;
  /** IANA time zone in which the expiry is written. */
  timeZone: string;
}

/** Content id of the QR code image that the HTML part of an invite e-mail shows inline. */
export const inviteQrCid = 'invite-qr@lensdesk';

/** Returns the expiry as the message states it, such as "Mon 2 Mar, 10:00 CET". */
export function formatExpiry(expiresAt: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(expiresAt);
}

/** Builds the invite e-mail: plain text, HTML, and the QR code of the link as an inline PNG. */
export async function inviteEmail(
  content: InviteContent,
  to: string,
): Promise<MailMessage & { html: string }> {
  const expiry = formatExpiry(content.expiresAt, content.timeZone);
  const greeting = content.customerName === null ? 'Hello,' : `Hello ${content.customerName},`;
  const lead = `${content.agentName} from ${content.companyName} invites you to a video call, to see the problem through your phone's camera.`;

  const text = [
    greeting,
    '',
    lead,
    '',
    'Open this link on your phone to start:',
    content.customerUrl,
    '',
    'On a computer, scan the QR code in this e-mail with your phone instead.',
    `You need no app and no account. The link works until ${expiry}.`,
    '',
    'If you did not expect this message, you can ignore it.',
    '',
    content.companyName,
    '',
  ].join('\n');

  const qrPng = await QRCode.toBuffer(content.customerUrl, {
    type: 'png',
    width: 264,
    margin: 2,
    errorCorrectionLevel: 'M',
  });

  return {
    to,
    subject: `Your video support link from ${content.companyName}`,
    text,
    html: inviteHtml(content, greeting, lead, expiry),
    attachments: [
      { filename: 'video-call-qr.png', content: qrPng, contentType: 'image/png', cid: inviteQrCid },
    ],
  };
}

/** Builds the text message of an invite. It stays short, because longer texts are split into parts. */
export function inviteSms(content: InviteContent): string {
  const expiry = formatExpiry(content.expiresAt, content.timeZone);
  return `${content.companyName}: ${content.agentName} invites you to a video support call. Open ${content.customerUrl} on your phone. The link works until ${expiry}.`;
}

function inviteHtml(
  content: InviteContent,
  greeting: string,
  lead: string,
  expiry: string,
): string {
  const url = escapeHtml(content.customerUrl);
  const font =
    'font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.companyName)}</title></head>
<body style="margin:0;padding:0;background:#f4f6f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f6f7"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:520px;background:#ffffff;border-radius:12px;${font};color:#13232f;font-size:16px;line-height:1.5">
<tr><td style="padding:28px 28px 8px">
<p style="margin:0 0 6px;font-size:14px;color:#475a68">${escapeHtml(content.companyName)}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">Your video support link</h1>
<p style="margin:0 0 12px">${escapeHtml(greeting)}</p>
<p style="margin:0 0 20px">${escapeHtml(lead)}</p>
<p style="margin:0 0 20px"><a href="${url}" style="display:inline-block;background:#0a5a78;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:8px">Start video call</a></p>
<p style="margin:0 0 20px;font-size:14px;color:#475a68">Or open this link on your phone:<br><a href="${url}" style="color:#0a5a78;word-break:break-all">${url}</a></p>
</td></tr>
<tr><td style="padding:0 28px 8px">
<table role="presentation" cellpadding="0" cellspacing="0"><tr>
<td style="padding-right:16px;vertical-align:middle"><img src="cid:${inviteQrCid}" width="132" height="132" alt="QR code of the video call link" style="display:block;border:0"></td>
<td style="vertical-align:middle;font-size:14px;color:#475a68">Reading this on a computer? Scan the code with your phone's camera.</td>
</tr></table>
</td></tr>
<tr><td style="padding:16px 28px 28px;font-size:14px;color:#475a68">
<p style="margin:0 0 8px">You need no app and no account. The link works until ${escapeHtml(expiry)}.</p>
<p style="margin:0">If you did not expect this message, you can ignore it.</p>
</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
}

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML content and in double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEntities[character] ?? character);
}
