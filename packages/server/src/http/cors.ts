import type { MiddlewareHandler } from 'hono';
import { sql } from 'drizzle-orm';
import { foreignOrigin } from './authenticate.js';
import type { CrmEnv } from './env.js';

const CACHE_MS = 30_000;
let cached: { origins: Set<string>; until: number } | undefined;

/**
 * CORS for components embedded on other sites: an origin any organization lists in its
 * `allowedOrigins` gets CORS headers (bearer tokens only: never cookies across sites). Which
 * organization a token may reach from which origin is checked again when the token is read.
 */
export function cors(): MiddlewareHandler<CrmEnv> {
  return async (c, next) => {
    const origin = foreignOrigin(c);
    if (!origin) return next();
    if (!cached || cached.until < Date.now()) {
      const rows = (await c.var.crmDb.execute(
        sql`select distinct unnest(allowed_origins) as origin from crm.organizations`,
      )) as unknown;
      const list = (Array.isArray(rows) ? rows : (rows as { rows: { origin: string }[] }).rows) as { origin: string }[];
      cached = { origins: new Set(list.map((r) => r.origin)), until: Date.now() + CACHE_MS };
    }
    if (!cached.origins.has(origin)) return next();
    c.header('access-control-allow-origin', origin);
    c.header('vary', 'Origin', { append: true });
    c.header('access-control-expose-headers', 'ETag, Location, Retry-After');
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      c.header('access-control-allow-methods', 'GET, POST, PATCH, DELETE');
      c.header('access-control-allow-headers', 'Authorization, Content-Type, If-Match, Idempotency-Key');
      c.header('access-control-max-age', '600');
      return c.body(null, 204);
    }
    await next();
  };
}

/** Forget the cached allowlist (after an organization's origins change). */
export function forgetAllowedOrigins(): void {
  cached = undefined;
}
