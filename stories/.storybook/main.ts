import type { StorybookConfig } from '@storybook/web-components-vite';
import { tsImport } from 'tsx/esm/api';
import { defaultClientConditions, mergeConfig, type Plugin } from 'vite';

/** Where the stories' kit finds its sample data (see sample-data.ts). */
const SAMPLE_DATA = 'crmkit-sample-data.tar.gz';

/**
 * Makes the sample data once per Storybook process, starting at once so that it is ready by the time
 * the first story asks (dev) or the bundle is written (build).
 */
function sampleData(): Plugin {
  let dump: Promise<Uint8Array> | undefined;
  const made = () =>
    (dump ??= (tsImport('./sample-data.ts', import.meta.url) as Promise<typeof import('./sample-data.js')>).then(
      (module) => module.sampleDataDump(),
    ));
  return {
    name: 'crmkit-sample-data',
    buildStart() {
      void made();
    },
    configureServer(server) {
      server.middlewares.use(`/${SAMPLE_DATA}`, (_request, response, next) => {
        made().then((bytes) => {
          response.setHeader('content-type', 'application/gzip');
          response.end(bytes);
        }, next);
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: SAMPLE_DATA, source: await made() });
    },
  };
}

const config: StorybookConfig = {
  stories: ['../*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true },
  async viteFinal(config) {
    return mergeConfig(config, {
      plugins: [sampleData()],
      // The workspace packages from their TypeScript source (their `@crmkit/source` export condition).
      resolve: { conditions: ['@crmkit/source', ...defaultClientConditions] },
      // PGlite loads its WebAssembly and data files relative to its own module: Vite's
      // dependency pre-bundling would move the module away from them.
      optimizeDeps: { exclude: ['@electric-sql/pglite'] },
      // PGlite and the kit are large by design: they stand in for the server in these stories.
      build: { chunkSizeWarningLimit: 4096 },
    });
  },
};

export default config;
