/**
 * From a surveyed call to the supervisors' dashboard, with real browsers. An agent on a laptop
 * takes a call from a customer on a phone and wraps it up as resolved, and the customer answers
 * the survey. A supervisor then finds the call in today's figures and in the drill-down. The
 * steps share one call, so each step relies on the ones before it.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSessionDetail } from './harness/api.js';
import type { BrowserSession } from './harness/chromium.js';
import { endCall, signIn, submitWrapUp } from './harness/pages.js';
import { adminAccount } from './harness/server.js';
import { connectInvitedCall, useCallParticipants } from './harness/call-steps.js';

const participants = useCallParticipants();
let agent: BrowserSession;
let customer: BrowserSession;
let sessionId: string;
/** The supervisor's dashboard, in its own context of the agent's browser. */
let supervisorPage: Page;

const supervisorAccount = {
  email: 'supervisor@lensdesk.test',
  name: 'Sam Supervisor',
  password: 'supervisor password 1',
};
const agentAccount = {
  email: 'agent@lensdesk.test',
  name: 'Alex Agent',
  password: 'agent password 12',
};

beforeAll(() => {
  ({ agent, customer } = participants);
});

/** Creates a console user through the API, with the admin's cookie of `adminPage`. */
async function createUser(
  adminPage: Page,
  account: { email: string; name: string; password: string },
  role: 'agent' | 'supervisor',
): Promise<void> {
  const response = await adminPage.request.post('/api/users', { data: { ...account, role } });
  if (!response.ok()) {
    throw new Error(`POST /api/users returned ${response.status()}: ${await response.text()}`);
  }
}

/** Opens the dashboard in a fresh context and signs in with the form it shows. */
async function openDashboardAs(account: { email: string; password: string }): Promise<Page> {
  const page = await agent.openIsolatedPage();
  await page.goto('/dashboard');
  await page.getByRole('textbox', { name: /email/i }).fill(account.email);
  await page.getByLabel(/password/i).fill(account.password);
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

/** Returns the lines of a KPI tile: its title, its value, then the detail and the change. */
async function tileLines(page: Page, title: RegExp): Promise<string[]> {
  const text = await page.getByRole('link', { name: title }).innerText();
  return text.split('\n').map((line) => line.trim());
}

/** Answers the rating question named `question` on the customer's survey. */
async function rate(page: Page, question: string, value: number): Promise<void> {
  await page
    .getByRole('radiogroup', { name: question })
    // The ends of a scale are named after their labels too, such as "5, Very satisfied".
    .getByRole('radio', { name: new RegExp(`^${value}(, |$)`) })
    .check();
}

describe('dashboard after a surveyed call', () => {
  it('agent invites and the call connects', async () => {
    await signIn(agent.page, adminAccount.email, adminAccount.password);
    const call = await connectInvitedCall({ agent, customer });
    sessionId = call.sessionId;

    expect(call.frames.last).toBeGreaterThan(call.frames.first);
  });

  it('agent ends the call and wraps up as resolved', async () => {
    await endCall(agent.page);
    await submitWrapUp(agent.page, 'Resolved', 'Reset the router with the customer.');

    await expect
      .poll(async () => (await getSessionDetail(agent.page, sessionId)).status)
      .toBe('ended');
    expect((await getSessionDetail(agent.page, sessionId)).disposition).toBe('resolved');
  });

  it('customer answers the survey', async () => {
    const page = customer.page;
    await page.getByRole('heading', { name: 'How did it go?' }).waitFor();

    await rate(page, 'How satisfied are you with this support call?', 5);
    await rate(page, 'The agent understood my problem.', 5);
    await rate(page, 'How easy was it to get your problem solved?', 6);
    await page.getByRole('button', { name: 'Submit' }).click();

    await page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
  });

  it('agent role sees that the dashboard is not allowed', async () => {
    await createUser(agent.page, agentAccount, 'agent');
    const page = await openDashboardAs(agentAccount);

    await page.getByRole('heading', { name: 'The dashboard is for supervisors' }).waitFor();
    expect(await page.getByRole('link', { name: /^Sessions/ }).count()).toBe(0);
    await page.context().close();
  });

  it('supervisor sees the call in today’s tiles', async () => {
    await createUser(agent.page, supervisorAccount, 'supervisor');
    supervisorPage = await openDashboardAs(supervisorAccount);
    const page = supervisorPage;
    await page.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'Today' });
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('today');
    // The filters live in the address, so a reload shows the same view with only today's data.
    await page.reload();

    await expect.poll(async () => (await tileLines(page, /^Sessions/))[1]).toBe('1');
    const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const csat = await tileLines(page, /^CSAT/);
    const empathy = await tileLines(page, /^Empathy/);
    const fcr = await tileLines(page, /^First-contact resolution/);

    expect(await page.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe(browserZone);
    expect(await page.getByRole('combobox', { name: 'Period' }).inputValue()).toBe('today');
    expect(csat[1]).toBe('100%');
    expect(empathy[1]).toBe('5.0');
    expect(empathy[2]).toContain('100% rated 4 or 5');
    expect(fcr[1]).toBe('100%');
  });

  it('drill-down lists the session with its answers', async () => {
    const page = supervisorPage;
    await page.getByRole('link', { name: /^Sessions/ }).click();
    await page.getByRole('heading', { name: 'All sessions' }).waitFor();

    const caseLink = page.getByRole('link', { name: /^Open case of/ });
    await caseLink.waitFor();
    const row = page.getByRole('row').filter({ has: caseLink });
    const rowText = await row.innerText();

    expect(await caseLink.count()).toBe(1);
    expect(await caseLink.getAttribute('href')).toBe(`/console/sessions/${sessionId}`);
    expect(rowText).toContain('Satisfaction 5 of 5');
    expect(rowText).toContain('Empathy 5 of 5');
    expect(rowText).toContain('Effort 6 of 7');
    expect(rowText).toContain('Resolved');
    expect(await row.getByRole('cell').nth(8).innerText()).toBe('0');
  });

  it('sessions export lists the session', async () => {
    const page = supervisorPage;
    const href = await page
      .getByRole('link', { name: 'Export sessions (CSV)' })
      .getAttribute('href');

    const response = await page.request.get(href ?? '');
    const lines = (await response.text()).trim().split(/\r?\n/);

    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(sessionId);
  });
});
