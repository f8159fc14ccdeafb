import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Folder of the built web app (`npm run build`), next to this package in the workspace. */
export const defaultWebDistDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Pages are the only responses that run scripts, so they carry the content security policy. */
const contentSecurityPolicy = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self' ws: wss:",
  "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Paths of the customer page: a link, a product line's QR code or button, the code entry, and
 * the survey link.
 */
const customerPagePaths = ['/s/:token', '/p/:slug', '/join', '/survey/:token'];

/**
 * Serves the built web app: the console at `/console/*`, the supervisors' dashboard at
 * `/dashboard/*`, the customer page at `/s/<token>`, `/p/<slug>` and `/join`, and hashed assets
 * under `/assets/` with long caching.
 */
export async function registerPages(app: FastifyInstance, distDir: string): Promise<void> {
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console'));

  if (!existsSync(path.join(distDir, 'console.html'))) {
    app.log.warn({ distDir }, 'web app not built; run `npm run build` to serve the pages');
    const notBuilt = (_request: unknown, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/plain')
        .send('The Lensdesk web app is not built. Run `npm run build`, then restart the server.\n');
    app.get('/console', { schema: { hide: true } }, notBuilt);
    app.get('/console/*', { schema: { hide: true } }, notBuilt);
    app.get('/dashboard', { schema: { hide: true } }, notBuilt);
    app.get('/dashboard/*', { schema: { hide: true } }, notBuilt);
    for (const customerPath of customerPagePaths) {
      app.get(customerPath, { schema: { hide: true } }, notBuilt);
    }
    return;
  }

  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    index: false,
    wildcard: false,
    serve: false,
  });
  await app.register(fastifyStatic, {
    root: path.join(distDir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
  });

  const page = (file: string) => (_request: unknown, reply: FastifyReply) =>
    reply
      .header('content-security-policy', contentSecurityPolicy)
      .header('cache-control', 'no-cache')
      .sendFile(file);

  app.get('/console', { schema: { hide: true } }, page('console.html'));
  app.get('/console/*', { schema: { hide: true } }, page('console.html'));
  app.get('/dashboard', { schema: { hide: true } }, page('dashboard.html'));
  app.get('/dashboard/*', { schema: { hide: true } }, page('dashboard.html'));
  for (const customerPath of customerPagePaths) {
    app.get(customerPath, { schema: { hide: true } }, page('customer.html'));
  }
  for (const file of ['favicon.svg', 'robots.txt']) {
    if (existsSync(path.join(distDir, file))) {
      app.get(`/${file}`, { schema: { hide: true } }, (_request, reply) => reply.sendFile(file));
    }
  }
}
