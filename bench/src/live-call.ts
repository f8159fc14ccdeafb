import type { Page } from 'playwright-core';
import { ensureAgentFaceVideo } from '../../e2e/src/fixtures/make-label-video.js';
import { launchBrowser } from '../../e2e/src/harness/chromium.js';
import type { BrowserSession } from '../../e2e/src/harness/chromium.js';
import { signIn, startCustomerCall, waitForFramesRising } from '../../e2e/src/harness/pages.js';
import { adminAccount, startServer } from '../../e2e/src/harness/server.js';
import type { TestServer } from '../../e2e/src/harness/server.js';

/** A connected call on loopback between an agent's laptop and a customer's phone. */
export interface LiveCall {
  server: TestServer;
  agent: BrowserSession;
  customer: BrowserSession;
  sessionId: string;
  /** Closes both browsers and stops the server. */
  close(): Promise<void>;
}

/**
 * Starts a server and two Chromium launches, and connects a call in which the customer's camera
 * plays `customerCameraFile`. Resolves once the agent decodes the customer's video.
 */
export async function openLiveCall(customerCameraFile: string): Promise<LiveCall> {
  const server = await startServer();
  const agent = await launchBrowser({
    camera: { kind: 'file', path: await ensureAgentFaceVideo() },
    device: 'desktop',
    baseUrl: server.baseUrl,
  });
  const customer = await launchBrowser({
    camera: { kind: 'file', path: customerCameraFile },
    device: 'phone',
    baseUrl: server.baseUrl,
  });
  const close = async (): Promise<void> => {
    await customer.close();
    await agent.close();
    await server.stop();
  };

  try {
    await signIn(agent.page, adminAccount.email, adminAccount.password);
    const response = await agent.page.request.post('/api/sessions', { data: {} });
    if (response.status() !== 201) {
      throw new Error(`POST /api/sessions returned ${response.status()}: ${await response.text()}`);
    }
    const invite = (await response.json()) as { id: string; customerUrl: string };

    await agent.page.goto(`/console/sessions/${invite.id}`);
    await agent.page.getByRole('button', { name: 'End call' }).waitFor();
    await customer.page.goto(invite.customerUrl);
    await startCustomerCall(customer.page);
    await waitForFramesRising(agent.page);

    return { server, agent, customer, sessionId: invite.id, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Estimates how far the page's clock (`performance.timeOrigin + performance.now()`) is ahead of
 * this process's, from the sample with the shortest round trip of 10. Returns the offset and its
 * uncertainty (half that round trip), both in milliseconds.
 */
export async function clockOffset(
  page: Page,
): Promise<{ offsetMs: number; uncertaintyMs: number }> {
  let best = { offsetMs: Number.NaN, uncertaintyMs: Number.POSITIVE_INFINITY };

  for (let sample = 0; sample < 10; sample += 1) {
    const before = performance.timeOrigin + performance.now();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = performance.timeOrigin + performance.now();

    const uncertaintyMs = (after - before) / 2;
    if (uncertaintyMs < best.uncertaintyMs) {
      best = { offsetMs: inPage - (before + after) / 2, uncertaintyMs };
    }
  }
  return best;
}
