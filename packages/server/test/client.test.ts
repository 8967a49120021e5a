import { ApiError, createClient, type CrmClient } from '@crmkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit } from './kit.js';

describe.each(testDatabases())('typed client on $name', ({ get }) => {
  let client: CrmClient;

  beforeAll(async () => {
    const kit = await createTestKit(get());
    const admin = kit.acme.users.admin;
    client = createClient({
      baseUrl: '/api/crm',
      headers: { 'x-test-user': admin.userId },
      fetch: (request) => kit.app.fetch(request),
    });
  });

  it('covers a resource from create to history, with version checks as ApiErrors', async () => {
    const customer = await client.customers.create({ name: 'Client Co', emails: ['hi@client.example'] });
    expect(customer).toMatchObject({ name: 'Client Co', version: 1, kind: 'company' });
    const changed = await client.customers.update(customer.id, { region: 'North' }, { version: 1 });
    expect(changed.version).toBe(2);
    const stale = await client.customers
      .update(customer.id, { region: 'South' }, { version: 1 })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ApiError);
    expect((stale as ApiError).status).toBe(412);
    expect((await client.customers.get(customer.id)).region).toBe('North');
    await client.customers.remove(customer.id, { version: 2 });
    expect((await client.customers.list({ q: 'client co' })).items).toEqual([]);
    expect((await client.customers.list({ q: 'client co', trash: true })).items).toHaveLength(1);
    await client.customers.restore(customer.id);
    const history = await client.customers.history(customer.id);
    expect(history.items.map((h) => h.action)).toEqual(['restore', 'delete', 'update', 'create']);
  });

  it('reaches every resource of the contract', async () => {
    const pipeline = await client.pipelines.create({
      name: 'Client pipeline',
      stages: [
        { name: 'Open', probability: 20 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    const customer = await client.customers.create({ name: 'Every Resource Ltd' });
    const deal = await client.opportunities.create({
      name: 'Deal',
      customerId: customer.id,
      pipelineId: pipeline.id,
      stageId: pipeline.stages[0]!.id,
      currency: 'EUR',
      amount: 1000,
    });
    expect(deal.stageEnteredAt).toEqual(expect.any(String));
    await client.contacts.create({ name: 'Ann', customerId: customer.id });
    await client.activities.create({ type: 'note', subject: 'Hello', customerId: customer.id });
    await client.orders.create({
      customerId: customer.id,
      totalAmount: 500,
      currency: 'EUR',
      placedAt: new Date().toISOString(),
    });
    await client.cases.create({ subject: 'Help', customerId: customer.id });
    await client.leads.create({ name: 'Lead' });
    await client.campaigns.create({ name: 'Campaign' });
    await client.segments.create({ name: 'Segment', rules: { field: 'region', op: 'eq', value: 'North' } });
    await client.teams.create({ name: 'Team' });
    const lists = await Promise.all([
      client.contacts.list({ customerId: customer.id }),
      client.activities.list({ customerId: customer.id }),
      client.orders.list({ customerId: customer.id }),
      client.cases.list({ customerId: customer.id }),
      client.opportunities.list({ customerId: customer.id }),
    ]);
    expect(lists.map((l) => l.items.length)).toEqual([1, 1, 1, 1, 1]);
    expect((await client.users.list()).items.length).toBeGreaterThanOrEqual(6);
    expect(await client.health()).toEqual({ status: 'ok' });
  });
});
