// What `npm publish` would ship of each package (a dry run, after `npm run build`): built JavaScript with
// its types and source maps, the README, LICENSE and CHANGELOG (and the elements' custom-elements.json);
// no TypeScript source, no tests; and JavaScript a plain `node --check` parses (no decorators left).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
/** Hosts set no export condition: neither does npm here (the repository's .npmrc sets one for its tools). */
const env = { ...process.env, NODE_OPTIONS: '' };

interface PackResult {
  name: string;
  files: { path: string }[];
}

describe.each(['core', 'server', 'elements'])('npm publish --dry-run of @crmkit/%s', (name) => {
  it('ships only the built package and its documents', async () => {
    const { stdout } = await run('npm', ['publish', '--dry-run', '--json', '--workspace', `packages/${name}`], {
      cwd: root,
      env,
    });
    const [packed] = Object.values(JSON.parse(stdout) as Record<string, PackResult>);
    const files = packed!.files.map((file) => file.path);
    for (const document of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) expect(files).toContain(document);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/index.js.map');
    const allowed = /^(dist\/|bin\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$|custom-elements\.json$)/;
    expect(files.filter((file) => !allowed.test(file))).toEqual([]);
    expect(files.filter((file) => /\.test\.|\/test\//.test(file))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
    const scripts = files.filter((file) => file.endsWith('.js'));
    for (const file of scripts)
      await run(process.execPath, ['--check', `packages/${name}/${file}`], { cwd: root, env });
  }, 120_000);
});
