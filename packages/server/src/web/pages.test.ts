import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPages } from './pages.js';

let distDir: string;
let app: FastifyInstance;

beforeAll(async () => {
  distDir = mkdtempSync(path.join(tmpdir(), 'lensdesk-pages-'));
  mkdirSync(path.join(distDir, 'assets'));
  writeFileSync(path.join(distDir, 'customer.html'), '<title>customer page</title>');
  writeFileSync(path.join(distDir, 'console.html'), '<title>console page</title>');
  writeFileSync(path.join(distDir, 'dashboard.html'), '<title>dashboard page</title>');
  app = Fastify();
  await registerPages(app, distDir);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  rmSync(distDir, { recursive: true, force: true });
});

describe('registerPages', () => {
  it.each(['/s/abc123', '/p/washers', '/join'])('serves the customer page at %s', async (url) => {
    const response = await app.inject({ method: 'GET', url });

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('customer page');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('keeps the query of a support page', async () => {
    const response = await app.inject({ method: 'GET', url: '/p/washers?serial=A1&entry=widget' });

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('customer page');
  });

  it('serves the console below /console', async () => {
    const response = await app.inject({ method: 'GET', url: '/console/queue' });

    expect(response.body).toContain('console page');
  });

  it.each(['/dashboard', '/dashboard/sessions?kpi=low_csat&page=2'])(
    'serves the dashboard at %s',
    async (url) => {
      const response = await app.inject({ method: 'GET', url });

      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('dashboard page');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    },
  );

  it('leaves other paths unknown', async () => {
    const response = await app.inject({ method: 'GET', url: '/support/washers' });

    expect(response.statusCode).toBe(404);
  });
});
