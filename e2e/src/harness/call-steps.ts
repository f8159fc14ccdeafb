/**
 * Set-up shared by test files whose tests are the consecutive steps of one call. It starts a
 * server, an agent browser at desktop size with a placeholder face as camera, and a customer
 * browser at phone size whose camera is the label video.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { ensureAgentFaceVideo, ensureLabelVideo } from '../fixtures/make-label-video.js';
import { findSessionId } from './api.js';
import { type BrowserSession, launchBrowser } from './chromium.js';
import { saveFailureEvidence } from './failures.js';
import { createInvite, openCallView, startCustomerCall, waitForFramesRising } from './pages.js';
import { type TestServer, startServer } from './server.js';

/** The participants of the call; set once the file's `beforeAll` hook has run. */
export interface CallParticipants {
  server: TestServer;
  agent: BrowserSession;
  customer: BrowserSession;
}

/**
 * Registers the Vitest hooks that start and stop the participants, and returns them. After a
 * failed step the remaining steps are skipped, because each continues the call of the one before
 * and would only wait for its timeouts. The failure's screenshots and server output are saved.
 */
export function useCallParticipants(): CallParticipants {
  const participants = {} as CallParticipants;
  let stepFailed = false;

  beforeAll(async () => {
    const [labelVideo, agentFaceVideo, server] = await Promise.all([
      ensureLabelVideo(),
      ensureAgentFaceVideo(),
      startServer(),
    ]);
    participants.server = server;
    participants.agent = await launchBrowser({
      camera: { kind: 'file', path: agentFaceVideo },
      device: 'desktop',
      baseUrl: server.baseUrl,
    });
    participants.customer = await launchBrowser({
      camera: { kind: 'file', path: labelVideo },
      device: 'phone',
      baseUrl: server.baseUrl,
    });
  });

  beforeEach((context) => {
    if (stepFailed) context.skip();
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    stepFailed = true;
    const { agent, customer, server } = participants;
    await saveFailureEvidence(context.task.name, { agent, customer }, server);
  });

  afterAll(async () => {
    await participants.customer?.close();
    await participants.agent?.close();
    await participants.server?.stop();
  });

  return participants;
}

/** A call that `connectInvitedCall` started, and the decoded frame counts that showed it live. */
export interface ConnectedCall {
  customerUrl: string;
  sessionId: string;
  frames: { first: number; last: number };
}

/**
 * Starts a call from the signed-in agent's console: creates an invite and opens its call view,
 * then the customer opens the link and presses Start. Resolves once the agent's page shows the
 * customer's video playing.
 */
export async function connectInvitedCall(
  participants: Pick<CallParticipants, 'agent' | 'customer'>,
): Promise<ConnectedCall> {
  const { agent, customer } = participants;
  const customerUrl = await createInvite(agent.page);
  const sessionId = await findSessionId(agent.page, customerUrl);
  await openCallView(agent.page);
  await customer.page.goto(customerUrl);
  await startCustomerCall(customer.page);
  const frames = await waitForFramesRising(agent.page);
  return { customerUrl, sessionId, frames };
}
