import type { CampaignReport, CampaignResult } from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import { orgReportContext } from '../board/context.js';
import { addBucket, convertTotals, currencyTotals, type Bucket } from '../board/money.js';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import type { Caller } from '../http/env.js';

interface LeadRow {
  campaign_id: string | null;
  leads: number;
  converted: number;
  disqualified: number;
}

interface DealRow {
  campaign_id: string | null;
  kind: 'open' | 'won' | 'lost';
  currency: string;
  deals: number;
  amount: string;
  weighted_cents: string;
}

interface CampaignRow {
  id: string;
  name: string;
  channel: string;
  budget_amount: number | null;
  budget_currency: string | null;
  live: boolean;
}

/**
 * What each campaign brought in (the market report): its leads and what became of them, its deals and
 * what they won or still may, with the deals' amounts per currency and in the base currency. Leads and
 * deals count by the day they were created, in the organization's time zone, within `from`–`to` when
 * given. Read under row-level security: a rep's report counts their own leads and deals.
 */
export async function campaignReport(
  tx: Tx,
  caller: Caller,
  query: { from?: string; to?: string },
): Promise<CampaignReport> {
  const { rates, timeZone } = await orgReportContext(tx, caller);
  const inPeriod = (column: SQL): SQL => {
    const day = sql`(${column} at time zone ${timeZone})::date`;
    return sql`${query.from ? sql` and ${day} >= ${query.from}::date` : sql``}${query.to ? sql` and ${day} <= ${query.to}::date` : sql``}`;
  };
  const [leads, deals, campaigns] = await Promise.all([
    rows<LeadRow>(
      tx,
      sql`select campaign_id, count(*)::int as leads,
            count(*) filter (where status = 'converted')::int as converted,
            count(*) filter (where status = 'disqualified')::int as disqualified
          from crm.leads l
          where l.org_id = ${caller.orgId} and l.deleted_at is null${inPeriod(sql`l.created_at`)}
          group by campaign_id`,
    ),
    rows<DealRow>(
      tx,
      sql`select o.campaign_id, s.kind, o.currency, count(*)::int as deals, sum(o.amount)::text as amount,
            sum(o.amount * coalesce(o.probability, s.probability))::text as weighted_cents
          from crm.opportunities o
          join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          where o.org_id = ${caller.orgId} and o.deleted_at is null${inPeriod(sql`o.created_at`)}
          group by 1, 2, 3`,
    ),
    rows<CampaignRow>(
      tx,
      sql`select id, name, channel, budget_amount, budget_currency, deleted_at is null as live
          from crm.campaigns where org_id = ${caller.orgId} order by name, id`,
    ),
  ]);

  const results = new Map<
    string | null,
    CampaignResult & { wonBuckets: Map<string, Bucket>; openBuckets: Map<string, Bucket> }
  >();
  const result = (campaign: CampaignRow | null) => ({
    campaignId: campaign?.id ?? null,
    name: campaign?.name ?? null,
    channel: campaign?.channel ?? null,
    budget:
      campaign?.budget_amount != null && campaign.budget_currency
        ? { amount: Number(campaign.budget_amount), currency: campaign.budget_currency }
        : null,
    leads: 0,
    convertedLeads: 0,
    disqualifiedLeads: 0,
    deals: 0,
    openDeals: 0,
    wonDeals: 0,
    lostDeals: 0,
    won: { totals: [], converted: convertTotals([], rates) },
    open: { totals: [], converted: convertTotals([], rates) },
    wonBuckets: new Map<string, Bucket>(),
    openBuckets: new Map<string, Bucket>(),
  });
  for (const campaign of campaigns) results.set(campaign.id, result(campaign));
  results.set(null, result(null));
  // A campaign in the trash still owns what it brought in; an id without a row cannot happen (foreign keys).
  const of = (id: string | null) => results.get(id) ?? results.get(null)!;
  for (const row of leads) {
    const into = of(row.campaign_id);
    into.leads += row.leads;
    into.convertedLeads += row.converted;
    into.disqualifiedLeads += row.disqualified;
  }
  for (const row of deals) {
    const into = of(row.campaign_id);
    into.deals += row.deals;
    if (row.kind === 'lost') {
      into.lostDeals += row.deals;
      continue;
    }
    const bucket = {
      currency: row.currency,
      count: row.deals,
      sum: BigInt(row.amount),
      weightedCents: BigInt(row.weighted_cents),
    };
    if (row.kind === 'won') {
      into.wonDeals += row.deals;
      addBucket(into.wonBuckets, bucket);
    } else {
      into.openDeals += row.deals;
      addBucket(into.openBuckets, bucket);
    }
  }
  const live = new Set(campaigns.filter((c) => c.live).map((c) => c.id));
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    currency: rates.base,
    campaigns: [...results.values()]
      // Trashed campaigns show only when they brought something in the period.
      .filter((r) => r.campaignId === null || live.has(r.campaignId) || r.leads > 0 || r.deals > 0)
      .map(({ wonBuckets, openBuckets, ...r }) => ({
        ...r,
        won: { totals: currencyTotals(wonBuckets.values()), converted: convertTotals(wonBuckets.values(), rates) },
        open: { totals: currencyTotals(openBuckets.values()), converted: convertTotals(openBuckets.values(), rates) },
      })),
  };
}
