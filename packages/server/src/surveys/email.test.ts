import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyView } from '@lensdesk/protocol';
import { surveys } from '../db/schema.js';
import {
  type WrapUpTestServer,
  endedCall,
  startWrapUpTestServer,
} from '../test-support/ended-calls.js';
import { type SmtpPeer, startSmtpPeer } from '../test-support/notification-peers.js';
import { ManualClock, backends } from '../test-support/servers.js';
import { surveyEmailDelayMs } from './service.js';

describe.each(backends)('survey e-mail on %s', (backend) => {
  let target: WrapUpTestServer;
  let peer: SmtpPeer;
  const clock = new ManualClock();

  beforeAll(async () => {
    peer = await startSmtpPeer({ rejectRecipients: /^refused@/ });
    target = await startWrapUpTestServer({
      backend,
      clock,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${peer.port}`,
        MAIL_FROM: 'Acme Support <support@acme.example>',
        COMPANY_NAME: 'Acme Appliances',
      },
    });
  });

  afterAll(async () => {
    await target.server.close();
    await peer.close();
  });

  async function surveyOf(customerToken: string): Promise<SurveyView> {
    const response = await target.server.app.inject({
      url: '/api/customer/survey',
      headers: { authorization: `Bearer ${customerToken}` },
    });
    expect(response.statusCode).toBe(200);
    return response.json<SurveyView>();
  }

  async function eventTypes(sessionId: string) {
    const detail = await target.server.sessions.detail(sessionId);
    return detail.events.map((event) => event.type);
  }

  function mailTo(address: string) {
    return peer.received.filter((mail) => mail.envelope.to.includes(address));
  }

  it('sends the link once after the delay', async () => {
    const { sessionId, customerToken } = await endedCall(target, {
      customerEmail: 'sam@example.com',
      customerName: 'Sam Lee',
    });
    const view = await surveyOf(customerToken);

    clock.advance(surveyEmailDelayMs - 1000);
    await target.server.surveySweeper.sweep();
    expect(mailTo('sam@example.com')).toHaveLength(0);

    clock.advance(1000);
    await target.server.surveySweeper.sweep();
    await target.server.surveySweeper.sweep();

    const mails = mailTo('sam@example.com');
    expect(mails).toHaveLength(1);
    const parsed = mails[0]?.parsed;
    const url = `http://lensdesk.test/survey/${view.token}`;
    expect(parsed?.subject).toBe('How did your support call with Acme Appliances go?');
    expect(parsed?.text).toContain('Hello Sam Lee,');
    expect(parsed?.text).toContain('Dana from our team');
    expect(parsed?.text).toContain(url);
    expect(parsed?.text).toContain('The link works for 7 more days.');
    expect(parsed?.html).toContain(`href="${url}"`);
    expect(mails[0]?.envelope.from).toBe('support@acme.example');

    const types = await eventTypes(sessionId);
    expect(types.filter((type) => type === 'survey_sent')).toHaveLength(1);
  });

  it('sends nothing for an answered survey', async () => {
    const { sessionId, customerToken } = await endedCall(target, {
      customerEmail: 'answered@example.com',
    });
    const view = await surveyOf(customerToken);
    const answer = await target.server.app.inject({
      method: 'POST',
      url: `/api/surveys/${view.token}`,
      payload: { answers: { csat: 5 } },
    });
    expect(answer.statusCode).toBe(200);

    clock.advance(surveyEmailDelayMs);
    await target.server.surveySweeper.sweep();

    expect(mailTo('answered@example.com')).toHaveLength(0);
    expect(await eventTypes(sessionId)).not.toContain('survey_sent');
  });

  it('sends nothing without an address', async () => {
    const before = peer.received.length;
    const { sessionId } = await endedCall(target);

    clock.advance(surveyEmailDelayMs);
    await target.server.surveySweeper.sweep();

    expect(peer.received).toHaveLength(before);
    expect(await eventTypes(sessionId)).not.toContain('survey_sent');
  });

  it('sends nothing after the survey expired', async () => {
    const { sessionId } = await endedCall(target, { customerEmail: 'late@example.com' });

    clock.advance(8 * 86_400_000);
    await target.server.surveySweeper.sweep();

    expect(mailTo('late@example.com')).toHaveLength(0);
    expect(await eventTypes(sessionId)).not.toContain('survey_sent');
  });

  it('gives up on a refused address', async () => {
    const { sessionId } = await endedCall(target, { customerEmail: 'refused@example.com' });

    clock.advance(surveyEmailDelayMs);
    await target.server.surveySweeper.sweep();
    await target.server.surveySweeper.sweep();

    expect(mailTo('refused@example.com')).toHaveLength(0);
    expect(await eventTypes(sessionId)).not.toContain('survey_sent');
    // The claim stays, so later passes do not try the refused address again.
    const [row] = await target.db.select().from(surveys).where(eq(surveys.sessionId, sessionId));
    expect(row?.emailedAt).not.toBeNull();
  });
});
