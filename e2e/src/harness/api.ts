/**
 * HTTP calls made with a browser's cookies (`page.request`), for checks that the screens cannot
 * show, such as the stored event log of a session.
 */
import { sessionDetailSchema, sessionSummarySchema } from '@lensdesk/protocol';
import type { SessionDetail } from '@lensdesk/protocol';
import type { Page } from 'playwright-core';

async function getJson(page: Page, path: string): Promise<unknown> {
  const response = await page.request.get(path);
  if (!response.ok()) {
    throw new Error(`GET ${path} returned ${response.status()}: ${await response.text()}`);
  }
  return response.json();
}

/** Returns the session with this id, as the server returns it to the signed-in user of `page`. */
export async function getSessionDetail(page: Page, id: string): Promise<SessionDetail> {
  return sessionDetailSchema.parse(await getJson(page, `/api/sessions/${id}`));
}

/** Returns the id of the session whose customer link is `customerUrl`, from the newest 20. */
export async function findSessionId(page: Page, customerUrl: string): Promise<string> {
  const body = (await getJson(page, '/api/sessions?limit=20')) as { sessions?: unknown };
  if (!Array.isArray(body.sessions))
    throw new Error('GET /api/sessions returned no sessions array.');
  const sessions = body.sessions.map((summary) => sessionSummarySchema.parse(summary));

  for (const summary of sessions) {
    const detail = await getSessionDetail(page, summary.id);
    if (detail.customerUrl === customerUrl) return summary.id;
  }
  throw new Error(`No session among the newest 20 has the customer link ${customerUrl}.`);
}
