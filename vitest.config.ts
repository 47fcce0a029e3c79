import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests (the `@veil/source`
// export condition), so `vitest run` needs no build and reports source lines.
export default defineConfig({
  resolve: { conditions: ['@veil/source', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@veil/source', 'module', 'node', 'default'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'templates/**/*.test.ts',
            'examples/**/*.test.ts',
          ],
          exclude: ['packages/tests/**', 'packages/store-postgres/**', '**/node_modules/**', '**/dist/**'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['packages/tests/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Needs PostgreSQL (VEIL_TEST_DATABASE_URL, default 127.0.0.1:5432/test): each run
          // uses its own schemas; skipped with a notice when unreachable, an error under CI=true.
          name: 'integration-postgres',
          include: ['packages/store-postgres/test/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
