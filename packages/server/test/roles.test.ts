import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/database.js';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';

type Json = Record<string, unknown>;

/**
 * Who sees and changes what, enforced by row-level security: reps their own records, managers
 * those of the teams they manage (down the tree), admins and owners everything, viewers read.
 */
describe.each(testDatabases())('roles and visibility on $name', ({ get }) => {
  let kit: TestKit;
  let ids: Record<'rep' | 'rep2' | 'manager' | 'unowned' | 'sub', string>;
  let subRep: Member;

  const send = async (who: Member, method: string, path: string, body?: unknown) => {
    const res = await kit.request(who, method, path, body);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  };
  const names = async (who: Member, path = '/customers?limit=200&q=vis-') =>
    ((await send(who, 'GET', path)).body.items as { name: string }[]).map((c) => c.name).sort();

  beforeAll(async () => {
    kit = await createTestKit(get());
    const { admin, manager, rep, rep2 } = kit.acme.users;
    // The manager manages "East", which has a sub-team "East Metro"; rep is in East, rep2 in no team.
    const east = (await send(admin, 'POST', '/teams', { name: 'East', managerId: manager.userId })).body;
    const metro = (await send(admin, 'POST', '/teams', { name: 'East Metro', parentId: east.id })).body;
    await send(admin, 'PATCH', `/users/${rep.userId}`, { teamId: east.id });
    const sub = (
      await send(admin, 'POST', '/users', {
        email: `metro-${Date.now()}@acme.test`,
        name: 'Metro Rep',
        role: 'rep',
        teamId: metro.id,
      })
    ).body;
    subRep = { orgId: kit.acme.id, userId: sub.id as string, role: 'rep' };
    kit.addMember(subRep);
    const make = async (name: string, ownerId: string | null) =>
      (await send(admin, 'POST', '/customers', { name, ownerId })).body.id as string;
    ids = {
      rep: await make('vis-rep', rep.userId),
      rep2: await make('vis-rep2', rep2.userId),
      manager: await make('vis-manager', manager.userId),
      unowned: await make('vis-unowned', null),
      sub: await make('vis-sub', subRep.userId),
    };
    // An admin logs a call on the rep's customer: the rep sees it with the customer.
    await send(admin, 'POST', '/activities', { type: 'call', subject: 'vis-call', customerId: ids.rep });
  });

  it('shows a rep only their own records, in lists, search and by id', async () => {
    const { rep } = kit.acme.users;
    expect(await names(rep)).toEqual(['vis-rep']);
    expect((await send(rep, 'GET', `/customers/${ids.rep2}`)).status).toBe(404);
    expect((await send(rep, 'GET', `/customers/${ids.unowned}`)).status).toBe(404);
    expect((await send(rep, 'PATCH', `/customers/${ids.rep2}`, { name: 'stolen' })).status).toBe(404);
    expect((await send(rep, 'DELETE', `/customers/${ids.rep2}`)).status).toBe(404);
    expect((await send(rep, 'GET', `/customers/${ids.rep2}/history`)).status).toBe(404);
    const calls = (await send(rep, 'GET', `/activities?customerId=${ids.rep}`)).body.items as Json[];
    expect(calls.map((a) => a.subject)).toEqual(['vis-call']);
  });

  it('shows a manager the records of everyone in the teams they manage, down the tree, and unassigned ones', async () => {
    expect(await names(kit.acme.users.manager)).toEqual(['vis-manager', 'vis-rep', 'vis-sub', 'vis-unowned']);
    expect((await send(kit.acme.users.manager, 'GET', `/customers/${ids.rep2}`)).status).toBe(404);
  });

  it('shows admins, owners and viewers everything; viewers cannot change anything', async () => {
    const all = ['vis-manager', 'vis-rep', 'vis-rep2', 'vis-sub', 'vis-unowned'];
    expect(await names(kit.acme.users.admin)).toEqual(all);
    expect(await names(kit.acme.users.owner)).toEqual(all);
    expect(await names(kit.acme.users.viewer)).toEqual(all);
    const viewer = kit.acme.users.viewer;
    expect((await send(viewer, 'PATCH', `/customers/${ids.rep}`, { region: 'x' })).status).toBe(403);
    expect((await send(viewer, 'DELETE', `/customers/${ids.rep}`)).status).toBe(403);
    expect(
      (await send(viewer, 'POST', '/activities', { type: 'note', subject: 'x', customerId: ids.rep })).status,
    ).toBe(403);
  });

  it('lets a rep change their own records but not give them away; a manager reassigns within the team', async () => {
    const { rep, rep2, manager } = kit.acme.users;
    expect((await send(rep, 'PATCH', `/customers/${ids.rep}`, { region: 'North' })).status).toBe(200);
    expect((await send(rep, 'PATCH', `/customers/${ids.rep}`, { ownerId: rep2.userId })).status).toBe(403);
    expect((await send(rep, 'POST', '/customers', { name: 'vis-gift', ownerId: rep2.userId })).status).toBe(403);
    expect((await send(manager, 'PATCH', `/customers/${ids.sub}`, { ownerId: rep.userId })).status).toBe(200);
    expect(await names(rep)).toEqual(['vis-rep', 'vis-sub']);
    expect(await names(subRep)).toEqual([]);
  });

  it('moves visibility with reassignment', async () => {
    const { admin, rep, rep2 } = kit.acme.users;
    const moved = await send(admin, 'PATCH', `/customers/${ids.rep2}`, { ownerId: rep.userId });
    expect(moved.status).toBe(200);
    expect(await names(rep)).toContain('vis-rep2');
    expect(await names(rep2)).not.toContain('vis-rep2');
  });

  it("shows a customer's contacts, cases, orders and activities through its owner, and follows a change of owner", async () => {
    const { admin, rep, rep2, manager } = kit.acme.users;
    const customer = (await send(admin, 'POST', '/customers', { name: 'vis-parent', ownerId: rep2.userId })).body.id;
    const other = (await send(admin, 'POST', '/customers', { name: 'vis-other', ownerId: rep2.userId })).body.id;
    // Owned by the admin (their creator): visible to others only through the customer.
    const child = {
      contacts: (await send(admin, 'POST', '/contacts', { name: 'vis-contact', customerId: customer })).body.id,
      cases: (await send(admin, 'POST', '/cases', { subject: 'vis-case', customerId: customer })).body.id,
      orders: (
        await send(admin, 'POST', '/orders', {
          customerId: customer,
          totalAmount: 100,
          currency: 'USD',
          placedAt: new Date().toISOString(),
        })
      ).body.id,
      activities: (
        await send(admin, 'POST', '/activities', { type: 'note', subject: 'vis-note', customerId: customer })
      ).body.id,
    };
    const seen = async (who: Member) => {
      const found: string[] = [];
      for (const [path, id] of Object.entries(child)) {
        const listed = (await send(who, 'GET', `/${path}?customerId=${customer}`)).body.items as Json[];
        const byId = (await send(who, 'GET', `/${path}/${id as string}`)).status;
        expect(byId === 200, `${path} by id`).toBe(listed.some((r) => r.id === id));
        if (byId === 200) found.push(path);
      }
      return found.sort();
    };
    const all = ['activities', 'cases', 'contacts', 'orders'];
    expect(await seen(rep2)).toEqual(all);
    expect(await seen(rep)).toEqual([]);
    expect(await seen(manager)).toEqual([]);

    // The customer goes to the rep (in the manager's team): its records go with it.
    expect((await send(admin, 'PATCH', `/customers/${customer}`, { ownerId: rep.userId })).status).toBe(200);
    expect(await seen(rep)).toEqual(all);
    expect(await seen(manager)).toEqual(all);
    expect(await seen(rep2)).toEqual([]);
    // The rep cannot read them through a list that does not name the customer either.
    expect(((await send(rep2, 'GET', '/orders?limit=200')).body.items as Json[]).map((o) => o.id)).not.toContain(
      child.orders,
    );

    // A contact moved to another customer is seen through that one.
    expect((await send(admin, 'PATCH', `/contacts/${child.contacts}`, { customerId: other })).status).toBe(200);
    expect((await send(rep, 'GET', `/contacts/${child.contacts}`)).status).toBe(404);
    expect((await send(rep2, 'GET', `/contacts/${child.contacts}`)).status).toBe(200);

    // Unowned customers' records are the manager's, not a rep's.
    expect((await send(admin, 'PATCH', `/customers/${customer}`, { ownerId: null })).status).toBe(200);
    expect(await seen(manager)).toEqual(['activities', 'cases', 'orders']);
    expect(await seen(rep)).toEqual([]);
  });

  it("shows a deal's activities through the deal's owner, and follows a change of owner", async () => {
    const { admin, rep, rep2 } = kit.acme.users;
    const stages = [
      { name: 'New', probability: 10 },
      { name: 'Won', probability: 100, kind: 'won' },
    ];
    const pipeline = (await send(admin, 'POST', '/pipelines', { name: 'vis-pipeline', stages })).body as {
      id: string;
      stages: { id: string }[];
    };
    const customer = (await send(admin, 'POST', '/customers', { name: 'vis-deal-customer', ownerId: admin.userId }))
      .body.id;
    const deal = (
      await send(admin, 'POST', '/opportunities', {
        name: 'vis-deal',
        customerId: customer,
        pipelineId: pipeline.id,
        stageId: pipeline.stages[0]!.id,
        currency: 'USD',
        ownerId: rep2.userId,
      })
    ).body.id as string;
    const note = (
      await send(admin, 'POST', '/activities', { type: 'note', subject: 'vis-deal-note', opportunityId: deal })
    ).body.id as string;
    expect((await send(rep2, 'GET', `/activities/${note}`)).status).toBe(200);
    expect((await send(rep, 'GET', `/activities/${note}`)).status).toBe(404);
    expect((await send(admin, 'PATCH', `/opportunities/${deal}`, { ownerId: rep.userId })).status).toBe(200);
    expect((await send(rep, 'GET', `/activities/${note}`)).status).toBe(200);
    expect(((await send(rep, 'GET', `/activities?opportunityId=${deal}`)).body.items as Json[]).length).toBe(1);
    expect((await send(rep2, 'GET', `/activities/${note}`)).status).toBe(404);
  });

  it("keeps the copies of parents' owners to the database: a writer cannot set them", async () => {
    const { admin, rep, rep2 } = kit.acme.users;
    const customer = (await send(admin, 'POST', '/customers', { name: 'vis-forged', ownerId: rep2.userId })).body.id;
    // Not a field of the API.
    const forged = await send(rep, 'POST', '/contacts', {
      name: 'vis-forged-contact',
      customerId: customer,
      customerOwnerId: rep.userId,
    });
    expect(forged.status).toBe(400);
    // Nor through SQL as the kit's role: the trigger takes the customer's owner whatever was written.
    const mine = (await send(rep, 'POST', '/contacts', { name: 'vis-own-contact' })).body.id as string;
    expect((await send(admin, 'PATCH', `/contacts/${mine}`, { customerId: customer })).status).toBe(200);
    await inOrg(get().db, rep, (tx) =>
      tx.execute(sql`update crm.contacts set customer_owner_id = ${rep.userId} where id = ${mine}`),
    );
    const [row] = await inOrg(get().db, { orgId: kit.acme.id }, (tx) =>
      rows<{ owner: string }>(tx, sql`select customer_owner_id::text as owner from crm.contacts where id = ${mine}`),
    );
    expect(row!.owner).toBe(rep2.userId);
  });

  it('keeps user and team management to admins', async () => {
    const { rep, manager } = kit.acme.users;
    expect((await send(rep, 'POST', '/users', { email: 'x@acme.test', name: 'X' })).status).toBe(403);
    expect((await send(manager, 'PATCH', `/users/${rep.userId}`, { role: 'admin' })).status).toBe(403);
    expect((await send(rep, 'POST', '/teams', { name: 'Mine' })).status).toBe(403);
    expect((await send(kit.acme.users.admin, 'PATCH', `/users/${rep.userId}`, { role: 'owner' })).status).toBe(403);
  });
});
