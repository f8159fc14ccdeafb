import type { Page } from 'playwright-core';
import { ensureAgentFaceVideo, ensureLabelVideo } from '../../e2e/src/fixtures/make-label-video.js';
import { launchBrowser } from '../../e2e/src/harness/chromium.js';
import { endCall, framesDecoded, signIn } from '../../e2e/src/harness/pages.js';
import { adminAccount, startServer } from '../../e2e/src/harness/server.js';

/** Time from the customer's Start click to the agent's first decoded video frame, per call. */
export interface CallSetupResult {
  samplesMs: number[];
}

async function createInvite(agent: Page): Promise<{ id: string; customerUrl: string }> {
  const response = await agent.request.post('/api/sessions', { data: {} });
  if (response.status() !== 201) {
    throw new Error(`POST /api/sessions returned ${response.status()}: ${await response.text()}`);
  }
  return (await response.json()) as { id: string; customerUrl: string };
}

/**
 * Runs `calls` calls on loopback between two Chromium launches (the customer's camera is the
 * label video) and measures each from the click on Start to the first frame decoded by the
 * agent. The agent's page is polled every 5 ms, so each sample is late by at most about 5 ms.
 */
export async function measureCallSetup(calls: number): Promise<CallSetupResult> {
  const [labelVideo, agentVideo] = await Promise.all([ensureLabelVideo(), ensureAgentFaceVideo()]);
  const server = await startServer();
  const agent = await launchBrowser({
    camera: { kind: 'file', path: agentVideo },
    device: 'desktop',
    baseUrl: server.baseUrl,
  });
  const customer = await launchBrowser({
    camera: { kind: 'file', path: labelVideo },
    device: 'phone',
    baseUrl: server.baseUrl,
  });

  try {
    await signIn(agent.page, adminAccount.email, adminAccount.password);
    const samplesMs: number[] = [];

    for (let call = 0; call < calls; call += 1) {
      const invite = await createInvite(agent.page);
      await agent.page.goto(`/console/sessions/${invite.id}`);
      await agent.page.getByRole('button', { name: 'End call' }).waitFor();

      await customer.page.goto(invite.customerUrl);
      const start = customer.page.getByRole('button', { name: /^start/i });
      await start.waitFor();

      const clickedAt = performance.now();
      await start.click();
      while ((await framesDecoded(agent.page)) === 0) {
        if (performance.now() - clickedAt > 30_000) {
          throw new Error(`Call ${call + 1}: no frame decoded within 30 s.\n${server.output()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      samplesMs.push(performance.now() - clickedAt);

      await endCall(agent.page);
      await customer.page.getByRole('heading', { name: /ended the call/i }).waitFor();
    }
    return { samplesMs };
  } finally {
    await customer.close();
    await agent.close();
    await server.stop();
  }
}
