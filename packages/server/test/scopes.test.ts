// Scopes of API keys and embed tokens hold on routes that combine several resources: a route
// needs read access to every resource whose data it answers with.
import { beforeAll, describe, expect, it } from 'vitest';
import { createCrm } from '../src/app.js';
import { COMBINED_READS, COMBINED_WRITES, READING_POSTS, requiredScopes } from '../src/auth/scopes.js';
import { testDatabases } from './databases.js';
import { createTestKit, type TestKit } from './kit.js';

/**
 * Routes of one resource: its list, a record, its restore and history, a deal's move, a record by or
 * with its external ids, the import and export of one resource (named in the path), import jobs, and a webhook
 * endpoint's or delivery's actions, the lead inbox's and the case list's queue counts; the public lead-form routes take
 * no token.
 */
const SINGLE_RESOURCE = new RegExp(
  [
    /^\/([a-z-]+)(\/\{id\}(\/(restore|history))?)?$/,
    /^\/opportunities\/\{id\}\/move$/,
    /^\/(leads|cases)\/queues$/,
    /^\/auth\/[a-z]+$/,
    /^\/api-keys\/\{id\}$/,
    /^\/[a-z-]+\/by-external-id\/\{source\}\/\{externalId\}$/,
    /^\/[a-z-]+\/\{id\}\/external-ids(\/\{source\}\/\{externalId\})?$/,
    /^\/imports\/\{resource\}(\/preview|\/jobs)?$/,
    // Each job is held to the scope of its resource by the routes themselves (auth/scopes.ts).
    /^\/import-jobs(\/\{id\}(\/(cancel|errors))?)?$/,
    /^\/exports\/[a-z-]+$/,
    /^\/webhook-endpoints\/\{id\}\/(rotate-secret|ping|deliveries)$/,
    /^\/webhook-deliveries\/\{id\}\/replay$/,
    /^\/public\/lead-forms\/\{publicKey\}(\/submissions)?$/,
  ]
    .map((pattern) => pattern.source)
    .join('|'),
);

describe('the list of combined routes', () => {
  it('names every route of the OpenAPI document that answers with more than one resource', () => {
    const app = createCrm({ database: new Promise(() => {}) as never });
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'crmkit', version: '0' } });
    const listed = new Set([...COMBINED_READS, ...COMBINED_WRITES, ...READING_POSTS].map((r) => r.route));
    const unlisted = Object.keys(doc.paths ?? {}).filter((path) => !SINGLE_RESOURCE.test(path) && !listed.has(path));
    expect(unlisted).toEqual([]);
    for (const { route, pattern } of [...COMBINED_READS, ...READING_POSTS])
      expect(pattern.test(route.replace(/\{\w+\}/g, 'x'))).toBe(true);
  });

  it('asks for every resource a combined route reads, and one resource elsewhere', () => {
    expect(requiredScopes('/customers/1/summary', 'GET').map((s) => s.resource)).toEqual(
      expect.arrayContaining(['customers', 'contacts', 'orders', 'opportunities', 'activities']),
    );
    expect(requiredScopes('/customers/1', 'GET')).toEqual([{ resource: 'customers', access: 'read' }]);
    expect(requiredScopes('/opportunities/1/move', 'POST')).toEqual([{ resource: 'opportunities', access: 'write' }]);
    // Imports and exports act on the resource they name, not on a resource called "imports" or "exports".
    expect(requiredScopes('/exports/opportunities', 'GET')).toEqual([{ resource: 'opportunities', access: 'read' }]);
    expect(requiredScopes('/imports/customers', 'POST')).toEqual([{ resource: 'customers', access: 'write' }]);
    expect(requiredScopes('/imports/customers/preview', 'POST')).toEqual([{ resource: 'customers', access: 'write' }]);
    // Putting a contact on a deal writes the deal and answers with its contacts.
    expect(requiredScopes('/opportunities/1/contacts/2/role', 'PUT')).toEqual([
      { resource: 'opportunities', access: 'write' },
      { resource: 'contacts', access: 'read' },
    ]);
    expect(requiredScopes('/leads/1/convert', 'POST').map((s) => s.resource)).toEqual([
      'leads',
      'customers',
      'contacts',
      'opportunities',
      'activities',
    ]);
  });
});

describe.each(testDatabases())('scopes on combined routes on $name', ({ get }) => {
  let kit: TestKit;
  let paths: Record<string, string>;

  beforeAll(async () => {
    kit = await createTestKit(get());
    const { admin } = kit.acme.users;
    const post = async (path: string, body: unknown) => {
      const res = await kit.request(admin, 'POST', path, body);
      expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
      return (await res.json()) as { id: string; stages?: { id: string }[] };
    };
    const customer = await post('/customers', { name: 'Scoped Co' });
    const pipeline = await post('/pipelines', {
      name: 'Scoped',
      stages: [
        { name: 'Open', probability: 10 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    const deal = await post('/opportunities', {
      name: 'Scoped deal',
      customerId: customer.id,
      pipelineId: pipeline.id,
      stageId: pipeline.stages![0]!.id,
      currency: 'USD',
      amount: 100,
    });
    await post('/orders', {
      customerId: customer.id,
      totalAmount: 500,
      currency: 'USD',
      placedAt: new Date().toISOString(),
    });
    const segment = await post('/segments', {
      name: 'All',
      rules: { field: 'lifecycleStage', op: 'eq', value: 'prospect' },
    });
    const lead = await post('/leads', { name: 'Scoped lead', company: 'Scoped Co' });
    paths = {
      '/customers/{id}/summary': `/customers/${customer.id}/summary`,
      '/pipelines/{id}/board': `/pipelines/${pipeline.id}/board`,
      '/pipelines/{id}/board/stages/{stageId}': `/pipelines/${pipeline.id}/board/stages/${pipeline.stages![0]!.id}`,
      '/reports/funnel': `/reports/funnel`,
      '/reports/forecast': `/reports/forecast`,
      '/reports/win-rates': `/reports/win-rates`,
      '/reports/campaigns': `/reports/campaigns`,
      '/reports/performance': `/reports/performance`,
      '/reports/performance.csv': `/reports/performance.csv`,
      '/reports/customers': `/reports/customers`,
      '/reports/customers.csv': `/reports/customers.csv`,
      '/reports/market': `/reports/market`,
      '/reports/market.csv': `/reports/market.csv`,
      '/segments/{id}/customers': `/segments/${segment.id}/customers`,
      '/customers/{id}/segments': `/customers/${customer.id}/segments`,
      '/leads/{id}/customer-matches': `/leads/${lead.id}/customer-matches`,
      '/opportunities/{id}/contacts': `/opportunities/${deal.id}/contacts`,
    };
  });

  const keyWith = async (scopes: string[]) => {
    const res = await kit.request(kit.acme.users.admin, 'POST', '/api-keys', { name: 'Scoped', scopes });
    expect(res.status).toBe(201);
    return ((await res.json()) as { key: string }).key;
  };
  const get_ = (key: string, path: string) =>
    kit.app.request(`/api/crm${path}`, { headers: { authorization: `Bearer ${key}` } });

  const send = (key: string, method: string, path: string, body: string, type: string) =>
    kit.app.request(`/api/crm${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': type },
      body,
    });

  it('reads an export and writes an import only with the scope of the resource they name', async () => {
    expect((await get_(await keyWith(['exports:read']), '/exports/customers')).status).toBe(403);
    expect((await get_(await keyWith(['customers:read']), '/exports/opportunities')).status).toBe(403);
    expect((await get_(await keyWith(['customers:read']), '/exports/customers')).status).toBe(200);
    const csv = 'name\nImported by a key\n';
    for (const scope of ['imports:write', 'contacts:write', 'customers:read']) {
      const res = await send(await keyWith([scope]), 'POST', '/imports/customers', csv, 'text/csv');
      expect(res.status, scope).toBe(403);
    }
    const allowed = await send(await keyWith(['customers:write']), 'POST', '/imports/customers', csv, 'text/csv');
    expect(allowed.status, await allowed.clone().text()).not.toBe(403);
  });

  it('refuses each bulk record whose resource the key may not write, and writes the rest', async () => {
    const key = await keyWith(['customers:write']);
    const body = [
      { resource: 'customers', data: { name: 'Bulk by a customers key' } },
      { resource: 'contacts', data: { name: 'Not allowed' } },
    ]
      .map((record) => JSON.stringify(record))
      .join('\n');
    const res = await send(key, 'POST', '/bulk', body, 'application/x-ndjson');
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { index?: number; status?: number; detail?: string });
    expect(lines[0]).toMatchObject({ index: 0, status: 201 });
    expect(lines[1]).toMatchObject({ index: 1, status: 403 });
    expect(lines[1]!.detail).toContain('contacts');
    const contacts = await kit.request(kit.acme.users.admin, 'GET', '/contacts?q=Not%20allowed');
    expect(((await contacts.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("gives a customer's summary without its segments to a key that may not read segments", async () => {
    const reads = COMBINED_READS.find((r) => r.route === '/customers/{id}/summary')!.reads;
    const without = await get_(await keyWith(reads.map((r) => `${r}:read`)), paths['/customers/{id}/summary']!);
    expect(without.status).toBe(200);
    expect(((await without.json()) as { segments: unknown[] }).segments).toEqual([]);
    const buyers = await kit.request(kit.acme.users.admin, 'POST', '/segments', {
      name: 'Scoped buyers',
      rules: { field: 'orderCount', op: 'gte', value: 1 },
    });
    expect(buyers.status).toBe(201);
    const withSegments = await get_(
      await keyWith([...reads, 'segments'].map((r) => `${r}:read`)),
      paths['/customers/{id}/summary']!,
    );
    const named = ((await withSegments.json()) as { segments: { name: string }[] }).segments.map((x) => x.name);
    expect(named).toContain('Scoped buyers');
  });

  it('lets a POST that only reads through with read access to each resource it reads', async () => {
    const body = JSON.stringify({ rules: { field: 'kind', op: 'eq', value: 'company' } });
    const count = (key: string) => send(key, 'POST', '/segments/count', body, 'application/json');
    expect((await count(await keyWith(['segments:read']))).status).toBe(403);
    expect((await count(await keyWith(['customers:read']))).status).toBe(403);
    const res = await count(await keyWith(['segments:read', 'customers:read']));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ count: expect.any(Number), countLimit: 10_000 });
  });

  for (const { route, reads } of COMBINED_READS) {
    it(`refuses ${route} to a key lacking any one of ${reads.join(', ')}`, async () => {
      for (const left of reads) {
        const key = await keyWith(reads.filter((r) => r !== left).map((r) => `${r}:read`));
        const res = await get_(key, paths[route]!);
        expect(res.status, `without ${left}`).toBe(403);
        expect(((await res.json()) as { detail: string }).detail).toContain(left);
      }
      // The route's own resource alone, as before the fix, is not enough either.
      expect((await get_(await keyWith([`${reads[0]}:read`]), paths[route]!)).status).toBe(403);
      const all = await get_(await keyWith(reads.map((r) => `${r}:read`)), paths[route]!);
      // Passes the scope check (the funnel may still answer 400 or 404 for its own reasons).
      expect(all.status, route).not.toBe(403);
      if (route !== '/reports/funnel') expect(all.status, route).toBe(200);
      expect((await get_(await keyWith(['*:read']), paths[route]!)).status).not.toBe(403);
    });
  }
});
