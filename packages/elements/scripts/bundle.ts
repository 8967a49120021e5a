// Builds @crmkit/elements' self-contained browser build: one ES module (Lit, @lit/context, the virtualizer
// and the API client included) for pages without a bundler of their own. `npm run build -w packages/elements`
// writes dist/browser/crmkit-elements.js, which a page loads with a single
// <script type="module" src=".../crmkit-elements.js" integrity="…" crossorigin></script>, and beside it one
// file per section of each locale other than English (crmkit-elements.zh-hant.common.js, ….zh-hant.sales.js;
// src/shared/messages/sections.ts): the bundle imports its locale's strings from there, relative to its own
// URL, the first time an element shows that locale. So an English page downloads no Chinese strings, and a
// Chinese page only its own. integrity.json
// beside them holds each file's Subresource Integrity hash (sha384).
//
// Beside it, the autoloader's build: crmkit-autoloader.js (src/autoloader.ts), which a page loads with one
// module script too, and the files it splits into (crmkit-autoloader.customer-card.js, shared parts such as
// crmkit-autoloader.define.js): each element's file loads, relative to the autoloader's URL, the first time
// the page shows that element. Its parts load the same catalog files.
//
// It also prints the sizes the design budgets (DESIGN.md, Performance budgets; checked by
// e2e/packages/budgets.test.ts): all elements with Lit on an English page, each catalog, each element's own
// entry (src/entries/) built alone with Lit. `--analyze` adds what each module weighs in the bundle. Sizes
// are gzip (zlib's default level 6) of the minified code, 1 kB = 1,024 bytes.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { build, type Plugin, type Rolldown } from 'vite';
import { SECTIONS } from '../src/shared/messages/sections.js';

const elementsDir = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE_FILE = 'crmkit-elements.js';
/**
 * The lead form alone, for public pages without a bundler: it is not in {@link BUNDLE_FILE} (a page
 * showing a lead form needs nothing else), and it loads the same catalog files beside it.
 */
export const LEAD_FORM_FILE = 'crmkit-lead-form.js';
/** The autoloader (src/autoloader.ts), its parts beside it: a page loads the code of the elements it shows. */
export const AUTOLOADER_FILE = 'crmkit-autoloader.js';
/** The design's size budgets, min+gzip (DESIGN.md, Performance budgets). */
export const BUDGETS = {
  /** All elements, with Lit, on an English page. */
  all: 60 * 1024,
  /** Each element alone (its own entry), with Lit. */
  element: 25 * 1024,
  /** Each section of a locale catalog. */
  catalog: 6 * 1024,
  /** The autoloader alone: what every page that uses it pays before any element. */
  autoloader: 3 * 1024,
};

/**
 * The sections of the catalogs that load on demand (src/shared/localize.ts imports each with `import()`),
 * and the file each is built to beside the bundle. English is inside the bundle.
 */
export const CATALOGS = (['zh-Hant', 'zh-Hans'] as const).flatMap((locale) =>
  SECTIONS.map((section) => ({
    locale,
    section,
    source: `src/shared/messages/${locale.toLowerCase()}/${section}.ts`,
    file: `crmkit-elements.${locale.toLowerCase()}.${section}.js`,
  })),
);

/** Each element's own entry (`@crmkit/elements/<name>.js`), built alone with Lit for its size. */
export const COMPONENT_ENTRIES: Record<string, string> = {
  'crm-provider': 'src/entries/provider.ts',
  'crm-customer-card': 'src/entries/customer-card.ts',
  'crm-customer-list': 'src/entries/customer-list.ts',
  'crm-pipeline-board': 'src/entries/pipeline-board.ts',
  'crm-opportunity-card': 'src/entries/opportunity-card.ts',
  'crm-record-history': 'src/entries/record-history.ts',
  'crm-trash': 'src/entries/trash.ts',
  'crm-webhooks': 'src/entries/webhooks.ts',
  'crm-segment-builder': 'src/entries/segment-builder.ts',
  'crm-lead-inbox': 'src/entries/lead-inbox.ts',
  'crm-funnel-chart': 'src/entries/funnel-chart.ts',
  'crm-forecast': 'src/entries/forecast.ts',
  'crm-win-rates': 'src/entries/win-rates.ts',
  'crm-performance-report': 'src/entries/performance-report.ts',
  'crm-customer-report': 'src/entries/customer-report.ts',
  'crm-market-report': 'src/entries/market-report.ts',
  'crm-activity-log': 'src/entries/activity-log.ts',
  'crm-record-form': 'src/entries/record-form.ts',
  'crm-lead-form': 'src/entries/lead-form.ts',
  'crm-task-list': 'src/entries/task-list.ts',
  'crm-case-list': 'src/entries/case-list.ts',
  'crm-import': 'src/entries/import.ts',
  'crm-case-card': 'src/entries/case-card.ts',
};

export interface Bundle {
  /** The file's name (`crmkit-elements.js`, `crmkit-elements.zh-hant.sales.js`). */
  fileName: string;
  /** The module's code. */
  code: string;
  /** Its size minified and gzipped, in bytes. */
  gzipBytes: number;
  /** Its source map (generated code to sources). */
  map: Rolldown.SourceMap | null;
  /** The files it imports at once (static `import`), by name. */
  imports: string[];
  /** The source modules inside it (absolute paths; packages under node_modules). */
  modules: string[];
}

export interface ElementsBundle extends Bundle {
  /** The catalogs, each its own file to serve beside the bundle (when built with `catalogs`). */
  catalogs: (Bundle & Pick<(typeof CATALOGS)[number], 'locale' | 'section'>)[];
  /**
   * The other files an element's own entry splits into (none for the browser build, which registers every
   * element): what it imports at once (`initial`), and what it loads the first time a user needs it, e.g.
   * the record form behind a "New …" button (src/shared/record-creator.ts imports it with `import()`).
   */
  parts: (Bundle & { initial: boolean })[];
}

/**
 * Bundles `entry` (default `src/index.ts`, every element) into one module, and with `catalogs` (the
 * default) each on-demand catalog into a file of its own; with `outDir` it also writes the files (and
 * their source maps) there.
 */
export async function bundleElements({
  outDir,
  entry = 'src/index.ts',
  fileName = BUNDLE_FILE,
  sourcemap = Boolean(outDir),
  minifyTemplates = true,
  catalogs = true,
  // The browser build is one file (and the catalogs) that a page without a bundler copies as it is: what
  // an element loads on first use is inside it. An element's own entry splits as a host's bundler would.
  oneFile = entry === 'src/index.ts',
}: {
  outDir?: string;
  entry?: string;
  fileName?: string;
  sourcemap?: boolean;
  minifyTemplates?: boolean;
  catalogs?: boolean;
  oneFile?: boolean;
} = {}): Promise<ElementsBundle> {
  const plugins = [catalogsBeside(), ...(minifyTemplates ? [minifyLitTemplates()] : [])];
  const [main, ...parts] = await buildModule({ entry, fileName, outDir, sourcemap, plugins, oneFile });
  const built = catalogs
    ? await Promise.all(
        CATALOGS.map(async ({ locale, section, source, file }) => {
          const [catalog] = await buildModule({
            entry: source,
            fileName: file,
            outDir,
            sourcemap,
            plugins: [],
            oneFile: true,
          });
          return { locale, section, ...catalog! };
        }),
      )
    : [];
  return { ...main!, catalogs: built, parts };
}

/** The autoloader's browser build: its module and every part it loads (no catalogs: it uses the bundle's). */
export function bundleAutoloader({ outDir }: { outDir?: string } = {}): Promise<ElementsBundle> {
  return bundleElements({ outDir, entry: 'src/autoloader.ts', fileName: AUTOLOADER_FILE, catalogs: false });
}

/**
 * The files a page downloads before the given elements render, through the autoloader: the autoloader and
 * what it imports at once, then for each element (its entry, `src/entries/customer-card.ts`) the part that
 * holds it and what that part imports at once. Parts an element loads on first use (a dialog) are not in.
 */
export function autoloadedFiles(autoloader: ElementsBundle, entries: string[]): Bundle[] {
  const byName = new Map<string, Bundle>([autoloader, ...autoloader.parts].map((file) => [file.fileName, file]));
  const files = new Set<Bundle>();
  const add = (file: Bundle): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const name of file.imports) add(byName.get(name)!);
  };
  add(autoloader);
  for (const entry of entries) {
    const part = autoloader.parts.find((file) => file.modules.some((id) => id.endsWith(entry)));
    if (!part) throw new Error(`${AUTOLOADER_FILE} has no part holding ${entry}`);
    add(part);
  }
  return [...files];
}

/**
 * Builds one ES module with Vite, and beside it a file for each part split off it (named after it: a
 * part loaded on first use, and what that part shares with the module); no catalog may be inside.
 * Answers the module first, then the parts, each marked `initial` when the module imports it at once.
 */
async function buildModule({
  entry,
  fileName,
  outDir,
  sourcemap,
  plugins,
  oneFile,
}: {
  entry: string;
  fileName: string;
  outDir: string | undefined;
  sourcemap: boolean;
  plugins: Plugin[];
  oneFile: boolean;
}): Promise<[Bundle, ...(Bundle & { initial: boolean })[]]> {
  const output = await build({
    root: elementsDir,
    configFile: false,
    logLevel: 'warn',
    plugins,
    // Built from source, with @crmkit/core's source too (the repository's export condition), and Lit's
    // production code whatever NODE_ENV says (vitest sets it to `test`, which picks Lit's development build).
    resolve: { conditions: ['@crmkit/source', 'module', 'browser', 'production'] },
    build: {
      lib: { entry, formats: ['es'], fileName: () => fileName },
      outDir: outDir ?? 'dist',
      emptyOutDir: false,
      write: Boolean(outDir),
      minify: true,
      sourcemap,
      reportCompressedSize: false,
      rolldownOptions: {
        // The template minifier is a JavaScript plugin and takes most of the build's time: known, not news.
        // The browser build registers every element, the record form too, so the elements' `import()` of it
        // cannot split it off there: known, not news.
        checks: { bundlerTimings: false, ineffectiveDynamicImport: false },
        output: {
          // Library mode keeps whitespace by default; this file goes to browsers as it is.
          minify: true,
          // Parts loaded on first use become files beside the module, named after it. (The virtualizer's
          // layout is imported at once by the list, so it stays inside.) The catalogs are external (see
          // catalogsBeside), each built to its own file.
          chunkFileNames: partFileNames(fileName),
          codeSplitting: !oneFile,
        },
      },
    },
  });
  const result = (Array.isArray(output) ? output[0] : output) as Rolldown.RolldownOutput;
  const chunks = result.output.filter((file) => file.type === 'chunk');
  const main = chunks.find((file) => file.fileName === fileName);
  if (!main) throw new Error(`Vite produced no ${fileName}`);
  // What the module imports at once, directly or through another part.
  const initial = new Set<string>();
  const visit = (chunk: Rolldown.OutputChunk): void => {
    for (const name of chunk.imports) {
      const next = chunks.find((c) => c.fileName === name);
      if (!next || initial.has(name)) continue;
      initial.add(name);
      visit(next);
    }
  };
  visit(main);
  for (const chunk of chunks) {
    const inlined = CATALOGS.filter(
      ({ source }) => source !== entry && chunk.moduleIds.some((id) => id.endsWith(source)),
    );
    if (inlined.length)
      throw new Error(`${chunk.fileName} has catalogs inside: ${inlined.map((c) => c.source).join(', ')}`);
  }
  const bundle = (chunk: Rolldown.OutputChunk): Bundle => ({
    fileName: chunk.fileName,
    code: chunk.code,
    gzipBytes: gzipSync(chunk.code).length,
    map: chunk.map,
    imports: chunk.imports,
    modules: chunk.moduleIds,
  });
  const parts = chunks.filter((c) => c !== main).map((c) => ({ ...bundle(c), initial: initial.has(c.fileName) }));
  return [bundle(main), ...parts];
}

/**
 * Names each part after the module and the part (`crmkit-autoloader.customer-card.js`), with a number when two
 * parts have the same name (an element's entry and the module it re-exports: `….record-form-2.js`). Plain names
 * with no folder, so a server that serves the build's files by name (the kit's `serveElements()`) serves them all.
 */
function partFileNames(fileName: string): (chunk: { name: string }) => string {
  const taken = new Set<string>();
  return ({ name }) => {
    const base = fileName.replace(/\.js$/, `.${name.replace(/[^\w.-]/g, '-')}`);
    let file = `${base}.js`;
    for (let n = 2; taken.has(file); n++) file = `${base}-${n}.js`;
    taken.add(file);
    return file;
  };
}

/**
 * Keeps the on-demand catalogs out of the bundle: `import('./messages/zh-hant/sales.js')` in localize.ts
 * becomes `import('./crmkit-elements.zh-hant.sales.js')`, which the browser resolves against the bundle's own
 * URL, so the catalog files work wherever the bundle is served from, as long as they sit beside it.
 */
function catalogsBeside(): Plugin {
  return {
    name: 'crmkit-catalogs-beside',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.includes('messages/')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !/src\/shared\/messages\/zh-[a-z]+\/[^/]+\.ts$/.test(resolved.id)) {
        return null;
      }
      const catalog = CATALOGS.find(({ source: file }) => resolved.id.endsWith(file));
      // A new locale's catalog would otherwise end up inside the bundle without a word.
      if (!catalog) this.error(`${resolved.id} is not in CATALOGS (scripts/bundle.ts): add it there`);
      return { id: `./${catalog.file}`, external: true };
    },
  };
}

/**
 * Minifies the HTML (html-minifier-next) and CSS (Lightning CSS) inside Lit's html``, svg`` and css``
 * templates, which a JavaScript minifier leaves as they are written. Two of its defaults change what the
 * elements show, so they are overridden (checked by comparing screenshots of every element built with and
 * without it):
 * - `keepClosingSlash`: without it `<rect … />` loses its slash, and in SVG (svg`` templates, inline <svg>)
 *   the next shapes and labels then nest inside the rect and vanish (activity icons, funnel labels);
 * - `conservativeCollapse`: without it whitespace at a template's edges is dropped, so a nested
 *   html` <span>…</span>` runs into the text before it ("Contacts1").
 * It is a Rollup plugin: Vite (Rolldown) runs its transform hook; the two plugin context types differ only
 * in members it does not use.
 */
function minifyLitTemplates(): Plugin {
  const plugin = minifyHtmlLiterals({
    failOnError: true,
    options: { minifyOptions: { keepClosingSlash: true, conservativeCollapse: true } },
  });
  return plugin as unknown as Plugin;
}

export interface ModuleWeight {
  /** A package (`lit-html`, `@crmkit/core`) or a file of the elements (`src/…`). */
  module: string;
  /** Minified bytes (UTF-8) the source map attributes to it. */
  bytes: number;
  /** How much smaller the gzipped bundle is with those bytes cut out. */
  gzipBytes: number;
}

/**
 * What each module weighs in a bundle: the minified bytes its source map attributes to it, and what
 * removing those bytes saves after gzip (which is what a module costs a page: text that repeats
 * elsewhere in the bundle costs little). `nameOf` maps a source map's source to the name to weigh it under
 * (a package or a file by default; pass a coarser one to weigh groups of modules together).
 */
export function weighModules(bundle: Bundle, nameOf: (source: string) => string = moduleName): ModuleWeight[] {
  if (!bundle.map) throw new Error('weighModules needs a bundle built with a source map');
  const { code } = bundle;
  const owners = attribute(code, bundle.map);
  const byModule = new Map<string, [number, number][]>();
  for (const [start, end, source] of owners) {
    const name = nameOf(source);
    let ranges = byModule.get(name);
    if (!ranges) byModule.set(name, (ranges = []));
    const last = ranges.at(-1);
    if (last && last[1] === start) last[1] = end;
    else ranges.push([start, end]);
  }
  const weights: ModuleWeight[] = [];
  for (const [module, ranges] of byModule) {
    let rest = '';
    let at = 0;
    let bytes = 0;
    for (const [start, end] of ranges) {
      rest += code.slice(at, start);
      at = end;
      bytes += Buffer.byteLength(code.slice(start, end));
    }
    rest += code.slice(at);
    weights.push({ module, bytes, gzipBytes: bundle.gzipBytes - gzipSync(rest).length });
  }
  return weights.sort((a, b) => b.gzipBytes - a.gzipBytes);
}

/** `…/node_modules/@lit/context/lib/…` → `@lit/context`; `../../core/src/…` → `@crmkit/core`; `../src/…` → `src/…`. */
export function moduleName(source: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  if (inPackage) return inPackage[1]!;
  if (/(^|\/)core\/src\//.test(source)) return '@crmkit/core';
  return /(?:^|\/)(src\/.*)$/.exec(source)?.[1] ?? source;
}

/** Splits `code` into [start, end, source] ranges from its source map's segments. */
function attribute(code: string, map: Rolldown.SourceMap): [number, number, string][] {
  const lineStarts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const segments: [number, number][] = []; // [offset in code, source index]
  let source = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      column += fields[0]!;
      if (fields.length >= 4) {
        source += fields[1]!;
        segments.push([lineStarts[lineIndex]! + column, source]);
      }
      // Fields 2 and 3 (original line and column) are relative too, but not needed here.
    }
  });
  segments.sort((a, b) => a[0] - b[0]);
  return segments.map(([start, index], i) => [start, segments[i + 1]?.[0] ?? code.length, map.sources[index] ?? '?']);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One source-map segment: base64 VLQ numbers (https://tc39.es/ecma426/). */
function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** A file's Subresource Integrity hash, for `<script integrity="…">`. */
export function integrity(code: string): string {
  return `sha384-${createHash('sha384').update(code).digest('base64')}`;
}

export interface Size {
  name: string;
  bytes: number;
  gzipBytes: number;
  /** Its budget, min+gzip, if it has one. */
  budget?: number;
}

/**
 * The sizes the design budgets: `all` (the browser build, as built by `bundleElements`), each section of each
 * catalog, each element's own entry built alone with Lit; and, for information, the heaviest page (the
 * bundle, which shows every section, with the largest catalog, each file gzipped on its own as a server
 * sends them).
 */
export async function measureSizes(
  all: ElementsBundle,
  autoloader: ElementsBundle | Promise<ElementsBundle> = bundleAutoloader(),
): Promise<Size[]> {
  const locales = [...new Set(all.catalogs.map((catalog) => catalog.locale))];
  const sectionsOf = (locale: string) => all.catalogs.filter((catalog) => catalog.locale === locale);
  const heaviest = locales.reduce((a, b) =>
    sum(sectionsOf(b), (file) => file.gzipBytes) > sum(sectionsOf(a), (file) => file.gzipBytes) ? b : a,
  );
  const sections = sectionsOf(heaviest);
  const sizes: Size[] = [
    {
      name: `all elements, English page (${BUNDLE_FILE})`,
      bytes: Buffer.byteLength(all.code),
      gzipBytes: all.gzipBytes,
      budget: BUDGETS.all,
    },
    ...all.catalogs.map((catalog) => ({
      name: `  ${catalog.locale} strings, ${catalog.section} (${catalog.fileName})`,
      bytes: Buffer.byteLength(catalog.code),
      gzipBytes: catalog.gzipBytes,
      budget: BUDGETS.catalog,
    })),
    {
      name: `all elements, ${heaviest} page (${sections.length + 1} files)`,
      bytes: Buffer.byteLength(all.code) + sum(sections, (file) => Buffer.byteLength(file.code)),
      gzipBytes: all.gzipBytes + sum(sections, (file) => file.gzipBytes),
    },
  ];
  sizes.push(...autoloadedSizes(await autoloader));
  for (const [tag, entry] of Object.entries(COMPONENT_ENTRIES)) {
    const alone = await bundleElements({ entry, catalogs: false });
    // What the page loads before the element renders: its module and the parts it imports at once,
    // each file gzipped on its own as a server sends it. The rest loads when a user first needs it.
    const initial = [alone, ...alone.parts.filter((part) => part.initial)];
    const later = alone.parts.filter((part) => !part.initial);
    sizes.push({
      name: `<${tag}> alone, English page`,
      bytes: initial.reduce((n, file) => n + Buffer.byteLength(file.code), 0),
      gzipBytes: initial.reduce((n, file) => n + file.gzipBytes, 0),
      budget: BUDGETS.element,
    });
    if (later.length) {
      sizes.push({
        name: `  + on first use (${later.length === 1 ? later[0]!.fileName.split('.').at(-2) : `${later.length} files`})`,
        bytes: later.reduce((n, file) => n + Buffer.byteLength(file.code), 0),
        gzipBytes: later.reduce((n, file) => n + file.gzipBytes, 0),
      });
    }
  }
  return sizes;
}

/**
 * The autoloader alone (budgeted), and pages that use it, for information: one showing only a customer card,
 * one with the card inside a provider, one with the board inside a provider. Each file gzipped on its own, as a
 * server sends them.
 */
function autoloadedSizes(autoloader: ElementsBundle): Size[] {
  const card = COMPONENT_ENTRIES['crm-customer-card']!;
  const provider = COMPONENT_ENTRIES['crm-provider']!;
  const page = (name: string, entries: string[]): Size => {
    const files = autoloadedFiles(autoloader, entries);
    return {
      name: `${name} (${files.length} ${files.length === 1 ? 'file' : 'files'})`,
      bytes: sum(files, (file) => Buffer.byteLength(file.code)),
      gzipBytes: sum(files, (file) => file.gzipBytes),
    };
  };
  return [
    { ...page(`autoloader alone, ${AUTOLOADER_FILE}`, []), budget: BUDGETS.autoloader },
    page('  + <crm-customer-card>, English page', [card]),
    page('  + <crm-provider> and <crm-customer-card>', [provider, card]),
    page('  + <crm-provider> and <crm-pipeline-board>', [provider, COMPONENT_ENTRIES['crm-pipeline-board']!]),
  ];
}

const sum = <T>(items: T[], of: (item: T) => number) => items.reduce((n, item) => n + of(item), 0);

export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = fileURLToPath(new URL('../dist/browser/', import.meta.url));
  const all = await bundleElements({ outDir });
  const leadForm = await bundleElements({
    outDir,
    entry: 'src/entries/lead-form.ts',
    fileName: LEAD_FORM_FILE,
    catalogs: false,
    oneFile: true,
  });
  const autoloader = await bundleAutoloader({ outDir });
  const files = [all, ...all.catalogs, leadForm, autoloader, ...autoloader.parts];
  const hashes = Object.fromEntries(files.map((file) => [file.fileName, integrity(file.code)]));
  writeFileSync(`${outDir}integrity.json`, `${JSON.stringify(hashes, null, 2)}\n`);
  const sizes = await measureSizes(all, autoloader);
  console.log(
    `${'browser build, with Lit'.padEnd(52)} ${'minified'.padStart(10)} ${'min+gzip'.padStart(10)} ${'budget'.padStart(10)}`,
  );
  for (const { name, bytes, gzipBytes, budget } of sizes) {
    const over = budget !== undefined && gzipBytes > budget ? '  OVER' : '';
    const limit = budget === undefined ? '' : kB(budget);
    console.log(
      `${name.padEnd(52)} ${kB(bytes).padStart(10)} ${kB(gzipBytes).padStart(10)} ${limit.padStart(10)}${over}`,
    );
  }
  console.log(`(A Chinese page adds its catalog to these: the element waits for it before it renders.`);
  console.log(` Parts "on first use" load when a user first asks for them, e.g. a "New …" button's form.)`);
  if (process.argv.includes('--analyze')) {
    const weights = weighModules(all);
    console.log(`\nWhat each module weighs in ${BUNDLE_FILE} (gzip: what cutting it out saves):`);
    for (const { module, bytes, gzipBytes } of weights) {
      console.log(`${module.padEnd(52)} ${kB(bytes).padStart(9)} ${kB(gzipBytes).padStart(9)}`);
    }
  }
}
