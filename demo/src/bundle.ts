import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { html } from 'hono/html';
import { build, defaultClientConditions, type Manifest } from 'vite';

const demoDir = fileURLToPath(new URL('..', import.meta.url));
const clientDir = join(demoDir, 'client');
/** Where the browser code is built to (gitignored) and served from, under `/assets/`. */
export const distDir = join(demoDir, 'dist', 'client');

/** The browser entries a page can ask for, by their source file under `demo/client/`. */
const ENTRIES = [
  'styles.css',
  'login.ts',
  'customers.ts',
  'customer.ts',
  'deal.ts',
  'pipeline.ts',
  'forecast.ts',
  'reports.ts',
  'trash.ts',
  'segments.ts',
  'integrations.ts',
  'leads.ts',
  'my-day.ts',
  'cases.ts',
  'case.ts',
  'contact.ts',
] as const;
export type Entry = (typeof ENTRIES)[number];
const MANIFEST = '.vite/manifest.json';

/**
 * The built browser code: which hashed files a page must load for an entry. Hashed names let
 * the files be cached forever; `current` changes when a watched build finishes.
 */
export class ClientBundle {
  #manifest: Manifest;

  private constructor(manifest: Manifest) {
    this.#manifest = manifest;
  }

  /** Builds `demo/client/` with Vite; with `watch`, rebuilds on every change until the process ends. */
  static async build({ watch = false } = {}): Promise<ClientBundle> {
    const output = await build({
      root: clientDir,
      configFile: false,
      logLevel: 'warn',
      // The workspace packages from their TypeScript source (their `@crmkit/source` export condition).
      resolve: { conditions: ['@crmkit/source', ...defaultClientConditions] },
      build: {
        outDir: distDir,
        // Never emptied: another demo running from this checkout may be serving these files. Names
        // carry a content hash, so builds never overwrite each other's files with different content.
        emptyOutDir: false,
        manifest: true,
        sourcemap: true,
        rolldownOptions: { input: ENTRIES.map((entry) => join(clientDir, entry)) },
        watch: watch ? {} : null,
      },
    });
    if (!('on' in output)) {
      // Taken from the build's own output, not from disk where another build may have written since.
      const result = Array.isArray(output) ? output[0]! : output;
      const file = result.output.find((o) => o.type === 'asset' && o.fileName === MANIFEST);
      if (file?.type !== 'asset') throw new Error('Vite produced no manifest');
      return new ClientBundle(JSON.parse(String(file.source)) as Manifest);
    }
    // In watch mode the first build has not finished yet when `build()` returns.
    const bundle = await new Promise<ClientBundle>((resolve, reject) => {
      output.on('event', (event) => {
        if (event.code === 'BUNDLE_END') void event.result.close();
        if (event.code === 'ERROR') reject(event.error);
        if (event.code === 'END') void readManifest().then((m) => resolve(new ClientBundle(m)), reject);
      });
    });
    output.on('event', (event) => {
      if (event.code === 'END') void readManifest().then((m) => (bundle.#manifest = m));
    });
    return bundle;
  }

  /** The `<link>` and `<script>` tags that load an entry and what it imports. */
  tags(entry: Entry) {
    const chunk = this.#chunk(entry);
    if (entry.endsWith('.css')) return html`<link rel="stylesheet" href="/${chunk.file}" />`;
    const preloads = (chunk.imports ?? []).map(
      (key) => html`<link rel="modulepreload" href="/${this.#chunk(key).file}" />`,
    );
    const styles = (chunk.css ?? []).map((file) => html`<link rel="stylesheet" href="/${file}" />`);
    return html`${styles}${preloads}
      <script type="module" src="/${chunk.file}"></script>`;
  }

  #chunk(key: string) {
    const chunk = this.#manifest[key];
    if (!chunk) throw new Error(`The client bundle has no ${key}; was demo/client changed without a rebuild?`);
    return chunk;
  }
}

async function readManifest(): Promise<Manifest> {
  return JSON.parse(await readFile(join(distDir, MANIFEST), 'utf8')) as Manifest;
}
