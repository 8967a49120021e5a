import type { Funnel, Problem } from '@crmkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';

type Json = Record<string, unknown>;

/**
 * Query parameters: one name per thing across routes (`pipelineId`), and a parameter a route does
 * not know is a 400 naming it, never silently ignored.
 */
describe.each(testDatabases())('query parameters on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let ids: Record<string, string>;

  const send = async (caller: Member, path: string) => {
    const res = await kit.request(caller, 'GET', path);
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), body: JSON.parse(text) as Json & Problem };
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
    admin = kit.acme.users.admin;
    const post = async (path: string, body: unknown) => {
      const res = await kit.request(admin, 'POST', path, body);
      expect(res.status, path).toBe(201);
      return (await res.json()) as Json;
    };
    const stages = [
      { name: 'Lead', probability: 10, kind: 'open' },
      { name: 'Won', probability: 100, kind: 'won' },
    ];
    await post('/pipelines', { name: 'Default', isDefault: true, stages });
    const other = await post('/pipelines', { name: 'Other', stages });
    const customer = await post('/customers', { name: 'Query Co' });
    const otherStages = other.stages as { id: string }[];
    await post('/opportunities', {
      name: 'Only in Other',
      customerId: customer.id,
      pipelineId: other.id,
      stageId: otherStages[0]!.id,
      amount: 100,
      currency: 'USD',
    });
    const segment = await post('/segments', {
      name: 'All',
      rules: { field: 'kind', op: 'eq', value: 'company' },
    });
    ids = {
      id: String(customer.id),
      pipeline: String(other.id),
      stageId: otherStages[0]!.id,
      segment: String(segment.id),
    };
  });

  it('answers 400 naming an unknown parameter on every GET route of the API', async () => {
    const doc = (await (await kit.app.request('/api/crm/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([, methods]) => 'get' in methods)
      .map(([path]) => path);
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const path = route
        .replace('/pipelines/{id}', `/pipelines/${ids.pipeline}`)
        .replace('/segments/{id}', `/segments/${ids.segment}`)
        .replace('{id}', ids.id!)
        .replace('{stageId}', ids.stageId!);
      // A route's required parameters are given, so that the unknown one is the only fault.
      const required = route === '/search' ? 'q=x&' : '';
      const res = await send(admin, `${path}?${required}bogusParam=1`);
      expect(res.status, route).toBe(400);
      expect(res.type, route).toMatch(/^application\/problem\+json/);
      expect(res.body.errors, route).toEqual([
        { path: 'bogusParam', code: 'unknown_field', message: expect.any(String) },
      ]);
    }
  });

  it('names every unknown parameter, and the funnel its old `pipeline` parameter', async () => {
    const res = await send(admin, `/customers?nme=x&ownerID=${admin.userId}`);
    expect(res.status).toBe(400);
    expect(res.body.errors!.map((e) => e.path).sort()).toEqual(['nme', 'ownerID']);
    const old = await send(admin, `/reports/funnel?pipeline=${ids.pipeline}`);
    expect(old.status).toBe(400);
    expect(old.body.errors!.map((e) => e.path)).toEqual(['pipeline']);
  });

  it('answers the funnel for the pipeline named by pipelineId, as every other route names it', async () => {
    const other = await send(admin, `/reports/funnel?pipelineId=${ids.pipeline}`);
    expect(other.status, JSON.stringify(other.body)).toBe(200);
    const funnel = other.body as unknown as Funnel;
    expect(funnel.pipelineId).toBe(ids.pipeline);
    expect(funnel.name).toBe('Other');
    expect(funnel.deals).toBe(1);
    const byDefault = (await send(admin, '/reports/funnel')).body as unknown as Funnel;
    expect(byDefault.name).toBe('Default');
    const deals = await send(admin, `/opportunities?pipelineId=${ids.pipeline}`);
    expect((deals.body.items as Json[]).map((d) => d.name)).toEqual(['Only in Other']);
  });

  it('still takes every known parameter of a list', async () => {
    const res = await send(admin, `/customers?limit=1&q=query&sort=-name&trash=false&ownerId=${admin.userId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});
