import { ProblemError } from '../http/problem.js';
import type { Caller, Role } from '../http/env.js';
import { allows, COMBINED_READS, requiredScopes, SCOPE_FILTERED, type RequiredScope } from './scopes.js';

/**
 * Roles held to a few resources, written as scopes (`resource:access`, write includes read), so
 * that the rule API keys and embed tokens follow holds them too: every route, combined routes
 * included, asks `requiredScopes`. A support agent works the service desk: they read every
 * customer and order, keep contacts, cases and activities, and read members, teams (to assign a
 * case), custom fields and the organization's settings; no deals, leads, campaigns, pipelines,
 * segments, quotas, forecasts or reports. Row-level security (`crm.visibility` 'service', see
 * db/schema/policies.ts) holds them to the same. Other roles are held by `writeRoles` and the
 * policies alone.
 */
export const ROLE_SCOPES: Partial<Record<Role, readonly string[]>> = {
  support: [
    'customers:read',
    'contacts:write',
    'cases:write',
    'activities:write',
    'orders:read',
    'users:read',
    'teams:read',
    'custom_fields:read',
    'organization:read',
  ],
};

/**
 * Top-level routes open to every role: the member's own session, and the routes that hold what
 * they answer to the caller's access themselves (the change stream, the search, `/me`, `/bulk`).
 */
const OPEN_TO_EVERY_ROLE: readonly string[] = ['auth', ...SCOPE_FILTERED];

/** Scope names use `_` where paths use `-` (`custom-fields` is `custom_fields`). */
const scopeName = (resource: string) => resource.replace(/-/g, '_');

/** Whether the caller's role, and their token's scopes if any, allow `access` to `resource`. */
export function callerAllows(caller: Caller, resource: string, access: 'read' | 'write'): boolean {
  const name = scopeName(resource);
  const limit = ROLE_SCOPES[caller.role];
  if (limit && !allows(limit, name, access)) return false;
  return !caller.scopes || allows(caller.scopes, name, access);
}

/**
 * What a role may go without on a combined route that leaves that part out rather than refuse:
 * a customer's summary answers a support agent without its deals. (A token still needs each.)
 */
function neededByRole(path: string, required: RequiredScope[]): RequiredScope[] {
  const combined = COMBINED_READS.find((r) => r.pattern.test(path));
  const optional = combined?.leavesOut ?? [];
  return required.filter(({ resource }) => !optional.includes(resource));
}

/** Why the caller's role may not send this request, or undefined when it may. */
export function roleRefusal(caller: Caller, path: string, method: string): ProblemError | undefined {
  const limit = ROLE_SCOPES[caller.role];
  if (!limit || OPEN_TO_EVERY_ROLE.includes(path.split('/')[1] ?? '')) return undefined;
  const missing = neededByRole(path, requiredScopes(path, method)).find(
    ({ resource, access }) => !allows(limit, resource, access),
  );
  if (missing)
    return new ProblemError(
      403,
      `The ${caller.role} role does not allow ${missing.access} access to ${missing.resource}.`,
    );
}
