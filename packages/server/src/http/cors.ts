import type { MiddlewareHandler } from 'hono';
import { and, isNull, sql } from 'drizzle-orm';
import { organizations } from '../db/schema/index.js';
import type { Db } from '../db/database.js';
import { foreignOrigin } from './authenticate.js';
import type { CrmEnv } from './env.js';

/**
 * Whether any organization lets pages of `origin` embed it. Read on every request that comes
 * from another site (never cached), so a change of `allowedOrigins` applies to the next request;
 * requests from the kit's own origin never ask.
 */
async function isAllowedOrigin(db: Db, origin: string): Promise<boolean> {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(organizations)
    .where(and(sql`${origin} = any(${organizations.allowedOrigins})`, isNull(organizations.deletedAt)))
    .limit(1);
  return rows.length > 0;
}

/**
 * CORS for components embedded on other sites: an origin any organization lists in its
 * `allowedOrigins` gets CORS headers (bearer tokens only: never cookies across sites). Which
 * organization a token may reach from which origin is checked again when the token is read.
 */
export function cors(): MiddlewareHandler<CrmEnv> {
  return async (c, next) => {
    const origin = foreignOrigin(c);
    if (!origin || !(await isAllowedOrigin(c.var.crmDb, origin))) return next();
    c.header('access-control-allow-origin', origin);
    c.header('vary', 'Origin', { append: true });
    c.header('access-control-expose-headers', 'ETag, Location, Retry-After');
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      c.header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
      c.header('access-control-allow-headers', 'Authorization, Content-Type, If-Match, Idempotency-Key');
      c.header('access-control-max-age', '600');
      return c.body(null, 204);
    }
    await next();
  };
}
