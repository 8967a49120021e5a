// The market analysis report: leads to won deals by campaign and by source, with the conversion at each
// step, the revenue, each campaign's cost and return; the reasons deals were lost; and how the deals
// that named a competitor ended. Read under row-level security: a rep counts their own leads and deals.
import type {
  MarketCampaign,
  MarketFunnel,
  MarketMoney,
  MarketReport,
  MarketReportQuery,
  MarketSections,
} from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import { combineScopes, filterOwners, orgReportContext, scopeCondition, type OwnerScope } from '../board/context.js';
import { addBucket, convertTotals, currencyTotals, ratesOf, type Bucket, type Rates } from '../board/money.js';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { periodDays, periodStart, today } from '../forecast/forecast.js';
import type { Caller } from '../http/env.js';

interface Period {
  from: string;
  to: string;
}

/** What the reads of one period need to know. */
interface Context {
  orgId: string;
  timeZone: string;
  scope: OwnerScope;
  pipelineId?: string;
  currency?: string;
  rates: Rates;
}

/** Per campaign and source: leads created in the period. */
interface LeadRow {
  campaign_id: string | null;
  source: string | null;
  leads: number;
  converted: number;
  disqualified: number;
}

/** Per campaign, source, stage kind and currency: deals created in the period. */
interface DealRow {
  campaign_id: string | null;
  source: string | null;
  kind: 'open' | 'won' | 'lost';
  currency: string;
  deals: number;
  amount: string;
}

interface CampaignRow {
  id: string;
  name: string;
  channel: string;
  budget_amount: string | null;
  budget_currency: string | null;
  live: boolean;
}

/** A funnel being counted: the figures, and the won amounts per currency before rounding. */
interface Tally {
  leads: number;
  convertedLeads: number;
  disqualifiedLeads: number;
  deals: number;
  openDeals: number;
  wonDeals: number;
  lostDeals: number;
  won: Map<string, Bucket>;
}

const emptyTally = (): Tally => ({
  leads: 0,
  convertedLeads: 0,
  disqualifiedLeads: 0,
  deals: 0,
  openDeals: 0,
  wonDeals: 0,
  lostDeals: 0,
  won: new Map(),
});

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** Money of some buckets: per currency and converted, rounded once. */
function money(buckets: Iterable<Bucket>, rates: Rates): MarketMoney {
  const list = [...buckets];
  const { weighted: _, ...converted } = convertTotals(list, rates);
  return { totals: currencyTotals(list).map(({ weighted: _w, ...total }) => total), converted };
}

function funnel(t: Tally, rates: Rates): MarketFunnel {
  return {
    leads: t.leads,
    convertedLeads: t.convertedLeads,
    disqualifiedLeads: t.disqualifiedLeads,
    deals: t.deals,
    openDeals: t.openDeals,
    wonDeals: t.wonDeals,
    lostDeals: t.lostDeals,
    conversion: {
      converted: ratio(t.convertedLeads, t.leads),
      deals: ratio(t.deals, t.convertedLeads),
      won: ratio(t.wonDeals, t.deals),
    },
    winRate: ratio(t.wonDeals, t.wonDeals + t.lostDeals),
    won: money(t.won.values(), rates),
  };
}

/** The campaign's budget in the report currency (null without one or its rate), and the return on it. */
function returnOn(campaign: CampaignRow | undefined, won: MarketMoney, rates: Rates) {
  if (!campaign?.budget_amount || !campaign.budget_currency) return { cost: null, roi: null };
  const budget = {
    currency: campaign.budget_currency,
    count: 1,
    sum: BigInt(campaign.budget_amount),
    weightedCents: 0n,
  };
  const converted = convertTotals([budget], rates);
  if (converted.missingRates.length) return { cost: null, roi: null };
  const cost = BigInt(converted.sum);
  const roi =
    cost === 0n || won.converted.missingRates.length ? null : Number(BigInt(won.converted.sum) - cost) / Number(cost);
  return { cost: converted.sum, roi };
}

/** The period's days as a range of instants in the organization's time zone, so the timestamp indexes serve. */
function within(ctx: Context, period: Period, column: SQL): SQL {
  const start = sql`(${period.from}::date::timestamp at time zone ${ctx.timeZone})`;
  const end = sql`((${period.to}::date + 1)::timestamp at time zone ${ctx.timeZone})`;
  return sql`(${column} >= ${start} and ${column} < ${end})`;
}

/** The deals the filters allow (alias `o`), whatever their days. */
function dealFilters(ctx: Context): SQL {
  return sql`o.org_id = ${ctx.orgId} and o.deleted_at is null
    and ${ctx.pipelineId ? sql`o.pipeline_id = ${ctx.pipelineId}` : sql`true`}
    and ${ctx.currency ? sql`o.currency = ${ctx.currency}` : sql`true`}
    and ${scopeCondition(ctx.scope) ?? sql`true`}`;
}

const bucket = (currency: string, deals: number, amount: string): Bucket => ({
  currency,
  count: deals,
  sum: BigInt(amount),
  weightedCents: 0n,
});

async function sections(tx: Tx, ctx: Context, period: Period, campaigns: CampaignRow[]): Promise<MarketSections> {
  const [leads, deals, lost, competitors] = await Promise.all([
    rows<LeadRow>(
      tx,
      sql`select l.campaign_id, l.source, count(*)::int as leads,
            count(*) filter (where l.status = 'converted')::int as converted,
            count(*) filter (where l.status = 'disqualified')::int as disqualified
          from crm.leads l
          where l.org_id = ${ctx.orgId} and l.deleted_at is null and ${within(ctx, period, sql`l.created_at`)}
            and ${scopeCondition(ctx.scope, sql`l.owner_id`) ?? sql`true`}
          group by 1, 2`,
    ),
    rows<DealRow>(
      tx,
      sql`select o.campaign_id, o.source, s.kind, o.currency, count(*)::int as deals, sum(o.amount)::text as amount
          from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          where ${dealFilters(ctx)} and ${within(ctx, period, sql`o.created_at`)}
          group by 1, 2, 3, 4`,
    ),
    rows<{ reason: string | null; currency: string; deals: number; amount: string }>(
      tx,
      sql`select o.lost_reason as reason, o.currency, count(*)::int as deals, sum(o.amount)::text as amount
          from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          where ${dealFilters(ctx)} and s.kind = 'lost' and ${within(ctx, period, sql`o.closed_at`)}
          group by 1, 2`,
    ),
    rows<{ competitor: string; won: number; lost: number }>(
      tx,
      // A competitor named twice on one deal counts once for it.
      sql`select c.name as competitor, count(*) filter (where s.kind = 'won')::int as won,
            count(*) filter (where s.kind = 'lost')::int as lost
          from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          cross join lateral (select distinct name from unnest(o.competitors) as name) c
          where ${dealFilters(ctx)} and s.kind in ('won', 'lost') and ${within(ctx, period, sql`o.closed_at`)}
          group by 1`,
    ),
  ]);

  const total = emptyTally();
  const byCampaign = new Map<string | null, Tally>();
  const bySource = new Map<string | null, Tally>();
  const of = (map: Map<string | null, Tally>, key: string | null) => {
    let tally = map.get(key);
    if (!tally) map.set(key, (tally = emptyTally()));
    return tally;
  };
  for (const row of leads) {
    for (const t of [total, of(byCampaign, row.campaign_id), of(bySource, row.source)]) {
      t.leads += row.leads;
      t.convertedLeads += row.converted;
      t.disqualifiedLeads += row.disqualified;
    }
  }
  for (const row of deals) {
    for (const t of [total, of(byCampaign, row.campaign_id), of(bySource, row.source)]) {
      t.deals += row.deals;
      if (row.kind === 'open') t.openDeals += row.deals;
      else if (row.kind === 'lost') t.lostDeals += row.deals;
      else {
        t.wonDeals += row.deals;
        addBucket(t.won, bucket(row.currency, row.deals, row.amount));
      }
    }
  }

  const { rates } = ctx;
  const known = new Map(campaigns.map((c) => [c.id, c]));
  // Live campaigns always show; a trashed one when it brought something in the period.
  const campaignIds = campaigns.filter((c) => c.live || byCampaign.has(c.id)).map((c) => c.id);
  const campaignRows: MarketCampaign[] = [...campaignIds, null].map((id) => {
    const campaign = id === null ? undefined : known.get(id);
    const figures = funnel(byCampaign.get(id) ?? emptyTally(), rates);
    return {
      campaignId: id,
      name: campaign?.name ?? null,
      channel: campaign?.channel ?? null,
      budget:
        campaign?.budget_amount != null && campaign.budget_currency
          ? { amount: Number(campaign.budget_amount), currency: campaign.budget_currency }
          : null,
      ...returnOn(campaign, figures.won, rates),
      ...figures,
    };
  });

  const sources = [...bySource.keys()].filter((s): s is string => s !== null).sort();
  const lostBy = new Map<string | null, { deals: number; buckets: Map<string, Bucket> }>();
  for (const row of lost) {
    const into = lostBy.get(row.reason) ?? { deals: 0, buckets: new Map() };
    into.deals += row.deals;
    addBucket(into.buckets, bucket(row.currency, row.deals, row.amount));
    lostBy.set(row.reason, into);
  }
  const byName = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

  return {
    total: funnel(total, rates),
    campaigns: campaignRows,
    sources: [...sources, ...(bySource.has(null) ? [null] : [])].map((source) => ({
      source,
      ...funnel(bySource.get(source)!, rates),
    })),
    lostReasons: [...lostBy.entries()]
      .sort(([a, x], [b, y]) => y.deals - x.deals || byName(a, b))
      .map(([reason, r]) => ({ reason, deals: r.deals, amount: money(r.buckets.values(), rates) })),
    competitors: competitors
      .sort((a, b) => b.won + b.lost - (a.won + a.lost) || byName(a.competitor, b.competitor))
      .map((c) => ({
        competitor: c.competitor,
        wonDeals: c.won,
        lostDeals: c.lost,
        winRate: ratio(c.won, c.won + c.lost),
      })),
  };
}

export async function marketReport(tx: Tx, caller: Caller, query: MarketReportQuery): Promise<MarketReport> {
  const org = await orgReportContext(tx, caller);
  const period: Period =
    query.from && query.to
      ? { from: query.from, to: query.to }
      : periodDays('quarter', periodStart('quarter', today(org.timeZone), org.fiscalYearStartMonth));
  const compared: Period | null =
    query.compareFrom && query.compareTo ? { from: query.compareFrom, to: query.compareTo } : null;
  const filtered = await filterOwners(tx, caller, { ownerId: query.ownerId, teamId: query.teamId });
  const ctx: Context = {
    orgId: caller.orgId,
    timeZone: org.timeZone,
    scope: combineScopes(filtered, org.visible),
    pipelineId: query.pipelineId,
    currency: query.currency,
    // Asked for one currency: its deals only, in its own units, and no other currency converts into it.
    rates: query.currency ? ratesOf(query.currency, {}) : org.rates,
  };
  // Trashed campaigns too: what they brought in still counts, under their name.
  const campaigns = await rows<CampaignRow>(
    tx,
    sql`select id, name, channel, budget_amount::text as budget_amount, budget_currency, deleted_at is null as live
        from crm.campaigns where org_id = ${caller.orgId} order by name, id`,
  );
  const [now, before] = await Promise.all([
    sections(tx, ctx, period, campaigns),
    compared ? sections(tx, ctx, compared, campaigns) : null,
  ]);
  return {
    from: period.from,
    to: period.to,
    compareFrom: compared?.from ?? null,
    compareTo: compared?.to ?? null,
    currency: ctx.rates.base,
    fiscalYearStartMonth: org.fiscalYearStartMonth,
    ...now,
    comparison: before,
  };
}
