// Each element carries only the English it shows: modules register the parts of the English catalog they
// need (`useEnglish`, packages/elements/src/shared/localize.ts). This checks the other half of that bargain
// on what a host's bundler really produces: in each element's own entry (and in the browser builds), every
// message key the code names has its English inside the same build, so no user ever sees a bare key.
import { describe, expect, it } from 'vitest';
import { bundleElements, COMPONENT_ENTRIES, type Bundle } from '../../packages/elements/scripts/bundle.js';
import * as englishParts from '../../packages/elements/src/shared/messages/en.js';

const english: Record<string, string> = Object.assign({}, ...Object.values(englishParts));
const QUOTE = '["\'`]';
/** A key or `prefix.${…}` in a string literal, whichever quote the minifier chose. */
const LITERAL = new RegExp(`(${QUOTE})([A-Za-z0-9]+\\.(?:[A-Za-z0-9.]+|\\$\\{))`, 'g');

/** The keys `code` names: literal keys, and every key of a prefix it builds keys from (`stage.${…}`). */
function namedKeys(code: string): Set<string> {
  const keys = new Set<string>();
  for (const [, , name] of code.matchAll(LITERAL)) {
    if (name!.endsWith('${')) {
      const prefix = name!.slice(0, -'.${'.length);
      for (const key of Object.keys(english)) if (key.startsWith(`${prefix}.`)) keys.add(key);
    } else if (name! in english) keys.add(name!);
  }
  return keys;
}

/** Whether `code` holds the key's English as an entry of a registered part: `"key":` then its text. */
function hasEnglish(code: string, key: string): boolean {
  const text = english[key]!;
  return ['"', "'", '`'].some((keyQuote) =>
    ['"', "'", '`'].some((textQuote) => code.includes(`${keyQuote}${key}${keyQuote}:${textQuote}${text}${textQuote}`)),
  );
}

/** A file and the files it imports, directly or through them: what the browser loads before it runs. */
function withImports(file: Bundle, files: Bundle[]): Bundle[] {
  const byName = new Map(files.map((f) => [f.fileName, f]));
  const seen = new Set<Bundle>();
  const visit = (f: Bundle) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const name of f.imports) {
      const next = byName.get(name);
      if (next) visit(next);
    }
  };
  visit(file);
  return [...seen];
}

/** The keys named in each file of a build whose English is in none of the files loaded with it. */
function missing(files: (Bundle & { initial?: boolean })[]): Record<string, string[]> {
  const [main, ...parts] = files;
  const always = [main!, ...parts.filter((part) => part.initial)].map((file) => file.code).join('\n');
  const gaps: Record<string, string[]> = {};
  for (const file of files) {
    // A part that loads later brings the files it imports (a part it shares with another, its English).
    const later = withImports(file, files).map((f) => f.code);
    const loaded = file === main || file.initial ? always : [always, ...later].join('\n');
    const keys = [...namedKeys(file.code)].filter((key) => !hasEnglish(loaded, key));
    if (keys.length) gaps[file.fileName] = keys.sort();
  }
  return gaps;
}

const { 'crm-provider': providerEntry, ...elementEntries } = COMPONENT_ENTRIES;
const BUILDS: Record<string, string> = {
  ...elementEntries,
  'the browser build (every element)': 'src/index.ts',
  'the lead form browser build': 'src/entries/lead-form.ts',
};

describe('English strings in each build', () => {
  for (const [name, entry] of Object.entries(BUILDS)) {
    it(`${name}: every key it names has its English`, async () => {
      const oneFile = name.startsWith('the ');
      const { parts, ...main } = await bundleElements({ entry, minifyTemplates: false, catalogs: false, oneFile });
      const files = [main, ...parts];
      // The check itself: a build that names no key would pass anything.
      expect(namedKeys(files.map((file) => file.code).join('\n')).size).toBeGreaterThan(5);
      expect(missing(files)).toEqual({});
    });
  }

  it('<crm-provider> carries no English: it shows nothing', async () => {
    const { code } = await bundleElements({ entry: providerEntry!, minifyTemplates: false, catalogs: false });
    expect([...namedKeys(code)]).toEqual([]);
  });

  it('leaves out the English of elements the entry does not have', async () => {
    const { code } = await bundleElements({
      entry: COMPONENT_ENTRIES['crm-funnel-chart'],
      minifyTemplates: false,
      catalogs: false,
    });
    expect(hasEnglish(code, 'funnel.loading')).toBe(true);
    for (const key of ['log.filterAll', 'board.howTo', 'leadForm.thanks']) {
      expect(code.includes(english[key]!), key).toBe(false);
    }
  });
});
