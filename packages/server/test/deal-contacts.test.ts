// The contacts on a deal and their roles (`/opportunities/{id}/contacts`): who may see and change
// them, the deal's contactId kept in step with the primary mark, and each change a write of the deal
// (a version, a history entry, a change event).
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';
import { subscribe } from './support/event-stream.js';

describe.each(testDatabases())('contacts on a deal on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member, rep: Member, rep2: Member, viewer: Member, support: Member;
  let pipelineId: string;
  let stageId: string;
  let run = 0;

  const created = async (who: Member, path: string, body: Json) => {
    const reply = await kit.send(who, 'POST', path, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body as unknown as Json & { id: string; version: number };
  };
  /** A customer of `who`, two of its contacts, and a deal of `who` on it. */
  const dealWithContacts = async (who: Member = rep) => {
    const customer = await created(who, '/customers', { name: `Buyer ${run++}`, ownerId: who.userId });
    const ann = await created(who, '/contacts', {
      name: 'Ann Buyer',
      customerId: customer.id,
      emails: ['ann@buyer.test'],
      phones: ['+1 555 0100'],
    });
    const bob = await created(who, '/contacts', { name: 'Bob Engineer', customerId: customer.id });
    const deal = await created(who, '/opportunities', {
      name: `Deal ${run++}`,
      customerId: customer.id,
      pipelineId,
      stageId,
      currency: 'USD',
      ownerId: who.userId,
    });
    return { customer, ann, bob, deal };
  };
  const put = (who: Member, deal: string, contact: string, body: unknown, headers?: Record<string, string>) =>
    kit.send(who, 'PUT', `/opportunities/${deal}/contacts/${contact}/role`, body, headers);
  const remove = (who: Member, deal: string, contact: string, headers?: Record<string, string>) =>
    kit.send(who, 'DELETE', `/opportunities/${deal}/contacts/${contact}/role`, undefined, headers);
  const listed = async (who: Member, deal: string) => {
    const reply = await kit.send(who, 'GET', `/opportunities/${deal}/contacts`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return (reply.body.items as Json[]).map((c) => [c.name, c.role, c.isPrimary]);
  };
  const dealOf = async (id: string) => (await kit.send(admin, 'GET', `/opportunities/${id}`)).body;

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep, rep2, viewer, support } = kit.acme.users);
    const pipeline = await created(admin, '/pipelines', {
      name: 'Sales',
      stages: [
        { name: 'Discovery', probability: 10 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    pipelineId = pipeline.id;
    stageId = String((pipeline.stages as Json[])[0]!.id);
  });

  it('adds contacts in roles, the first one primary, and lists them with how to reach them', async () => {
    const { ann, bob, deal } = await dealWithContacts();
    const first = await put(rep, deal.id, ann.id, { role: 'decision_maker' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.res.headers.get('etag')).toBe('"2"');
    expect(first.body.items).toEqual([
      expect.objectContaining({
        contactId: ann.id,
        role: 'decision_maker',
        isPrimary: true,
        name: 'Ann Buyer',
        emails: ['ann@buyer.test'],
        phones: ['+1 555 0100'],
      }),
    ]);
    // The deal had no primary contact: the first one added became it.
    expect((await dealOf(deal.id)).contactId).toBe(ann.id);

    expect((await put(rep, deal.id, bob.id, { role: 'technical_buyer' })).status).toBe(201);
    expect(await listed(rep, deal.id)).toEqual([
      ['Ann Buyer', 'decision_maker', true],
      ['Bob Engineer', 'technical_buyer', false],
    ]);
    // Putting the same role again changes nothing: 200, and the deal keeps its version.
    const again = await put(rep, deal.id, bob.id, { role: 'technical_buyer' });
    expect(again.status).toBe(200);
    expect((await dealOf(deal.id)).version).toBe(3);
  });

  it('changes a role, switches the primary contact in step with the deal’s contactId, and removes', async () => {
    const { ann, bob, deal } = await dealWithContacts();
    await put(rep, deal.id, ann.id, { role: 'influencer' });
    await put(rep, deal.id, bob.id, { role: 'user' });

    const recast = await put(rep, deal.id, ann.id, { role: 'champion' });
    expect(recast.status).toBe(200);
    expect(await listed(rep, deal.id)).toEqual([
      ['Ann Buyer', 'champion', true],
      ['Bob Engineer', 'user', false],
    ]);

    expect((await put(rep, deal.id, bob.id, { role: 'user', primary: true })).status).toBe(200);
    expect((await dealOf(deal.id)).contactId).toBe(bob.id);
    expect(await listed(rep, deal.id)).toEqual([
      ['Bob Engineer', 'user', true],
      ['Ann Buyer', 'champion', false],
    ]);

    // A PATCH of the deal's contactId moves the mark back.
    const current = await dealOf(deal.id);
    const patched = await kit.send(rep, 'PATCH', `/opportunities/${deal.id}`, { contactId: ann.id });
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(Number(current.version) + 1);
    expect(await listed(rep, deal.id)).toEqual([
      ['Ann Buyer', 'champion', true],
      ['Bob Engineer', 'user', false],
    ]);

    // Removing the primary contact clears the deal's contactId; the other stays, not primary.
    const removed = await remove(rep, deal.id, ann.id);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.items).toEqual([expect.objectContaining({ contactId: bob.id, isPrimary: false })]);
    expect((await dealOf(deal.id)).contactId).toBeNull();
    expect((await remove(rep, deal.id, ann.id)).status).toBe(404);
  });

  it('adds the contact a deal is created with as its primary contact', async () => {
    const customer = await created(rep, '/customers', { name: `Buyer ${run++}`, ownerId: rep.userId });
    const carol = await created(rep, '/contacts', { name: 'Carol', customerId: customer.id });
    const deal = await created(rep, '/opportunities', {
      name: 'With a contact',
      customerId: customer.id,
      contactId: carol.id,
      pipelineId,
      stageId,
      currency: 'USD',
    });
    expect(await listed(rep, deal.id)).toEqual([['Carol', 'other', true]]);
  });

  it('refuses a contact of another customer as it refuses an unknown id, and changes nothing', async () => {
    const { deal } = await dealWithContacts();
    const other = await dealWithContacts();
    const foreign = await put(rep, deal.id, other.ann.id, { role: 'champion' });
    const unknown = await put(rep, deal.id, '01900000-0000-7000-8000-000000000000', { role: 'champion' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ path: 'contactId', code: 'not_found' })]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual(foreign.body.errors);
    // A contact of another organization is no different.
    const globex = kit.globex.users.admin;
    const globexCustomer = await created(globex, '/customers', { name: 'Elsewhere' });
    const globexContact = await created(globex, '/contacts', { name: 'Zed', customerId: globexCustomer.id });
    expect((await put(rep, deal.id, globexContact.id, { role: 'champion' })).body.errors).toEqual(foreign.body.errors);
    // A role not in the list is a 400 on role.
    const { ann } = await dealWithContacts();
    const badRole = await put(rep, deal.id, ann.id, { role: 'boss' });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors).toEqual([expect.objectContaining({ path: 'role' })]);
    expect(await listed(rep, deal.id)).toEqual([]);
    expect((await dealOf(deal.id)).version).toBe(1);
  });

  it('lets only those who may edit the deal change its contacts', async () => {
    const { ann, deal } = await dealWithContacts(rep);
    // Another rep does not see the deal: the same 404 as editing it.
    expect((await kit.send(rep2, 'PATCH', `/opportunities/${deal.id}`, { name: 'x' })).status).toBe(404);
    expect((await put(rep2, deal.id, ann.id, { role: 'champion' })).status).toBe(404);
    expect((await kit.send(rep2, 'GET', `/opportunities/${deal.id}/contacts`)).status).toBe(404);
    // Viewers read, but change nothing.
    const byViewer = await put(viewer, deal.id, ann.id, { role: 'champion' });
    expect(byViewer.status).toBe(403);
    expect(await listed(viewer, deal.id)).toEqual([]);
    // Support agents have no deals.
    expect((await put(support, deal.id, ann.id, { role: 'champion' })).status).toBe(403);
    expect((await kit.send(support, 'GET', `/opportunities/${deal.id}/contacts`)).status).toBe(403);
    // A manager and an admin may.
    expect((await put(admin, deal.id, ann.id, { role: 'champion' })).status).toBe(201);
    expect((await remove(viewer, deal.id, ann.id)).status).toBe(403);
    expect((await remove(rep2, deal.id, ann.id)).status).toBe(404);
    expect(await listed(rep, deal.id)).toEqual([['Ann Buyer', 'champion', true]]);
    // Another organization sees no such deal.
    expect((await kit.send(kit.globex.users.admin, 'GET', `/opportunities/${deal.id}/contacts`)).status).toBe(404);
  });

  it('holds writes to If-Match and writes the deal’s history and change events', async () => {
    const { ann, bob, deal } = await dealWithContacts();
    const feed = await subscribe(kit, rep);
    const stale = await put(rep, deal.id, ann.id, { role: 'champion' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect(await listed(rep, deal.id)).toEqual([]);

    await put(rep, deal.id, ann.id, { role: 'champion' }, { 'if-match': '"1"' });
    await put(rep, deal.id, ann.id, { role: 'economic_buyer' });
    await put(rep, deal.id, bob.id, { role: 'user' });
    await remove(rep, deal.id, bob.id, { 'if-match': '"4"' });

    const history = await kit.send(rep, 'GET', `/opportunities/${deal.id}/history`);
    const entries = (history.body.items as Json[]).slice(0, 4).reverse();
    const contactsOf = (side: unknown) => (side as { contacts?: unknown }).contacts;
    expect(entries.map((e) => [e.action, contactsOf(e.before), contactsOf(e.after)])).toEqual([
      ['update', [], [{ contactId: ann.id, role: 'champion', primary: true }]],
      [
        'update',
        [{ contactId: ann.id, role: 'champion', primary: true }],
        [{ contactId: ann.id, role: 'economic_buyer', primary: true }],
      ],
      [
        'update',
        [{ contactId: ann.id, role: 'economic_buyer', primary: true }],
        expect.arrayContaining([
          { contactId: ann.id, role: 'economic_buyer', primary: true },
          { contactId: bob.id, role: 'user', primary: false },
        ]),
      ],
      [
        'update',
        expect.arrayContaining([{ contactId: bob.id, role: 'user', primary: false }]),
        [{ contactId: ann.id, role: 'economic_buyer', primary: true }],
      ],
    ]);
    // The first change also set the deal's contactId, and says so.
    expect(entries[0]!.before).toMatchObject({ contactId: null });
    expect(entries[0]!.after).toMatchObject({ contactId: ann.id });

    await feed.received((c) => c.id === deal.id && c.version === 5);
    // (The deal's create may reach the stream after it opened: only the changes after it count.)
    expect(feed.changes.filter((c) => c.id === deal.id && c.version > 1).map((c) => [c.action, c.version])).toEqual([
      ['update', 2],
      ['update', 3],
      ['update', 4],
      ['update', 5],
    ]);
    await feed.close();
  });

  it('moves a merged contact’s roles onto the kept contact', async () => {
    const { ann, bob, deal } = await dealWithContacts(admin);
    const other = await created(admin, '/opportunities', {
      name: 'Other deal',
      customerId: ann.customerId,
      pipelineId,
      stageId,
      currency: 'USD',
    });
    await put(admin, deal.id, ann.id, { role: 'champion' });
    await put(admin, deal.id, bob.id, { role: 'user' });
    await put(admin, other.id, bob.id, { role: 'influencer' });
    // Bob is merged into Ann: on the deal with both, Ann keeps her row; on the other, Ann takes Bob's.
    const merged = await kit.send(admin, 'POST', `/contacts/${ann.id}/merge`, { from: bob.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(await listed(admin, deal.id)).toEqual([['Ann Buyer', 'champion', true]]);
    expect(await listed(admin, other.id)).toEqual([['Ann Buyer', 'influencer', true]]);
    expect((await dealOf(other.id)).contactId).toBe(ann.id);
  });
});
