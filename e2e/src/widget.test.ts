/**
 * The website button (`/widget.js`) on a third-party page: a static site on another origin,
 * served by this test, embeds the script from the Lensdesk server.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from './harness/chromium.js';
import { type TestServer, adminAccount, startServer } from './harness/server.js';

/** Returns a shop page whose own styles would restyle every link, span and div if they leaked in. */
function shopPage(lensdeskUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Acme Routers</title>
  <style>
    a, span, div { font-size: 40px; letter-spacing: 3px; color: red; }
    * { box-sizing: content-box; }
  </style>
</head>
<body>
  <h1>Router X1</h1>
  <p id="help">Need help? </p>
  <script src="${lensdeskUrl}/widget.js" data-product-line="router-x1" data-label="Video support"
    data-position="bottom-right" data-color="#0b5fff" async></script>
  <script src="${lensdeskUrl}/widget.js" data-product-line="router-x1" data-label="Call an expert"
    data-target="#help" async></script>
  <script src="${lensdeskUrl}/widget.js" data-product-line="Not A Slug" async></script>
</body>
</html>`;
}

async function startSite(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

async function createProductLine(baseUrl: string): Promise<void> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(adminAccount),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  const created = await fetch(`${baseUrl}/api/product-lines`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'Router X1', slug: 'router-x1' }),
  });
  expect(created.status).toBe(201);
}

describe('website button', () => {
  let lensdesk: TestServer;
  let site: { server: Server; url: string };
  let browser: BrowserSession;

  beforeAll(async () => {
    lensdesk = await startServer();
    await createProductLine(lensdesk.baseUrl);
    site = await startSite(shopPage(lensdesk.baseUrl));
    browser = await launchBrowser({ camera: { kind: 'no-device' }, device: 'desktop' });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.server.close(resolve));
    await lensdesk?.stop();
  });

  it('serves the script cacheable and gzipped', async () => {
    const response = await fetch(`${lensdesk.baseUrl}/widget.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('max-age=3600');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toContain('lensdesk-button');

    const etag = response.headers.get('etag') ?? '';
    const again = await fetch(`${lensdesk.baseUrl}/widget.js`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('opens the product line page from the floating button', async () => {
    const { page, context } = browser;
    await page.goto(site.url);

    const button = page.getByRole('link', { name: /^Video support/ });
    await button.waitFor();
    expect(await button.getAttribute('target')).toBe('_blank');

    const opened = context.waitForEvent('page');
    await button.click();
    const customerPage = await opened;
    await customerPage.waitForLoadState('domcontentloaded');
    expect(customerPage.url()).toBe(`${lensdesk.baseUrl}/p/router-x1?entry=widget`);
    await customerPage.close();
  });

  it('works from the keyboard', async () => {
    const { page, context } = browser;
    await page.goto(site.url);
    const button = page.getByRole('link', { name: /^Video support/ });
    await button.waitFor();

    await button.focus();
    const opened = context.waitForEvent('page');
    await page.keyboard.press('Enter');
    const customerPage = await opened;
    await customerPage.waitForLoadState('domcontentloaded');
    expect(customerPage.url()).toBe(`${lensdesk.baseUrl}/p/router-x1?entry=widget`);
    await customerPage.close();
  });

  it('mounts into data-target and ignores a bad slug', async () => {
    const { page } = browser;
    await page.goto(site.url);
    const inline = page.locator('#help').getByRole('link', { name: /^Call an expert/ });
    await inline.waitFor();
    expect(await inline.getAttribute('href')).toBe(`${lensdesk.baseUrl}/p/router-x1?entry=widget`);

    // One floating and one inline button; the script with an invalid slug adds none.
    await expect.poll(() => page.locator('lensdesk-button').count()).toBe(2);
  });

  it('keeps the page styles out of the button', async () => {
    const { page } = browser;
    await page.goto(site.url);
    const button = page.getByRole('link', { name: /^Video support/ });
    await button.waitFor();

    const style = await button.evaluate((element) => {
      const computed = getComputedStyle(element);
      return {
        fontSize: computed.fontSize,
        letterSpacing: computed.letterSpacing,
        color: computed.color,
        background: computed.backgroundColor,
      };
    });
    expect(style).toEqual({
      fontSize: '16px',
      letterSpacing: 'normal',
      color: 'rgb(255, 255, 255)',
      background: 'rgb(11, 95, 255)',
    });
  });

  it('respects reduced motion', async () => {
    const { page } = browser;
    const animationOfButton = () =>
      page
        .locator('lensdesk-button')
        .filter({ has: page.getByRole('link', { name: /^Video support/ }) })
        .evaluate((host) => getComputedStyle(host).animationName);

    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.goto(site.url);
    await page.getByRole('link', { name: /^Video support/ }).waitFor();
    expect(await animationOfButton()).toBe('lensdesk-enter');

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(site.url);
    await page.getByRole('link', { name: /^Video support/ }).waitFor();
    expect(await animationOfButton()).toBe('none');
  });
});
