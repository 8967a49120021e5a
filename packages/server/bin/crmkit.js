#!/usr/bin/env node
// The crmkit command (src/cli.ts), run from the JavaScript that `npm run build` writes to dist/.
// Inside crmkit's own repository, npm resolves the workspace packages to their TypeScript source
// (the `@crmkit/source` condition in .npmrc), so there it runs the source itself, through tsx.
if (process.env.NODE_OPTIONS?.includes('@crmkit/source')) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
} else {
  await import('../dist/cli.js');
}
