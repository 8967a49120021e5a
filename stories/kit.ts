// The real crmkit kit, running in the browser: PGlite in memory, holding the sample organizations,
// the same routes as on a server. `storybook build` output is static, so this is how its stories
// get real data. Started once per page, on first use, from the sample data Storybook made when it
// started (.storybook/sample-data.ts): loading that dump takes a second where migrating and
// seeding in the browser took a minute.
import { CrmClient, type Customer } from '@crmkit/core';
import { createCrm, takeForecastSnapshots, type Caller, type CrmDatabase, type Role } from '@crmkit/server';
import { openPglite } from '@crmkit/server/pglite';
import { Hono } from 'hono';

/** The sample organizations: Acme (English, USD) and Formosa (Traditional Chinese, TWD). */
export type SampleOrg = 'acme' | 'formosa';

const ADMINS: Record<SampleOrg, string> = { acme: 'admin@acme.test', formosa: 'admin@formosa.test' };
const BASE_URL = '/api/crm';
/** Beside iframe.html: see .storybook/main.ts. */
const SAMPLE_DATA = 'crmkit-sample-data.tar.gz';

type Fetch = (request: Request) => Promise<Response>;

let started: Promise<Record<SampleOrg, Fetch>> | undefined;
let opened: CrmDatabase | undefined;
const orgIds = new Map<SampleOrg, string>();

async function start(): Promise<Record<SampleOrg, Fetch>> {
  const response = await fetch(new URL(SAMPLE_DATA, document.baseURI));
  if (!response.ok) throw new Error(`The stories' sample data did not load: ${response.status} ${SAMPLE_DATA}`);
  const database = await openPglite({ loadDataDir: await response.blob() });
  opened = database;
  // Stories act as each organization's admin. Looked up as the database owner, as a host's
  // own sign-in would.
  const callers = await database.withSession((session) =>
    session.query<{ org_id: string; id: string; role: Role; email: string }>(
      'select org_id, id, role, email from crm.users where email = any($1)',
      [Object.values(ADMINS)],
    ),
  );
  const appFor = (org: SampleOrg): Fetch => {
    const row = callers.find((c) => c.email === ADMINS[org]);
    if (!row) throw new Error(`The sample has no ${ADMINS[org]}`);
    orgIds.set(org, row.org_id);
    const caller: Caller = { orgId: row.org_id, userId: row.id, role: row.role };
    const app = new Hono().route(BASE_URL, createCrm({ database, identify: () => caller }));
    return async (request) => app.fetch(request);
  };
  return { acme: appFor('acme'), formosa: appFor('formosa') };
}

/** Starts the in-browser kit (once per page) and returns the fetch of one organization's admin. */
function kitFetch(org: SampleOrg): Fetch {
  started ??= start();
  return async (request) => (await started!)[org](request);
}

/**
 * The organization's forecast snapshot as the kit's weekly job would have taken it `daysAgo` days
 * ago (of today's figures; once per week, as the job does), so a story can show how it moved since.
 */
export async function pastForecastSnapshot(org: SampleOrg, daysAgo: number): Promise<void> {
  await (started ??= start());
  await takeForecastSnapshots(opened!.db, {
    orgId: orgIds.get(org)!,
    now: new Date(Date.now() - daysAgo * 86_400_000),
  });
}

/** A client of the in-browser kit, signed in as the organization's admin. */
export function storyClient(org: SampleOrg = 'acme'): CrmClient {
  return new CrmClient({ baseUrl: BASE_URL, fetch: kitFetch(org) });
}

/** A client whose requests never finish: the loading state, held still. */
export function pendingClient(): CrmClient {
  return new CrmClient({ baseUrl: BASE_URL, fetch: () => new Promise<Response>(() => {}) });
}

/**
 * A client whose first request fails as a dropped network does; later ones (the retry) reach
 * the kit.
 */
export function flakyClient(org: SampleOrg = 'acme'): CrmClient {
  let failed = false;
  const fetch = kitFetch(org);
  return new CrmClient({
    baseUrl: BASE_URL,
    fetch: async (request) => {
      if (!failed) {
        failed = true;
        throw new TypeError('Failed to fetch');
      }
      return fetch(request);
    },
  });
}

/** The first sample customer matching `q` (name, email or phone). */
export async function findCustomer(org: SampleOrg, q: string): Promise<Customer> {
  const page = await storyClient(org).customers.list({ q, limit: 1 });
  const customer = page.items[0];
  if (!customer) throw new Error(`No sample customer in ${org} matches "${q}"`);
  return customer;
}
