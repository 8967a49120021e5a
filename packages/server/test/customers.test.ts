import { Customer, type Page, type Problem } from '@crmkit/core';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCrm } from '../src/app.js';
import { mountKit } from './support/contract.js';
import { inOrg } from '../src/db/database.js';
import { customers } from '../src/db/schema/index.js';
import { testDatabases } from './databases.js';
import { Random } from '../src/seed/random.js';
import { createOrganization, createUser } from '../src/admin.js';

describe.each(testDatabases())('customers on $name', ({ get }) => {
  let app: Hono;
  let acme: { orgId: string; userId: string };
  let formosa: { orgId: string; userId: string };

  beforeAll(async () => {
    const database = get();
    // Fresh organizations per run, so files and reruns never meet on a shared server.
    const rng = new Random(Date.now() % 100000);
    const make = async (name: string) => {
      const org = await createOrganization(database.db, { slug: `${name}-${rng.uuid(new Date())}`, name });
      const user = await createUser(database.db, org.id, { email: `admin@${name}.test`, name: 'Admin', role: 'admin' });
      return { orgId: org.id, userId: user.id };
    };
    acme = await make('acme');
    formosa = await make('formosa');
    await inOrg(database.db, { orgId: acme.orgId }, async (tx) => {
      await tx.insert(customers).values(
        ['Northwind Traders', 'Blue Harbor Logistics', 'Cedar & Pine', '50% Off Outlet', 'Zeta Corp'].map(
          (name, i) => ({
            orgId: acme.orgId,
            id: rng.uuid(new Date()),
            name,
            emails: [`info${i}@example.com`],
            phones: [`+1 555 010${i}`],
          }),
        ),
      );
    });
    await inOrg(database.db, { orgId: formosa.orgId }, async (tx) => {
      await tx.insert(customers).values(
        ['玉山茶業有限公司', '日月潭旅行社', 'Northwind Taiwan'].map((name) => ({
          orgId: formosa.orgId,
          id: rng.uuid(new Date()),
          name,
        })),
      );
    });
    const crm = createCrm({
      database,
      identify: (c) => {
        const who = c.req.header('x-test-org');
        const caller = who === 'formosa' ? formosa : who === 'acme' ? acme : null;
        return caller ? { ...caller, role: 'admin' } : null;
      },
    });
    app = mountKit(crm);
  });

  const call = (path: string, org = 'acme') => app.request(`/api/crm${path}`, { headers: { 'x-test-org': org } });

  it('answers health without credentials', async () => {
    const res = await app.request('/api/crm/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('asks for credentials with a 401 problem', async () => {
    const res = await app.request('/api/crm/customers');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as Problem).status).toBe(401);
  });

  it("lists only the caller's organization's customers, sorted by name", async () => {
    const res = await call('/customers');
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page<Customer>;
    expect(page.items.map((c) => c.name)).toEqual([
      '50% Off Outlet',
      'Blue Harbor Logistics',
      'Cedar & Pine',
      'Northwind Traders',
      'Zeta Corp',
    ]);
    for (const item of page.items) Customer.parse(item);
    expect(page.nextCursor).toBeNull();
  });

  it('pages with a cursor without skipping or repeating', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await call(`/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}&sort=-name`);
      const page = (await res.json()) as Page<Customer>;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Zeta Corp', 'Northwind Traders', 'Cedar & Pine', 'Blue Harbor Logistics', '50% Off Outlet']);
  });

  it('searches names, emails and phones, treating LIKE wildcards literally', async () => {
    const names = async (q: string, org = 'acme') =>
      ((await (await call(`/customers?q=${encodeURIComponent(q)}`, org)).json()) as Page<Customer>).items.map(
        (c) => c.name,
      );
    expect(await names('harbor')).toEqual(['Blue Harbor Logistics']);
    expect(await names('info3@')).toEqual(['50% Off Outlet']);
    expect(await names('5550104')).toEqual(['Zeta Corp']);
    expect(await names('50%')).toEqual(['50% Off Outlet']);
    expect(await names('%')).toEqual(['50% Off Outlet']);
    expect(await names('玉山', 'formosa')).toEqual(['玉山茶業有限公司']);
    expect(await names('northwind', 'formosa')).toEqual(['Northwind Taiwan']);
  });

  it('gets one customer with its version as ETag, and 404s for another organization', async () => {
    const list = (await (await call('/customers?q=zeta')).json()) as Page<Customer>;
    const zeta = list.items[0]!;
    const res = await call(`/customers/${zeta.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(((await res.json()) as Customer).name).toBe('Zeta Corp');
    const foreign = await call(`/customers/${zeta.id}`, 'formosa');
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toBe('application/problem+json');
  });

  it('names each bad query field in a 400 problem', async () => {
    const res = await call('/customers?limit=0&sort=size&lifecycleStage=nope&ownerId=42');
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['lifecycleStage', 'limit', 'ownerId', 'sort']);
  });

  it('rejects a cursor it did not issue and a malformed id', async () => {
    const bad = await call('/customers?cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).errors).toEqual([
      { path: 'cursor', code: 'invalid_format', message: expect.any(String) },
    ]);
    const badId = await call('/customers/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as Problem).errors?.[0]?.path).toBe('id');
  });
});
