import { Capabilities, CAPABILITY_RESOURCES, NoQuery, Problem, type CapabilityResource } from '@crmkit/core';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { readInOrg, type Visibility } from '../db/database.js';
import { rows } from '../db/rows.js';
import type { Caller, CrmEnv } from '../http/env.js';
import { resources } from '../resources/index.js';
import { callerAllows } from './roles.js';

const byPath = new Map(resources.map((resource) => [resource.path, resource]));

/** Whether the caller's role and scopes let them write a resource (the checks of `requireWriter`). */
function mayWrite(caller: Caller, path: CapabilityResource): boolean {
  if (caller.role === 'viewer') return false;
  const roles = byPath.get(path)?.writeRoles;
  if (roles && !roles.includes(caller.role)) return false;
  return callerAllows(caller, path, 'write');
}

/** What the caller may do with each resource. */
export function abilitiesOf(caller: Caller): Capabilities['resources'] {
  const entries = CAPABILITY_RESOURCES.map((path) => {
    const read = callerAllows(caller, path, 'read');
    const write = mayWrite(caller, path);
    return [path, { read, create: write, edit: write, delete: write }] as const;
  });
  return Object.fromEntries(entries) as Capabilities['resources'];
}

/** `GET /me`: open to a token of any scope, since it only tells the caller about their own access. */
export const capabilityRoutes = new OpenAPIHono<CrmEnv>().openapi(
  createRoute({
    method: 'get',
    path: '/me',
    tags: ['Auth'],
    summary: 'What the caller may see and do',
    description:
      'The role, what the caller may do with each resource (by role and, for a token, its scopes) and whose records they see. ' +
      'For screens to offer only what will work; every request is still checked.',
    request: { query: NoQuery },
    responses: {
      200: { description: 'The caller’s capabilities', content: { 'application/json': { schema: Capabilities } } },
      401: { description: 'Not signed in', content: { 'application/problem+json': { schema: Problem } } },
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    // Whose records the caller sees, as row-level security decides it in their own scope.
    const [scope] = await readInOrg(c.var.crmDb, caller, (tx) =>
      rows<{ visibility: Visibility; owners: string[] | string | null }>(
        tx,
        sql`select crm.visibility() as visibility, crm.visible_owner_ids() as owners`,
      ),
    );
    // A support agent ('service') sees every owner's records of the resources their role reads.
    const visibility = scope?.visibility === 'service' ? 'all' : (scope?.visibility ?? 'own');
    const owners = visibility === 'all' ? null : ownerList(scope?.owners ?? null);
    const resourcesOf = abilitiesOf(caller);
    return c.json(
      {
        userId: caller.userId,
        role: caller.role,
        via: caller.via ?? 'host',
        visibility,
        owners,
        unowned: visibility !== 'own',
        resources: resourcesOf,
        opportunities: { move: resourcesOf.opportunities.edit },
      },
      200,
    );
  },
);

/** A uuid[] as a driver hands it over: an array, or PostgreSQL's `{a,b}` text. */
function ownerList(value: string[] | string | null): string[] {
  if (Array.isArray(value)) return value;
  if (!value) return [];
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}
