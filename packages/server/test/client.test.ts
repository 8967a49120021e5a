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

  it('summarizes a customer: owner, contacts, orders in each currency and the base one, open deals, last and next activity', async () => {
    const customer = await client.customers.create({ name: 'Summary Co' });
    const pipeline = await client.pipelines.create({
      name: 'Summary pipeline',
      stages: [
        { name: 'Open', probability: 20 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    const deal = (stage: number, amount: number, currency: string) =>
      client.opportunities.create({
        name: `Deal ${amount}`,
        customerId: customer.id,
        pipelineId: pipeline.id,
        stageId: pipeline.stages[stage]!.id,
        currency,
        amount,
      });
    await deal(0, 1000, 'USD');
    await deal(0, 500, 'EUR');
    await deal(1, 9999, 'USD');
    await client.contacts.create({ name: 'Zed', customerId: customer.id });
    await client.contacts.create({ name: 'Amy', customerId: customer.id, isPrimary: true });
    const order = (totalAmount: number, currency: string, placedAt: string) =>
      client.orders.create({ customerId: customer.id, totalAmount, currency, placedAt });
    await order(10_000, 'USD', '2026-01-01T00:00:00Z');
    await order(20_000, 'USD', '2026-03-01T00:00:00Z');
    await order(1_000, 'EUR', '2026-02-01T00:00:00Z');
    await client.activities.create({
      type: 'call',
      subject: 'Earlier call',
      customerId: customer.id,
      occurredAt: '2026-01-02T00:00:00Z',
    });
    await client.activities.create({
      type: 'email',
      subject: 'Latest email',
      customerId: customer.id,
      occurredAt: '2026-02-02T00:00:00Z',
    });
    await client.activities.create({
      type: 'task',
      subject: 'Later task',
      customerId: customer.id,
      dueAt: '2099-02-01T00:00:00Z',
    });
    await client.activities.create({
      type: 'task',
      subject: 'Sooner task',
      customerId: customer.id,
      dueAt: '2099-01-01T00:00:00Z',
    });

    const summary = await client.customers.summary(customer.id);
    expect(summary.owner?.id).toBe(customer.ownerId);
    expect(summary.contacts.total).toBe(2);
    expect(summary.contacts.items.map((c) => c.name)).toEqual(['Amy', 'Zed']);
    expect(summary.orders.count).toBe(3);
    expect(summary.orders.lifetimeValue).toEqual([
      { currency: 'EUR', amount: '1000' },
      { currency: 'USD', amount: '30000' },
    ]);
    // The test organization's base currency is USD with EUR at 1.1.
    expect(summary.orders.lifetimeValueBase).toEqual({ currency: 'USD', amount: '31100' });
    expect(summary.orders.lastOrder?.placedAt).toBe('2026-03-01T00:00:00.000Z');
    expect(summary.openOpportunities.count).toBe(2);
    expect(summary.openOpportunities.amounts).toEqual([
      { currency: 'EUR', amount: '500' },
      { currency: 'USD', amount: '1000' },
    ]);
    expect(summary.lastActivity?.subject).toBe('Latest email');
    expect(summary.nextActivity?.subject).toBe('Sooner task');
  });

  it('subscribes to the changes the caller may see', async () => {
    const seen: string[] = [];
    const controller = new AbortController();
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    let heardBoth!: () => void;
    const both = new Promise<void>((r) => (heardBoth = r));
    const done = client.subscribe(
      (change) => {
        if (seen.push(`${change.entity}:${change.action}`) === 2) heardBoth();
      },
      { signal: controller.signal, onOpen: opened },
    );
    await open;
    const customer = await client.customers.create({ name: 'Subscribed Co' });
    await client.customers.update(customer.id, { region: 'East' });
    await both;
    controller.abort();
    await done;
    expect(seen).toEqual(['customer:create', 'customer:update']);
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
