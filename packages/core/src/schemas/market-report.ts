import { z } from 'zod';
import { ConvertedTotal, CurrencyTotal } from './board.js';
import { CurrencyCode, Id, MinorSum } from './common.js';
import { IsoDate } from './fields.js';
import { checkPeriod } from './performance-report.js';

/** The query of `GET /reports/market` and `GET /reports/market.csv`. */
export const MarketReportQuery = z
  .strictObject({
    from: IsoDate.optional().describe(
      "First day of the period, in the organization's time zone; with `to`. By default the quarter that holds today",
    ),
    to: IsoDate.optional().describe('Last day of the period, included; with `from`'),
    compareFrom: IsoDate.optional().describe('First day of the period to compare with; with `compareTo`'),
    compareTo: IsoDate.optional().describe('Last day of the period to compare with, included'),
    teamId: Id.optional().describe(
      'Only the leads and deals of the members (and managers) of this team and the teams under it',
    ),
    ownerId: Id.optional().describe('Only the leads and deals of this member'),
    pipelineId: Id.optional().describe("Only deals of this pipeline (leads are no pipeline's)"),
    currency: CurrencyCode.optional().describe(
      'Only deals in this currency, in its own units; by default all of them, converted into the base currency',
    ),
  })
  .superRefine(checkPeriod);
export type MarketReportQuery = z.input<typeof MarketReportQuery>;

/** Amounts per currency and converted into the report currency. */
export const MarketMoney = z.object({
  totals: z.array(CurrencyTotal.omit({ weighted: true })).describe('Per currency, by currency code'),
  converted: ConvertedTotal.omit({ weighted: true }).describe('In the report currency'),
});
export type MarketMoney = z.infer<typeof MarketMoney>;

const rate = (what: string) => z.number().nullable().describe(`${what}; null when the divisor is 0`);

/** From leads to won deals: what came in during the period and what became of it. */
export const MarketFunnel = z.object({
  leads: z.number().int().describe('Leads created in the period'),
  convertedLeads: z.number().int().describe('Of those, converted'),
  disqualifiedLeads: z.number().int().describe('Of those, disqualified'),
  deals: z.number().int().describe('Deals created in the period'),
  openDeals: z.number().int(),
  wonDeals: z.number().int().describe('Of those, in a won stage now'),
  lostDeals: z.number().int().describe('Of those, in a lost stage now'),
  conversion: z
    .object({
      converted: rate('convertedLeads / leads'),
      deals: rate('deals / convertedLeads (above 1 when deals came without a lead)'),
      won: rate('wonDeals / deals'),
    })
    .describe('Each step of the funnel against the one before'),
  winRate: rate('wonDeals / (wonDeals + lostDeals)'),
  won: MarketMoney.describe('The won deals’ amounts: the revenue'),
});
export type MarketFunnel = z.infer<typeof MarketFunnel>;

export const MarketCampaign = MarketFunnel.extend({
  campaignId: Id.nullable().describe('Null for what came with no campaign'),
  name: z.string().nullable(),
  channel: z.string().nullable(),
  budget: z
    .object({ amount: z.number().int(), currency: CurrencyCode })
    .nullable()
    .describe("The campaign's budget as entered: its cost"),
  cost: MinorSum.nullable().describe('The budget in the report currency; null without a budget or its rate'),
  roi: z
    .number()
    .nullable()
    .describe('(won.converted.sum − cost) / cost; null when the cost is 0 or unknown, or a won currency has no rate'),
});
export type MarketCampaign = z.infer<typeof MarketCampaign>;

export const MarketSource = MarketFunnel.extend({
  source: z.string().nullable().describe('The lead’s or deal’s source; null for none'),
});
export type MarketSource = z.infer<typeof MarketSource>;

export const MarketLostReason = z.object({
  reason: z.string().nullable().describe('Null for deals lost without a reason'),
  deals: z.number().int().describe('Deals in a lost stage that closed in the period with this reason'),
  amount: MarketMoney,
});
export type MarketLostReason = z.infer<typeof MarketLostReason>;

export const MarketCompetitor = z.object({
  competitor: z.string(),
  wonDeals: z.number().int().describe('Deals naming the competitor won in the period'),
  lostDeals: z.number().int().describe('Deals naming the competitor lost in the period'),
  winRate: rate('wonDeals / (wonDeals + lostDeals)'),
});
export type MarketCompetitor = z.infer<typeof MarketCompetitor>;

/** The sections of the market report over one period. */
export const MarketSections = z.object({
  total: MarketFunnel.describe('Every lead and deal the report counts'),
  campaigns: z
    .array(MarketCampaign)
    .describe('Every live campaign, by name (a trashed one when it counts), then no campaign'),
  sources: z.array(MarketSource).describe('Every source with leads or deals, by name, then no source'),
  lostReasons: z.array(MarketLostReason).describe('By deals, most first, then reason'),
  competitors: z.array(MarketCompetitor).describe('By deals closed, most first, then name'),
});
export type MarketSections = z.infer<typeof MarketSections>;

/** `GET /reports/market`: leads to won deals by campaign and source, ROI, lost reasons, competitors. */
export const MarketReport = MarketSections.extend({
  from: IsoDate,
  to: IsoDate,
  compareFrom: IsoDate.nullable(),
  compareTo: IsoDate.nullable(),
  currency: CurrencyCode.describe('The currency of every converted amount: the base currency, or the one asked for'),
  fiscalYearStartMonth: z
    .number()
    .int()
    .describe("The month (1–12) in which the organization's fiscal year starts: quarters and years follow it"),
  comparison: MarketSections.nullable().describe('The same sections over the comparison period, if one is given'),
});
export type MarketReport = z.infer<typeof MarketReport>;
