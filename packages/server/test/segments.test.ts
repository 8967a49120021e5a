import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type TestKit } from './kit.js';

type Json = Record<string, unknown>;

describe.each(testDatabases())('segments on $name', ({ get }) => {
  let kit: TestKit;
  const send = async (method: string, path: string, body?: unknown, who = 'admin' as 'admin' | 'rep') => {
    const res = await kit.request(kit.acme.users[who], method, path, body);
    return { status: res.status, body: (await res.json()) as Json };
  };
  const members = async (rules: unknown, who: 'admin' | 'rep' = 'admin') => {
    const segment = await send('POST', '/segments', { name: `S ${Math.random()}`, rules });
    expect(segment.status, JSON.stringify(segment.body)).toBe(201);
    const page = await send('GET', `/segments/${String(segment.body.id)}/customers?limit=200`, undefined, who);
    return (page.body.items as { name: string }[]).map((c) => c.name).sort();
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
    const make = async (body: Json) => (await send('POST', '/customers', body)).body.id as string;
    const west = await make({
      name: 'West Big',
      region: 'West',
      tags: ['vip'],
      lifecycleStage: 'customer',
      ownerId: kit.acme.users.rep.userId,
    });
    const westSmall = await make({ name: 'West Small', region: 'West', lifecycleStage: 'customer' });
    await make({ name: 'East Quiet', region: 'East', lifecycleStage: 'prospect' });
    const order = (customerId: string, totalAmount: number, currency: string, daysAgo: number) =>
      send('POST', '/orders', {
        customerId,
        totalAmount,
        currency,
        placedAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
      });
    await order(west, 150_000, 'USD', 10);
    await order(west, 10_000, 'EUR', 200); // 11,000 in USD at the organization's rate of 1.1
    await order(westSmall, 5_000, 'USD', 400);
  });

  it('matches customers by what they are and how they buy, re-evaluated as data changes', async () => {
    expect(await members({ field: 'region', op: 'eq', value: 'West' })).toEqual(['West Big', 'West Small']);
    expect(
      await members({
        all: [
          { field: 'region', op: 'eq', value: 'West' },
          { field: 'lifetimeValue', op: 'gte', value: 160_000 },
        ],
      }),
    ).toEqual(['West Big']);
    expect(await members({ field: 'lifetimeValue', op: 'gt', value: 161_000 })).toEqual([]);
    expect(await members({ field: 'orderCount', op: 'eq', value: 0 })).toEqual(['East Quiet']);
    expect(await members({ field: 'lastOrderDaysAgo', op: 'gt', value: 365 })).toEqual(['East Quiet', 'West Small']);
    expect(
      await members({
        any: [
          { field: 'tags', op: 'contains', value: 'vip' },
          { field: 'lifecycleStage', op: 'eq', value: 'prospect' },
        ],
      }),
    ).toEqual(['East Quiet', 'West Big']);
    const segment = await send('POST', '/segments', {
      name: 'Prospects',
      rules: { field: 'lifecycleStage', op: 'eq', value: 'prospect' },
    });
    const before = await send('GET', `/segments/${String(segment.body.id)}/customers`);
    expect((before.body.items as Json[]).length).toBe(1);
    const quiet = (before.body.items as Json[])[0]!;
    await send('PATCH', `/customers/${String(quiet.id)}`, { lifecycleStage: 'customer' });
    const after = await send('GET', `/segments/${String(segment.body.id)}/customers`);
    expect(after.body.items).toEqual([]);
  });

  it('shows each member only the customers they may see', async () => {
    expect(await members({ field: 'region', op: 'eq', value: 'West' }, 'rep')).toEqual(['West Big']);
  });

  it('refuses rules that cannot be evaluated, naming where', async () => {
    const bad = await send('POST', '/segments', {
      name: 'Bad',
      rules: {
        all: [
          { field: 'region', op: 'eq', value: 'West' },
          { field: 'orderCount', op: 'gt', value: 'many' },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[])[0]!.path).toBe('rules.all.1');
  });
});
