/**
 * Helpers for customer-started calls: an admin API client that sets up product lines and agents,
 * and page steps for the support page, the waiting room and the console's availability.
 */
import { request } from 'playwright-core';
import type { APIRequestContext, Page } from 'playwright-core';
import { adminAccount } from './server.js';

/** Signs in as the test server's admin and returns an API client with that cookie. */
export async function adminApi(baseUrl: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: baseUrl });
  await postJson(api, '/api/auth/login', {
    email: adminAccount.email,
    password: adminAccount.password,
  });
  return api;
}

/** POSTs JSON and returns the parsed response; throws with the body on any status but 2xx. */
export async function postJson(
  api: APIRequestContext,
  path: string,
  body: unknown,
): Promise<unknown> {
  const response = await api.post(path, { data: body });
  if (!response.ok()) {
    throw new Error(`POST ${path} returned ${response.status()}: ${await response.text()}`);
  }
  return response.status() === 204 ? undefined : response.json();
}

/** Chooses the agent's availability in the console header and waits until the server stored it. */
export async function setAvailability(
  page: Page,
  status: 'Available' | 'Away' | 'Offline',
): Promise<void> {
  const control = page.getByRole('combobox', { name: 'Availability' });
  await control.selectOption({ label: status });
  // The control is disabled while the request runs and shows the stored status afterwards.
  const handle = await control.elementHandle();
  await page.waitForFunction(
    ([select, label]) =>
      select instanceof HTMLSelectElement &&
      !select.disabled &&
      select.selectedOptions[0]?.text === label,
    [handle, status] as const,
  );
}

/**
 * Opens a product line's support page, fills in the optional name and problem, and presses
 * "Request video support", which turns on the camera and joins the queue.
 */
export async function requestSupport(
  page: Page,
  path: string,
  fields: { name: string; topic: string },
): Promise<void> {
  await page.goto(path);
  await page.getByRole('textbox', { name: 'Your name (optional)' }).fill(fields.name);
  await page.getByRole('textbox', { name: 'What is the problem? (optional)' }).fill(fields.topic);
  await page.getByRole('button', { name: 'Request video support' }).click();
  await page.getByRole('button', { name: 'Leave queue' }).waitFor();
}
