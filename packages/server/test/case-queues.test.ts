import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

/**
 * The support queue's counts (`GET /cases/queues`) and the list filters they stand for: each count is
 * what `GET /cases` lists with the same filters, for the caller's eyes only.
 */
describe.each(testDatabases())('case queues on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let rep: Member;
  let rep2: Member;
  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const ids = (body: Json) => (body.items as Json[]).map((item) => String(item.id)).sort();
  const created: Record<string, string> = {};
  const past = new Date(Date.now() - 3_600_000).toISOString();
  const later = new Date(Date.now() + 86_400_000).toISOString();

  const kase = async (who: Member, key: string, body: Json = {}) => {
    const res = await send(who, 'POST', '/cases', { subject: `Case ${key}`, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    created[key] = String(res.body.id);
    return res.body;
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep, rep2 } = kit.acme.users);
    await kase(rep, 'late', { dueBy: past });
    await kase(rep, 'in-time', { status: 'open', dueBy: later });
    await kase(rep, 'waiting', { status: 'pending', dueBy: past });
    // Past due but resolved: no longer breached.
    await kase(rep, 'done', { status: 'resolved', dueBy: past });
    await kase(rep2, 'theirs', { status: 'open' });
    await kase(admin, 'nobody', { ownerId: null });
  });

  it("counts a rep's own cases in each status and those past due, and lists the same with the filters", async () => {
    const res = await send(rep, 'GET', '/cases/queues');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counts).toEqual({ new: 1, open: 1, pending: 1, resolved: 1, closed: 0, breached: 2 });
    expect(res.body.countLimit).toBe(1000);
    expect(Date.parse(String(res.body.at))).toBeGreaterThan(Date.now() - 60_000);
    expect(ids((await send(rep, 'GET', '/cases?status=pending')).body)).toEqual([created.waiting]);
  });

  it("counts everyone's cases for an admin, one member's with ownerId, and the unassigned ones", async () => {
    const all = await send(admin, 'GET', '/cases/queues');
    expect(all.body.counts).toEqual({ new: 2, open: 2, pending: 1, resolved: 1, closed: 0, breached: 2 });
    const theirs = await send(admin, 'GET', `/cases/queues?ownerId=${rep2.userId}`);
    expect(theirs.body.counts).toEqual({ new: 0, open: 1, pending: 0, resolved: 0, closed: 0, breached: 0 });
    const unowned = await send(admin, 'GET', '/cases/queues?unassigned=true');
    expect(unowned.body.counts).toMatchObject({ new: 1, open: 0 });
    expect(ids((await send(admin, 'GET', '/cases?unassigned=true')).body)).toEqual([created.nobody]);
    expect(ids((await send(admin, 'GET', '/cases?unassigned=false&status=new')).body)).toEqual([created.late]);
    // A rep asking for another's cases counts none: row-level security, not the filter, decides.
    const peeking = await send(rep, 'GET', `/cases/queues?ownerId=${rep2.userId}`);
    expect(peeking.body.counts).toMatchObject({ open: 0 });
    expect((await send(rep, 'GET', '/cases?unassigned=true')).body.items).toEqual([]);
  });

  it("counts one customer's cases", async () => {
    const customer = await send(rep, 'POST', '/customers', { name: 'Case Queue Trading' });
    await kase(rep, 'customer', { customerId: customer.body.id, status: 'open' });
    const res = await send(rep, 'GET', `/cases/queues?customerId=${String(customer.body.id)}`);
    expect(res.body.counts).toEqual({ new: 0, open: 1, pending: 0, resolved: 0, closed: 0, breached: 0 });
  });

  it('refuses an unknown or malformed parameter, by name', async () => {
    for (const query of ['ownerId=x', 'unassigned=maybe', 'status=open']) {
      const res = await send(rep, 'GET', `/cases/queues?${query}`);
      expect(res.status, query).toBe(400);
    }
  });
});
