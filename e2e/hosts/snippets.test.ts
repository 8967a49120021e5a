// Every code snippet of docs/getting-started.md comes from a host file in this folder, which
// hosts.test.ts runs: each JavaScript, JSX, Vue and HTML block appears there as written (indentation
// aside), so the guide cannot drift from code that works.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guideBlocks, guideCommands, quotes } from './support/docs.js';
import { HOSTS } from './support/workspace.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const hostFiles = HOSTS.flatMap((kind) =>
  readdirSync(join(here, kind), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(mjs|js|jsx|vue|html)$/.test(name))
    .map((name) => ({ path: `${kind}/${name}`, text: readFileSync(join(here, kind, name), 'utf8') })),
);
const CHECKED = ['js', 'jsx', 'vue', 'html'];

describe('docs/getting-started.md', () => {
  const blocks = guideBlocks();

  it('has code blocks of the checked languages and no others but shell and SQL', () => {
    expect(blocks.filter((block) => CHECKED.includes(block.lang)).length).toBeGreaterThanOrEqual(8);
    expect(blocks.filter((block) => ![...CHECKED, 'sh', 'sql'].includes(block.lang))).toEqual([]);
  });

  it.each(blocks.filter((block) => CHECKED.includes(block.lang)).map((block, i) => [i + 1, block.section, block]))(
    'block %i (%s) is quoted from a tested host file',
    (_index, _section, block) => {
      const sources = hostFiles.filter((file) => quotes(file.text, block.code)).map((file) => file.path);
      expect(sources, `not found in any host file:\n${block.code}`).not.toEqual([]);
    },
  );

  it('gives the crmkit commands of steps 2 and 3 that the test runs for the Express host', () => {
    expect(guideCommands(['2.', '3.']).map((args) => args.slice(0, 5).join(' '))).toEqual([
      'npx crmkit migrate',
      'npx crmkit org create acme',
      'npx crmkit org add-member acme',
    ]);
  });
});
