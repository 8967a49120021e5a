import { Problem, SearchQuery, SearchResults } from '@crmkit/core';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { callerAllows } from '../auth/roles.js';
import { readInOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { listRecords } from '../resources/crud.js';
import { sortLanguageOf } from '../resources/sort-language.js';
import { contactResource, customerResource } from '../resources/customers.js';
import { leadResource, opportunityResource } from '../resources/sales.js';

const KINDS = [customerResource, contactResource, leadResource, opportunityResource] as const;

const route = createRoute({
  method: 'get',
  path: '/search',
  tags: ['Search'],
  summary: 'Search customers, contacts, leads and deals',
  description:
    "The best few matches of each kind for the header search of a CRM, found as each list's `q` finds them: any part of a name, an email, or a phone number however it is written. Only records the caller may see; a kind that a token's scopes do not allow reading comes back empty.",
  request: { query: SearchQuery },
  responses: {
    200: { description: 'Matches by kind', content: { 'application/json': { schema: SearchResults } } },
    400: { description: 'No search text', content: { 'application/problem+json': { schema: Problem } } },
  },
});

export const searchRoutes = new OpenAPIHono<CrmEnv>().openapi(route, async (c) => {
  const caller = c.var.crmCaller;
  const { q, limit } = c.req.valid('query');
  const language = sortLanguageOf(c.req.header('accept-language'));
  const results = await readInOrg(c.var.crmDb, caller, async (tx) => {
    const found: Record<string, unknown[]> = {};
    // One kind after another: a transaction runs one query at a time.
    for (const kind of KINDS) {
      const readable = callerAllows(caller, kind.path, 'read');
      found[kind.path] = readable
        ? (await listRecords(tx, kind, caller, { q, limit, sort: 'name' }, { language })).items
        : [];
    }
    return found;
  });
  return c.json(results as SearchResults, 200);
});
