import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions, mergeConfig } from 'vite';

const config: StorybookConfig = {
  stories: ['../*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true },
  async viteFinal(config) {
    return mergeConfig(config, {
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
