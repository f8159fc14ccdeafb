import type { Page } from 'playwright-core';
import { ensureLabelVideoFullHd } from '../../e2e/src/fixtures/make-label-video.js';
import { openLiveCall } from './live-call.js';

/** Times of each snapshot in milliseconds, and the sizes the server stored. */
export interface SnapshotTimeResult {
  /** From the click on "Take snapshot" to the new thumbnail in the "Snapshots" gallery. */
  shownMs: number[];
  /** From the same click to the thumbnail's image having loaded. */
  loadedMs: number[];
  /** Stored `width`x`height` of each snapshot the agent requested. */
  storedSizes: string[];
}

interface BenchWindow {
  __benchClickAt: number[];
  __benchThumbnails: { shownAt: number; loadedAt: number }[];
}

/**
 * Records in the agent's page the time of each click on "Take snapshot", and when each new
 * thumbnail is added to the gallery and when its image has loaded.
 */
function instrumentAgent(page: Page): Promise<void> {
  return page.evaluate(() => {
    const bench = window as unknown as BenchWindow;
    bench.__benchClickAt = [];
    bench.__benchThumbnails = [];

    window.addEventListener(
      'click',
      (event) => {
        const target = event.target instanceof Element ? event.target.closest('button') : null;
        if (target?.textContent?.includes('Take snapshot') === true) {
          bench.__benchClickAt.push(performance.timeOrigin + event.timeStamp);
        }
      },
      { capture: true },
    );

    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of Array.from(record.addedNodes)) {
          if (!(node instanceof Element)) continue;
          // The first thumbnail arrives inside a new list, so added subtrees are searched too.
          const items = node.matches('li[data-snapshot-id]')
            ? [node]
            : Array.from(node.querySelectorAll('li[data-snapshot-id]'));
          for (const item of items) {
            const entry = { shownAt: performance.timeOrigin + performance.now(), loadedAt: 0 };
            bench.__benchThumbnails.push(entry);
            const image = item.querySelector('img');
            if (image?.complete === true && image.naturalWidth > 0) {
              entry.loadedAt = performance.timeOrigin + performance.now();
            }
            image?.addEventListener(
              'load',
              () => (entry.loadedAt = performance.timeOrigin + performance.now()),
              { once: true },
            );
          }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

/**
 * Takes `snapshots` snapshots, one at a time, of a customer camera that plays a 1920x1080 video,
 * and times each from the agent's click to the thumbnail in the gallery.
 */
export async function measureSnapshotTime(snapshots: number): Promise<SnapshotTimeResult> {
  const call = await openLiveCall(await ensureLabelVideoFullHd());
  const agent = call.agent.page;

  try {
    await instrumentAgent(agent);
    const button = agent.getByRole('button', { name: 'Take snapshot' });

    for (let index = 0; index < snapshots; index += 1) {
      await button.click();
      await agent.waitForFunction(
        (count) => {
          const thumbnails = (window as unknown as BenchWindow).__benchThumbnails;
          return thumbnails.length > count && thumbnails.every((entry) => entry.loadedAt > 0);
        },
        index,
        { timeout: 30_000 },
      );
      // The button stays disabled until the customer's phone has uploaded the still.
      await button.and(agent.locator(':enabled')).waitFor();
    }

    const { clickAt, thumbnails } = await agent.evaluate(() => {
      const bench = window as unknown as BenchWindow;
      return { clickAt: bench.__benchClickAt, thumbnails: bench.__benchThumbnails };
    });
    const response = await agent.request.get(`/api/sessions/${call.sessionId}/snapshots`);
    const body = (await response.json()) as {
      snapshots: { source: string; width: number; height: number }[];
    };

    return {
      shownMs: thumbnails.map((entry, i) => entry.shownAt - (clickAt[i] ?? Number.NaN)),
      loadedMs: thumbnails.map((entry, i) => entry.loadedAt - (clickAt[i] ?? Number.NaN)),
      storedSizes: body.snapshots
        .filter((snapshot) => snapshot.source === 'agent_request')
        .map((snapshot) => `${snapshot.width}x${snapshot.height}`),
    };
  } finally {
    await call.close();
  }
}
