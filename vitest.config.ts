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
          exclude: ['packages/tests/**', '**/node_modules/**', '**/dist/**'],
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
    ],
  },
});
