import type { Funnel } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContext, type OwnerScope } from '../src/board/context.js';
import { dealRows, funnelOf, summaryRows } from '../src/board/funnel.js';
import { inOrg } from '../src/db/database.js';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';

describe.each(testDatabases())('funnel on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let rep: Member;
  let rep2: Member;
  let pipelineId: string;
  let stageIds: string[];
  let customerId: string;
  const deals: Record<string, string> = {};

  const send: TestKit['send'] = (...args) => kit.send(...args);
  const funnel = async (caller: Member, query = '') => {
    const res = await send(caller, 'GET', `/reports/funnel?pipelineId=${pipelineId}${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as unknown as Funnel;
  };

  /**
   * A deal of the caller's walked through stages by index (5: lost), created in the first (by an
   * admin: its customer is unowned, which a rep may not read, so a rep may not name it).
   */
  async function walk(caller: Member, name: string, path: number[], amount: number, currency = 'USD') {
    const created = await send(admin, 'POST', '/opportunities', {
      name,
      customerId,
      pipelineId,
      stageId: stageIds[path[0]!],
      amount,
      currency,
      ownerId: caller.userId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    for (const stage of path.slice(1)) {
      const moved = await send(caller, 'POST', `/opportunities/${id}/move`, {
        stageId: stageIds[stage],
        ...(stage === 5 ? { lostReason: 'Price' } : {}),
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    deals[name] = id;
    return id;
  }

  /** Sets the times of a deal's stage history rows, oldest first, in days before now. */
  async function backdate(name: string, daysAgo: number[]) {
    const history = await rows<{ id: string }>(
      get().db,
      sql`select id from crm.stage_history where opportunity_id = ${deals[name]!} order by changed_at, id`,
    );
    expect(history.length).toBe(daysAgo.length);
    for (const [i, row] of history.entries()) {
      await rows(
        get().db,
        sql`update crm.stage_history set changed_at = now() - make_interval(days => ${daysAgo[i]!}) where id = ${row.id}`,
      );
    }
  }

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep, rep2 } = kit.acme.users);
    const pipeline = await send(admin, 'POST', '/pipelines', {
      name: 'Funnel',
      isDefault: true,
      stages: [
        { name: 'S1', probability: 10 },
        { name: 'S2', probability: 30 },
        { name: 'S3', probability: 60 },
        { name: 'S4', probability: 80 },
        { name: 'Won', probability: 100, kind: 'won' },
        { name: 'Lost', probability: 0, kind: 'lost', requires: ['lostReason'] },
      ],
    });
    pipelineId = pipeline.body.id as string;
    stageIds = (pipeline.body.stages as { id: string }[]).map((s) => s.id);
    customerId = (await send(admin, 'POST', '/customers', { name: 'Funnel Co', ownerId: null })).body.id as string;

    await walk(rep, 'won, skipping S4', [0, 1, 2, 4], 1000);
    await walk(rep, 'skipped S2', [0, 2], 2000);
    await walk(rep, 'moved back', [0, 1, 2, 1], 3000, 'EUR');
    await walk(rep2, 'lost at S1', [0, 5], 4000);
    await walk(rep2, 'lost at S2', [0, 1, 5], 5000);
    await walk(rep2, 'still in S1', [0], 6000);
    await walk(admin, 'started in S2', [1], 7000);
    const trashed = await walk(rep, 'trashed', [0, 1, 2, 3], 9000);
    expect((await send(rep, 'DELETE', `/opportunities/${trashed}`)).status).toBe(200);
    await backdate('won, skipping S4', [30, 20, 15, 5]);
    await backdate('still in S1', [10]);
  });

  it('counts each deal once per step it reached, whether it skipped a step or moved back', async () => {
    const f = await funnel(admin);
    expect(f.stages.map((s) => s.name)).toEqual(['S1', 'S2', 'S3', 'S4', 'Won']);
    expect(f.stages.map((s) => s.reached)).toEqual([7, 5, 3, 1, 1]);
    expect(f.stages.map((s) => s.dropOff)).toEqual([2, 2, 2, 0, null]);
    expect(f.stages.map((s) => s.conversion)).toEqual([5 / 7, 3 / 5, 1 / 3, 1, null]);
    expect(f.stages.map((s) => s.overall)).toEqual([1, 5 / 7, 3 / 7, 1 / 7, 1 / 7]);
    expect(f.stages.map((s) => s.amount)).toEqual([
      [
        { currency: 'EUR', amount: '3000' },
        { currency: 'USD', amount: '25000' },
      ],
      [
        { currency: 'EUR', amount: '3000' },
        { currency: 'USD', amount: '15000' },
      ],
      [
        { currency: 'EUR', amount: '3000' },
        { currency: 'USD', amount: '3000' },
      ],
      [{ currency: 'USD', amount: '1000' }],
      [{ currency: 'USD', amount: '1000' }],
    ]);
    expect(f.stages[0]!.converted).toEqual({ currency: 'USD', sum: '28300', missingRates: [] });
    expect(f.deals).toBe(7);
    // The default pipeline is the one asked for here.
    expect((await send(admin, 'GET', '/reports/funnel')).body).toEqual(f);
  });

  it('averages the days deals spent in each stage, counting open visits up to now', async () => {
    const f = await funnel(admin);
    // S1: the won deal spent 10 days, the deal still there 10 so far, four others moments; the
    // deal that started in S2 never entered S1.
    expect(f.stages[0]!.averageDaysInStage).toBeCloseTo(20 / 6, 2);
    // S2: 5 days of the won deal, moments for the three other deals that entered it (one of which
    // is back in it); the deal that skipped S2 does not count.
    expect(f.stages[1]!.averageDaysInStage).toBeCloseTo(5 / 4, 2);
    expect(f.stages[2]!.averageDaysInStage).toBeCloseTo(10 / 3, 2);
    expect(f.stages[3]!.averageDaysInStage).toBeNull();
    expect(f.stages[4]!.averageDaysInStage).toBeNull();
  });

  it('gives the same funnel from the summaries as from the deals themselves', async () => {
    const compare = async (
      caller: Member,
      input: { from?: string; to?: string; ownerId?: string },
      owners?: OwnerScope,
    ) => {
      const [bySummary, byDeals] = await inOrg(get().db, caller, async (tx) => {
        const context = await loadContext(tx, caller, pipelineId);
        return [
          funnelOf(context, input, await summaryRows(tx, caller, context, input, owners)),
          funnelOf(context, input, await dealRows(tx, caller, context, input)),
        ];
      });
      expect(bySummary).toEqual(byDeals);
      return bySummary;
    };
    // By creation day, for callers who see everything.
    for (const input of [{}, { from: '2020-01-01' }, { to: '2020-01-01' }]) await compare(admin, input);
    // By owner: everything, one owner, and what a rep may see (with and without naming the
    // owners: row-level security alone decides either way).
    expect((await compare(admin, {}, { owners: null, unowned: true })).stages[0]!.reached).toBe(7);
    const one = { owners: [rep2.userId], unowned: false };
    expect((await compare(admin, { ownerId: rep2.userId }, one)).stages[0]!.reached).toBe(3);
    expect((await compare(rep, {}, { owners: null, unowned: true })).stages[0]!.reached).toBe(3);
    expect((await compare(rep, {}, { owners: [rep.userId], unowned: false })).stages[0]!.reached).toBe(3);
    // By owner and creation day: a period narrowed to an owner, and a rep's period.
    for (const period of [{ from: '2020-01-01' }, { to: '2020-01-01' }, { from: '2020-01-01', to: '2099-12-31' }]) {
      await compare(admin, { ...period, ownerId: rep2.userId }, one);
      await compare(rep, period, { owners: null, unowned: true });
    }
    expect((await compare(rep, { from: '2020-01-01' }, { owners: null, unowned: true })).stages[0]!.reached).toBe(3);
  });

  it('narrows to an owner or a team, and shows a rep only their own deals', async () => {
    const own = await funnel(admin, `&ownerId=${rep.userId}`);
    expect(own.stages.map((s) => s.reached)).toEqual([3, 3, 3, 1, 1]);
    expect(await funnel(rep)).toEqual(own);
    const team = await send(admin, 'POST', '/teams', { name: 'Funnel team' });
    await send(admin, 'PATCH', `/users/${rep2.userId}`, { teamId: team.body.id });
    const byTeam = await funnel(admin, `&teamId=${String(team.body.id)}`);
    expect(byTeam.stages.map((s) => s.reached)).toEqual([3, 1, 0, 0, 0]);
    expect(byTeam.stages.map((s) => s.conversion)).toEqual([1 / 3, 0, null, null, null]);
  });

  it("counts a period by the day each deal was created, in the organization's time zone", async () => {
    await rows(
      get().db,
      sql`update crm.opportunities set created_at = '2026-01-01T20:00:00Z' where id = ${deals['skipped S2']!}`,
    );
    await rows(get().db, sql`update crm.organizations set time_zone = 'Asia/Taipei' where id = ${admin.orgId}`);
    try {
      for (const owner of ['', `&ownerId=${rep.userId}`]) {
        const day = await funnel(admin, `&from=2026-01-02&to=2026-01-02${owner}`);
        expect(
          day.stages.map((s) => s.reached),
          owner,
        ).toEqual([1, 1, 1, 0, 0]);
        expect(day.timeZone).toBe('Asia/Taipei');
        const before = await funnel(admin, `&from=2025-12-01&to=2026-01-01${owner}`);
        expect(before.stages.map((s) => s.reached)).toEqual([0, 0, 0, 0, 0]);
        expect(before.stages.map((s) => s.conversion)).toEqual([null, null, null, null, null]);
        expect(before.deals).toBe(0);
        const later = await funnel(admin, `&from=2026-01-03${owner}`);
        expect(later.stages[0]!.reached).toBe(owner ? 2 : 6);
      }
    } finally {
      await rows(get().db, sql`update crm.organizations set time_zone = 'UTC' where id = ${admin.orgId}`);
    }
  });

  it('keeps the maintained funnel summaries equal to a recount after every kind of write', async () => {
    const id = await walk(rep, 'churn', [0, 1], 100);
    await send(rep, 'PATCH', `/opportunities/${id}`, { amount: 200, currency: 'EUR' });
    await send(admin, 'PATCH', `/opportunities/${id}`, { ownerId: rep2.userId });
    await send(rep, 'DELETE', `/opportunities/${id}`);
    await send(rep, 'POST', `/opportunities/${id}/restore`);
    await rows(get().db, sql`delete from crm.stage_history where opportunity_id = ${id} and from_stage_id is null`);
    const summaries = async () => [
      await rows(
        get().db,
        sql`select pipeline_id, cohort_day::text, stages::text, currency, deals::text, amount::text
            from crm.funnel_totals where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3, 4`,
      ),
      await rows(
        get().db,
        sql`select pipeline_id, stage_id, cohort_day::text, deals::text, closed_seconds::text, open_deals::text,
                   open_since::text
            from crm.funnel_stage_times where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3`,
      ),
      await rows(
        get().db,
        sql`select pipeline_id, owner_id, stages::text, currency, deals::text, amount::text
            from crm.funnel_owner_totals where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3, 4`,
      ),
      await rows(
        get().db,
        sql`select pipeline_id, owner_id, stage_id, deals::text, closed_seconds::text, open_deals::text,
                   open_since::text
            from crm.funnel_owner_times where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3`,
      ),
      await rows(
        get().db,
        sql`select pipeline_id, owner_id, cohort_day::text, stages::text, currency, deals::text, amount::text
            from crm.funnel_owner_day_totals where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3, 4, 5`,
      ),
      await rows(
        get().db,
        sql`select pipeline_id, owner_id, cohort_day::text, stage_id, deals::text, closed_seconds::text,
                   open_deals::text, open_since::text
            from crm.funnel_owner_day_times where org_id = ${admin.orgId} and deals <> 0 order by 1, 2, 3, 4`,
      ),
    ];
    const kept = await summaries();
    await rows(get().db, sql`select crm.summaries_rebuild(${admin.orgId}::uuid)`);
    expect(await summaries()).toEqual(kept);
  });

  it('refuses bad input with problems, and answers 404 without a pipeline', async () => {
    for (const query of ['&from=2026-02-01&to=2026-01-01', '&from=yesterday', '&ownerId=me']) {
      const res = await send(admin, 'GET', `/reports/funnel?pipelineId=${pipelineId}${query}`);
      expect(res.status, query).toBe(400);
      expect(res.res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await send(admin, 'GET', '/reports/funnel?pipelineId=nope')).status).toBe(400);
    // Every new organization has a default pipeline (its funnel is there on day one); once it is
    // trashed, the organization has none.
    const globex = kit.globex.users.admin;
    expect((await send(globex, 'GET', '/reports/funnel')).status).toBe(200);
    const pipelines = (await send(globex, 'GET', '/pipelines')).body as unknown as { items: { id: string }[] };
    for (const { id } of pipelines.items) expect((await send(globex, 'DELETE', `/pipelines/${id}`)).status).toBe(200);
    expect((await send(globex, 'GET', '/reports/funnel')).status).toBe(404);
    expect((await send(admin, 'GET', `/reports/funnel?pipelineId=${customerId}`)).status).toBe(404);
  });
});
