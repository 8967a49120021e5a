// `serveElements()` from `@crmkit/server/node`: the elements' browser build served from a host, by file
// name only, with an ETag and CORS for pages on other sites. Here on a folder the test writes; the host
// test (e2e/hosts) serves the real build from an installed package.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elementsBrowserDir, serveElements } from '../src/node.js';

const MODULE = 'export const elements = 1;\n';
let dir: string;
let app: Hono;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crmkit-browser-build-'));
  await writeFile(join(dir, 'crmkit-elements.js'), MODULE);
  await writeFile(join(dir, 'crmkit-elements.zh-hant.common.js'), 'export default {};\n');
  await writeFile(
    join(dir, 'crmkit-autoloader.js'),
    "export const load = () => import('./crmkit-autoloader.record-form-2.js');\n",
  );
  await writeFile(join(dir, 'crmkit-autoloader.record-form-2.js'), 'export const form = 1;\n');
  await writeFile(join(dir, 'integrity.json'), '{}\n');
  await writeFile(join(dir, 'notes.txt'), 'not part of the build\n');
  app = new Hono().get('/crmkit/:file', serveElements({ dir }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('serveElements', () => {
  it('serves the module as JavaScript that any origin may load, with an ETag', async () => {
    const res = await app.request('/crmkit/crmkit-elements.js', { headers: { origin: 'https://shop.example' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(MODULE);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
    const catalog = await app.request('/crmkit/crmkit-elements.zh-hant.common.js');
    expect(catalog.status).toBe(200);
    expect(catalog.headers.get('etag')).not.toBe(res.headers.get('etag'));
  });

  it('serves the autoloader and the parts beside it, by their names', async () => {
    for (const name of ['crmkit-autoloader.js', 'crmkit-autoloader.record-form-2.js']) {
      const res = await app.request(`/crmkit/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toBe('text/javascript; charset=utf-8');
    }
    // A part's name resolved against the autoloader's URL is a path this route answers.
    const part = new URL('./crmkit-autoloader.record-form-2.js', 'https://crm.example/crmkit/crmkit-autoloader.js');
    expect((await app.request(part.pathname)).status).toBe(200);
  });

  it('answers 304 to a request that has the current version', async () => {
    const first = await app.request('/crmkit/crmkit-elements.js');
    const etag = first.headers.get('etag')!;
    const again = await app.request('/crmkit/crmkit-elements.js', { headers: { 'if-none-match': `"old", ${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await app.request('/crmkit/crmkit-elements.js', { headers: { 'if-none-match': '"old"' } });
    expect(stale.status).toBe(200);
  });

  it('answers 404 for any name that is not a file of the build, and for other methods', async () => {
    for (const path of [
      '/crmkit/notes.txt',
      '/crmkit/missing.js',
      '/crmkit/..%2Fcrmkit-elements.js',
      '/crmkit/%2e%2e%2fpackage.json',
      '/crmkit/crmkit-elements.js%00',
    ]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
    const post = await new Hono().all('/crmkit/:file', serveElements({ dir })).request('/crmkit/crmkit-elements.js', {
      method: 'POST',
    });
    expect(post.status).toBe(404);
  });

  it('refuses at start-up a folder without the build', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'crmkit-no-build-'));
    try {
      expect(() => serveElements({ dir: empty })).toThrow(/holds no crmkit-elements\.js/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('finds the build of the @crmkit/elements the host installed, from the current directory', async () => {
    const host = await mkdtemp(join(tmpdir(), 'crmkit-host-'));
    const installed = join(host, 'node_modules', '@crmkit', 'elements');
    await mkdir(join(installed, 'dist', 'browser'), { recursive: true });
    await writeFile(
      join(installed, 'package.json'),
      JSON.stringify({ name: '@crmkit/elements', exports: { './browser/*': './dist/browser/*' } }),
    );
    await writeFile(join(installed, 'dist', 'browser', 'integrity.json'), '{}');
    await writeFile(join(host, 'package.json'), '{}');
    const cwd = process.cwd();
    try {
      process.chdir(host);
      expect(elementsBrowserDir()).toBe(join(installed, 'dist', 'browser'));
    } finally {
      process.chdir(cwd);
      await rm(host, { recursive: true, force: true });
    }
  });
});
