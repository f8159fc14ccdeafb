/**
 * What customers and agents see when something is wrong: links that are unknown, in use or
 * ended, an agent without a camera, a blocked camera permission, and wrong passwords. One server
 * and three browsers serve every case. The rate-limit case runs last because it uses up the
 * sign-in attempts allowed from 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureLabelVideo } from './fixtures/make-label-video.js';
import { findSessionId, getSessionDetail } from './harness/api.js';
import { launchBrowser } from './harness/chromium.js';
import { saveFailureEvidence } from './harness/failures.js';
import type { BrowserSession } from './harness/chromium.js';
import {
  createInvite,
  endCall,
  framesDecoded,
  openCallView,
  signIn,
  startCustomerCall,
  submitSignIn,
  submitWrapUp,
  waitForFramesRising,
} from './harness/pages.js';
import { adminAccount, startServer } from './harness/server.js';
import type { TestServer } from './harness/server.js';

let server: TestServer;
/** Agent launched with no camera device at all. */
let agent: BrowserSession;
/** Phone whose camera films the label. */
let customer: BrowserSession;
/** Phone on which the camera permission prompt is answered "Block". */
let deniedCustomer: BrowserSession;

beforeAll(async () => {
  const [labelVideo, startedServer] = await Promise.all([ensureLabelVideo(), startServer()]);
  server = startedServer;
  const baseUrl = server.baseUrl;

  [agent, customer, deniedCustomer] = await Promise.all([
    launchBrowser({ camera: { kind: 'no-device' }, device: 'desktop', baseUrl }),
    launchBrowser({ camera: { kind: 'file', path: labelVideo }, device: 'phone', baseUrl }),
    launchBrowser({ camera: { kind: 'permission-denied' }, device: 'phone', baseUrl }),
  ]);

  await signIn(agent.page, adminAccount.email, adminAccount.password);
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    await saveFailureEvidence(context.task.name, { agent, customer, deniedCustomer }, server);
  }
});

afterAll(async () => {
  await Promise.all([agent?.close(), customer?.close(), deniedCustomer?.close()]);
  await server?.stop();
});

describe('customer link', () => {
  it('unknown link shows an invalid-link page', async () => {
    const token = randomBytes(24).toString('base64url');
    await customer.page.goto(`/s/${token}`);

    await customer.page.getByRole('heading', { name: 'This link does not work' }).waitFor();

    expect(await customer.page.getByRole('button', { name: /^start/i }).isVisible()).toBe(false);
  });

  it('second device is rejected during a live call', async () => {
    const customerUrl = await createInvite(agent.page);
    await openCallView(agent.page);
    await customer.page.goto(customerUrl);
    await startCustomerCall(customer.page);
    await waitForFramesRising(agent.page);

    // The customer page joins the call's signaling on load, so the verdict comes before Start.
    const secondDevice = await customer.openIsolatedPage();
    await secondDevice.goto(customerUrl);
    await secondDevice.getByRole('heading', { name: 'Open on another device' }).waitFor();
    await secondDevice.context().close();

    // The first device keeps its call: the agent still decodes new frames from it.
    const framesBefore = await framesDecoded(agent.page);
    await expect.poll(() => framesDecoded(agent.page)).toBeGreaterThan(framesBefore + 15);
    expect(await customer.page.getByRole('heading', { name: /ended/i }).isVisible()).toBe(false);
  });

  it('agent without a camera shows initials', async () => {
    // The agent browser of this file has no camera device, so the call above connected anyway.
    const agentProfile = await agentAsCustomerSeesIt(customer.page);
    const agentTile = customer.page.getByRole('complementary', { name: agentProfile.name });

    await agentTile.getByText(agentProfile.initials, { exact: true }).waitFor();
  });

  it('ended link shows session ended', async () => {
    const customerUrl = customer.page.url();
    const sessionId = await findSessionId(agent.page, customerUrl);
    await endCall(agent.page);
    await submitWrapUp(agent.page, 'Resolved', 'Second device was turned away.');
    await expect
      .poll(async () => (await getSessionDetail(agent.page, sessionId)).status)
      .toBe('ended');

    const laterVisit = await customer.openIsolatedPage();
    await laterVisit.goto(customerUrl);
    await laterVisit.getByRole('heading', { name: 'This support call has ended' }).waitFor();

    expect(await laterVisit.getByRole('button', { name: /^start/i }).isVisible()).toBe(false);
  });

  it('blocked camera shows the permission help', async () => {
    const customerUrl = await createInvite(agent.page);
    await deniedCustomer.page.goto(customerUrl);
    await startCustomerCall(deniedCustomer.page);

    await deniedCustomer.page.getByRole('heading', { name: 'Camera access is blocked' }).waitFor();
    await deniedCustomer.page.getByRole('button', { name: 'Try again' }).waitFor();
  });
});

describe('sign-in', () => {
  it('wrong password shows an error, then a rate limit', async () => {
    const page = await agent.openIsolatedPage();
    await page.goto('/console');

    await submitSignIn(page, adminAccount.email, 'wrong password');
    await page.getByText(/email or password is incorrect/i).waitFor();

    // The server allows 10 sign-in attempts per minute by default, and the agent's sign-in counts.
    const rateLimited = page.getByText(/too many attempts/i);
    for (let attempt = 0; attempt < 15 && !(await rateLimited.isVisible()); attempt += 1) {
      await submitSignIn(page, adminAccount.email, `wrong password ${attempt}`);
      await page.waitForTimeout(200);
    }

    await rateLimited.waitFor({ timeout: 5_000 });
  });
});

/** Returns the agent's name and initials as the server gives them to the customer page. */
async function agentAsCustomerSeesIt(page: Page): Promise<{ name: string; initials: string }> {
  const token = new URL(page.url()).pathname.split('/').pop() ?? '';
  const response = await page.request.get('/api/customer/session', {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { agent?: { name: string; initials: string } | null };
  if (!body.agent) {
    throw new Error(`GET /api/customer/session returned no agent: ${JSON.stringify(body)}`);
  }
  return body.agent;
}
