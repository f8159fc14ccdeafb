import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LensdeskServer } from '../app.js';
import { startTestServer } from '../test-support/servers.js';

const script = '(function(){console.log("website button")})();\n';

describe('website button script route', () => {
  let distDir: string;
  let server: LensdeskServer;

  beforeAll(async () => {
    distDir = mkdtempSync(path.join(tmpdir(), 'lensdesk-widget-'));
    writeFileSync(path.join(distDir, 'widget.js'), script);
    server = await startTestServer({ env: { WEB_DIST_DIR: distDir } });
  });

  afterAll(async () => {
    await server.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  it('serves the script to any site', async () => {
    const response = await server.app.inject({ url: '/widget.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(script);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe(
      'public, max-age=3600, stale-while-revalidate=86400',
    );
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers['content-encoding']).toBeUndefined();
  });

  it('sends it gzipped when accepted', async () => {
    const response = await server.app.inject({
      url: '/widget.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toContain('accept-encoding');
    expect(gunzipSync(response.rawPayload).toString()).toBe(script);
  });

  it('answers 304 for the current ETag', async () => {
    const first = await server.app.inject({ url: '/widget.js' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await server.app.inject({
      url: '/widget.js',
      headers: { 'if-none-match': `"other", ${etag}` },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const changed = await server.app.inject({
      url: '/widget.js',
      headers: { 'if-none-match': '"other"' },
    });
    expect(changed.statusCode).toBe(200);
  });
});

describe('website button script route without a build', () => {
  it('answers 503 with what to do', async () => {
    const server = await startTestServer();
    try {
      const response = await server.app.inject({ url: '/widget.js' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build');
      expect(response.headers['cache-control']).toBe('no-store');
    } finally {
      await server.close();
    }
  });
});
