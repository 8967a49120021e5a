// TEST-ONLY. Serves what the embedding tests load, built the way a host would get it:
// - /embedding/crmkit-elements.js: the ESM bundle of @crmkit/elements (scripts/bundle.ts), as a
//   plain HTML page loads it with one <script type="module">, and beside it the catalogs it loads on
//   demand (/embedding/crmkit-elements.zh-hant.common.js, …), as a host serves them;
// - /embedding/crmkit-autoloader.js: the autoloader's browser build, with the parts it loads beside it
//   (/embedding/crmkit-autoloader.customer-card.js, …) and the same catalogs;
// - /embedding/react-app.js: a React 19 page (react-app.ts) bundled with React and the elements,
//   as a host's own bundler would build it, with the chunks that bundler split off (the catalogs).
// Each is built once, on first request. Loaded by web-test-runner.config.mjs (through tsx) in Node.
import { fileURLToPath } from 'node:url';
import type { Plugin } from '@web/dev-server-core';
import { build, defaultClientConditions, type Rolldown } from 'vite';
import { AUTOLOADER_FILE, BUNDLE_FILE, bundleAutoloader, bundleElements } from '../../scripts/bundle.js';

const elementsDir = fileURLToPath(new URL('../..', import.meta.url));
const PREFIX = '/embedding/';

/** Built files by name (the path under /embedding/). */
type Files = Map<string, string>;

async function bundlePlain(): Promise<Files> {
  const bundle = await bundleElements();
  return new Map([
    [BUNDLE_FILE, bundle.code],
    ...bundle.catalogs.map((catalog): [string, string] => [catalog.fileName, catalog.code]),
  ]);
}

async function bundleAutoloaderFiles(): Promise<Files> {
  const autoloader = await bundleAutoloader();
  return new Map([
    [AUTOLOADER_FILE, autoloader.code],
    ...autoloader.parts.map((part): [string, string] => [part.fileName, part.code]),
  ]);
}

async function bundleReactApp(): Promise<Files> {
  const output = await build({
    root: elementsDir,
    configFile: false,
    logLevel: 'warn',
    // The workspace packages from their TypeScript source (their `@crmkit/source` export condition).
    resolve: { conditions: ['@crmkit/source', ...defaultClientConditions] },
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
  const chunks = result.output.filter((file) => file.type === 'chunk');
  if (!chunks.some((chunk) => chunk.isEntry && chunk.fileName === 'react-app.js')) {
    throw new Error('Vite produced no React app');
  }
  return new Map(chunks.map((chunk) => [chunk.fileName, chunk.code]));
}

export function embeddingPlugin(): Plugin {
  let plain: Promise<Files> | undefined;
  let react: Promise<Files> | undefined;
  let autoloader: Promise<Files> | undefined;
  return {
    name: 'crmkit-embedding',
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const name = context.path.slice(PREFIX.length);
      // The React app's chunks sit beside it, as its bundler named them.
      const files = name.startsWith('crmkit-elements')
        ? (plain ??= bundlePlain())
        : name.startsWith('crmkit-autoloader')
          ? (autoloader ??= bundleAutoloaderFiles())
          : (react ??= bundleReactApp());
      const code = (await files).get(name);
      return code === undefined ? undefined : { body: code, type: 'js' };
    },
  };
}
