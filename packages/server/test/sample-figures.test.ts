// The figures the demo shows on its pipeline page, checked against SQL: seeds the sample
// organizations exactly as the demo does (`seedSample`), then for each organization, pipeline
// and a few of its members compares every column of GET /pipelines/:id/board and every step of
// GET /reports/funnel with counts and sums computed here, as the database owner, straight from
// crm.opportunities and crm.stage_history (never from the summary tables the kit reads). Then
// deals move through the kit, and the figures must still agree.
import type { Board, Funnel, Opportunity } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { figuresOf, type Member, type MoneyRow, type Org } from './support/figures.js';
import { salesFixture } from './support/sales-fixture.js';

interface StageRow {
  id: string;
  name: string;
  position: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
}

describe.each(testDatabases())('the sample data on $name', ({ get }) => {
  const fixture = salesFixture();
  const { orgs, send } = fixture;

  /** Only the caller's deals for a rep; every deal for an admin (the sample has no other roles here). */
  const ownerCondition = (caller: Member) => (caller.role === 'rep' ? sql`and o.owner_id = ${caller.userId}` : sql``);

  async function stagesOf(pipelineId: string): Promise<StageRow[]> {
    return rows<StageRow>(
      get().db,
      sql`select id, name, position, probability, kind from crm.stages
          where pipeline_id = ${pipelineId} and deleted_at is null order by position`,
    );
  }

  /** Compares the board with SQL, for one member: every column, the totals and the first page of cards. */
  async function checkBoard(org: Org, pipelineId: string, caller: Member): Promise<Board> {
    const board = (await send(caller, 'GET', `/pipelines/${pipelineId}/board?limit=100`)) as Board;
    const stages = await stagesOf(pipelineId);
    const money = await rows<MoneyRow>(
      get().db,
      sql`select o.stage_id, o.currency, count(*)::text as deals, sum(o.amount)::text as amount,
                 sum(o.amount::numeric * coalesce(o.probability, s.probability))::text as weighted_cents
          from crm.opportunities o
          join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          where o.org_id = ${org.id} and o.pipeline_id = ${pipelineId} and o.deleted_at is null
            ${ownerCondition(caller)}
          group by o.stage_id, o.currency`,
    );
    const cards = await rows<{ stage_id: string; id: string; amount: string; currency: string; owner_id: string }>(
      get().db,
      sql`select o.stage_id, o.id, o.amount::text as amount, o.currency, o.owner_id
          from crm.opportunities o
          where o.org_id = ${org.id} and o.pipeline_id = ${pipelineId} and o.deleted_at is null
            ${ownerCondition(caller)}
          order by o.stage_id, o.position, o.id`,
    );
    const who = `${org.slug} board as ${caller.email}`;
    expect(
      board.stages.map((s) => s.id),
      who,
    ).toEqual(stages.map((s) => s.id));
    for (const column of board.stages) {
      const expected = figuresOf(
        money.filter((r) => r.stage_id === column.id),
        org,
      );
      const where = `${who}, stage ${column.name}`;
      expect({ count: column.count, totals: column.totals, converted: column.converted }, where).toEqual(expected);
      const mine = cards.filter((c) => c.stage_id === column.id);
      expect(
        column.cards.map((c) => [c.id, c.amount, c.currency, c.ownerId]),
        where,
      ).toEqual(mine.slice(0, 100).map((c) => [c.id, Number(c.amount), c.currency, c.owner_id]));
      expect(column.nextCursor === null, where).toBe(mine.length <= 100);
    }
    const all = figuresOf(money, org);
    expect({ count: board.count, totals: board.totals, converted: board.converted }, who).toEqual(all);
    expect(board.count, `${who}: deals in SQL`).toBe(cards.length);
    return board;
  }

  /** Compares the funnel with SQL, for one member: reach, amounts, conversions and days in stage. */
  async function checkFunnel(org: Org, pipelineId: string, caller: Member): Promise<Funnel> {
    const funnel = (await send(caller, 'GET', `/reports/funnel?pipelineId=${pipelineId}`)) as Funnel;
    const steps = (await stagesOf(pipelineId)).filter((s) => s.kind !== 'lost');
    // Each live deal with its furthest step (highest position of an open or won stage it ever entered).
    const deals = await rows<{ id: string; currency: string; amount: string; furthest: number | null }>(
      get().db,
      sql`select o.id, o.currency, o.amount::text as amount,
                 (select max(s.position) from crm.stage_history h
                  join crm.stages s on s.org_id = h.org_id and s.id = h.to_stage_id
                  where h.org_id = o.org_id and h.opportunity_id = o.id
                    and s.kind <> 'lost' and s.deleted_at is null) as furthest
          from crm.opportunities o
          where o.org_id = ${org.id} and o.pipeline_id = ${pipelineId} and o.deleted_at is null
            ${ownerCondition(caller)}
            and exists (select 1 from crm.stage_history h where h.org_id = o.org_id and h.opportunity_id = o.id)`,
    );
    // Per stage: the deals that entered it, and the seconds they spent in it (a visit still on counts up to now).
    const times = await rows<{ stage_id: string; deals: string; seconds: string }>(
      get().db,
      sql`with v as (
            select h.opportunity_id, h.to_stage_id, floor(extract(epoch from h.changed_at)) as t,
                   lead(floor(extract(epoch from h.changed_at)))
                     over (partition by h.opportunity_id order by h.changed_at, h.id) as t_next
            from crm.stage_history h
            join crm.opportunities o on o.org_id = h.org_id and o.id = h.opportunity_id
            where o.org_id = ${org.id} and o.pipeline_id = ${pipelineId} and o.deleted_at is null
              ${ownerCondition(caller)}
          )
          select to_stage_id as stage_id, count(distinct opportunity_id)::text as deals,
                 sum(coalesce(t_next, floor(extract(epoch from now()))) - t)::text as seconds
          from v group by to_stage_id`,
    );
    const who = `${org.slug} funnel as ${caller.email}`;
    expect(funnel.pipelineId, who).toBe(pipelineId);
    expect(funnel.deals, who).toBe(deals.length);
    expect(
      funnel.stages.map((s) => s.stageId),
      who,
    ).toEqual(steps.map((s) => s.id));
    const reached = steps.map((step) =>
      deals.filter((d) => d.furthest !== null && Number(d.furthest) >= step.position),
    );
    funnel.stages.forEach((step, i) => {
      const where = `${who}, step ${step.name}`;
      const here = reached[i]!;
      const next = reached[i + 1];
      expect(step.reached, where).toBe(here.length);
      expect(step.dropOff, where).toBe(next ? here.length - next.length : null);
      expect(step.conversion, where).toBe(next && here.length > 0 ? next.length / here.length : null);
      expect(step.overall, where).toBe(reached[0]!.length > 0 ? here.length / reached[0]!.length : null);
      const reachedRows = here.map((d): MoneyRow => ({
        stage_id: '',
        currency: d.currency,
        deals: '1',
        amount: d.amount,
        weighted_cents: '0',
      }));
      const money = figuresOf(reachedRows, org);
      expect(step.amount, where).toEqual(money.totals.map((t) => ({ currency: t.currency, amount: t.sum })));
      const { weighted: _weighted, ...converted } = money.converted;
      expect(step.converted, where).toEqual(converted);
      const time = times.find((t) => t.stage_id === step.stageId);
      if (step.kind === 'won' || !time) expect(step.averageDaysInStage, where).toBeNull();
      else {
        const days = Number(time.seconds) / Number(time.deals) / 86_400;
        // Rounded to a thousandth of a day (86 s) by the kit, and read a moment apart.
        expect(Math.abs(step.averageDaysInStage! - days), where).toBeLessThan(0.0015);
      }
    });
    return funnel;
  }

  async function checkAll(): Promise<void> {
    for (const org of orgs) {
      for (const pipeline of org.pipelines) {
        for (const member of org.members) {
          await checkBoard(org, pipeline.id, member);
          await checkFunnel(org, pipeline.id, member);
        }
      }
    }
  }

  beforeAll(async () => {
    await fixture.load(get());
    for (const org of orgs) {
      expect(org.members.some((m) => m.role === 'admin')).toBe(true);
      expect(org.members.some((m) => m.role === 'rep')).toBe(true);
      expect(org.pipelines.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('answers board and funnel figures that agree with SQL for every sample organization and member', async () => {
    await checkAll();
  }, 120_000);

  it('still agrees after deals move forward, into a lost stage, back, and within a column', async () => {
    for (const org of orgs) {
      const pipelineId = org.pipelines[0]!.id;
      const stages = await stagesOf(pipelineId);
      const open = stages.filter((s) => s.kind === 'open');
      const lost = stages.find((s) => s.kind === 'lost')!;
      // A rep's own deal from their fullest open stage (not the last one), so no stage ever empties.
      const counts = await rows<{ owner_id: string; stage_id: string; n: number }>(
        get().db,
        sql`select o.owner_id, o.stage_id, count(*)::int as n from crm.opportunities o
            join crm.users u on u.org_id = o.org_id and u.id = o.owner_id and u.role = 'rep'
            join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id and s.kind = 'open'
            where o.org_id = ${org.id} and o.pipeline_id = ${pipelineId} and o.deleted_at is null
              and s.position < ${open.at(-1)!.position}
            group by 1, 2 order by 3 desc, 1, 2 limit 1`,
      );
      const { owner_id: ownerId, stage_id: fromId, n } = counts[0]!;
      expect(n).toBeGreaterThanOrEqual(2);
      const rep = org.members.find((m) => m.userId === ownerId)!;
      const admin = org.members.find((m) => m.role === 'admin')!;
      const from = open.findIndex((s) => s.id === fromId);
      const to = open[from + 1]!;
      const [a, b] = await rows<{ id: string }>(
        get().db,
        sql`select id from crm.opportunities where org_id = ${org.id} and stage_id = ${fromId}
              and owner_id = ${ownerId} and deleted_at is null order by position, id limit 2`,
      );

      const before = await checkFunnel(org, pipelineId, admin);
      const boardBefore = await checkBoard(org, pipelineId, admin);

      // The rep drags their deal to the next stage: both columns and the funnel change, and agree with SQL.
      const moved = (await send(rep, 'POST', `/opportunities/${a!.id}/move`, { stageId: to.id })) as Opportunity;
      expect(moved.stageId).toBe(to.id);
      const boardAfter = await checkBoard(org, pipelineId, admin);
      const column = (board: Board, id: string) => board.stages.find((s) => s.id === id)!.count;
      expect(column(boardAfter, fromId)).toBe(column(boardBefore, fromId) - 1);
      expect(column(boardAfter, to.id)).toBe(column(boardBefore, to.id) + 1);
      const after = await checkFunnel(org, pipelineId, admin);
      const step = (funnel: Funnel, id: string) => funnel.stages.find((s) => s.stageId === id)!.reached;
      // Reaching is for good: it rises by one only if the deal had never been this far.
      expect(step(after, to.id) - step(before, to.id)).toBeGreaterThanOrEqual(0);
      expect(step(after, to.id) - step(before, to.id)).toBeLessThanOrEqual(1);

      // The admin marks another lost (with the reason the stage requires).
      await send(admin, 'POST', `/opportunities/${b!.id}/move`, { stageId: lost.id, lostReason: 'Budget cut' });
      await checkAll();

      // Both go back where they were; the second goes back on top of its column.
      await send(rep, 'POST', `/opportunities/${a!.id}/move`, { stageId: fromId });
      await send(admin, 'POST', `/opportunities/${b!.id}/move`, { stageId: fromId, beforeId: a!.id });
      const restored = await checkBoard(org, pipelineId, admin);
      expect(column(restored, fromId)).toBe(column(boardBefore, fromId));
      // A reorder within the column records no stage history, and changes no figure.
      await send(rep, 'POST', `/opportunities/${a!.id}/move`, { stageId: fromId });
      await checkBoard(org, pipelineId, admin);
      await checkFunnel(org, pipelineId, admin);
      await checkBoard(org, pipelineId, rep);
      await checkFunnel(org, pipelineId, rep);
    }
  }, 120_000);
});
