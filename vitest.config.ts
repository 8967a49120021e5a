import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The workspace packages from their TypeScript source (their `@crmkit/source` export condition): no build step.
  resolve: { conditions: ['@crmkit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@crmkit/source', ...defaultServerConditions] } },
  test: {
    include: ['packages/core/test/**/*.test.ts', 'packages/server/test/**/*.test.ts', 'demo/test/**/*.test.ts'],
    setupFiles: ['packages/server/test/support/setup.ts'],
    // Once per run: a loud line when DATABASE_URL is unset and the PostgreSQL half is skipped, and
    // the migrated databases each server test file starts from a copy of.
    globalSetup: [
      'packages/server/test/support/database-notice.ts',
      'packages/server/test/support/template-databases.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: PGlite instances are heavy, so run files two at a time.
    maxWorkers: 2,
  },
});
