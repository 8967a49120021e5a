import { beforeAll, describe, expect, it } from 'vitest';
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

  it('keeps user and team management to admins', async () => {
    const { rep, manager } = kit.acme.users;
    expect((await send(rep, 'POST', '/users', { email: 'x@acme.test', name: 'X' })).status).toBe(403);
    expect((await send(manager, 'PATCH', `/users/${rep.userId}`, { role: 'admin' })).status).toBe(403);
    expect((await send(rep, 'POST', '/teams', { name: 'Mine' })).status).toBe(403);
    expect((await send(kit.acme.users.admin, 'PATCH', `/users/${rep.userId}`, { role: 'owner' })).status).toBe(403);
  });
});
