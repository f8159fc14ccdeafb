/**
 * The customer survey on the phone right after a call, the agent's wrap-up with a resolution
 * code, and the survey link opened again later. The steps share one call, so each step relies on
 * the ones before it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getSessionDetail } from './harness/api.js';
import type { BrowserSession } from './harness/chromium.js';
import { endCall, liveCaptureTracks, signIn, submitWrapUp } from './harness/pages.js';
import { adminAccount } from './harness/server.js';
import type { TestServer } from './harness/server.js';
import { connectInvitedCall, useCallParticipants } from './harness/call-steps.js';

const participants = useCallParticipants();
let server: TestServer;
let agent: BrowserSession;
let customer: BrowserSession;
let sessionId: string;
let secondSessionId: string;

/**
 * Returns the survey token of the call that the customer's page showed last, as the page itself
 * finds it: with the customer link token in its address.
 */
async function surveyTokenOfCustomerPage(): Promise<string> {
  const linkToken = new URL(customer.page.url()).pathname.split('/s/')[1] ?? '';
  const response = await customer.page.request.get('/api/customer/survey', {
    headers: { authorization: `Bearer ${linkToken}` },
  });
  expect(response.status()).toBe(200);
  const { token } = (await response.json()) as { token: string };
  return token;
}

beforeAll(() => {
  ({ server, agent, customer } = participants);
});

describe('customer survey', () => {
  it('call connects', async () => {
    await signIn(agent.page, adminAccount.email, adminAccount.password);
    const call = await connectInvitedCall({ agent, customer });
    sessionId = call.sessionId;

    expect(call.frames.last).toBeGreaterThan(call.frames.first);
  });

  it('survey follows the end of the call', async () => {
    await endCall(agent.page);

    const page = customer.page;
    await page.getByRole('heading', { name: 'Your agent ended the call' }).waitFor();
    await page.getByRole('heading', { name: 'How did it go?' }).waitFor();
    await expect.poll(() => liveCaptureTracks(page)).toBe(0);

    const groups = page.getByRole('radiogroup');
    expect(await groups.count()).toBe(3);
    const satisfaction = page.getByRole('radiogroup', {
      name: 'How satisfied are you with this support call?',
    });
    const effort = page.getByRole('radiogroup', {
      name: 'How easy was it to get your problem solved?',
    });
    expect(await satisfaction.getByRole('radio').count()).toBe(5);
    expect(await effort.getByRole('radio').count()).toBe(7);
  });

  it('Submit without an answer asks for one', async () => {
    const page = customer.page;
    await page.getByRole('button', { name: 'Submit' }).click();

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('at least one question');
  });

  it('customer answers with one tap each', async () => {
    const page = customer.page;
    await page
      .getByRole('radiogroup', { name: 'How satisfied are you with this support call?' })
      .getByRole('radio', { name: '4', exact: true })
      .check();
    await page
      .getByRole('radiogroup', { name: 'The agent understood my problem.' })
      .getByRole('radio', { name: '5, Strongly agree', exact: true })
      .check();
    await page
      .getByRole('radiogroup', { name: 'How easy was it to get your problem solved?' })
      .getByRole('radio', { name: '6', exact: true })
      .check();
    await page
      .getByRole('textbox', { name: /Anything else you would like to tell us/ })
      .fill('The label trick helped.');
    await page.getByRole('button', { name: 'Submit' }).click();

    await page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
  });

  it('wrap-up stores the resolution code', async () => {
    await submitWrapUp(agent.page, 'Resolved', 'Customer reset the router.', 'Reset or restart');
    await expect
      .poll(async () => (await getSessionDetail(agent.page, sessionId)).status)
      .toBe('ended');

    const detail = await getSessionDetail(agent.page, sessionId);
    expect(detail.resolution).toEqual({ code: 'reset', label: 'Reset or restart' });
    expect(detail.survey).toMatchObject({
      status: 'answered',
      csat: 4,
      empathy: 5,
      ces: 6,
      comment: 'The label trick helped.',
    });
    const types = detail.events.map((event) => event.type);
    expect(types).toContain('survey_submitted');
    expect(types).toContain('wrap_up_done');
  });

  it('case record shows the answers', async () => {
    const survey = agent.page.getByRole('region', { name: 'Customer survey' });
    await survey.waitFor();

    expect(await survey.textContent()).toContain('4 of 5');
    expect(await survey.textContent()).toContain('The label trick helped.');
  });

  it('answered survey link says so', async () => {
    const token = await surveyTokenOfCustomerPage();

    await customer.page.goto(`${server.baseUrl}/survey/${token}`);

    await customer.page
      .getByRole('heading', { name: 'You have already answered this survey' })
      .waitFor();
  });

  it('customer skips after ending a call', async () => {
    secondSessionId = (await connectInvitedCall({ agent, customer })).sessionId;

    const page = customer.page;
    await page.getByRole('button', { name: 'End call' }).first().click();
    await page
      .getByRole('dialog', { name: 'End the call?' })
      .getByRole('button', { name: 'End call' })
      .click();
    await page.getByRole('heading', { name: 'You ended the call' }).waitFor();
    await page.getByRole('button', { name: 'Skip' }).click();

    await page.getByRole('heading', { name: 'You ended the call' }).waitFor();
    expect(await page.getByRole('radiogroup').count()).toBe(0);
  });

  it('skipped survey is answered from its link', async () => {
    const token = await surveyTokenOfCustomerPage();
    const page = customer.page;
    await page.goto(`${server.baseUrl}/survey/${token}`);

    await page.getByRole('heading', { name: 'How did your support call go?' }).waitFor();
    await page
      .getByRole('radiogroup', { name: 'The agent understood my problem.' })
      .getByRole('radio', { name: '2', exact: true })
      .check();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();

    const detail = await getSessionDetail(agent.page, secondSessionId);
    expect(detail.survey).toMatchObject({ status: 'answered', csat: null, empathy: 2 });
  });

  it('unknown survey link explains itself', async () => {
    await customer.page.goto(`${server.baseUrl}/survey/${'x'.repeat(43)}`);

    await customer.page.getByRole('heading', { name: 'This survey link does not work' }).waitFor();
  });
});
