import type { FramePoint } from '@lensdesk/protocol';
import type { Page } from 'playwright-core';
import { ensureLabelVideo } from '../../e2e/src/fixtures/make-label-video.js';
import { framePointOnPage, readLayout } from '../../e2e/src/harness/annotations.js';
import type { PlacedLayout } from '../../e2e/src/harness/annotations.js';
import { clockOffset, openLiveCall } from './live-call.js';

/** Kind of operation measured: laser pointer moves, or new circles. */
export type LatencyOperation = 'pointer' | 'circle';

/** Latencies of one operation kind, in milliseconds, in the order the operations ran. */
export interface LatencySeries {
  operation: LatencyOperation;
  /** From the agent's pointer event to the customer's animation frame that shows the change. */
  renderedMs: number[];
  /** From the agent's pointer event to the customer's DOM change, before that frame. */
  domMs: number[];
}

export interface AnnotationLatencyResult {
  series: LatencySeries[];
  /** Estimated clock offsets of the two pages from the benchmark process, with uncertainty. */
  clocks: { agent: ClockEstimate; customer: ClockEstimate };
}

interface ClockEstimate {
  offsetMs: number;
  uncertaintyMs: number;
}

/** Operations of each kind run before the measured ones, while the data channel settles. */
const warmUpOperations = 10;

/** Circles drawn between two Clear presses, below the protocol's limit of 200 annotations. */
const circlesPerClear = 50;

interface PointerRecord {
  at: number;
  /** Mouse buttons held, as `PointerEvent.buttons` reports them. */
  buttons: number;
  /** Whether the event's target is on the drawing surface over the customer's picture. */
  onSurface: boolean;
}

interface BenchWindow {
  __benchInstalled?: boolean;
  __benchPointer: PointerRecord[];
  __benchChanges: { key: string; domAt: number; frameAt: number }[];
  __benchAgentIds: string[];
}

/**
 * Records in the agent's page the time of every pointer move, on the clock shared by both
 * browsers (`performance.timeOrigin` plus the event's `timeStamp`). A second call only empties
 * the records.
 */
function instrumentAgent(page: Page): Promise<void> {
  return page.evaluate(() => {
    const bench = window as unknown as BenchWindow;
    bench.__benchPointer = [];
    bench.__benchAgentIds = [];
    if (bench.__benchInstalled === true) return;
    bench.__benchInstalled = true;

    window.addEventListener(
      'pointermove',
      (event) => {
        const target = event.target instanceof Element ? event.target : null;
        bench.__benchPointer.push({
          at: performance.timeOrigin + event.timeStamp,
          buttons: event.buttons,
          onSurface: target?.closest('.drawing-surface') != null,
        });
      },
      { capture: true },
    );

    // The agent's own overlay shows each circle as it is sent, so the order of ids can be
    // compared with the customer's.
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of Array.from(record.addedNodes)) {
          if (!(node instanceof Element)) continue;
          const shapes = [node, ...Array.from(node.querySelectorAll('[data-annotation-type]'))];
          for (const shape of shapes) {
            if (shape.getAttribute('data-annotation-type') === 'circle') {
              bench.__benchAgentIds.push(shape.getAttribute('data-annotation-id') ?? '');
            }
          }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

/**
 * Records in the customer's page every new circle and every move of the pointer: the time of
 * the DOM change, and the time of the animation frame that follows it, which paints it.
 */
function instrumentCustomer(page: Page): Promise<void> {
  return page.evaluate(() => {
    const bench = window as unknown as BenchWindow;
    bench.__benchChanges = [];
    if (bench.__benchInstalled === true) return;
    bench.__benchInstalled = true;

    new MutationObserver((records) => {
      const domAt = performance.timeOrigin + performance.now();
      const fresh: BenchWindow['__benchChanges'] = [];
      for (const record of records) {
        const target = record.target;
        if (
          record.type === 'attributes' &&
          target instanceof Element &&
          target.getAttribute('data-annotation-type') === 'pointer'
        ) {
          fresh.push({ key: `pointer:${target.getAttribute('data-center-x')}`, domAt, frameAt: 0 });
        }
        for (const node of Array.from(record.addedNodes)) {
          if (!(node instanceof Element)) continue;
          const shapes = [node, ...Array.from(node.querySelectorAll('[data-annotation-type]'))];
          for (const shape of shapes) {
            const type = shape.getAttribute('data-annotation-type');
            if (type === 'circle' || type === 'pointer') {
              const key = `${type}:${shape.getAttribute('data-annotation-id')}`;
              fresh.push({ key, domAt, frameAt: 0 });
            }
          }
        }
      }
      if (fresh.length === 0) return;

      bench.__benchChanges.push(...fresh);
      requestAnimationFrame(() => {
        const frameAt = performance.timeOrigin + performance.now();
        for (const change of fresh) change.frameAt = frameAt;
      });
    }).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-center-x'],
    });
  });
}

/** Waits until the customer's page has recorded more than `count` changes, each painted. */
async function waitForChanges(customer: Page, count: number): Promise<void> {
  await customer.waitForFunction(
    (expected) => {
      const changes = (window as unknown as BenchWindow).__benchChanges;
      return changes.length > expected && changes.every((change) => change.frameAt > 0);
    },
    count,
    { polling: 'raf', timeout: 10_000 },
  );
}

/** Returns distinct, spread-out frame points for operation `index`. */
function spreadPoint(index: number): FramePoint {
  return {
    x: 0.2 + (0.6 * ((index * 37) % 100)) / 100,
    y: 0.25 + (0.5 * ((index * 53) % 100)) / 100,
  };
}

async function movePointer(agent: Page, picture: PlacedLayout, index: number): Promise<void> {
  const at = framePointOnPage(spreadPoint(index), picture);
  await agent.mouse.move(at.x, at.y);
}

/**
 * Drags out a circle in two pointer moves: one to the first corner with the button up, and one
 * to the opposite corner with the button down, which produces the circle's `add`. The button
 * is released after the customer shows the circle.
 */
async function startCircle(agent: Page, picture: PlacedLayout, index: number): Promise<void> {
  const centre = spreadPoint(index);
  const from = framePointOnPage({ x: centre.x - 0.04, y: centre.y - 0.04 }, picture);
  const to = framePointOnPage({ x: centre.x + 0.04, y: centre.y + 0.04 }, picture);
  await agent.mouse.move(from.x, from.y);
  await agent.mouse.down();
  await agent.mouse.move(to.x, to.y);
}

async function clearCircles(agent: Page, customer: Page): Promise<void> {
  await agent.getByRole('button', { name: 'Clear', exact: true }).click();
  await customer.waitForFunction(
    () => document.querySelectorAll('[data-annotation-type="circle"]').length === 0,
  );
}

async function readTimes(
  agent: Page,
  customer: Page,
): Promise<{
  pointer: PointerRecord[];
  changes: BenchWindow['__benchChanges'];
  agentIds: string[];
}> {
  const { pointer, agentIds } = await agent.evaluate(() => {
    const bench = window as unknown as BenchWindow;
    return { pointer: bench.__benchPointer, agentIds: bench.__benchAgentIds };
  });
  const changes = await customer.evaluate(() => (window as unknown as BenchWindow).__benchChanges);
  return { pointer, changes, agentIds };
}

/**
 * Runs `operations` operations of one kind after the warm-up, one at a time: each starts once
 * the customer painted the one before. Returns the latency of each measured operation.
 */
async function measureSeries(
  agent: Page,
  customer: Page,
  operation: LatencyOperation,
  operations: number,
): Promise<LatencySeries> {
  const tool = operation === 'pointer' ? 'Pointer' : 'Circle';
  await agent.getByRole('button', { name: tool, exact: true }).click();
  const picture = await readLayout(agent.getByLabel('Customer video', { exact: true }), 'contain');
  await instrumentAgent(agent);
  await instrumentCustomer(customer);

  const total = warmUpOperations + operations;
  for (let index = 0; index < total; index += 1) {
    if (operation === 'pointer') {
      await movePointer(agent, picture, index);
      await waitForChanges(customer, index);
    } else {
      await startCircle(agent, picture, index);
      await waitForChanges(customer, index);
      await agent.mouse.up();
      if ((index + 1) % circlesPerClear === 0) await clearCircles(agent, customer);
    }
  }

  const { pointer, changes, agentIds } = await readTimes(agent, customer);
  // A pointer operation comes from a move over the picture, and a circle's `add` from its one
  // move with the button down. Moves to the toolbar's buttons produce nothing.
  const producing = pointer
    .filter((record) => (operation === 'pointer' ? record.onSurface : record.buttons === 1))
    .map((record) => record.at);
  if (producing.length !== total || changes.length !== total) {
    throw new Error(
      `${operation}: expected ${total} pointer events and customer changes, got ${producing.length} and ${changes.length}.`,
    );
  }
  if (operation === 'circle') {
    const customerIds = changes.map((change) => change.key.replace(/^circle:/, ''));
    if (customerIds.join() !== agentIds.join()) {
      throw new Error('The customer showed the circles in another order than the agent drew them.');
    }
  }

  const measured = changes.slice(warmUpOperations);
  const sent = producing.slice(warmUpOperations);
  return {
    operation,
    renderedMs: measured.map((change, i) => change.frameAt - (sent[i] ?? Number.NaN)),
    domMs: measured.map((change, i) => change.domAt - (sent[i] ?? Number.NaN)),
  };
}

/**
 * Measures the latency of the agent's drawings on loopback, from the agent's pointer event to
 * the customer's painted frame, for `operations` pointer moves and `operations` new circles.
 * Both browsers run on this machine, so their `performance.timeOrigin + performance.now()`
 * clocks are comparable; the result carries the estimated offset of each clock.
 */
export async function measureAnnotationLatency(
  operations: number,
): Promise<AnnotationLatencyResult> {
  const call = await openLiveCall(await ensureLabelVideo());

  try {
    const clocks = {
      agent: await clockOffset(call.agent.page),
      customer: await clockOffset(call.customer.page),
    };
    const series: LatencySeries[] = [];
    for (const operation of ['pointer', 'circle'] as const) {
      series.push(await measureSeries(call.agent.page, call.customer.page, operation, operations));
    }
    return { series, clocks };
  } finally {
    await call.close();
  }
}
