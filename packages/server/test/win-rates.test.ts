// Historical win rates, checked against SQL: seeds the sample organizations as the demo does, then
// compares GET /reports/win-rates, per stage, per member and in total, with what is computed here as
// the database owner straight from crm.opportunities, crm.stage_history and crm.stages by the route's
// documented rules. Then deals are won, lost, moved back, reopened and trashed, and they must still agree.
// Last, an organization whose fiscal year starts in April: its quarters, years and quotas follow it.
import type { Forecast, Quota, WeightedFigures, WinRates } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { figuresOf, type Member, type MoneyRow, type Org } from './support/figures.js';
import { dealsOwnedBy, salesFixture, stageOf } from './support/sales-fixture.js';

interface RateRow {
  stage_id: string;
  owner_id: string | null;
  closed: string;
  won: string;
}
interface OpenRow extends MoneyRow {
  owner_id: string | null;
  history_cents_stage: string;
  history_cents_owner: string;
}

describe.each(testDatabases())('win rates on $name', ({ get }) => {
  const fixture = salesFixture();
  const { orgs, send } = fixture;

  beforeAll(async () => {
    await fixture.load(get());
  }, 120_000);

  /** Of the deals that entered each stage and closed in the window: per stage and owner, closed and won. */
  const closedByStage = (org: Org, caller: Member, from: string, to: string) =>
    rows<RateRow>(
      get().db,
      sql`select h.to_stage_id as stage_id, o.owner_id, count(distinct o.id)::text as closed,
            count(distinct o.id) filter (where c.kind = 'won')::text as won
          from crm.opportunities o
          join crm.organizations g on g.id = o.org_id
          join crm.stages c on c.org_id = o.org_id and c.id = o.stage_id
          join crm.stage_history h on h.org_id = o.org_id and h.opportunity_id = o.id
          where o.org_id = ${org.id} and o.deleted_at is null and c.kind <> 'open'
            and (o.closed_at at time zone g.time_zone)::date between ${from}::date and ${to}::date
            ${caller.role === 'rep' ? sql`and o.owner_id = ${caller.userId}` : sql``}
          group by 1, 2`,
    );

  /**
   * The open deals of the pipeline by stage, owner and currency, with Σ amount × configured probability
   * and Σ amount × the historical probability (percent, half up; the configured one where none closed),
   * of the stage over everyone the caller sees, and of the owner alone.
   */
  const openMoney = (org: Org, caller: Member, pipelineId: string, from: string, to: string) => {
    const mine = caller.role === 'rep' ? sql`and o.owner_id = ${caller.userId}` : sql``;
    return rows<OpenRow>(
      get().db,
      sql`with closed as (
            select h.to_stage_id as stage_id, o.owner_id, o.id, c.kind
            from crm.opportunities o
            join crm.organizations g on g.id = o.org_id
            join crm.stages c on c.org_id = o.org_id and c.id = o.stage_id
            join crm.stage_history h on h.org_id = o.org_id and h.opportunity_id = o.id
            where o.org_id = ${org.id} and o.deleted_at is null and c.kind <> 'open'
              and (o.closed_at at time zone g.time_zone)::date between ${from}::date and ${to}::date ${mine}
          ), by_stage as (
            select stage_id, round(100.0 * count(distinct id) filter (where kind = 'won') / count(distinct id)) as p
            from closed group by 1
          ), by_owner as (
            select stage_id, owner_id,
              round(100.0 * count(distinct id) filter (where kind = 'won') / count(distinct id)) as p
            from closed group by 1, 2
          )
          select o.stage_id, o.owner_id, o.currency, count(*)::text as deals, sum(o.amount)::text as amount,
            sum(o.amount::numeric * coalesce(o.probability, s.probability))::text as weighted_cents,
            sum(o.amount::numeric * coalesce(bs.p, s.probability))::text as history_cents_stage,
            sum(o.amount::numeric * coalesce(bo.p, s.probability))::text as history_cents_owner
          from crm.opportunities o
          join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          left join by_stage bs on bs.stage_id = o.stage_id
          left join by_owner bo on bo.stage_id = o.stage_id and bo.owner_id is not distinct from o.owner_id
          where o.org_id = ${org.id} and o.deleted_at is null and s.kind = 'open' and s.pipeline_id = ${pipelineId} ${mine}
          group by 1, 2, 3`,
    );
  };

  /** The figures the route gives for open money: per currency and converted, weighted both ways. */
  function weighted(
    money: OpenRow[],
    org: Org,
    history: 'history_cents_stage' | 'history_cents_owner',
  ): WeightedFigures {
    const configured = figuresOf(money, org);
    const byHistory = figuresOf(
      money.map((m) => ({ ...m, weighted_cents: m[history] })),
      org,
    );
    return {
      count: configured.count,
      totals: configured.totals.map((t, i) => ({ ...t, weightedByHistory: byHistory.totals[i]!.weighted })),
      converted: { ...configured.converted, weightedByHistory: byHistory.converted.weighted },
    };
  }

  const rate = (closed: number, won: number) =>
    closed === 0
      ? { closed, won, rate: null, probability: null }
      : { closed, won, rate: won / closed, probability: Math.round((100 * won) / closed) };

  /** Compares the caller's win rates of a pipeline with the rules applied to the base tables. */
  async function check(org: Org, caller: Member, pipelineId: string, window = ''): Promise<WinRates> {
    const report = (await send(caller, 'GET', `/reports/win-rates?pipelineId=${pipelineId}${window}`)) as WinRates;
    const closed = await closedByStage(org, caller, report.from, report.to);
    const money = await openMoney(org, caller, pipelineId, report.from, report.to);
    const sum = (list: RateRow[], key: 'closed' | 'won') => list.reduce((n, r) => n + Number(r[key]), 0);
    for (const stage of report.stages) {
      const here = closed.filter((r) => r.stage_id === stage.stageId);
      expect(stage.history, `${stage.name} for ${caller.email}`).toEqual(rate(sum(here, 'closed'), sum(here, 'won')));
      expect(stage.open).toEqual(
        weighted(
          money.filter((m) => m.stage_id === stage.stageId),
          org,
          'history_cents_stage',
        ),
      );
    }
    expect(report.total).toEqual(weighted(money, org, 'history_cents_stage'));
    // Every owner with a closed deal through one of the stages, or an open deal, is listed with their own rates.
    const stageIds = new Set(report.stages.map((s) => s.stageId));
    const owners = new Set(
      [...closed.filter((r) => stageIds.has(r.stage_id)), ...money].map((r) => r.owner_id).filter((id) => id !== null),
    );
    expect(report.owners.map((o) => o.ownerId).sort()).toEqual([...owners].sort());
    for (const owner of report.owners) {
      for (const stage of owner.stages) {
        const here = closed.filter((r) => r.stage_id === stage.stageId && r.owner_id === owner.ownerId);
        expect(stage, `${owner.name} in a stage`).toEqual({
          stageId: stage.stageId,
          ...rate(sum(here, 'closed'), sum(here, 'won')),
        });
      }
      expect(owner.open, `${owner.name}'s open deals`).toEqual(
        weighted(
          money.filter((m) => m.owner_id === owner.ownerId),
          org,
          'history_cents_owner',
        ),
      );
    }
    return report;
  }

  it('gives every stage its share of deals won among those that entered it and closed, on the sample data', async () => {
    for (const org of orgs) {
      for (const pipeline of org.pipelines) {
        for (const caller of org.members) {
          const report = await check(org, caller, pipeline.id);
          expect(report.stages.length).toBeGreaterThan(0);
          if (caller.role === 'rep') expect(report.owners.every((o) => o.ownerId === caller.userId)).toBe(true);
        }
      }
      // The sample has closed deals: the rates are not all empty.
      const admin = org.members.find((m) => m.role === 'admin')!;
      const report = await check(org, admin, org.pipelines[0]!.id);
      expect(report.stages.some((s) => s.history.closed > 0)).toBe(true);
      // A narrower window, and one member.
      const to = report.to;
      await check(org, admin, org.pipelines[0]!.id, `&from=${to.slice(0, 4)}-01-01&to=${to}`);
      const rep = org.members.find((m) => m.role === 'rep')!;
      const mine = (await send(
        admin,
        'GET',
        `/reports/win-rates?pipelineId=${org.pipelines[0]!.id}&ownerId=${rep.userId}`,
      )) as WinRates;
      const repsOwn = await check(org, rep, org.pipelines[0]!.id);
      expect(mine.stages).toEqual(repsOwn.stages);
    }
  }, 120_000);

  it('follows deals won, lost, moved back, reopened and trashed', async () => {
    const org = orgs[0]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const rep = org.members.find((m) => m.role === 'rep')!;
    const deals = await dealsOwnedBy(get().db, org.id, rep.userId);
    const open = deals.filter((d) => d.kind === 'open');
    const [first, second] = [open[0]!, open[1]!];
    const pipelineId = first.pipeline_id;
    const both = async () => {
      await check(org, admin, pipelineId);
      return check(org, rep, pipelineId);
    };
    const before = await both();
    const move = (id: string, kind: string, extra: object = {}) =>
      stageOf(get().db, pipelineId, kind).then((stageId) =>
        send(rep, 'POST', `/opportunities/${id}/move`, { stageId, ...extra }),
      );

    await move(first.id, 'won');
    const won = await both();
    expect(won.stages.reduce((n, s) => n + s.history.won, 0)).toBeGreaterThan(
      before.stages.reduce((n, s) => n + s.history.won, 0),
    );
    await move(second.id, 'lost', { lostReason: 'Price' });
    await both();
    // Moved back into an open stage: no longer closed, so out of the rates; then closed again.
    await move(first.id, 'open');
    const reopened = await both();
    expect(reopened.stages.reduce((n, s) => n + s.history.won, 0)).toBe(
      before.stages.reduce((n, s) => n + s.history.won, 0),
    );
    await move(first.id, 'lost', { lostReason: 'Timing' });
    await both();
    // A closed deal in the trash does not count; restored, it does again.
    await send(rep, 'DELETE', `/opportunities/${second.id}`);
    await both();
    await send(rep, 'POST', `/opportunities/${second.id}/restore`);
    await both();
    // Another time zone moves closing days: the totals are rebuilt.
    await send(admin, 'PATCH', '/organization', { timeZone: 'Pacific/Kiritimati' });
    await both();
  }, 120_000);

  it('refuses a bad window or pipeline, field by field', async () => {
    const org = orgs[0]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const problem = (await send(admin, 'GET', '/reports/win-rates?from=2026-05-01&to=2026-04-01', undefined, 400)) as {
      errors: { path: string }[];
    };
    expect(problem.errors.map((e) => e.path)).toEqual(['to']);
    const bad = (await send(admin, 'GET', '/reports/win-rates?from=someday&limit=3', undefined, 400)) as {
      errors: { path: string }[];
    };
    expect(bad.errors.map((e) => e.path).sort()).toEqual(['from', 'limit']);
    await send(
      admin,
      'GET',
      `/reports/win-rates?pipelineId=${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}`,
      undefined,
      404,
    );
    // Another organization's pipeline is no pipeline here.
    const other = orgs[1]!;
    await send(admin, 'GET', `/reports/win-rates?pipelineId=${other.pipelines[0]!.id}`, undefined, 404);
  });

  it("follows an organization's fiscal year: quarters, years, quotas and the default period", async () => {
    const org = orgs[1]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const rep = org.members.find((m) => m.role === 'rep')!;
    // Admins set it; a bad month is a field error and changes nothing; a rep may not.
    const bad = (await send(admin, 'PATCH', '/organization', { fiscalYearStartMonth: 13 }, 400)) as {
      errors: { path: string }[];
    };
    expect(bad.errors.map((e) => e.path)).toEqual(['fiscalYearStartMonth']);
    await send(rep, 'PATCH', '/organization', { fiscalYearStartMonth: 4 }, 403);
    expect(((await send(admin, 'GET', '/organization')) as { fiscalYearStartMonth: number }).fiscalYearStartMonth).toBe(
      1,
    );
    const changed = (await send(admin, 'PATCH', '/organization', { fiscalYearStartMonth: 4 })) as {
      fiscalYearStartMonth: number;
    };
    expect(changed.fiscalYearStartMonth).toBe(4);

    // Its first quarter covers April to June; its year April to March.
    const quarter = (await send(admin, 'GET', '/reports/forecast?period=quarter&startsOn=2026-04-01')) as Forecast;
    expect([quarter.from, quarter.to, quarter.fiscalYearStartMonth]).toEqual(['2026-04-01', '2026-06-30', 4]);
    // Today's quarter, by default, starts in April, July, October or January.
    const current = (await send(admin, 'GET', '/reports/forecast?period=quarter')) as Forecast;
    expect(['01', '04', '07', '10']).toContain(current.from.slice(5, 7));
    const currentYear = (await send(admin, 'GET', '/reports/forecast?period=year')) as Forecast;
    expect(currentYear.from.slice(5)).toBe('04-01');

    // Quotas start with the fiscal periods: a year in January is refused, one in April matched.
    const quota = (base: object, status: number) =>
      send(admin, 'POST', '/quotas', { ownerId: rep.userId, amount: 900_000, currency: org.base, ...base }, status);
    const refused = (await quota({ period: 'year', startsOn: '2026-01-01' }, 400)) as {
      errors: { path: string; message: string }[];
    };
    expect(refused.errors).toEqual([
      expect.objectContaining({ path: 'startsOn', message: expect.stringContaining('April') }),
    ]);
    await quota({ period: 'quarter', startsOn: '2026-02-01' }, 400);
    const year = (await quota({ period: 'year', startsOn: '2026-04-01' }, 201)) as Quota;
    await quota({ period: 'quarter', startsOn: '2026-07-01' }, 201);
    const fiscalYear = (await send(admin, 'GET', '/reports/forecast?period=year&startsOn=2026-04-01')) as Forecast;
    expect([fiscalYear.from, fiscalYear.to]).toEqual(['2026-04-01', '2027-03-31']);
    expect(fiscalYear.members.find((m) => m.ownerId === rep.userId)?.quota?.amount).toBe(
      // In the base currency, as set.
      String(year.amount),
    );
    // The performance report measures the fiscal year against that year's quota.
    const performance = (await send(admin, 'GET', '/reports/performance?from=2026-04-01&to=2027-03-31')) as {
      fiscalYearStartMonth: number;
      members: { ownerId: string; quota: { amount: string } | null }[];
    };
    expect(performance.fiscalYearStartMonth).toBe(4);
    expect(performance.members.find((m) => m.ownerId === rep.userId)?.quota?.amount).toBe(String(year.amount));

    // A year that starts in February: quarters start in February, May, August and November. The
    // market analysis' default period is today's such quarter, and the funnel tells its screen the
    // month, for its year presets.
    await send(admin, 'PATCH', '/organization', { fiscalYearStartMonth: 2 });
    const market = (await send(admin, 'GET', '/reports/market')) as { from: string; fiscalYearStartMonth: number };
    expect(market.fiscalYearStartMonth).toBe(2);
    expect(['02', '05', '08', '11']).toContain(market.from.slice(5, 7));
    expect(market.from.slice(8)).toBe('01');
    const funnel = (await send(admin, 'GET', '/reports/funnel')) as { fiscalYearStartMonth: number };
    expect(funnel.fiscalYearStartMonth).toBe(2);
  });
});
