/**
 * The admin screens in the console: product lines with support hours and the website button
 * code, users and teams, and what other roles see.
 */
import type { ProductLine, UserAccount } from '@lensdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from './harness/chromium.js';
import { signIn } from './harness/pages.js';
import { type TestServer, adminAccount, startServer } from './harness/server.js';

describe('admin screens', () => {
  let server: TestServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({
      camera: { kind: 'no-device' },
      device: 'desktop',
      baseUrl: server.baseUrl,
    });
    await signIn(browser.page, adminAccount.email, adminAccount.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a product line with support hours', async () => {
    const { page } = browser;
    await page.locator('summary', { hasText: 'Admin' }).click();
    await page.getByRole('link', { name: 'Product lines' }).click();
    await page.getByRole('button', { name: 'New product line' }).click();

    await page.getByRole('textbox', { name: 'Name' }).fill('Router X1');
    expect(await page.getByRole('textbox', { name: 'Slug' }).inputValue()).toBe('router-x1');
    await page.getByRole('textbox', { name: 'Customer language' }).fill('de-de');
    await page.getByRole('textbox', { name: 'Skills' }).fill('Routers');
    await page.keyboard.press('Enter');
    await page.getByRole('radio', { name: 'Open at set hours' }).check();
    await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Europe/Berlin');
    await page.getByRole('checkbox', { name: 'Saturday' }).check();
    await page.getByRole('button', { name: 'Create product line' }).click();

    // The saved line opens in the editor, with its QR code and the website button code.
    await page.getByRole('heading', { name: 'Router X1', level: 1 }).waitFor();
    await page.getByRole('img', { name: `QR code for ${server.baseUrl}/p/router-x1` }).waitFor();
    const snippet = await page.getByRole('textbox', { name: 'Code for your website' }).inputValue();
    expect(snippet).toContain(`src="${server.baseUrl}/widget.js"`);
    expect(snippet).toContain('data-product-line="router-x1"');

    const response = await page.request.get('/api/product-lines');
    const [line] = (await response.json()).productLines as ProductLine[];
    expect(line).toMatchObject({
      slug: 'router-x1',
      language: 'de-DE',
      skills: ['routers'],
      supportHours: {
        timeZone: 'Europe/Berlin',
        days: {
          mon: [['09:00', '17:00']],
          fri: [['09:00', '17:00']],
          sat: [['09:00', '17:00']],
        },
      },
    });
  });

  it('shows the server message for a slug in use', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Back to product lines' }).first().click();
    await page.getByRole('button', { name: 'New product line' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Router X1');
    await page.getByRole('button', { name: 'Create product line' }).click();

    const alert = page
      .getByRole('alert')
      .filter({ hasText: 'Another product line already uses this slug. Choose another slug.' });
    await alert.waitFor();
  });

  it('creates a team and a user', async () => {
    const { page } = browser;
    await page.locator('summary', { hasText: 'Admin' }).click();
    await page.getByRole('link', { name: 'Users and teams' }).click();

    await page.getByRole('textbox', { name: 'New team' }).fill('Field support');
    await page.getByRole('button', { name: 'Add team' }).click();
    await page.getByText('Field support').waitFor();

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Lee Park');
    await dialog.getByRole('textbox', { name: 'E-mail address' }).fill('lee@example.com');
    await dialog.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Field support' });
    await dialog.getByRole('textbox', { name: 'Skills' }).fill('routers, fiber,');
    await dialog.getByRole('textbox', { name: 'Initial password' }).fill('lee password 1');
    await dialog.getByRole('button', { name: 'Create user' }).click();

    await page.getByRole('status').filter({ hasText: 'Lee Park was created' }).waitFor();
    const response = await page.request.get('/api/users');
    const lee = ((await response.json()).users as UserAccount[]).find(
      (user) => user.email === 'lee@example.com',
    );
    expect(lee).toMatchObject({
      role: 'agent',
      team: { name: 'Field support' },
      skills: ['routers', 'fiber'],
      languages: ['en'],
    });
  });

  it('hides the admin screens from agents', async () => {
    const agent = await browser.openIsolatedPage();
    await signIn(agent, 'lee@example.com', 'lee password 1');
    expect(await agent.locator('summary', { hasText: 'Admin' }).count()).toBe(0);

    await agent.goto('/console/admin/users');
    await agent.getByText('Only admins can open this screen.', { exact: false }).waitFor();
    const users = await agent.request.get('/api/users');
    expect(users.status()).toBe(403);
    await agent.context().close();
  });
});
