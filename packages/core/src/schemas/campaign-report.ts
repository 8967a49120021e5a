import { z } from 'zod';
import { CurrencyCode, Id } from './common.js';
import { ConvertedTotal, CurrencyTotal } from './board.js';
import { IsoDate } from './fields.js';

export const CampaignReportQuery = z.strictObject({
  from: IsoDate.optional().describe(
    'First day of the period (the organization’s time zone): leads and deals created from it',
  ),
  to: IsoDate.optional().describe('Last day of the period, included'),
});
export type CampaignReportQuery = z.input<typeof CampaignReportQuery>;

/** What one campaign brought in: its leads and what became of them, its deals and what they won. */
export const CampaignResult = z.object({
  campaignId: Id.nullable().describe('Null for the leads and deals of no campaign'),
  name: z.string().nullable(),
  channel: z.string().nullable(),
  budget: z.object({ amount: z.number().int(), currency: CurrencyCode }).nullable(),
  leads: z.number().int().describe('Leads of the campaign created in the period'),
  convertedLeads: z.number().int().describe('Of those, how many were converted'),
  disqualifiedLeads: z.number().int(),
  deals: z.number().int().describe('Deals of the campaign created in the period'),
  openDeals: z.number().int(),
  wonDeals: z.number().int(),
  lostDeals: z.number().int(),
  won: z.object({ totals: z.array(CurrencyTotal), converted: ConvertedTotal }).describe('The won deals’ amounts'),
  open: z.object({ totals: z.array(CurrencyTotal), converted: ConvertedTotal }).describe('The open deals’ amounts'),
});
export type CampaignResult = z.infer<typeof CampaignResult>;

export const CampaignReport = z.object({
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  currency: CurrencyCode.describe('The base currency the converted amounts are in'),
  campaigns: z.array(CampaignResult).describe('Every live campaign, by name, then what came with no campaign'),
});
export type CampaignReport = z.infer<typeof CampaignReport>;
