// @web/test-runner: the elements' tests in headless Chromium, against the real kit served by
// the test runner's own dev server (see packages/elements/test/kit-server.ts).
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';

// The kit is TypeScript; tsx compiles it (and the server package it imports) for Node.
/** @type {typeof import('./packages/elements/test/kit-server.ts')} */
const { crmKit } = await tsImport('./packages/elements/test/kit-server.ts', import.meta.url);
const kit = crmKit();
// The built bundle and a React 19 page, for the embedding tests (packages/elements/test/embedding/).
/** @type {typeof import('./packages/elements/test/embedding/embedding-plugin.ts')} */
const { embeddingPlugin } = await tsImport('./packages/elements/test/embedding/embedding-plugin.ts', import.meta.url);
/** @type {typeof import('./e2e/support/chromium.ts')} */
const { chromiumOptions } = await tsImport('./e2e/support/chromium.ts', import.meta.url);

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['packages/elements/src/**/*.test.ts', 'packages/elements/test/**/*.test.ts'],
  // The workspace packages from their TypeScript source (their `@crmkit/source` export condition).
  nodeResolve: { exportConditions: ['@crmkit/source'] },
  // One page at a time: keyboard tests need the focused page, and the kit's single PGlite
  // connection serves every request anyway.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  middleware: [kit.middleware],
  // Lit says it runs in dev mode in every test file; that is intended here.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  plugins: [
    kit.plugin,
    embeddingPlugin(),
    // esbuild does not read tsconfig by itself, and the plugin passes the file's text as is, without
    // following `extends`: so point it at the file that holds the compiler options. Without them
    // Lit's decorators reach the browser untranslated.
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)) }),
  ],
  browsers: [chromeLauncher({ launchOptions: chromiumOptions() })],
};
