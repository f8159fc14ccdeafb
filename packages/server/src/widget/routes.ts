import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';

/**
 * Caching of `/widget.js`. Its URL never changes, so it cannot be cached forever like hashed
 * assets: browsers use a copy for an hour, then for up to a day while they revalidate it in the
 * background by its ETag. A new version reaches every site within a day.
 */
const cacheControl = 'public, max-age=3600, stale-while-revalidate=86400';

interface WidgetScript {
  source: Buffer;
  gzipped: Buffer;
  etag: string;
}

async function loadWidget(file: string): Promise<WidgetScript | undefined> {
  let source: Buffer;
  try {
    source = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const hash = createHash('sha256').update(source).digest('base64url').slice(0, 27);
  return { source, gzipped: gzipSync(source, { level: 9 }), etag: `"${hash}"` };
}

/**
 * Serves the website button script at `/widget.js`, which other sites embed: gzipped when the
 * browser accepts it, cacheable, and loadable from any origin.
 */
export const widgetRoutes: FastifyPluginAsync<{ webDistDir: string }> = async (app, options) => {
  const file = path.join(options.webDistDir, 'widget.js');
  const widget = await loadWidget(file);
  if (widget === undefined) {
    app.log.warn({ file }, 'website button script not built; run `npm run build` to serve it');
  }

  app.get('/widget.js', { schema: { hide: true } }, async (request, reply) => {
    if (widget === undefined) {
      return reply
        .code(503)
        .type('text/plain')
        .header('cache-control', 'no-store')
        .send('The Lensdesk website button is not built. Run `npm run build`, then restart.\n');
    }

    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', cacheControl)
      .header('etag', widget.etag)
      .header('vary', 'accept-encoding')
      // Other sites load this script; pages that isolate themselves (COEP) need the permission.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*');

    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch !== undefined && ifNoneMatch.split(/\s*,\s*/).includes(widget.etag)) {
      return reply.code(304).send();
    }
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      return reply.header('content-encoding', 'gzip').send(widget.gzipped);
    }
    return reply.send(widget.source);
  });
};
