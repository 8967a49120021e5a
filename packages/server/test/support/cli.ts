import { fileURLToPath } from 'node:url';

/**
 * The arguments that run `crmkit` from its TypeScript source (through tsx, with the workspace's
 * source condition), for `node <args> <command> …`: the tests need no build. The built bin is what
 * `npm publish --dry-run` checks (e2e/packages/publish.test.ts).
 */
export const CRMKIT_FROM_SOURCE = [
  '--import',
  'tsx',
  '--conditions=@crmkit/source',
  fileURLToPath(new URL('../../src/cli.ts', import.meta.url)),
];
