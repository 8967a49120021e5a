import { NoQuery, Organization, OrganizationPatch, Problem } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { inOrg, readInOrg } from '../db/database.js';
import { organizations } from '../db/schema/index.js';
import type { CrmEnv } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import { expectedVersion } from '../resources/routes.js';
import { changeOrganization, presentOrganization } from './settings.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
const organization = (description: string) => ({
  description,
  content: { 'application/json': { schema: Organization } },
});

const read = createRoute({
  method: 'get',
  path: '/organization',
  tags: ['Organization'],
  summary: "The caller's organization and its settings",
  description: 'Any member may read it; the embed secret is never shown, only whether one is set.',
  request: { query: NoQuery },
  responses: { 200: organization('The organization'), 400: problem('A parameter was sent') },
});

const change = createRoute({
  method: 'patch',
  path: '/organization',
  tags: ['Organization'],
  summary: "Change the caller's organization's settings (owners and admins)",
  description:
    'Allowed origins, embed secret, exchange rates, locale, time zone, fiscal year start, base currency and name. Changes ' +
    'only the named fields, and applies to the next request in every process of the kit. An embed secret ' +
    'must be random data (at least 32 characters, at least 10 different ones). Not through an embed ' +
    'token: a page on another site may not change which sites may embed.',
  request: {
    query: NoQuery,
    headers: z.object({ 'if-match': z.string().optional().describe('The ETag you read; a stale one gets 412') }),
    body: { required: true, content: { 'application/json': { schema: OrganizationPatch } } },
  },
  responses: {
    200: organization('The changed organization'),
    400: problem('Some fields are not valid (each is named), or there is no body'),
    403: problem('Not an owner or admin, or an embed token'),
    412: problem('The If-Match version is stale'),
  },
});

/** `GET` and `PATCH /organization`: an organization's own settings, for its owners and admins. */
export const organizationRoutes = new OpenAPIHono<CrmEnv>()
  .openapi(read, async (c) => {
    const caller = c.var.crmCaller;
    const [row] = await readInOrg(c.var.crmDb, caller, (tx) =>
      tx.select().from(organizations).where(eq(organizations.id, caller.orgId)),
    );
    if (!row) throw new ProblemError(404, 'No such organization.');
    const body = presentOrganization(row);
    c.header('etag', `"${body.version}"`);
    return c.json(body, 200);
  })
  .openapi(change, async (c) => {
    if (!c.req.header('content-type')) {
      throw new ProblemError(400, 'Send the change as a JSON body (Content-Type: application/json).');
    }
    const caller = c.var.crmCaller;
    if (caller.role !== 'owner' && caller.role !== 'admin')
      throw new ProblemError(403, "Only an owner or an admin can change the organization's settings.");
    if (caller.via === 'embed')
      throw new ProblemError(403, "An embed token cannot change the organization's settings.");
    const version = expectedVersion(c);
    const body = await inOrg(c.var.crmDb, caller, (tx) =>
      changeOrganization(tx, caller.orgId, c.req.valid('json'), caller.userId, version),
    );
    c.header('etag', `"${body.version}"`);
    return c.json(body, 200);
  });
