// Builds @crmkit/elements into one self-contained ES module (Lit, @lit/context and the API
// client included) for pages without a bundler of their own: `npm run build -w packages/elements`
// writes dist/crmkit-elements.js, which a page loads with a single
// <script type="module" src=".../crmkit-elements.js"></script>.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const elementsDir = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE_FILE = 'crmkit-elements.js';

export interface Bundle {
  /** The module's code. */
  code: string;
  /** Its size minified and gzipped, in bytes. */
  gzipBytes: number;
}

/** Bundles `src/index.ts`; with `outDir` it also writes the file (and its source map) there. */
export async function bundleElements({ outDir }: { outDir?: string } = {}): Promise<Bundle> {
  const output = await build({
    root: elementsDir,
    configFile: false,
    logLevel: 'warn',
    build: {
      lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => BUNDLE_FILE },
      outDir: outDir ?? 'dist',
      emptyOutDir: false,
      write: Boolean(outDir),
      minify: true,
      sourcemap: Boolean(outDir),
      reportCompressedSize: false,
      // Library mode keeps whitespace by default; this file goes to browsers as it is.
      rolldownOptions: { output: { minify: true } },
    },
  });
  const result = (Array.isArray(output) ? output[0] : output) as Rolldown.RolldownOutput;
  const chunk = result.output.find((file) => file.type === 'chunk' && file.fileName === BUNDLE_FILE);
  if (chunk?.type !== 'chunk') throw new Error(`Vite produced no ${BUNDLE_FILE}`);
  return { code: chunk.code, gzipBytes: gzipSync(chunk.code).length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = fileURLToPath(new URL('../dist/', import.meta.url));
  const { gzipBytes } = await bundleElements({ outDir });
  console.log(`${outDir}${BUNDLE_FILE}: ${(gzipBytes / 1024).toFixed(1)} kB min+gzip`);
}
