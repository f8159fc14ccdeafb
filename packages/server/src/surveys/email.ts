import type { MailMessage } from '../notifications/mailer.js';

/** What the survey e-mail says: who helped, where to answer, and for how long the link works. */
export interface SurveyEmailContent {
  companyName: string;
  agentFirstName: string | null;
  customerName: string | null;
  surveyUrl: string;
  /** Whole days the link stays open from now, at least 1. */
  daysLeft: number;
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

/** Builds the e-mail that asks a customer who left the page unanswered to rate the call. */
export function surveyEmail(
  content: SurveyEmailContent,
  to: string,
): MailMessage & { html: string } {
  const greeting = content.customerName === null ? 'Hello,' : `Hello ${content.customerName},`;
  const helper =
    content.agentFirstName === null
      ? 'our support team'
      : `${content.agentFirstName} from our team`;
  const lead = `Thank you for your video support call with ${helper}. Would you tell us how it went? It takes less than a minute.`;
  const lifetime = content.daysLeft === 1 ? '1 more day' : `${content.daysLeft} more days`;
  const closing = `The link works for ${lifetime}. Your answers help us improve our support.`;

  const text = [
    greeting,
    '',
    lead,
    '',
    content.surveyUrl,
    '',
    closing,
    '',
    content.companyName,
    '',
  ].join('\n');

  const html = [
    '<!doctype html>',
    '<html lang="en"><body style="margin:0;padding:24px;background:#f5f7fa;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2933;">',
    '<div style="max-width:520px;margin:0 auto;background:#ffffff;border-radius:12px;padding:28px;">',
    `<p style="margin:0 0 16px;font-size:16px;">${escapeHtml(greeting)}</p>`,
    `<p style="margin:0 0 24px;font-size:16px;line-height:1.5;">${escapeHtml(lead)}</p>`,
    `<p style="margin:0 0 24px;"><a href="${escapeHtml(content.surveyUrl)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:8px;">Rate your support call</a></p>`,
    `<p style="margin:0 0 16px;font-size:14px;line-height:1.5;color:#52606d;">${escapeHtml(closing)}</p>`,
    `<p style="margin:0;font-size:14px;color:#52606d;">${escapeHtml(content.companyName)}</p>`,
    '</div></body></html>',
  ].join('\n');

  return {
    to,
    subject: `How did your support call with ${content.companyName} go?`,
    text,
    html,
  };
}
