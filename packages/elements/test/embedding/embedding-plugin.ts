// TEST-ONLY. Serves what the embedding tests load, built the way a host would get it:
// - /embedding/crmkit-elements.js: the ESM bundle of @crmkit/elements (scripts/bundle.ts), as a
//   plain HTML page loads it with one <script type="module">;
// - /embedding/react-app.js: a React 19 page (react-app.ts) bundled with React and the elements,
//   as a host's own bundler would build it.
// Each is built once, on first request. Loaded by web-test-runner.config.mjs (through tsx) in Node.
import { fileURLToPath } from 'node:url';
import type { Plugin } from '@web/dev-server-core';
import { build, type Rolldown } from 'vite';
import { bundleElements } from '../../scripts/bundle.js';

const elementsDir = fileURLToPath(new URL('../..', import.meta.url));

async function bundleReactApp(): Promise<string> {
  const output = await build({
    root: elementsDir,
    configFile: false,
    logLevel: 'warn',
    // React reads process.env.NODE_ENV, which a browser does not have; bundlers replace it.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      lib: { entry: 'test/embedding/react-app.ts', formats: ['es'], fileName: () => 'react-app.js' },
      write: false,
      minify: false,
      reportCompressedSize: false,
    },
  });
  const result = (Array.isArray(output) ? output[0] : output) as Rolldown.RolldownOutput;
  const chunk = result.output.find((file) => file.type === 'chunk' && file.isEntry);
  if (chunk?.type !== 'chunk') throw new Error('Vite produced no React app');
  return chunk.code;
}

export function embeddingPlugin(): Plugin {
  const built = new Map<string, Promise<string>>();
  const once = (path: string, make: () => Promise<string>) => {
    let code = built.get(path);
    if (!code) built.set(path, (code = make()));
    return code;
  };
  return {
    name: 'crmkit-embedding',
    async serve(context) {
      if (context.path === '/embedding/crmkit-elements.js') {
        return { body: await once(context.path, async () => (await bundleElements()).code), type: 'js' };
      }
      if (context.path === '/embedding/react-app.js') {
        return { body: await once(context.path, bundleReactApp), type: 'js' };
      }
    },
  };
}
