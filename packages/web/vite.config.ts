import { resolve } from 'node:path';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

// The server (packages/server) is the origin in production and behind the dev server's proxy.
const apiTarget = process.env.LENSDESK_API_URL ?? 'http://localhost:8080';

/**
 * Serves the pages at the paths the server uses in production (`/s/<token>`, `/p/<slug>`,
 * `/join`, `/survey/<token>`, `/console/...` and `/dashboard/...`), so client-side routing
 * behaves the same under `vite dev`.
 */
function pageRoutes(): Plugin {
  return {
    name: 'lensdesk-page-routes',
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        const url = request.url ?? '/';
        const customerPath =
          url.startsWith('/s/') ||
          url.startsWith('/p/') ||
          url.startsWith('/survey/') ||
          /^\/join(\?|$)/.test(url);
        if (customerPath) {
          request.url = '/customer.html';
        } else if (url === '/console' || url.startsWith('/console/')) {
          request.url = '/console.html';
        } else if (/^\/dashboard([/?]|$)/.test(url)) {
          request.url = '/dashboard.html';
        }
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [pageRoutes()],
  resolve: {
    // `lensdesk-source` makes @lensdesk/protocol resolve to its TypeScript source.
    conditions: ['lensdesk-source', ...defaultClientConditions],
  },
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    rollupOptions: {
      input: {
        customer: resolve(root, 'customer.html'),
        console: resolve(root, 'console.html'),
        dashboard: resolve(root, 'dashboard.html'),
      },
    },
  },
});
