// The market analysis report (GET /reports/market and its CSV), checked against SQL: seeds the sample
// organizations as the demo does, then compares every section for every member with counts and sums
// computed here, as the database owner, straight from crm.leads, crm.opportunities and crm.campaigns by
// the route's documented rules. Then a deal is lost with a reason and a competitor, a won amount and a
// budget are edited, and the figures must still agree. A small organization of its own checks ROI to the
// cent, the filters, roles, tenants and bad parameters.
import type { MarketCampaign, MarketFunnel, MarketReport, MarketSections } from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member as KitMember, type TestKit } from './kit.js';
import { figuresOf, type Member, type MoneyRow, type Org } from './support/figures.js';
import { dealsOwnedBy, salesFixture, stageOf } from './support/sales-fixture.js';

interface Period {
  from: string;
  to: string;
}

describe.each(testDatabases())('the market report on $name', ({ get }) => {
  const fixture = salesFixture();
  const { orgs, send } = fixture;
  const managers = new Map<string, Member[]>();

  /** The owners the caller may see, as a condition on an owner column (true: everyone). */
  function visibleTo(caller: Member, owner: SQL): SQL {
    if (caller.role === 'rep') return sql`${owner} = ${caller.userId}`;
    if (caller.role !== 'manager') return sql`true`;
    return sql`(${owner} is null or ${owner} = ${caller.userId} or ${owner} in (
      with recursive managed as (
        select id from crm.teams where manager_id = ${caller.userId} and deleted_at is null
        union select t.id from crm.teams t join managed m on t.parent_id = m.id where t.deleted_at is null)
      select u.id from crm.users u where u.team_id in (select id from managed)))`;
  }

  const money = (moneyRows: MoneyRow[], org: Org) => {
    const f = figuresOf(moneyRows, org);
    const { weighted: _, ...converted } = f.converted;
    return { totals: f.totals.map(({ weighted: _w, ...t }) => t), converted };
  };

  /** The funnel of the leads and deals (aliases `l`, `o`) that match, created in the period. */
  async function funnelOf(org: Org, tz: string, period: Period, leads: SQL, deals: SQL): Promise<MarketFunnel> {
    const db = get().db;
    const day = (column: SQL) =>
      sql`(${column} at time zone ${tz})::date between ${period.from}::date and ${period.to}::date`;
    const L = sql`l.org_id = ${org.id} and l.deleted_at is null and ${day(sql`l.created_at`)} and ${leads}`;
    const D = sql`o.org_id = ${org.id} and o.deleted_at is null and ${day(sql`o.created_at`)} and ${deals}`;
    const [n] = await rows<Record<string, number>>(
      db,
      sql`with l as (select count(*)::int as leads, count(*) filter (where l.status = 'converted')::int as converted,
                       count(*) filter (where l.status = 'disqualified')::int as disqualified
                     from crm.leads l where ${L}),
               d as (select count(*)::int as deals, count(*) filter (where s.kind = 'open')::int as open,
                       count(*) filter (where s.kind = 'won')::int as won, count(*) filter (where s.kind = 'lost')::int as lost
                     from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id where ${D})
          select l.*, d.*, l.converted::float8 / nullif(l.leads, 0) as r_converted,
            d.deals::float8 / nullif(l.converted, 0) as r_deals, d.won::float8 / nullif(d.deals, 0) as r_won,
            d.won::float8 / nullif(d.won + d.lost, 0) as win_rate
          from l, d`,
    );
    const won = await rows<MoneyRow>(
      db,
      sql`select '' as stage_id, o.currency, count(*)::text as deals, sum(o.amount)::text as amount, '0' as weighted_cents
          from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          where ${D} and s.kind = 'won' group by o.currency`,
    );
    const rate = (v: number | null) => (v === null ? null : Number(v));
    return {
      leads: n!.leads!,
      convertedLeads: n!.converted!,
      disqualifiedLeads: n!.disqualified!,
      deals: n!.deals!,
      openDeals: n!.open!,
      wonDeals: n!.won!,
      lostDeals: n!.lost!,
      conversion: { converted: rate(n!.r_converted!), deals: rate(n!.r_deals!), won: rate(n!.r_won!) },
      winRate: rate(n!.win_rate!),
      won: money(won, org),
    };
  }

  /** Every section of the caller's report over a period, from the base tables. */
  async function expected(org: Org, caller: Member, period: Period): Promise<MarketSections> {
    const db = get().db;
    const [{ time_zone: tz }] = (await rows<{ time_zone: string }>(
      db,
      sql`select time_zone from crm.organizations where id = ${org.id}`,
    )) as [{ time_zone: string }];
    const leadsSeen = visibleTo(caller, sql`l.owner_id`);
    const dealsSeen = visibleTo(caller, sql`o.owner_id`);
    const closed = sql`o.org_id = ${org.id} and o.deleted_at is null and ${dealsSeen}
      and (o.closed_at at time zone ${tz})::date between ${period.from}::date and ${period.to}::date`;
    const created = (column: SQL) =>
      sql`(${column} at time zone ${tz})::date between ${period.from}::date and ${period.to}::date`;

    // Campaigns: the live ones, and trashed ones with a visible lead or deal created in the period.
    const campaigns = await rows<{
      id: string;
      name: string;
      channel: string;
      budget: string | null;
      cur: string | null;
    }>(
      db,
      sql`select c.id, c.name, c.channel, c.budget_amount::text as budget, c.budget_currency as cur from crm.campaigns c
          where c.org_id = ${org.id} and (c.deleted_at is null
            or exists (select 1 from crm.leads l where l.org_id = c.org_id and l.campaign_id = c.id and l.deleted_at is null
                         and ${created(sql`l.created_at`)} and ${leadsSeen})
            or exists (select 1 from crm.opportunities o where o.org_id = c.org_id and o.campaign_id = c.id
                         and o.deleted_at is null and ${created(sql`o.created_at`)} and ${dealsSeen}))
          order by c.name, c.id`,
    );
    const campaignRows: MarketCampaign[] = [];
    for (const c of [...campaigns, null]) {
      const f = await funnelOf(
        org,
        tz,
        period,
        sql`${leadsSeen} and ${c ? sql`l.campaign_id = ${c.id}` : sql`l.campaign_id is null`}`,
        sql`${dealsSeen} and ${c ? sql`o.campaign_id = ${c.id}` : sql`o.campaign_id is null`}`,
      );
      let cost: string | null = null;
      let roi: number | null = null;
      if (c?.budget && c.cur) {
        const converted = money(
          [{ stage_id: '', currency: c.cur, deals: '1', amount: c.budget, weighted_cents: '0' }],
          org,
        );
        if (!converted.converted.missingRates.length) {
          cost = converted.converted.sum;
          if (cost !== '0' && !f.won.converted.missingRates.length)
            roi = Number(BigInt(f.won.converted.sum) - BigInt(cost)) / Number(cost);
        }
      }
      campaignRows.push({
        campaignId: c?.id ?? null,
        name: c?.name ?? null,
        channel: c?.channel ?? null,
        budget: c?.budget && c.cur ? { amount: Number(c.budget), currency: c.cur } : null,
        cost,
        roi,
        ...f,
      });
    }

    // Sources: those of a visible lead or deal created in the period, by name (code points), then none.
    const sources = await rows<{ source: string | null }>(
      db,
      sql`select source from (
            select l.source from crm.leads l where l.org_id = ${org.id} and l.deleted_at is null
              and ${created(sql`l.created_at`)} and ${leadsSeen}
            union select o.source from crm.opportunities o where o.org_id = ${org.id} and o.deleted_at is null
              and ${created(sql`o.created_at`)} and ${dealsSeen}) s
          order by source collate "C" nulls last`,
    );
    const sourceRows = [];
    for (const { source } of sources) {
      const f = await funnelOf(
        org,
        tz,
        period,
        sql`${leadsSeen} and ${source === null ? sql`l.source is null` : sql`l.source = ${source}`}`,
        sql`${dealsSeen} and ${source === null ? sql`o.source is null` : sql`o.source = ${source}`}`,
      );
      sourceRows.push({ source, ...f });
    }

    const reasons = await rows<{ reason: string | null; deals: number }>(
      db,
      sql`select o.lost_reason as reason, count(*)::int as deals
          from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          where ${closed} and s.kind = 'lost' group by 1 order by 2 desc, o.lost_reason collate "C" nulls last`,
    );
    const lostReasons = [];
    for (const { reason, deals } of reasons) {
      const amounts = await rows<MoneyRow>(
        db,
        sql`select '' as stage_id, o.currency, count(*)::text as deals, sum(o.amount)::text as amount, '0' as weighted_cents
            from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
            where ${closed} and s.kind = 'lost'
              and ${reason === null ? sql`o.lost_reason is null` : sql`o.lost_reason = ${reason}`}
            group by o.currency`,
      );
      lostReasons.push({ reason, deals, amount: money(amounts, org) });
    }

    const competitors = await rows<{ competitor: string; won: number; lost: number; win_rate: number }>(
      db,
      sql`select c.name as competitor, count(*) filter (where s.kind = 'won')::int as won,
            count(*) filter (where s.kind = 'lost')::int as lost,
            (count(*) filter (where s.kind = 'won'))::float8 / count(*) as win_rate
          from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          join lateral (select distinct name from unnest(o.competitors) as name) c on true
          where ${closed} and s.kind in ('won', 'lost')
          group by 1 order by count(*) desc, c.name collate "C"`,
    );

    return {
      total: await funnelOf(org, tz, period, leadsSeen, dealsSeen),
      campaigns: campaignRows,
      sources: sourceRows,
      lostReasons,
      competitors: competitors.map((c) => ({
        competitor: c.competitor,
        wonDeals: c.won,
        lostDeals: c.lost,
        winRate: Number(c.win_rate),
      })),
    };
  }

  const sectionsOf = (r: MarketSections): MarketSections => ({
    total: r.total,
    campaigns: r.campaigns,
    sources: r.sources,
    lostReasons: r.lostReasons,
    competitors: r.competitors,
  });

  /** Compares the caller's report for a period and its comparison with SQL, section by section. */
  async function check(org: Org, caller: Member, period: Period, compared: Period): Promise<MarketReport> {
    const query = `from=${period.from}&to=${period.to}&compareFrom=${compared.from}&compareTo=${compared.to}`;
    const report = (await send(caller, 'GET', `/reports/market?${query}`)) as MarketReport;
    const who = `${org.slug} as ${caller.email}`;
    expect([report.from, report.to, report.compareFrom, report.compareTo, report.currency]).toEqual([
      period.from,
      period.to,
      compared.from,
      compared.to,
      org.base,
    ]);
    expect(sectionsOf(report), who).toEqual(await expected(org, caller, period));
    expect(report.comparison, `${who}, compared`).toEqual(await expected(org, caller, compared));
    return report;
  }

  const year = String(new Date().getUTCFullYear());
  const thisYear = { from: `${year}-01-01`, to: `${year}-12-31` };
  const lastYear = { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` };

  beforeAll(
    () =>
      fixture.load(get(), async (org) => {
        const found = await rows<{ id: string; email: string }>(
          get().db,
          sql`select id, email from crm.users where org_id = ${org.id} and role = 'manager' and deleted_at is null and active
              and exists (select 1 from crm.teams t where t.manager_id = crm.users.id) order by email`,
        );
        const list = found.map((m) => ({ orgId: org.id, userId: m.id, role: 'manager' as const, email: m.email }));
        managers.set(org.id, list);
        return list;
      }),
    120_000,
  );

  it('answers figures that agree with SQL for every sample organization and member', async () => {
    for (const org of orgs) {
      for (const caller of [...org.members, ...(managers.get(org.id) ?? [])])
        await check(org, caller, thisYear, lastYear);
      const admin = org.members.find((m) => m.role === 'admin')!;
      const report = await check(org, admin, thisYear, lastYear);
      // The sample is not empty: leads, won deals, lost reasons and competitors this year or last.
      expect(report.total.leads).toBeGreaterThan(0);
      // Some leads converted (the seed converts a few through the kit's conversion).
      expect(report.total.convertedLeads + report.comparison!.total.convertedLeads).toBeGreaterThan(0);
      expect(report.total.wonDeals + report.comparison!.total.wonDeals).toBeGreaterThan(0);
      expect(report.lostReasons.length + report.comparison!.lostReasons.length).toBeGreaterThan(0);
      expect(report.competitors.length + report.comparison!.competitors.length).toBeGreaterThan(0);
      expect(report.campaigns.length).toBeGreaterThan(1);
      expect(report.sources.length).toBeGreaterThan(1);
    }
  }, 240_000);

  it('follows a deal lost with a reason and a competitor, a won amount and a budget edited', async () => {
    for (const org of orgs) {
      const admin = org.members.find((m) => m.role === 'admin')!;
      const rep = org.members.find((m) => m.role === 'rep')!;
      const deals = await dealsOwnedBy(get().db, org.id, rep.userId);
      const [losing] = deals.filter((d) => d.kind === 'open');
      const [won] = deals.filter((d) => d.kind === 'won');
      const before = await check(org, admin, thisYear, lastYear);
      const rival = (r: MarketReport) => r.competitors.find((c) => c.competitor === 'Rival & Sons');
      const reason = (r: MarketReport) => r.lostReasons.find((l) => l.reason === 'Too slow')?.deals ?? 0;
      expect(rival(before)).toBeUndefined();

      await send(rep, 'PATCH', `/opportunities/${losing!.id}`, { competitors: ['Rival & Sons'] });
      await send(rep, 'POST', `/opportunities/${losing!.id}/move`, {
        stageId: await stageOf(get().db, losing!.pipeline_id, 'lost'),
        lostReason: 'Too slow',
      });
      // One of the rep's leads converted (the sample converts none).
      const [open] = await rows<{ id: string }>(
        get().db,
        sql`select id from crm.leads where org_id = ${org.id} and owner_id = ${rep.userId} and deleted_at is null
              and status <> 'converted' and created_at > now() - interval '60 days' order by id limit 1`,
      );
      await send(rep, 'POST', `/leads/${open!.id}/convert`, {}, 201);
      let report = await check(org, admin, thisYear, lastYear);
      expect(report.total.convertedLeads).toBe(before.total.convertedLeads + 1);
      expect(rival(report)).toEqual({ competitor: 'Rival & Sons', wonDeals: 0, lostDeals: 1, winRate: 0 });
      expect(reason(report)).toBe(1);
      await check(org, rep, thisYear, lastYear);

      // The won deal's amount edited: the revenue of its campaign, source and the total follow.
      await send(rep, 'PATCH', `/opportunities/${won!.id}`, { amount: 98_765_432 });
      report = await check(org, admin, thisYear, lastYear);
      for (const manager of managers.get(org.id)!) await check(org, manager, thisYear, lastYear);

      // A campaign's budget edited: its cost and ROI follow.
      const campaign = report.campaigns.find((c) => c.campaignId !== null && c.budget !== null)!;
      await send(admin, 'PATCH', `/campaigns/${campaign.campaignId}`, { budgetAmount: 1_234_500 });
      report = await check(org, admin, thisYear, lastYear);
      const after = report.campaigns.find((c) => c.campaignId === campaign.campaignId)!;
      expect(after.budget?.amount).toBe(1_234_500);
    }
  }, 240_000);

  it('exports the same figures as CSV', async () => {
    const org = orgs[0]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const query = `from=${thisYear.from}&to=${thisYear.to}&compareFrom=${lastYear.from}&compareTo=${lastYear.to}`;
    const report = (await send(admin, 'GET', `/reports/market?${query}`)) as MarketReport;
    const res = await fixture.app.request(`/api/crm/reports/market.csv?${query}`, {
      headers: { 'x-test-user': admin.userId },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    const sections = (s: MarketSections) => [
      'total',
      ...s.campaigns.map(() => 'campaign'),
      ...s.sources.map(() => 'source'),
      ...s.lostReasons.map(() => 'lostReason'),
      ...s.competitors.map(() => 'competitor'),
    ];
    expect(parsed.data.map((l) => l.section)).toEqual([...sections(report), ...sections(report.comparison!)]);
    expect(parsed.data.map((l) => l.period)).toEqual([
      ...sections(report).map(() => 'current'),
      ...sections(report.comparison!).map(() => 'comparison'),
    ]);
    const campaigns = parsed.data.filter((l) => l.section === 'campaign' && l.period === 'current');
    report.campaigns.forEach((c, i) => {
      expect(campaigns[i]).toMatchObject({
        key: cell(c.campaignId),
        name: cell(c.name),
        leads: String(c.leads),
        convertedLeads: String(c.convertedLeads),
        deals: String(c.deals),
        wonDeals: String(c.wonDeals),
        amount: c.won.converted.sum,
        cost: cell(c.cost),
        currency: report.currency,
        from: report.from,
      });
      // A negative ROI is escaped against spreadsheet formulas with a leading quote.
      expect(Number(campaigns[i]!.roi!.replace(/^'/, '') || 'NaN')).toEqual(c.roi ?? NaN);
    });
    const reasons = parsed.data.filter((l) => l.section === 'lostReason' && l.period === 'current');
    expect(reasons.map((l) => [l.name, l.lostDeals, l.amount])).toEqual(
      report.lostReasons.map((r) => [cell(r.reason), String(r.deals), r.amount.converted.sum]),
    );
  });
});

/** A small organization of its own: ROI to the cent, the filters, roles, tenants and bad parameters. */
describe.each(testDatabases())('the market report in a small organization on $name', ({ get }) => {
  let kit: TestKit;
  let admin: KitMember;
  let rep: KitMember;
  let rep2: KitMember;
  let manager: KitMember;
  let teamId: string;
  let pipelineId: string;
  let otherPipelineId: string;
  let fair: string;
  const stage: Record<string, string> = {};
  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const created = async (who: KitMember, path: string, body: Json) => {
    const res = await send(who, 'POST', path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const report = async (who: KitMember, query: string) => {
    const res = await send(who, 'GET', `/reports/market?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as unknown as MarketReport;
  };
  const Q1 = 'from=2025-01-01&to=2025-03-31';
  const campaignOf = (r: MarketReport, id: string | null) => r.campaigns.find((c) => c.campaignId === id)!;

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep, rep2, manager } = kit.acme.users);
    teamId = String((await created(admin, '/teams', { name: 'North', managerId: manager.userId })).id);
    await send(admin, 'PATCH', `/users/${rep.userId}`, { teamId });
    const pipeline = await created(admin, '/pipelines', {
      name: 'Sales',
      stages: [
        { name: 'Open', probability: 20 },
        { name: 'Won', probability: 100, kind: 'won' },
        { name: 'Lost', probability: 0, kind: 'lost' },
      ],
    });
    pipelineId = String(pipeline.id);
    for (const s of pipeline.stages as Json[]) stage[String(s.name)] = String(s.id);
    const other = await created(admin, '/pipelines', {
      name: 'Other',
      stages: [
        { name: 'Open', probability: 20 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    otherPipelineId = String(other.id);
    // The fair cost 1,000.00 EUR = 1,100.00 USD.
    fair = String(
      (
        await created(admin, '/campaigns', {
          name: 'Fair',
          channel: 'event',
          budgetAmount: 100_000,
          budgetCurrency: 'EUR',
        })
      ).id,
    );
    const customer = await created(rep, '/customers', { name: 'Small Co', kind: 'company' });
    const at = async (table: 'leads' | 'opportunities', id: unknown, createdAt: string, closedAt?: string) =>
      get().db.execute(
        table === 'leads'
          ? sql`update crm.leads set created_at = ${createdAt}::timestamptz where id = ${String(id)}`
          : sql`update crm.opportunities set created_at = ${createdAt}::timestamptz,
                  closed_at = ${closedAt ?? null}::timestamptz where id = ${String(id)}`,
      );
    const lead = async (owner: KitMember, body: Json, createdAt: string, convert = false) => {
      const { id } = await created(admin, '/leads', { ownerId: owner.userId, ...body });
      if (convert) expect((await send(admin, 'POST', `/leads/${String(id)}/convert`, {})).status).toBe(201);
      await at('leads', id, createdAt);
    };
    // Q1 2025: three fair leads (rep: one converted, one disqualified; rep2: one), a web lead of rep2.
    await lead(rep, { name: 'Ann', campaignId: fair }, '2025-01-05T10:00:00Z', true);
    await lead(
      rep,
      { name: 'Bo', campaignId: fair, status: 'disqualified', disqualifiedReason: 'No' },
      '2025-01-06T10:00:00Z',
    );
    await lead(rep2, { name: 'Cy', campaignId: fair }, '2025-02-01T10:00:00Z');
    await lead(rep2, { name: 'Di', source: 'web' }, '2025-02-02T10:00:00Z');
    const deal = async (owner: KitMember, s: string, amount: number, currency: string, body: Json, dates: string[]) => {
      const pipe = body.pipelineId === otherPipelineId ? other : pipeline;
      const stageId = String((pipe.stages as Json[]).find((x) => x.name === s)!.id);
      const { id } = await created(admin, '/opportunities', {
        name: `${s} ${amount}`,
        customerId: customer.id,
        pipelineId,
        stageId,
        amount,
        currency,
        ownerId: owner.userId,
        ...(s === 'Lost' ? { lostReason: 'Price' } : {}),
        ...body,
      });
      await at('opportunities', id, dates[0]!, dates[1]);
    };
    // Fair deals: rep wins 2,000.00 USD and 500.00 EUR, loses 700.00 USD to Globex; rep2 wins 300.00 USD in the
    // other pipeline, against Globex too.
    const q1 = ['2025-01-10T10:00:00Z', '2025-02-10T10:00:00Z'];
    await deal(rep, 'Won', 200_000, 'USD', { campaignId: fair, source: 'event' }, q1);
    await deal(rep, 'Won', 50_000, 'EUR', { campaignId: fair, source: 'event' }, q1);
    await deal(rep, 'Lost', 70_000, 'USD', { campaignId: fair, competitors: ['Globex', 'Globex'] }, q1);
    await deal(
      rep2,
      'Won',
      30_000,
      'USD',
      { campaignId: fair, pipelineId: otherPipelineId, competitors: ['Globex'] },
      q1,
    );
    // A web deal still open, and one lost without a reason... in 2024.
    await deal(rep2, 'Open', 10_000, 'USD', { source: 'web' }, ['2025-03-01T10:00:00Z']);
    await deal(rep, 'Lost', 5_000, 'USD', { source: 'web', lostReason: 'Timing' }, [
      '2024-11-01T10:00:00Z',
      '2024-12-01T10:00:00Z',
    ]);
  });

  it('counts the funnel, revenue, cost and ROI of a campaign to the cent', async () => {
    const body = await report(admin, `${Q1}&compareFrom=2024-10-01&compareTo=2024-12-31`);
    expect(body.currency).toBe('USD');
    // Won: 2,000.00 + 300.00 USD + 500.00 EUR at 1.1 = 2,850.00 USD; cost 1,100.00 USD.
    expect(campaignOf(body, fair)).toMatchObject({
      name: 'Fair',
      channel: 'event',
      leads: 3,
      convertedLeads: 1,
      disqualifiedLeads: 1,
      deals: 4,
      wonDeals: 3,
      lostDeals: 1,
      conversion: { converted: 1 / 3, deals: 4, won: 3 / 4 },
      winRate: 3 / 4,
      won: { converted: { currency: 'USD', sum: '285000', missingRates: [] } },
      budget: { amount: 100_000, currency: 'EUR' },
      cost: '110000',
      roi: (285_000 - 110_000) / 110_000,
    });
    expect(campaignOf(body, null)).toMatchObject({ leads: 1, deals: 1, openDeals: 1, cost: null, roi: null });
    expect(body.sources.map((s) => [s.source, s.leads, s.deals])).toEqual([
      ['event', 0, 2],
      ['web', 1, 1],
      [null, 3, 2],
    ]);
    expect(body.lostReasons).toEqual([
      {
        reason: 'Price',
        deals: 1,
        amount: {
          totals: [{ currency: 'USD', count: 1, sum: '70000' }],
          converted: { currency: 'USD', sum: '70000', missingRates: [] },
        },
      },
    ]);
    // A competitor named twice on one deal counts once.
    expect(body.competitors).toEqual([{ competitor: 'Globex', wonDeals: 1, lostDeals: 1, winRate: 0.5 }]);
    expect(body.comparison!.lostReasons.map((r) => [r.reason, r.deals])).toEqual([['Timing', 1]]);
    expect(body.comparison!.total).toMatchObject({
      leads: 0,
      deals: 1,
      conversion: { converted: null, deals: null, won: 0 },
    });
  });

  it('narrows to a pipeline, a currency, a team or a member', async () => {
    const sales = await report(admin, `${Q1}&pipelineId=${pipelineId}`);
    expect(campaignOf(sales, fair)).toMatchObject({ leads: 3, deals: 3, won: { converted: { sum: '255000' } } });
    expect(sales.competitors).toEqual([{ competitor: 'Globex', wonDeals: 0, lostDeals: 1, winRate: 0 }]);
    // In euros: the euro deal alone, and the euro budget is the cost in its own units.
    const euros = await report(admin, `${Q1}&currency=EUR`);
    expect(euros.currency).toBe('EUR');
    expect(campaignOf(euros, fair)).toMatchObject({ deals: 1, cost: '100000', roi: (50_000 - 100_000) / 100_000 });
    // In dollars: the budget in euros has no rate into it, so no cost and no ROI.
    const dollars = await report(admin, `${Q1}&currency=USD`);
    expect(campaignOf(dollars, fair)).toMatchObject({ deals: 3, cost: null, roi: null });
    const team = await report(admin, `${Q1}&teamId=${teamId}`);
    expect(team.total).toMatchObject({ leads: 2, deals: 3 });
    const one = await report(admin, `${Q1}&ownerId=${rep2.userId}`);
    expect(one.total).toMatchObject({ leads: 2, deals: 2, wonDeals: 1 });
  });

  it("shows a rep their own leads and deals, a manager their team's, and never another tenant's", async () => {
    const mine = await report(rep2, Q1);
    expect(mine.total).toMatchObject({ leads: 2, deals: 2, wonDeals: 1, lostDeals: 0 });
    expect(mine.lostReasons).toEqual([]);
    const managed = await report(manager, Q1);
    expect(managed.total).toMatchObject({ leads: 2, deals: 3 });
    const other = await report(kit.globex.users.admin, Q1);
    expect(other.campaigns.map((c) => c.campaignId)).toEqual([null]);
    expect([other.total.leads, other.total.deals, other.sources, other.lostReasons, other.competitors]).toEqual([
      0,
      0,
      [],
      [],
      [],
    ]);
    const named = await report(kit.globex.users.admin, `${Q1}&ownerId=${rep.userId}&teamId=${teamId}`);
    expect([named.total.leads, named.total.deals]).toEqual([0, 0]);
  });

  it('refuses bad parameters field by field', async () => {
    const cases: [string, [string, string][]][] = [
      ['from=2025-13-01&to=2025-01-01', [['from', 'invalid_format']]],
      ['from=2025-01-01', [['to', 'required']]],
      ['from=2025-02-01&to=2025-01-01', [['to', 'invalid_value']]],
      ['compareFrom=2024-01-01&from=2025-01-01&to=2025-01-31', [['compareTo', 'required']]],
      [
        'currency=usd&ownerId=me&teamId=x&pipelineId=1',
        [
          ['currency', 'invalid_format'],
          ['ownerId', 'invalid_format'],
          ['pipelineId', 'invalid_format'],
          ['teamId', 'invalid_format'],
        ],
      ],
      ['campaign=x', [['campaign', 'unknown_field']]],
    ];
    for (const [query, errors] of cases) {
      for (const path of ['/reports/market', '/reports/market.csv']) {
        const res = await send(admin, 'GET', `${path}?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.res.headers.get('content-type'), query).toMatch(/^application\/problem\+json/);
        expect(
          (res.body.errors as { path: string; code: string }[]).map((e) => [e.path, e.code]).sort(),
          `${path}?${query}`,
        ).toEqual(errors);
      }
    }
  });
});
