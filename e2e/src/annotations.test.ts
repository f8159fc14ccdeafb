/**
 * "Show, don't tell": the agent draws on the customer's live video in the console, and the shape
 * appears on the customer's phone over the same spot of the camera frame, whatever the screens'
 * sizes, orientations, `object-fit` and mirroring. Then freeze frame and a full-resolution
 * snapshot. The steps share one call, so each step relies on the ones before it.
 */
import type { FramePoint, SessionEventType } from '@lensdesk/protocol';
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelSerialCentre } from './fixtures/make-label-video.js';
import {
  circleFramePoint,
  circleIds,
  dragCircle,
  framePointOnPage,
  overlayOf,
  readLayout,
  waitForNewCircle,
} from './harness/annotations.js';
import type { PlacedLayout } from './harness/annotations.js';
import { findSessionId, getSessionDetail } from './harness/api.js';
import type { BrowserSession } from './harness/chromium.js';
import {
  createInvite,
  openCallView,
  signIn,
  startCustomerCall,
  waitForFramesRising,
} from './harness/pages.js';
import { adminAccount } from './harness/server.js';
import { useCallParticipants } from './harness/call-steps.js';

/** Largest distance allowed between the intended and the drawn point, per axis, in frame units. */
const tolerance = 0.02;

/** Half the side of the square the agent drags a circle across, in frame units. */
const circleRadius = 0.06;

/** Resolution of the label video that the customer's fake camera plays. */
const cameraResolution = { width: 1280, height: 720 };

const participants = useCallParticipants();
let agent: BrowserSession;
let customer: BrowserSession;
let sessionId: string;

beforeAll(() => {
  ({ agent, customer } = participants);
});

function consoleVideo(): Locator {
  return agent.page.getByLabel('Customer video', { exact: true });
}

function customerPreview(): Locator {
  return customer.page.getByLabel('Your camera', { exact: true });
}

/** Returns the still that the console shows in place of the live video during a freeze. */
function consoleStill(): Locator {
  return agent.page.locator('.stage img.frozen-still');
}

function customerStill(): Locator {
  return customer.page.getByRole('img', { name: 'Still picture from your camera' });
}

/** Waits until the element's picture has a size and its box has settled, then returns it. */
async function settledLayout(
  element: Locator,
  fit: 'contain' | 'cover',
  expectMirrored = false,
): Promise<PlacedLayout> {
  let previous = '';
  let placed: PlacedLayout | undefined;

  await expect
    .poll(
      async () => {
        placed = await readLayout(element, fit).catch(() => undefined);
        const key = JSON.stringify(placed);
        const stable = placed !== undefined && key === previous;
        previous = key;
        return stable && placed?.layout.mirrored === expectMirrored;
      },
      { timeout: 10_000, interval: 100 },
    )
    .toBe(true);
  if (placed === undefined) throw new Error('The picture has no layout.');
  return placed;
}

/**
 * Draws a circle around `target` on the console's picture and returns where the customer's
 * screen shows its centre, as a frame point, together with where the console shows it. A drag
 * during which the console's picture moved, as when a notice appears above it, is drawn again.
 */
async function drawAndLocate(
  target: FramePoint,
  surface: string,
  consolePicture: Locator,
  customerPicture: PlacedLayout,
): Promise<{ onConsole: FramePoint; onPhone: FramePoint }> {
  for (let attempt = 1; ; attempt += 1) {
    const agentLayout = await settledLayout(consolePicture, 'contain');
    const known = await circleIds(agent.page);

    await dragCircle(agent.page, agentLayout, target, circleRadius);
    const id = await waitForNewCircle(agent.page, known);
    const layoutAfter = await readLayout(consolePicture, 'contain');
    if (JSON.stringify(layoutAfter) !== JSON.stringify(agentLayout) && attempt < 3) continue;

    await overlayOf(customer.page, surface).locator(`[data-annotation-id="${id}"]`).waitFor();
    return {
      onConsole: await circleFramePoint(agent.page, surface, id, agentLayout),
      onPhone: await circleFramePoint(customer.page, surface, id, customerPicture),
    };
  }
}

/** Returns the texts of the alerts that the console shows, such as a rejected drawing. */
async function consoleAlerts(): Promise<string[]> {
  return agent.page.getByRole('alert').allInnerTexts();
}

function expectNear(actual: FramePoint, expected: FramePoint): void {
  expect(Math.abs(actual.x - expected.x), `x of ${JSON.stringify(actual)}`).toBeLessThanOrEqual(
    tolerance,
  );
  expect(Math.abs(actual.y - expected.y), `y of ${JSON.stringify(actual)}`).toBeLessThanOrEqual(
    tolerance,
  );
}

describe('annotations on the customer video', () => {
  it('agent and customer join the call', async () => {
    await signIn(agent.page, adminAccount.email, adminAccount.password);
    const customerUrl = await createInvite(agent.page);
    sessionId = await findSessionId(agent.page, customerUrl);
    await openCallView(agent.page);

    await customer.page.goto(customerUrl);
    await startCustomerCall(customer.page);
    await waitForFramesRising(agent.page);

    // Pinned drawings stay until removed, so none fades while a step reads it.
    const pin = agent.page.getByRole('button', { name: 'Pin', exact: true });
    await pin.click();
    await agent.page.getByRole('button', { name: 'Circle', exact: true }).click();
    expect(await pin.getAttribute('aria-pressed')).toBe('true');
  });

  it('circle lands on the same frame point in portrait', async () => {
    const phone = await settledLayout(customerPreview(), 'cover');
    const centres = await drawAndLocate(labelSerialCentre, 'live', consoleVideo(), phone);

    expect(phone.layout.offsetX, 'cover crops the sides in portrait').toBeLessThan(0);
    expectNear(centres.onConsole, labelSerialCentre);
    expectNear(centres.onPhone, labelSerialCentre);
  });

  it('circle lands on the same frame point in landscape', async () => {
    await customer.page.setViewportSize({ width: 844, height: 390 });
    const target = { x: 0.3, y: 0.7 };

    const phone = await settledLayout(customerPreview(), 'cover');
    const centres = await drawAndLocate(target, 'live', consoleVideo(), phone);

    expect(phone.layout.offsetY, 'cover crops the top and bottom in landscape').toBeLessThan(0);
    expectNear(centres.onConsole, target);
    expectNear(centres.onPhone, target);
  });

  it('circle lands on the same frame point when mirrored', async () => {
    await customer.page.setViewportSize({ width: 390, height: 844 });
    await customer.page.getByRole('button', { name: 'Switch to front camera' }).click();
    await customer.page.getByRole('button', { name: 'Switch to rear camera' }).waitFor();
    // Left of the centre, so that a mirroring mistake moves the circle well past the tolerance.
    const target = { x: 0.42, y: 0.4 };

    const phone = await settledLayout(customerPreview(), 'cover', true);
    const centres = await drawAndLocate(target, 'live', consoleVideo(), phone);

    expectNear(centres.onConsole, target);
    expectNear(centres.onPhone, target);

    await customer.page.getByRole('button', { name: 'Switch to rear camera' }).click();
    await customer.page.getByRole('button', { name: 'Switch to front camera' }).waitFor();
    await settledLayout(customerPreview(), 'cover', false);
  });

  it('freeze shows the still on both sides', async () => {
    await agent.page.getByRole('button', { name: 'Freeze', exact: true }).click();

    await consoleStill().waitFor();
    await customerStill().waitFor();
    const agentSurface = await overlayOf(agent.page).getAttribute('data-surface');
    const customerSurface = await overlayOf(customer.page).getAttribute('data-surface');
    const stillSize = await customerStill().evaluate((image) => [
      (image as HTMLImageElement).naturalWidth,
      (image as HTMLImageElement).naturalHeight,
    ]);

    expect(agentSurface).toMatch(/^[0-9a-f-]{36}$/);
    expect(customerSurface).toBe(agentSurface);
    expect(stillSize).toEqual([cameraResolution.width, cameraResolution.height]);
  });

  it('circle on the still reaches the customer', async () => {
    const surface = (await overlayOf(agent.page).getAttribute('data-surface')) ?? '';
    const target = { x: 0.6, y: 0.35 };

    const phone = await settledLayout(customerStill(), 'contain');
    const centres = await drawAndLocate(target, surface, consoleStill(), phone);

    expectNear(centres.onConsole, target);
    expectNear(centres.onPhone, target);
  });

  it('resume returns the live video', async () => {
    await agent.page.getByRole('button', { name: 'Resume live video' }).click();

    await consoleStill().waitFor({ state: 'detached' });
    await customerStill().waitFor({ state: 'detached' });
    await expect.poll(() => overlayOf(agent.page).getAttribute('data-surface')).toBe('live');
    await expect.poll(() => overlayOf(customer.page).getAttribute('data-surface')).toBe('live');
    const frames = await waitForFramesRising(agent.page);

    expect(frames.last).toBeGreaterThan(frames.first);
    await expect(customerPreview().isVisible()).resolves.toBe(true);
  });

  it('snapshot is stored at full resolution', async () => {
    const gallery = agent.page.getByRole('region', { name: 'Snapshots' });
    const thumbnails = gallery.getByRole('img', { name: /^Snapshot taken at / });
    const before = await thumbnails.count();

    await agent.page.getByRole('button', { name: 'Take snapshot' }).click();
    await expect.poll(() => thumbnails.count(), { timeout: 15_000 }).toBe(before + 1);

    const response = await agent.page.request.get(`/api/sessions/${sessionId}/snapshots`);
    const body = (await response.json()) as {
      snapshots: { source: string; width: number; height: number }[];
    };
    const requested = body.snapshots.filter((snapshot) => snapshot.source === 'agent_request');

    expect(response.status()).toBe(200);
    expect(requested).toHaveLength(1);
    expect(requested[0]?.width).toBe(cameraResolution.width);
    expect(requested[0]?.height).toBe(cameraResolution.height);
    await expect(gallery.getByRole('link', { name: 'Download snapshot' }).count()).resolves.toBe(
      before + 1,
    );
  });

  it('event log records the live tools', async () => {
    const detail = await getSessionDetail(agent.page, sessionId);
    const types = new Set<SessionEventType>(detail.events.map((event) => event.type));

    for (const type of ['annotation', 'freeze', 'unfreeze', 'snapshot'] as const) {
      expect(types, [...types].join(', ')).toContain(type);
    }
  });

  // A slow drag sends one update per animation frame. The server must accept them all, as it
  // does on the live video, and the console must show no error.
  it('slow drags on the still are accepted', async () => {
    await agent.page.getByRole('button', { name: 'Freeze', exact: true }).click();
    await consoleStill().waitFor();
    const still = await settledLayout(consoleStill(), 'contain');

    for (let drag = 0; drag < 3; drag += 1) {
      const start = framePointOnPage({ x: 0.2 + drag * 0.05, y: 0.2 }, still);
      await agent.page.mouse.move(start.x, start.y);
      await agent.page.mouse.down();
      await agent.page.mouse.move(start.x + 150, start.y + 150, { steps: 30 });
      await agent.page.mouse.up();
    }
    // Each operation is acknowledged within milliseconds on loopback.
    await agent.page.waitForTimeout(1_000);
    const alerts = await consoleAlerts();
    await agent.page.getByRole('button', { name: 'Resume live video' }).click();

    expect(alerts).toEqual([]);
  });
});
