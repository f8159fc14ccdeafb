/**
 * Launches Debian's Chromium through playwright-core with a fake camera, one browser per
 * participant: Chromium takes one fake-camera file per launch, so the customer and the agent
 * cannot share a browser.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { peerConnectionSpyScript } from './peer-connection-spy.js';
import { scratchRoot } from './paths.js';

const defaultChromiumPath = '/usr/bin/chromium';

/**
 * Camera given to the browser: a video file played as the only camera, no camera device at all,
 * or Chromium's built-in fake camera with the permission prompt answered "Block".
 */
export type CameraSetup =
  { kind: 'file'; path: string } | { kind: 'no-device' } | { kind: 'permission-denied' };

/** Screen of the browser: a phone held upright (customer) or a laptop (agent). */
export type DeviceProfile = 'phone' | 'desktop';

export interface LaunchOptions {
  camera: CameraSetup;
  device: DeviceProfile;
  /** Origin that relative URLs in `page.goto` resolve against, such as the test server's. */
  baseUrl?: string;
}

/** One launched browser with one context and one page, and the scratch folder it runs in. */
export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /**
   * Opens a page in a new context of the same browser: same camera and screen, but its own
   * cookies and storage, as on a second device.
   */
  openIsolatedPage(): Promise<Page>;
  /** Closes the browser and deletes its scratch folder. */
  close(): Promise<void>;
}

/** Returns the Chromium executable: CHROMIUM_PATH if set, else /usr/bin/chromium. */
export function findChromium(): string {
  const path = process.env.CHROMIUM_PATH ?? defaultChromiumPath;
  if (!existsSync(path)) {
    throw new Error(
      `Chromium was not found at ${path}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
  }
  return path;
}

// Flags that headless Chromium needs in a container, and that keep it off the network.
const baseFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--allow-loopback-in-peer-connection',
];

function cameraFlags(camera: CameraSetup): string[] {
  switch (camera.kind) {
    case 'file':
      return [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${camera.path}`,
      ];
    case 'no-device':
      // Without the fake device flag Chromium enumerates the real devices, and a container has none.
      return ['--use-fake-ui-for-media-stream'];
    case 'permission-denied':
      // Without the fake UI flag, Chromium shows a real permission prompt. This flag blocks every
      // prompt, so getUserMedia rejects with NotAllowedError.
      return ['--use-fake-device-for-media-stream', '--deny-permission-prompts'];
  }
}

function contextOptions(device: DeviceProfile): BrowserContextOptions {
  if (device === 'phone') {
    return {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    };
  }
  return { viewport: { width: 1280, height: 800 } };
}

async function openPage(browser: Browser, options: LaunchOptions): Promise<Page> {
  const context = await browser.newContext({
    ...contextOptions(options.device),
    baseURL: options.baseUrl,
  });
  await context.addInitScript({ content: peerConnectionSpyScript });
  return context.newPage();
}

/** Launches Chromium with the given camera and screen, with the loopback-only ICE filter. */
export async function launchBrowser(options: LaunchOptions): Promise<BrowserSession> {
  const executablePath = findChromium();
  const scratch = join(scratchRoot, `chromium-${randomBytes(6).toString('hex')}`);
  mkdirSync(scratch, { recursive: true });

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [...baseFlags, ...cameraFlags(options.camera)],
      env: { ...process.env, HOME: scratch, TMPDIR: scratch },
    });
    const launched = browser;
    const page = await openPage(launched, options);

    return {
      browser: launched,
      context: page.context(),
      page,
      openIsolatedPage: () => openPage(launched, options),
      async close() {
        await launched.close();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}
