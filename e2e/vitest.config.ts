import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// End-to-end tests: one demo for every file (support/global-demo.ts), each file its own browser;
// files run one at a time, since they drive the one demo.
export default defineConfig({
  // The workspace packages from their TypeScript source (their `@crmkit/source` export condition): no build step.
  resolve: { conditions: ['@crmkit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@crmkit/source', ...defaultServerConditions] } },
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.test.ts'],
    // The hosts test has a config of its own (e2e/hosts/vitest.config.ts): it needs no demo.
    exclude: ['e2e/hosts/**'],
    globalSetup: ['e2e/support/global-demo.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
