// Serves the elements' self-contained browser build (`@crmkit/elements/browser/`) from a host on Node,
// so that a page needs no bundler and no copy step. The server package does not depend on the elements
// package: it finds the one the host installed, and fails at start-up, not on a request, when it is missing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'hono';

export interface ServeElementsOptions {
  /**
   * The folder of the browser build. Default: `@crmkit/elements/browser/` as the host app resolves it
   * from the current directory (else from this package).
   */
  dir?: string;
}

interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** Where the installed `@crmkit/elements` keeps its browser build. */
export function elementsBrowserDir(): string {
  const entry = '@crmkit/elements/browser/integrity.json';
  const bases = [pathToFileURL(join(process.cwd(), 'package.json')).href, import.meta.url];
  for (const base of bases) {
    try {
      return dirname(createRequire(base).resolve(entry));
    } catch {
      // Not installed where this base looks: try the next.
    }
  }
  throw new Error(
    'crmkit: serveElements found no @crmkit/elements browser build. Install it (npm install @crmkit/elements) ' +
      'or pass { dir } with the folder that holds crmkit-elements.js.',
  );
}

/** Every file of the build, read once: the bundle, the autoloader and its parts, the catalogs, their maps. */
function readBuild(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[name.slice(name.lastIndexOf('.'))];
    if (!type) continue;
    const body = new Uint8Array(readFileSync(join(dir, name)));
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
    files.set(name, { body, type, etag: `"${hash}"` });
  }
  if (!files.has('crmkit-elements.js')) throw new Error(`crmkit: ${dir} holds no crmkit-elements.js`);
  return files;
}

/**
 * A Hono handler that answers the browser build's files by the last segment of the path, e.g.
 * `app.get('/crmkit/:file', serveElements())` serves `/crmkit/crmkit-elements.js` and the catalogs beside
 * it. Any other name is a 404. The files are public code, so any origin may load them (a page on another
 * site loads the module script with CORS); their names are stable, so browsers revalidate by ETag.
 */
export function serveElements(options: ServeElementsOptions = {}) {
  const files = readBuild(options.dir ?? elementsBrowserDir());
  return (c: Context): Response => {
    const name = c.req.path.slice(c.req.path.lastIndexOf('/') + 1);
    const file = files.get(name);
    const headers: Record<string, string> = {
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    };
    if (!file || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) {
      return new Response('Not Found', { status: 404, headers: { ...headers, 'content-type': 'text/plain' } });
    }
    Object.assign(headers, { 'content-type': file.type, 'cache-control': 'no-cache', etag: file.etag });
    const fresh = c.req
      .header('if-none-match')
      ?.split(/\s*,\s*/)
      .includes(file.etag);
    if (fresh) return new Response(null, { status: 304, headers });
    return new Response(c.req.method === 'HEAD' ? null : file.body, { status: 200, headers });
  };
}
