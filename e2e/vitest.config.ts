import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// End-to-end tests: each file starts the demo and a browser, so files run one at a time.
export default defineConfig({
  // The workspace packages from their TypeScript source (their `@crmkit/source` export condition): no build step.
  resolve: { conditions: ['@crmkit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@crmkit/source', ...defaultServerConditions] } },
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    // Starting the demo (fresh database, migrations, seed, client build) takes well under this.
    hookTimeout: 180_000,
  },
});
