import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type TestKit } from './kit.js';

type Json = Record<string, unknown>;

describe.each(testDatabases())('segments on $name', ({ get }) => {
  let kit: TestKit;
  type Who = 'admin' | 'rep' | 'viewer' | 'globex';
  const send = async (method: string, path: string, body?: unknown, who: Who = 'admin') => {
    const caller = who === 'globex' ? kit.globex.users.admin : kit.acme.users[who];
    const res = await kit.request(caller, method, path, body);
    return { status: res.status, body: (await res.json()) as Json };
  };
  const members = async (rules: unknown, who: Who = 'admin') => {
    const segment = await send('POST', '/segments', { name: `S ${Math.random()}`, rules });
    expect(segment.status, JSON.stringify(segment.body)).toBe(201);
    const page = await send('GET', `/segments/${String(segment.body.id)}/customers?limit=200`, undefined, who);
    return (page.body.items as { name: string }[]).map((c) => c.name).sort();
  };

  const ids: Record<string, string> = {};
  const names = (page: { body: Json }) => (page.body.items as { name: string }[]).map((c) => c.name).sort();

  beforeAll(async () => {
    kit = await createTestKit(get());
    const make = async (body: Json) =>
      (ids[body.name as string] = (await send('POST', '/customers', body)).body.id as string);
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

  it('filters the customer list by a segment, with the other filters, as the segment lists them', async () => {
    const segment = await send('POST', '/segments', {
      name: 'West',
      rules: { field: 'region', op: 'eq', value: 'West' },
    });
    const id = String(segment.body.id);
    expect(names(await send('GET', `/customers?segmentId=${id}&limit=200`))).toEqual(['West Big', 'West Small']);
    expect(names(await send('GET', `/customers?segmentId=${id}&tag=vip`))).toEqual(['West Big']);
    expect(names(await send('GET', `/customers?segmentId=${id}`, undefined, 'rep'))).toEqual(['West Big']);
    const unknown = await send('GET', '/customers?segmentId=01900000-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'segmentId', code: 'invalid_value' })]);
    // Another organization's segment is unknown here, and a trashed one is no longer a filter.
    expect((await send('GET', `/customers?segmentId=${id}`, undefined, 'globex')).status).toBe(400);
    expect((await send('DELETE', `/segments/${id}`)).status).toBe(200);
    expect((await send('GET', `/customers?segmentId=${id}`)).status).toBe(400);
  });

  it('counts the customers a rule matches before it is saved, as the caller sees them', async () => {
    const rules = { field: 'region', op: 'eq', value: 'West' };
    expect((await send('POST', '/segments/count', { rules })).body).toEqual({ count: 2, countLimit: 10_000 });
    expect((await send('POST', '/segments/count', { rules }, 'rep')).body).toMatchObject({ count: 1 });
    expect((await send('POST', '/segments/count', { rules }, 'viewer')).body).toMatchObject({ count: 2 });
    expect((await send('POST', '/segments/count', { rules }, 'globex')).body).toMatchObject({ count: 0 });
    const bad = await send('POST', '/segments/count', {
      rules: { all: [rules, { field: 'lifetimeValue', op: 'contains', value: 'x' }] },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[])[0]!.path).toBe('rules.all.1');
    expect((await send('POST', '/segments/count', { rules: { field: 'nope', op: 'eq', value: 1 } })).status).toBe(400);
  });

  it('lists the segments a customer is in now, to those who may see the customer', async () => {
    const prefix = `In ${Math.random()}`;
    const make = (name: string, rules: unknown) => send('POST', '/segments', { name: `${prefix} ${name}`, rules });
    await make('buyers', { field: 'orderCount', op: 'gte', value: 1 });
    await make('vip', { field: 'tags', op: 'contains', value: 'vip' });
    await make('east', { field: 'region', op: 'eq', value: 'East' });
    const mine = async (customer: string, who: Who = 'admin') => {
      const res = await send('GET', `/customers/${ids[customer]}/segments`, undefined, who);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.items as { name: string }[]).map((s) => s.name).filter((n) => n.startsWith(prefix));
    };
    expect(await mine('West Big')).toEqual([`${prefix} buyers`, `${prefix} vip`]);
    expect(await mine('West Big', 'rep')).toEqual([`${prefix} buyers`, `${prefix} vip`]);
    expect(await mine('West Small')).toEqual([`${prefix} buyers`]);
    await send('PATCH', `/customers/${ids['West Small']}`, { region: 'East' });
    expect(await mine('West Small')).toEqual([`${prefix} buyers`, `${prefix} east`]);
    // The customer's summary names them too.
    const summary = await send('GET', `/customers/${ids['West Small']}/summary`);
    const named = (summary.body.segments as { name: string }[]).map((x) => x.name).filter((n) => n.startsWith(prefix));
    expect(named).toEqual([`${prefix} buyers`, `${prefix} east`]);
    // A customer the rep may not see, and another organization's, are not found.
    expect((await send('GET', `/customers/${ids['West Small']}/segments`, undefined, 'rep')).status).toBe(404);
    expect((await send('GET', `/customers/${ids['West Big']}/segments`, undefined, 'globex')).status).toBe(404);
  });

  it("evaluates the customer analysis' scores alike in the count, the list filter and a customer's segments", async () => {
    const rules = { field: 'rfmSegment', op: 'notEmpty', value: null };
    expect((await send('POST', '/segments/count', { rules })).body).toMatchObject({ count: 2 });
    const scored = await send('POST', '/segments', { name: `Scored ${Math.random()}`, rules });
    const id = String(scored.body.id);
    expect(names(await send('GET', `/customers?segmentId=${id}&limit=200`))).toEqual(['West Big', 'West Small']);
    const mine = await send('GET', `/customers/${ids['West Big']}/segments`);
    expect((mine.body.items as { id: string }[]).map((x) => x.id)).toContain(id);
    const quiet = await send('GET', `/customers/${ids['East Quiet']}/segments`);
    expect((quiet.body.items as { id: string }[]).map((x) => x.id)).not.toContain(id);
  });
});
