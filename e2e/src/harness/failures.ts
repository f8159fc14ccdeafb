/**
 * Keeps evidence of a failed browser test: a screenshot of every open page and the server's
 * output, in e2e/.scratch/failures/<test name>/. The folder is git-ignored and kept after the run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserSession } from './chromium.js';
import { scratchRoot } from './paths.js';
import type { TestServer } from './server.js';

/** Saves screenshots of the named browsers' pages and the server output under the test's name. */
export async function saveFailureEvidence(
  testName: string,
  browsers: Record<string, BrowserSession | undefined>,
  server: TestServer | undefined,
): Promise<string> {
  const folder = join(scratchRoot, 'failures', testName.replace(/[^a-z0-9-]+/gi, '-'));
  mkdirSync(folder, { recursive: true });

  for (const [name, session] of Object.entries(browsers)) {
    const pages = session?.browser.contexts().flatMap((context) => context.pages()) ?? [];
    for (const [index, page] of pages.entries()) {
      // A page that is closing cannot be captured, and the other evidence still matters.
      await page
        .screenshot({ path: join(folder, `${name}-${index}.png`), fullPage: true })
        .catch(() => undefined);
    }
  }
  if (server) writeFileSync(join(folder, 'server.log'), server.output());

  return folder;
}
