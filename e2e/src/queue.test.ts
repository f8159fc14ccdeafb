/**
 * Customer-started calls, with two real browsers: a customer scans a product line's QR code,
 * asks for help and waits in the queue with the camera on; the agent, available with the right
 * skill, gets the offer, accepts and sees the customer's video without the customer tapping
 * again. A second customer, for a product line whose skill no agent has, waits and then leaves
 * a callback request, which the agent finds on the queue page. The steps build on each other.
 */
import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from './harness/chromium.js';
import { useCallParticipants } from './harness/call-steps.js';
import { liveCaptureTracks, signIn, waitForFramesRising } from './harness/pages.js';
import { adminApi, postJson, requestSupport, setAvailability } from './harness/queue.js';
import type { TestServer } from './harness/server.js';

const participants = useCallParticipants();
let server: TestServer;
let agent: BrowserSession;
let customer: BrowserSession;
let admin: APIRequestContext;
/** Page of the second customer, in its own browser context as on a second phone. */
let secondCustomer: Page;

const agentAccount = {
  email: 'alex@lensdesk.test',
  password: 'queue test password',
  name: 'Alex Agent',
};

beforeAll(async () => {
  ({ server, agent, customer } = participants);
  admin = await adminApi(server.baseUrl);
});

afterAll(async () => {
  await admin?.dispose();
});

describe('customer-started call', () => {
  it('admin sets up product lines and an agent', async () => {
    await postJson(admin, '/api/product-lines', {
      name: 'Washing machines',
      slug: 'washers',
      skills: ['washers'],
      greeting: 'Hello! Have the washer’s model label ready.',
    });
    // Nobody has the ovens skill, and its customers may ask for a callback at once.
    await postJson(admin, '/api/product-lines', {
      name: 'Ovens',
      slug: 'ovens',
      skills: ['ovens'],
      callbackAfterSeconds: 0,
    });
    const created = (await postJson(admin, '/api/users', {
      ...agentAccount,
      role: 'agent',
      skills: ['washers'],
    })) as { id?: unknown };

    expect(typeof created.id).toBe('string');
  });

  it('agent signs in and becomes available', async () => {
    await signIn(agent.page, agentAccount.email, agentAccount.password);
    await setAvailability(agent.page, 'Available');

    const control = agent.page.getByRole('combobox', { name: 'Availability' });
    expect(await control.inputValue()).toBe('available');
  });

  it('customer asks for help from the QR code', async () => {
    await requestSupport(customer.page, '/p/washers?serial=WM-20417&model=Aqualine%207', {
      name: 'Dana Customer',
      topic: 'The drum does not spin',
    });

    await customer.page.getByText('Hello! Have the washer’s model label ready.').waitFor();
    expect(new URL(customer.page.url()).pathname).toMatch(/^\/s\/[^/]+$/);
    // The preview is on while waiting, so the customer can get ready.
    expect(await liveCaptureTracks(customer.page)).toBeGreaterThan(0);
    expect(await customer.page.getByLabel('Your camera').count()).toBe(1);
  });

  it('agent gets the offer and accepts', async () => {
    const offer = agent.page.getByRole('region', { name: 'Incoming customer' });
    await offer.getByText('Dana Customer').waitFor();

    expect(await offer.getByText('Washing machines · The drum does not spin').count()).toBe(1);
    await offer.getByRole('button', { name: 'Accept' }).click();
    await agent.page.getByRole('button', { name: 'End call' }).waitFor();
    expect(new URL(agent.page.url()).pathname).toMatch(/^\/console\/sessions\/[^/]+$/);
  });

  it('agent sees the customer camera', async () => {
    const frames = await waitForFramesRising(agent.page);

    expect(frames.last).toBeGreaterThan(frames.first);
    // The customer consented in the waiting room, so the call started without another tap.
    expect(await customer.page.getByRole('button', { name: 'Start video call' }).count()).toBe(0);
  });

  it('second customer waits for a product line nobody covers', async () => {
    secondCustomer = await customer.openIsolatedPage();
    await requestSupport(secondCustomer, '/p/ovens', {
      name: 'Eve Customer',
      topic: 'The oven does not heat',
    });

    await secondCustomer.getByRole('heading', { name: /^You are/ }).waitFor();
    await agent.page.getByRole('link', { name: /^Queue/ }).click();
    await agent.page.getByRole('button', { name: 'Take the call from Eve Customer' }).waitFor();
  });

  it('second customer leaves a callback request', async () => {
    await secondCustomer.getByRole('button', { name: 'Ask for a callback instead' }).click();
    await secondCustomer.getByRole('textbox', { name: 'E-mail address' }).fill('eve@example.com');
    await secondCustomer
      .getByRole('textbox', { name: 'What is the problem?' })
      .fill('The oven does not heat up at all.');
    await secondCustomer.getByRole('button', { name: 'Send request' }).click();

    await secondCustomer.getByRole('heading', { name: 'We will contact you' }).waitFor();
    await expect.poll(() => liveCaptureTracks(secondCustomer)).toBe(0);
  });

  it('callback request appears in the agent queue', async () => {
    const callBack = agent.page.getByRole('button', { name: 'Call back Eve Customer' });
    await callBack.waitFor();
    const take = agent.page.getByRole('button', { name: 'Take the call from Eve Customer' });
    await take.waitFor({ state: 'detached' });

    const row = agent.page.getByRole('row').filter({ has: callBack });
    expect(await row.getByText('eve@example.com').count()).toBe(1);
    expect(await row.getByText('The oven does not heat up at all.').count()).toBe(1);
  });

  it('agent calls the customer back', async () => {
    await agent.page.getByRole('button', { name: 'Call back Eve Customer' }).click();

    const dialog = agent.page.getByRole('dialog', { name: 'Call back Eve Customer' });
    const link = dialog.getByRole('textbox', { name: 'Customer link' });
    await link.waitFor();
    expect(await link.inputValue()).toMatch(new RegExp(`^${server.baseUrl}/s/[^/]+$`));
  });

  it('customer leaves the queue', async () => {
    const leaving = await customer.openIsolatedPage();
    await requestSupport(leaving, '/p/ovens', { name: 'Finn Customer', topic: 'Door is stuck' });
    await agent.page.keyboard.press('Escape');
    const take = agent.page.getByRole('button', { name: 'Take the call from Finn Customer' });
    await take.waitFor();

    await leaving.getByRole('button', { name: 'Leave queue' }).click();
    await leaving
      .getByRole('dialog', { name: 'Leave the queue?' })
      .getByRole('button', { name: 'Leave queue' })
      .click();

    await leaving.getByRole('heading', { name: 'You left the queue' }).waitFor();
    await take.waitFor({ state: 'detached' });
    expect(await liveCaptureTracks(leaving)).toBe(0);
  });

  it('customer joins with a six-digit code', async () => {
    const invite = (await postJson(admin, '/api/sessions', {
      customerName: 'Gil Customer',
      shortCode: true,
    })) as { shortCode?: unknown };
    const code = String(invite.shortCode);
    expect(code).toMatch(/^\d{6}$/);
    // No other session of this server has a code, so any other six digits are wrong.
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const joining = await customer.openIsolatedPage();
    await joining.goto('/join');
    const field = joining.getByRole('textbox', { name: 'Six-digit code' });

    await field.fill(wrongCode);
    await joining.getByRole('button', { name: 'Continue' }).click();
    await joining.getByText('This code is not valid or has expired.', { exact: false }).waitFor();
    // Customers often type the code as it is read out, in two groups of three.
    await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await joining.getByRole('button', { name: 'Continue' }).click();

    await joining.getByRole('button', { name: 'Start video call' }).waitFor();
    expect(new URL(joining.url()).pathname).toMatch(/^\/s\/[^/]+$/);
  });
});
