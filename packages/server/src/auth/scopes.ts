/**
 * Scopes of embed tokens and API keys: `resource:access`, e.g. `customers:read`,
 * `opportunities:write`, `*:read`. Write includes read.
 */
export type Scope = `${string}:${'read' | 'write'}`;

export const SCOPE_PATTERN = /^([a-z_]+|\*):(read|write)$/;

/** One scope a request needs: access to a resource. */
export interface RequiredScope {
  resource: string;
  access: 'read' | 'write';
}

/** Whether the scopes allow `access` to `resource`. */
export function allows(scopes: readonly string[], resource: string, access: 'read' | 'write'): boolean {
  return scopes.some((scope) => {
    const [r, a] = scope.split(':');
    return (r === '*' || r === resource) && (a === 'write' || a === access);
  });
}

/**
 * Routes that answer with the data of several resources, and every resource they read: a token
 * needs read access to each, or a `customers:read` token would read deals and orders through a
 * customer's summary. Paths are below the kit; keep this list in step with the routes (a test
 * checks every route of the OpenAPI document against it).
 */
export const COMBINED_READS: readonly {
  route: string;
  pattern: RegExp;
  reads: readonly string[];
  /** Parts the route leaves out for a member whose role may not read them (auth/roles.ts); a token still needs them. */
  leavesOut?: readonly string[];
}[] = [
  {
    route: '/customers/{id}/summary',
    pattern: /^\/customers\/[^/]+\/summary\/?$/,
    reads: ['customers', 'users', 'contacts', 'orders', 'opportunities', 'activities'],
    leavesOut: ['opportunities'],
  },
  {
    route: '/pipelines/{id}/board',
    pattern: /^\/pipelines\/[^/]+\/board\/?$/,
    reads: ['pipelines', 'opportunities', 'customers'],
  },
  {
    route: '/pipelines/{id}/board/stages/{stageId}',
    pattern: /^\/pipelines\/[^/]+\/board\/stages\/[^/]+\/?$/,
    reads: ['pipelines', 'opportunities', 'customers'],
  },
  { route: '/reports/funnel', pattern: /^\/reports\/funnel\/?$/, reads: ['reports', 'pipelines', 'opportunities'] },
  {
    route: '/reports/forecast',
    pattern: /^\/reports\/forecast\/?$/,
    reads: ['reports', 'opportunities', 'quotas', 'forecast_adjustments', 'users', 'teams'],
  },
  {
    route: '/reports/win-rates',
    pattern: /^\/reports\/win-rates\/?$/,
    reads: ['reports', 'pipelines', 'opportunities', 'users'],
  },
  {
    route: '/reports/campaigns',
    pattern: /^\/reports\/campaigns\/?$/,
    reads: ['reports', 'campaigns', 'leads', 'opportunities'],
  },
  {
    route: '/reports/performance',
    pattern: /^\/reports\/performance\/?$/,
    reads: ['reports', 'opportunities', 'activities', 'quotas', 'users', 'teams'],
  },
  {
    route: '/reports/performance.csv',
    pattern: /^\/reports\/performance\.csv$/,
    reads: ['reports', 'opportunities', 'activities', 'quotas', 'users', 'teams'],
  },
  {
    route: '/reports/customers',
    pattern: /^\/reports\/customers\/?$/,
    reads: ['reports', 'customers', 'orders'],
  },
  {
    route: '/reports/customers.csv',
    pattern: /^\/reports\/customers\.csv$/,
    reads: ['reports', 'customers', 'orders'],
  },
  {
    route: '/reports/market',
    pattern: /^\/reports\/market\/?$/,
    reads: ['reports', 'campaigns', 'leads', 'opportunities', 'users', 'teams'],
  },
  {
    route: '/reports/market.csv',
    pattern: /^\/reports\/market\.csv$/,
    reads: ['reports', 'campaigns', 'leads', 'opportunities', 'users', 'teams'],
  },
  {
    route: '/leads/{id}/customer-matches',
    pattern: /^\/leads\/[^/]+\/customer-matches\/?$/,
    reads: ['leads', 'customers'],
  },
  { route: '/segments/{id}/customers', pattern: /^\/segments\/[^/]+\/customers\/?$/, reads: ['segments', 'customers'] },
  { route: '/customers/{id}/segments', pattern: /^\/customers\/[^/]+\/segments\/?$/, reads: ['customers', 'segments'] },
  // A deal's contacts: their names, emails and phones.
  {
    route: '/opportunities/{id}/contacts',
    pattern: /^\/opportunities\/[^/]+\/contacts\/?$/,
    reads: ['opportunities', 'contacts'],
  },
];

/** Routes that take a POST only for its body and write nothing: they need read access, as a GET would. */
export const READING_POSTS: readonly { route: string; pattern: RegExp; reads: readonly string[] }[] = [
  { route: '/segments/count', pattern: /^\/segments\/count\/?$/, reads: ['segments', 'customers'] },
];

/**
 * Writes that change several resources: a token needs write access to each. Converting a lead
 * creates a customer, a contact and a deal and moves the lead's activities onto them; a merge
 * moves the duplicate's links (resources/merge/links.ts) onto the kept record.
 */
export const COMBINED_WRITES: readonly {
  route: string;
  pattern: RegExp;
  writes: readonly string[];
  /** Resources the write does not change but answers with, which the token must be able to read. */
  reads?: readonly string[];
}[] = [
  {
    route: '/leads/{id}/convert',
    pattern: /^\/leads\/[^/]+\/convert\/?$/,
    writes: ['leads', 'customers', 'contacts', 'opportunities', 'activities'],
  },
  {
    route: '/customers/{id}/merge',
    pattern: /^\/customers\/[^/]+\/merge\/?$/,
    writes: ['customers', 'contacts', 'opportunities', 'activities', 'orders', 'cases', 'leads'],
  },
  {
    route: '/contacts/{id}/merge',
    pattern: /^\/contacts\/[^/]+\/merge\/?$/,
    writes: ['contacts', 'opportunities', 'activities', 'cases', 'leads'],
  },
  { route: '/leads/{id}/merge', pattern: /^\/leads\/[^/]+\/merge\/?$/, writes: ['leads', 'activities'] },
  // Putting a contact on a deal (or taking one off) changes the deal and answers with its contacts.
  {
    route: '/opportunities/{id}/contacts/{contactId}/role',
    pattern: /^\/opportunities\/[^/]+\/contacts\/[^/]+\/role\/?$/,
    writes: ['opportunities'],
    reads: ['contacts'],
  },
];

/**
 * Top-level routes open to a token of any scope, because they hold what they answer to its scopes
 * themselves: the change stream sends only changes of readable resources, the search leaves
 * out the kinds the scopes do not allow reading, `/me` tells the token what its scopes allow, and
 * `/bulk` refuses each record whose resource the scopes do not allow writing (403 in its result).
 */
export const SCOPE_FILTERED: readonly string[] = ['events', 'search', 'me', 'bulk'];

/**
 * Routes that act on the resource named by their second segment: `/exports/customers` reads
 * customers, `/imports/customers` writes them. (Their own name is no resource: a key scoped
 * `exports:read` must not read every export.)
 */
const RESOURCE_IN_SECOND_SEGMENT: readonly string[] = ['exports', 'imports'];

const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** `/import-jobs` and a job's routes (`/imports/{resource}/jobs` names its resource, as the import does). */
const IMPORT_JOBS = /^\/import-jobs(\/|$)/;

/**
 * Every scope a request needs, from its path below the kit and its method: `/opportunities/1/move`
 * is a write to opportunities; `/reports/funnel` a read of reports, pipelines and opportunities.
 */
export function requiredScopes(path: string, method: string): RequiredScope[] {
  // Import jobs hold each job to the scope of its resource themselves (imports/jobs.ts): a
  // `customers:write` key follows its customer imports and no other.
  if (IMPORT_JOBS.test(path)) return [];
  const reading = method === 'POST' ? READING_POSTS.find((r) => r.pattern.test(path)) : undefined;
  if (reading) return reading.reads.map((resource) => ({ resource, access: 'read' }));
  const access = READ_METHODS.includes(method) ? 'read' : 'write';
  const combined = access === 'read' ? COMBINED_READS.find((r) => r.pattern.test(path)) : undefined;
  if (combined) return combined.reads.map((resource) => ({ resource, access }));
  const writes = access === 'write' ? COMBINED_WRITES.find((r) => r.pattern.test(path)) : undefined;
  if (writes)
    return [
      ...writes.writes.map((resource) => ({ resource, access: 'write' as const })),
      ...(writes.reads ?? []).map((resource) => ({ resource, access: 'read' as const })),
    ];
  const [first = '', second = ''] = path.split('/').filter(Boolean);
  const resource = RESOURCE_IN_SECOND_SEGMENT.includes(first) ? second : first;
  // Scope names use `_` where paths use `-` (`api_keys`, `assignment_rules`, `lead_forms`).
  return [{ resource: resource.replace(/-/g, '_'), access }];
}

/** The first scope of `required` that `scopes` lack, if any. */
export function missingScope(scopes: readonly string[], required: readonly RequiredScope[]) {
  return required.find(({ resource, access }) => !allows(scopes, resource, access));
}
