/**
 * Page helpers for the console and the customer page. Tests drive the product through these, by
 * accessible role and name, so a changed label is fixed in one place.
 */
import type { Page } from 'playwright-core';
import { framesDecodedExpression, liveCaptureTracksExpression } from './peer-connection-spy.js';

/** Signs in on the console's sign-in form and waits until the console shows "Sign out". */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await submitSignIn(page, email, password);

  // The submit button is renamed while the request runs, so its absence proves nothing.
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Fills and submits the sign-in form without waiting for the outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  if (!page.url().includes('/console')) await page.goto('/console');

  await page.getByRole('textbox', { name: /email/i }).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /^sign in$/i }).click();
}

/** Creates an invite from the console and returns the customer URL shown in "Customer link". */
export async function createInvite(page: Page): Promise<string> {
  // The invite form opens from "New invite" on the case list, unless it is open already.
  const create = page.getByRole('button', { name: 'Create invite' });
  const newInvite = page.getByRole('button', { name: 'New invite' });
  if (!(await create.isVisible())) {
    if (!(await newInvite.isVisible())) await page.goto('/console');
    await newInvite.click();
  }
  await create.click();

  const link = page.getByRole('textbox', { name: 'Customer link' });
  await link.waitFor();
  const url = await link.inputValue();
  if (!/\/s\/[^/]+$/.test(url)) {
    throw new Error(`The "Customer link" textbox contains "${url}", which is not a customer URL.`);
  }
  return url;
}

/** Returns the number of video frames the page has decoded, over all its peer connections. */
export async function framesDecoded(page: Page): Promise<number> {
  const frames: unknown = await page.evaluate(framesDecodedExpression);
  return typeof frames === 'number' ? frames : 0;
}

/** Returns how many camera and microphone tracks that the page opened are still capturing. */
export async function liveCaptureTracks(page: Page): Promise<number> {
  const count: unknown = await page.evaluate(liveCaptureTracksExpression);
  return typeof count === 'number' ? count : 0;
}

/**
 * Waits until the page decodes remote video, then until the count rises again, which shows a
 * live stream and not one frozen frame. Returns the first and the last count seen.
 */
export async function waitForFramesRising(
  page: Page,
  timeoutMs = 30_000,
): Promise<{ first: number; last: number }> {
  const deadline = Date.now() + timeoutMs;
  let first = 0;

  while (Date.now() < deadline) {
    const frames = await framesDecoded(page);
    if (first === 0 && frames > 0) first = frames;
    // 15 frames is half a second of the fake camera's 30 frames per second.
    if (first > 0 && frames >= first + 15) return { first, last: frames };
    await page.waitForTimeout(250);
  }

  throw new Error(
    `Decoded video frames did not rise within ${timeoutMs} ms (first count seen: ${first}).`,
  );
}

/** Presses the customer page's Start button, which opens the camera and starts the call. */
export async function startCustomerCall(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^start/i }).click();
}

/**
 * Opens the agent's call view for the session just invited, unless the console already shows it
 * (it may open the call view right after creating the invite).
 */
export async function openCallView(page: Page): Promise<void> {
  const endCall = page.getByRole('button', { name: 'End call' });
  if (await endCall.isVisible()) return;

  await page
    .getByRole('button', { name: 'Open call' })
    .or(page.getByRole('link', { name: 'Open call' }))
    .first()
    .click();
  await endCall.waitFor();
}

/** Sends a chat message through the "Message" textbox, opening the chat panel when it is closed. */
export async function sendChatMessage(page: Page, text: string): Promise<void> {
  const message = page.getByRole('textbox', { name: 'Message' });
  if (!(await message.isVisible())) {
    await page.getByRole('button', { name: /^chat/i }).click();
  }

  await message.fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

/** Waits until a chat message with exactly this text is shown, opening the chat panel if needed. */
export async function waitForChatMessage(page: Page, text: string): Promise<void> {
  const message = page.getByText(text, { exact: true });
  if (!(await page.getByRole('textbox', { name: 'Message' }).isVisible())) {
    await page.getByRole('button', { name: /^chat/i }).click();
  }
  await message.first().waitFor();
}

/** Ends the call from the console and confirms in the dialog that the console opens. */
export async function endCall(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'End call' }).click();

  const confirm = page.getByRole('dialog', { name: 'End the call?' }).getByRole('button', {
    name: 'End call',
  });
  await confirm.click();
}

/**
 * Fills and saves the wrap-up form with a disposition, a resolution code by its label, and notes.
 * The test server seeds the default resolution codes on its first start, so the form requires one.
 */
export async function submitWrapUp(
  page: Page,
  disposition: 'Resolved' | 'Dispatch' | 'Escalated' | 'Follow-up',
  notes: string,
  resolution = 'Reset or restart',
): Promise<void> {
  await page.getByRole('radio', { name: disposition }).check();
  await page.getByRole('combobox', { name: 'Resolution code' }).selectOption({ label: resolution });
  await page.getByRole('textbox', { name: 'Notes' }).fill(notes);
  await page.getByRole('button', { name: 'Save wrap-up' }).click();
}
