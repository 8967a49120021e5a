// The performance report's summaries (migration 0030): the closed deals by owner and closing day with
// their sales-cycle days, and the activities by owner, day and type. Kept in step by triggers on every
// kind of write, they must equal what crm.summaries_rebuild() computes from the deals and activities.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

describe.each(testDatabases())('the performance summaries on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let rep: Member;
  let rep2: Member;
  let pipelineId: string;
  let stageIds: string[];
  let customerId: string;

  const send = async (caller: Member, method: string, path: string, body?: Json, status?: number) => {
    const res = await kit.send(caller, method, path, body);
    if (status !== undefined) expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
    else expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body as unknown as Json & { id: string };
  };
  const owner = (query: ReturnType<typeof sql>) => rows(get().db, query);

  /** Both summaries of the organization, in a stable order (rows summing to nothing left out). */
  const summaries = async () => [
    await owner(
      sql`select stage_id, owner_id, closed_day::text, currency, deals::text, amount::text, cycle_days::text
          from crm.stage_owner_closed_totals where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3, 4`,
    ),
    await owner(
      sql`select owner_id, day::text, type::text, activities::text
          from crm.activity_owner_day_totals where org_id = ${admin.orgId} and activities <> 0 order by 1, 2, 3`,
    ),
  ];

  /** The summaries as the triggers kept them, and as a rebuild makes them: equal. */
  const expectKeptEqualsRebuilt = async () => {
    const kept = await summaries();
    await owner(sql`select crm.summaries_rebuild(${admin.orgId}::uuid)`);
    expect(await summaries()).toEqual(kept);
    return kept;
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep, rep2 } = kit.acme.users);
    const pipeline = await send(admin, 'POST', '/pipelines', {
      name: 'Performance summaries',
      stages: [
        { name: 'Lead', probability: 10 },
        { name: 'Proposal', probability: 60 },
        { name: 'Won', probability: 100, kind: 'won' },
        { name: 'Lost', probability: 0, kind: 'lost' },
      ],
    });
    pipelineId = pipeline.id;
    stageIds = (pipeline.stages as { id: string }[]).map((s) => s.id);
    customerId = (await send(admin, 'POST', '/customers', { name: 'Summary Co', ownerId: null })).id;
  });

  it('keeps the closed deals by owner and day, with their cycle days, equal to a rebuild', async () => {
    const deal = async (fields: Json) =>
      send(admin, 'POST', '/opportunities', {
        name: 'Deal',
        customerId,
        pipelineId,
        stageId: stageIds[0],
        currency: 'USD',
        amount: 1000,
        ownerId: rep.userId,
        ...fields,
      });
    const move = (id: string, stage: number) =>
      send(admin, 'POST', `/opportunities/${id}/move`, { stageId: stageIds[stage] });

    // Inserts: open, then won and lost; one created long ago (its cycle is long), one without an owner.
    const a = await deal({ name: 'A', amount: 2500 });
    const b = await deal({ name: 'B', currency: 'EUR', ownerId: rep2.userId });
    const c = await deal({ name: 'C', ownerId: null });
    await owner(sql`update crm.opportunities set created_at = now() - interval '40 days' where id = ${a.id}`);
    await move(a.id, 2);
    await move(b.id, 3);
    await move(c.id, 2);
    const [closed] = await expectKeptEqualsRebuilt();
    expect(closed!.filter((r) => Number((r as { cycle_days: string }).cycle_days) >= 40)).toHaveLength(1);

    // Updates: amount, owner, currency of a won deal; its closing day; won → lost; won → reopened.
    await send(admin, 'PATCH', `/opportunities/${a.id}`, { amount: 9999 });
    await send(admin, 'PATCH', `/opportunities/${a.id}`, { ownerId: rep2.userId, currency: 'EUR' });
    await owner(sql`update crm.opportunities set closed_at = closed_at - interval '3 days' where id = ${a.id}`);
    await owner(sql`update crm.opportunities set created_at = created_at - interval '5 days' where id = ${b.id}`);
    await move(c.id, 3);
    await move(a.id, 1);
    await expectKeptEqualsRebuilt();
    await move(a.id, 2);

    // Soft delete and restore, and a hard delete.
    await send(admin, 'DELETE', `/opportunities/${b.id}`);
    await expectKeptEqualsRebuilt();
    await send(admin, 'POST', `/opportunities/${b.id}/restore`);
    await owner(sql`delete from crm.stage_history where opportunity_id = ${c.id}`);
    await owner(sql`delete from crm.activities where opportunity_id = ${c.id}`);
    await owner(sql`delete from crm.opportunities where id = ${c.id}`);
    const [after] = await expectKeptEqualsRebuilt();
    expect(after!.length).toBeGreaterThan(0);

    // The organization's time zone decides the days: a change rebuilds them.
    await owner(sql`update crm.organizations set time_zone = 'Pacific/Kiritimati' where id = ${admin.orgId}`);
    await expectKeptEqualsRebuilt();
    await owner(sql`update crm.organizations set time_zone = 'UTC' where id = ${admin.orgId}`);
  });

  it('keeps the activities by owner, day and type equal to a rebuild', async () => {
    const activity = (fields: Json) =>
      send(admin, 'POST', '/activities', { type: 'call', subject: 'Call', customerId, ownerId: rep.userId, ...fields });
    const call = await activity({ occurredAt: '2026-03-02T10:00:00Z' });
    const task = await activity({ type: 'task', subject: 'Follow up', occurredAt: '2026-03-03T10:00:00Z' });
    const done = await activity({
      type: 'task',
      subject: 'Done',
      occurredAt: '2026-03-01T10:00:00Z',
      doneAt: '2026-03-05T23:30:00Z',
    });
    const unowned = await send(admin, 'POST', '/activities', {
      type: 'note',
      subject: 'Nobody',
      customerId,
      ownerId: null,
      occurredAt: '2026-03-04T00:00:00Z',
    });
    const [, counted] = await expectKeptEqualsRebuilt();
    // An open task is not counted until it is done.
    expect(counted!.some((r) => (r as { day: string }).day === '2026-03-03')).toBe(false);

    // Updates: the day, the type, the owner; a task done and one undone; a change that does not count.
    await send(admin, 'PATCH', `/activities/${call.id}`, { occurredAt: '2026-03-09T10:00:00Z' });
    await send(admin, 'PATCH', `/activities/${call.id}`, { type: 'meeting' });
    await send(admin, 'PATCH', `/activities/${call.id}`, { ownerId: rep2.userId });
    await send(admin, 'PATCH', `/activities/${task.id}`, { doneAt: '2026-03-06T09:00:00Z' });
    await send(admin, 'PATCH', `/activities/${done.id}`, { doneAt: null });
    await send(admin, 'PATCH', `/activities/${unowned.id}`, { subject: 'Still nobody' });
    await expectKeptEqualsRebuilt();

    // Soft delete and restore, and a hard delete.
    await send(admin, 'DELETE', `/activities/${task.id}`);
    await expectKeptEqualsRebuilt();
    await send(admin, 'POST', `/activities/${task.id}/restore`);
    await owner(sql`delete from crm.activities where id = ${unowned.id}`);
    const [, after] = await expectKeptEqualsRebuilt();
    expect(after!.length).toBeGreaterThan(0);

    // A day near midnight moves with the organization's time zone.
    await send(admin, 'PATCH', `/activities/${done.id}`, { doneAt: '2026-03-07T20:00:00Z' });
    const days = (found: unknown[]) => found.map((r) => (r as { day: string }).day);
    expect(days((await expectKeptEqualsRebuilt())[1]!)).toContain('2026-03-07');
    await owner(sql`update crm.organizations set time_zone = 'Asia/Taipei' where id = ${admin.orgId}`);
    const [, taipei] = await expectKeptEqualsRebuilt();
    expect(days(taipei!)).toContain('2026-03-08');
    expect(days(taipei!)).not.toContain('2026-03-07');
    await owner(sql`update crm.organizations set time_zone = 'UTC' where id = ${admin.orgId}`);
  });
});
