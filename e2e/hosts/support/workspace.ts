// The throwaway folder the hosts run from: the packages as `npm pack` makes them of the last
// `npm run build`, installed from their tarballs (never workspace links) together with the hosts'
// own third-party dependencies, all in one `npm install` (the root package-lock holds the same exact
// versions, so `npm ci` has put them in npm's cache and nothing needs the internet).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const hostsDir = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['core', 'server', 'elements'];

/** The kinds of host, one folder each under e2e/hosts/. */
export const HOSTS = ['hono', 'express', 'react', 'vue', 'shop'] as const;
export type HostKind = (typeof HOSTS)[number];

/**
 * The environment a host runs in: this process's, less what points Node or npm at the repository
 * (its source export condition, its database) or says "test" (vitest's NODE_ENV would make Vite
 * bundle React's development build) — a host outside this repository has none of them.
 */
export function hostEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const repositoryOnly =
    /^(NODE_OPTIONS|NODE_ENV|TEST|VITEST.*|npm_config_node_options|DATABASE_URL|CRMKIT_DATA_DIR)$/i;
  const inherited = Object.entries(process.env).filter(([key]) => !repositoryOnly.test(key));
  return { ...Object.fromEntries(inherited), NO_COLOR: '1', ...extra };
}

/** Packs the three packages into `dir`/packs and answers each package's tarball path by name. */
async function pack(dir: string): Promise<Record<string, string>> {
  for (const name of PACKAGES) {
    if (!existsSync(join(repoRoot, 'packages', name, 'dist', 'index.js')))
      throw new Error(`packages/${name}/dist is missing: run \`npm run build\` first`);
  }
  const destination = join(dir, 'packs');
  await mkdir(destination);
  const workspaces = PACKAGES.flatMap((name) => ['--workspace', `packages/${name}`]);
  const { stdout } = await run('npm', ['pack', ...workspaces, '--pack-destination', destination, '--json'], {
    cwd: repoRoot,
    env: hostEnv(),
  });
  const packed = JSON.parse(stdout) as { name: string; filename: string }[];
  return Object.fromEntries(packed.map((p) => [p.name, `file:${join(destination, p.filename)}`]));
}

/**
 * Creates the hosts' folder in `dir`: each host's files under its own name, and one package.json
 * with every host's dependencies (the crmkit ones as tarballs), installed. Answers how long it took.
 */
export async function prepareHosts(dir: string): Promise<{ packMs: number; installMs: number }> {
  const started = performance.now();
  const tarballs = await pack(dir);
  const packMs = performance.now() - started;
  const dependencies: Record<string, string> = {};
  for (const kind of HOSTS) {
    await cp(join(hostsDir, kind), join(dir, kind), { recursive: true });
    const manifest = JSON.parse(await readFile(join(hostsDir, kind, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      const wanted = tarballs[name] ?? version;
      if (dependencies[name] && dependencies[name] !== wanted)
        throw new Error(`The hosts ask for two versions of ${name}: ${dependencies[name]} and ${wanted}`);
      dependencies[name] = wanted;
    }
  }
  // The server needs @crmkit/core too: from its tarball, like the others.
  dependencies['@crmkit/core'] = tarballs['@crmkit/core']!;
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'crmkit-hosts', private: true, type: 'module', dependencies }, null, 2),
  );
  const installing = performance.now();
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    env: hostEnv(),
  });
  return { packMs, installMs: performance.now() - installing };
}
