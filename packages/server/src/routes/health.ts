import { NoQuery, Problem } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { migrations } from '../db/migrations.gen.js';
import { rows } from '../db/rows.js';
import type { CrmEnv } from '../http/env.js';
import { ProblemError } from '../http/problem.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['System'],
  summary: 'Whether the kit is alive (asks nothing of the database)',
  security: [],
  request: { query: NoQuery },
  responses: {
    200: { description: 'Alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
    503: problem('Shutting down'),
  },
});

const ready = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['System'],
  summary: 'Whether the kit can serve: its database answers and has every migration the kit ships',
  security: [],
  request: { query: NoQuery },
  responses: {
    200: {
      description: 'Ready',
      content: { 'application/json': { schema: z.object({ status: z.literal('ready') }) } },
    },
    503: problem('The database cannot be reached, misses migrations, or the server is shutting down (see Retry-After)'),
  },
});

const bundled = migrations.map((m) => m.tag);

/** `/health` is answered before the database is opened; see `readyRoutes` for `/ready`. */
export const healthRoutes = new OpenAPIHono<CrmEnv>().openapi(health, (c) => c.json({ status: 'ok' as const }, 200));

export const readyRoutes = new OpenAPIHono<CrmEnv>().openapi(ready, async (c) => {
  const db = c.var.crmDb;
  // Never migrated: no table yet, so no migration applied.
  const [table] = await rows<{ present: boolean }>(
    db,
    sql`select to_regclass('crm.__migrations') is not null as present`,
  );
  const applied = new Set(
    table?.present ? (await rows<{ tag: string }>(db, sql`select tag from crm.__migrations`)).map((r) => r.tag) : [],
  );
  const missing = bundled.filter((tag) => !applied.has(tag));
  if (missing.length)
    throw new ProblemError(503, `The database misses migrations: ${missing.join(', ')}. Run crmkit migrate.`);
  return c.json({ status: 'ready' as const }, 200);
});
