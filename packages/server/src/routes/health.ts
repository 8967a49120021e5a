import { NoQuery } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { CrmEnv } from '../http/env.js';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['System'],
  summary: 'Whether the kit and its database answer',
  security: [],
  request: { query: NoQuery },
  responses: {
    200: { description: 'Healthy', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
  },
});

export const healthRoutes = new OpenAPIHono<CrmEnv>().openapi(health, async (c) => {
  await c.var.crmDb.execute(sql`select 1`);
  return c.json({ status: 'ok' as const }, 200);
});
