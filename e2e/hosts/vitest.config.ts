import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The hosts test (`npm run test:hosts`): the built packages in hosts outside this repository. No
// source export condition here: the hosts get the packages as a host does, from their tarballs.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['e2e/hosts/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
