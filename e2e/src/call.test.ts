/**
 * One support call from invite to wrap-up, with two real browsers: an agent on a laptop and a
 * customer on a phone whose camera films an equipment label. The steps share one call, so each
 * step relies on the ones before it.
 */
import type { SessionEventType } from '@lensdesk/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { findSessionId, getSessionDetail } from './harness/api.js';
import type { BrowserSession } from './harness/chromium.js';
import {
  createInvite,
  endCall,
  liveCaptureTracks,
  openCallView,
  sendChatMessage,
  signIn,
  startCustomerCall,
  submitWrapUp,
  waitForChatMessage,
  waitForFramesRising,
} from './harness/pages.js';
import { adminAccount } from './harness/server.js';
import type { TestServer } from './harness/server.js';
import { useCallParticipants } from './harness/call-steps.js';

const participants = useCallParticipants();
let server: TestServer;
let agent: BrowserSession;
let customer: BrowserSession;
let customerUrl: string;
let sessionId: string;

beforeAll(() => {
  ({ server, agent, customer } = participants);
});

describe('support call', () => {
  it('agent invites and opens the call', async () => {
    await signIn(agent.page, adminAccount.email, adminAccount.password);
    customerUrl = await createInvite(agent.page);
    sessionId = await findSessionId(agent.page, customerUrl);
    await openCallView(agent.page);

    expect(customerUrl.startsWith(`${server.baseUrl}/s/`)).toBe(true);
  });

  it('agent sees the customer camera', async () => {
    await customer.page.goto(customerUrl);
    await startCustomerCall(customer.page);

    const frames = await waitForFramesRising(agent.page);

    expect(frames.last).toBeGreaterThan(frames.first);
  });

  it('customer sees the agent camera', async () => {
    const frames = await waitForFramesRising(customer.page);

    expect(frames.last).toBeGreaterThan(frames.first);
  });

  it('chat goes both ways', async () => {
    await sendChatMessage(agent.page, 'Hello, please point the camera at the label.');
    await waitForChatMessage(customer.page, 'Hello, please point the camera at the label.');

    await sendChatMessage(customer.page, 'It is on the back of the unit.');
    await waitForChatMessage(agent.page, 'It is on the back of the unit.');
  });

  it('another agent cannot take the call over', async () => {
    const created = await agent.page.request.post('/api/users', {
      data: {
        email: 'alice@example.com',
        name: 'Alice Agent',
        role: 'agent',
        password: 'alice password 1',
      },
    });
    expect(created.status()).toBe(201);
    const other = await agent.openIsolatedPage();
    await signIn(other, 'alice@example.com', 'alice password 1');

    await other.goto(`/console/sessions/${sessionId}`);
    const notice = other.getByRole('status').filter({ hasText: 'This call is with' });
    await notice.waitFor();
    await other.getByRole('button', { name: 'Refresh the case' }).waitFor();

    // The call stays with its agent: video still flows and nothing moved to another tab.
    const frames = await waitForFramesRising(agent.page);
    expect(frames.last).toBeGreaterThan(frames.first);
    expect(await agent.page.getByText('This call is open in another tab').count()).toBe(0);
    const detail = await getSessionDetail(agent.page, sessionId);
    expect(detail.agent?.name).not.toBe('Alice Agent');
    await other.context().close();
  });

  it('agent ends the call', async () => {
    const tracksDuringCall = await liveCaptureTracks(customer.page);
    await endCall(agent.page);

    await customer.page.getByRole('heading', { name: 'Your agent ended the call' }).waitFor();
    // The ended screen informs the customer that the camera and microphone are off.
    await expect.poll(() => liveCaptureTracks(customer.page)).toBe(0);
    expect(tracksDuringCall).toBeGreaterThan(0);
  });

  it('wrap-up records the case', async () => {
    await submitWrapUp(agent.page, 'Resolved', 'Read the serial number from the label.');
    await expect
      .poll(async () => (await getSessionDetail(agent.page, sessionId)).status)
      .toBe('ended');

    const detail = await getSessionDetail(agent.page, sessionId);
    const types = detail.events.map((event) => event.type);
    const milestones: SessionEventType[] = [
      'created',
      'call_started',
      'media_connected',
      'ended',
      'wrap_up_done',
    ];
    const positions = milestones.map((type) => types.indexOf(type));

    expect(detail.disposition).toBe('resolved');
    expect(detail.notes).toBe('Read the serial number from the label.');
    expect(types[0]).toBe('created');
    for (const type of milestones) expect(types).toContain(type);
    // Joins and leaves may fall between and after the milestones, which keep their order.
    expect(positions, types.join(', ')).toEqual([...positions].sort((a, b) => a - b));
    expect(detail.chat.map((message) => message.sender)).toEqual(['agent', 'customer']);
  });
});
