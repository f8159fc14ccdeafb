import { defineConfig } from 'vitest/config';

// Two projects: `unit` (fast, includes integration tests against PGlite and PostgreSQL) and `e2e`
// (real Chromium against a built server). `npm test` runs both.
export default defineConfig({
  resolve: { conditions: ['lensdesk-source'] },
  ssr: { resolve: { conditions: ['lensdesk-source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
