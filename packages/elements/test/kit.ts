// Browser-side helpers for the elements' tests. The kit they talk to is the real one, served by
// the test runner (see kit-server.ts) and seeded with the sample organizations.
import { CrmClient, type Customer } from '@crmkit/core';

export * from './dom.js';

/** Where the test runner mounts the kit. */
export const BASE_URL = '/api/crm';

/** Seeded users (packages/server/src/seed/sample-data.ts). */
export const ACME_ADMIN = 'admin@acme.test';
export const FORMOSA_ADMIN = 'admin@formosa.test';

/** The test kit's stand-in for a real token: it signs in as the seeded user with this email. */
export function tokenFor(email: string): string {
  return `test:${email}`;
}

/**
 * The test kit's stand-in for the host's own sign-in (its `identify`): what the kit refuses to
 * embed tokens, such as managing webhooks, needs it.
 */
export function hostTokenFor(email: string): string {
  return `host:${email}`;
}

type Fetch = (request: Request) => Promise<Response>;

/** A client of the test kit, signed in as `email`, optionally sending requests through `fetch`. */
export function kitClient(email = ACME_ADMIN, fetch?: Fetch): CrmClient {
  return new CrmClient({ baseUrl: BASE_URL, token: tokenFor(email), ...(fetch ? { fetch } : {}) });
}

/** The first customer whose name, email or phone matches `q`, found through the API. */
export async function findCustomer(q: string, email = ACME_ADMIN): Promise<Customer> {
  const page = await kitClient(email).customers.list({ q });
  const customer = page.items[0];
  if (!customer) throw new Error(`No seeded customer matches "${q}"`);
  return customer;
}

/** Every customer of the signed-in user's organization (the sample is small). */
export async function allCustomers(email = ACME_ADMIN): Promise<Customer[]> {
  const customers: Customer[] = [];
  let cursor: string | undefined;
  do {
    const page = await kitClient(email).customers.list({ limit: 200, cursor });
    customers.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return customers;
}

/**
 * A fetch that holds every request until the test releases it, then passes it on to the real
 * kit: how tests see the loading state, and what happens to a request that goes stale.
 */
export function gatedFetch() {
  const pending: { request: Request; go: () => void }[] = [];
  const requests: Request[] = [];
  let open = false;
  const fetch: Fetch = async (request) => {
    requests.push(request);
    if (!open) await new Promise<void>((go) => pending.push({ request, go }));
    return globalThis.fetch(request);
  };
  return {
    fetch,
    requests,
    /** Lets every held request through, and all later ones too. */
    release() {
      open = true;
      for (const { go } of pending.splice(0)) go();
    },
  };
}

/** A fetch whose first `failures` requests fail as a dropped network does; then the real kit answers. */
export function flakyFetch(failures = 1) {
  let left = failures;
  const fetch: Fetch = async (request) => {
    if (left > 0) {
      left -= 1;
      throw new TypeError('Failed to fetch');
    }
    return globalThis.fetch(request);
  };
  return { fetch };
}

/** A well-formed id that no customer has. */
export function unknownId(): string {
  return crypto.randomUUID();
}
