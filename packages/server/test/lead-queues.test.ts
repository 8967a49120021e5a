import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

/**
 * The lead inbox's queues (`GET /leads/queues`) and the list filters they stand for: each count is
 * what `GET /leads` lists with the queue's filters, for the caller's eyes only.
 */
describe.each(testDatabases())('lead queues on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let manager: Member;
  let rep: Member;
  let rep2: Member;
  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const ids = (body: Json) => (body.items as Json[]).map((item) => String(item.id)).sort();
  const created: Record<string, string> = {};

  const lead = async (who: Member, key: string, body: Json = {}) => {
    const res = await send(who, 'POST', '/leads', { name: `Lead ${key}`, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    created[key] = String(res.body.id);
    return res.body;
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, manager, rep, rep2 } = kit.acme.users);
    await lead(rep, 'fresh');
    await lead(rep, 'old');
    await lead(rep, 'working', { status: 'working' });
    await lead(rep, 'nurturing', { status: 'nurturing' });
    await lead(rep, 'qualified', { status: 'qualified' });
    await lead(rep, 'lost', { status: 'disqualified', disqualifiedReason: 'No budget' });
    await lead(rep2, 'theirs');
    await lead(admin, 'nobody', { ownerId: null });
    await lead(admin, 'nobody-done', { ownerId: null, status: 'disqualified', disqualifiedReason: 'Spam' });
    // Two days old: overdue at a response time of 24 hours, not at 72.
    await get().db.execute(
      sql`update crm.leads set created_at = now() - interval '48 hours' where id = ${created.old}`,
    );
  });

  it("counts a rep's own leads in each queue, and lists the same with the queue's filters", async () => {
    const res = await send(rep, 'GET', '/leads/queues');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counts).toEqual({ new: 2, overdue: 1, working: 1, nurturing: 1, qualified: 1, unassigned: 0 });
    expect(res.body.countLimit).toBe(1000);
    const overdue = await send(rep, 'GET', `/leads?status=new&createdBefore=${String(res.body.overdueBefore)}`);
    expect(ids(overdue.body)).toEqual([created.old]);
    const fresh = await send(rep, 'GET', '/leads?status=new');
    expect(ids(fresh.body)).toEqual([created.fresh, created.old].sort());
    expect((await send(rep, 'GET', '/leads/queues?slaHours=72')).body.counts).toMatchObject({ overdue: 0 });
  });

  it('shows unassigned open leads to admins and managers, never to a rep', async () => {
    for (const who of [admin, manager]) {
      const queues = await send(who, 'GET', '/leads/queues');
      expect(queues.body.counts).toMatchObject({ unassigned: 1 });
      const listed = await send(who, 'GET', '/leads?unassigned=true&open=true');
      expect(ids(listed.body)).toEqual([created.nobody]);
    }
    expect((await send(rep, 'GET', '/leads?unassigned=true')).body.items).toEqual([]);
  });

  it("counts everyone's leads for an admin, and one member's with ownerId", async () => {
    const all = await send(admin, 'GET', '/leads/queues');
    expect(all.body.counts).toEqual({ new: 4, overdue: 1, working: 1, nurturing: 1, qualified: 1, unassigned: 1 });
    const theirs = await send(admin, 'GET', `/leads/queues?ownerId=${rep2.userId}`);
    expect(theirs.body.counts).toEqual({ new: 1, overdue: 0, working: 0, nurturing: 0, qualified: 0, unassigned: 0 });
    // A rep asking for another's leads counts none: row-level security, not the filter, decides.
    const peeking = await send(rep, 'GET', `/leads/queues?ownerId=${rep2.userId}`);
    expect(peeking.body.counts).toMatchObject({ new: 0 });
  });

  it('lists open or finished leads with open=', async () => {
    const done = await send(admin, 'GET', '/leads?open=false');
    expect(ids(done.body)).toEqual([created.lost, created['nobody-done']].sort());
    const open = await send(admin, 'GET', '/leads?open=true&limit=100');
    expect(ids(open.body)).not.toContain(created.lost);
    expect(ids(open.body)).toHaveLength(7);
  });

  it('refuses a bad response time or an unknown parameter, by name', async () => {
    for (const query of ['slaHours=0', 'slaHours=abc', 'slaHours=100000', 'pipelineId=x']) {
      const res = await send(rep, 'GET', `/leads/queues?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.status, query).toBe(400);
    }
    const res = await send(rep, 'GET', '/leads?createdBefore=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'createdBefore' })]);
  });
});
