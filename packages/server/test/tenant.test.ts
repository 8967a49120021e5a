import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';

type Json = Record<string, unknown>;

/**
 * A hostile tenant: Globex knows every id of Acme's and tries them in every place an id goes.
 * (Per-route reads, writes, trash, restore and history of foreign ids are in resources.test.ts.)
 */
describe.each(testDatabases())('hostile tenant on $name', ({ get }) => {
  let kit: TestKit;
  let acme: Member;
  let globex: Member;
  const acmeIds: Record<string, string> = {};

  const send = async (who: Member, method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await kit.request(who, method, path, body, headers);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
    acme = kit.acme.users.admin;
    globex = kit.globex.users.admin;
    // Both organizations hold records with the same names and external ids.
    for (const who of [acme, globex]) {
      const customer = (
        await send(who, 'POST', '/customers', {
          name: 'Overlap Trading',
          externalId: 'ERP-1',
          emails: ['buyer@overlap.example'],
        })
      ).body;
      const pipeline = (
        await send(who, 'POST', '/pipelines', {
          name: 'Sales',
          stages: [
            { name: 'Open', probability: 10 },
            { name: 'Won', probability: 100, kind: 'won' },
          ],
        })
      ).body;
      const stages = pipeline.stages as { id: string }[];
      const deal = (
        await send(who, 'POST', '/opportunities', {
          name: 'Overlap deal',
          customerId: customer.id,
          pipelineId: pipeline.id,
          stageId: stages[0]!.id,
          currency: 'USD',
          amount: 100,
        })
      ).body;
      const contact = (await send(who, 'POST', '/contacts', { name: 'Overlap Person', customerId: customer.id })).body;
      if (who === acme)
        Object.assign(acmeIds, {
          customer: customer.id,
          pipeline: pipeline.id,
          stage: stages[0]!.id,
          deal: deal.id,
          contact: contact.id,
        });
    }
    await send(acme, 'POST', '/customers', {
      name: 'Acme Secret Account',
      emails: ['secret@acme-only.example'],
      phones: ['+1 555 9999'],
    });
  });

  it('finds nothing of the other organization by search, email or phone', async () => {
    for (const q of ['secret', 'acme-only', '5559999', 'Acme Secret']) {
      const page = await send(globex, 'GET', `/customers?q=${encodeURIComponent(q)}`);
      expect(page.body.items, q).toEqual([]);
    }
    const overlap = (await send(globex, 'GET', '/customers?q=overlap')).body.items as Json[];
    expect(overlap.map((c) => c.id)).not.toContain(acmeIds.customer);
  });

  it('gets nothing through list filters naming the other organization ids', async () => {
    for (const path of [
      `/contacts?customerId=${acmeIds.customer}`,
      `/opportunities?customerId=${acmeIds.customer}`,
      `/opportunities?pipelineId=${acmeIds.pipeline}`,
      `/opportunities?stageId=${acmeIds.stage}`,
      `/activities?customerId=${acmeIds.customer}`,
      `/activities?opportunityId=${acmeIds.deal}`,
      `/orders?customerId=${acmeIds.customer}`,
      `/cases?customerId=${acmeIds.customer}`,
      `/customers?ownerId=${acme.userId}`,
      `/users?teamId=${acmeIds.customer}`,
    ]) {
      const res = await send(globex, 'GET', path);
      expect(res.status, path).toBe(200);
      expect(res.body.items, path).toEqual([]);
    }
  });

  it('refuses records that point at the other organization, and writes nothing', async () => {
    const attempts: [string, Json, string][] = [
      ['/contacts', { name: 'Spy', customerId: acmeIds.customer }, 'customerId'],
      ['/activities', { type: 'note', subject: 'Spy', customerId: acmeIds.customer }, 'customerId'],
      ['/activities', { type: 'note', subject: 'Spy', opportunityId: acmeIds.deal }, 'opportunityId'],
      ['/cases', { subject: 'Spy', customerId: acmeIds.customer }, 'customerId'],
      ['/customers', { name: 'Spy', ownerId: acme.userId }, 'ownerId'],
      ['/teams', { name: 'Spy', managerId: acme.userId }, 'managerId'],
    ];
    for (const [path, body, field] of attempts) {
      const res = await send(globex, 'POST', path, body);
      expect(res.status, path).toBe(400);
      expect(
        (res.body.errors as { path: string }[]).map((e) => e.path),
        path,
      ).toContain(field);
    }
    // An order follows its customer's visibility; the foreign customer is named like other references.
    const order = await send(globex, 'POST', '/orders', {
      customerId: acmeIds.customer,
      totalAmount: 1,
      currency: 'USD',
      placedAt: '2026-01-01T00:00:00Z',
    });
    expect(order.status).toBe(400);
    expect(order.body.errors).toEqual([
      { path: 'customerId', code: 'not_found', message: 'No such record in this organization' },
    ]);
    const globexCustomer = ((await send(globex, 'GET', '/customers?q=overlap')).body.items as Json[])[0]!;
    const moved = await send(globex, 'POST', '/opportunities', {
      name: 'Spy deal',
      customerId: globexCustomer.id,
      pipelineId: acmeIds.pipeline,
      stageId: acmeIds.stage,
      currency: 'USD',
    });
    expect(moved.status).toBe(400);
    expect((await send(acme, 'GET', `/contacts?customerId=${acmeIds.customer}`)).body.items).toHaveLength(1);
    expect((await send(acme, 'GET', `/activities?customerId=${acmeIds.customer}`)).body.items).toEqual([]);
    expect((await send(acme, 'GET', `/orders?customerId=${acmeIds.customer}`)).body.items).toEqual([]);
  });

  it('keeps idempotency keys and external ids apart per organization', async () => {
    const key = `shared-key-${Date.now()}`;
    const a = await send(acme, 'POST', '/leads', { name: 'Lead A' }, { 'idempotency-key': key });
    const b = await send(globex, 'POST', '/leads', { name: 'Lead A' }, { 'idempotency-key': key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    const byExternal = (await send(globex, 'GET', '/customers?externalId=ERP-1')).body.items as Json[];
    expect(byExternal).toHaveLength(1);
    expect(byExternal[0]!.id).not.toBe(acmeIds.customer);
  });

  it("tells each caller only their own organization's session", async () => {
    const me = await send(globex, 'GET', '/auth/session');
    expect((me.body.organization as Json).id).toBe(kit.globex.id);
  });
});
