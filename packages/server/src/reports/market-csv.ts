import type { MarketFunnel, MarketMoney, MarketReport, MarketSections } from '@crmkit/core';
import { csvLines } from '../integration/csv.js';

export const MARKET_CSV_HEADER = [
  'section',
  'period',
  'from',
  'to',
  'currency',
  'key',
  'name',
  'channel',
  'leads',
  'convertedLeads',
  'disqualifiedLeads',
  'deals',
  'openDeals',
  'wonDeals',
  'lostDeals',
  'convertedRate',
  'dealRate',
  'wonRate',
  'winRate',
  'amount',
  'amountByCurrency',
  'missingRates',
  'budget',
  'budgetCurrency',
  'cost',
  'roi',
] as const;

type Cells = Partial<Record<(typeof MARKET_CSV_HEADER)[number], string | number | null>>;

const money = (m: MarketMoney): Cells => ({
  amount: m.converted.sum,
  amountByCurrency: m.totals.map((t) => `${t.currency} ${t.sum}`).join('; '),
  missingRates: m.converted.missingRates.join('; '),
});

const funnel = (f: MarketFunnel): Cells => ({
  leads: f.leads,
  convertedLeads: f.convertedLeads,
  disqualifiedLeads: f.disqualifiedLeads,
  deals: f.deals,
  openDeals: f.openDeals,
  wonDeals: f.wonDeals,
  lostDeals: f.lostDeals,
  convertedRate: f.conversion.converted,
  dealRate: f.conversion.deals,
  wonRate: f.conversion.won,
  winRate: f.winRate,
  ...money(f.won),
});

/** One period's sections as lines: the total, each campaign, source, lost reason and competitor. */
function sectionLines(s: MarketSections): Cells[] {
  return [
    { section: 'total', ...funnel(s.total) },
    ...s.campaigns.map((c) => ({
      section: 'campaign',
      key: c.campaignId,
      name: c.name,
      channel: c.channel,
      ...funnel(c),
      budget: c.budget?.amount,
      budgetCurrency: c.budget?.currency,
      cost: c.cost,
      roi: c.roi,
    })),
    ...s.sources.map((r) => ({ section: 'source', key: r.source, name: r.source, ...funnel(r) })),
    ...s.lostReasons.map((r) => ({ section: 'lostReason', name: r.reason, lostDeals: r.deals, ...money(r.amount) })),
    ...s.competitors.map((c) => ({
      section: 'competitor',
      name: c.competitor,
      wonDeals: c.wonDeals,
      lostDeals: c.lostDeals,
      winRate: c.winRate,
    })),
  ];
}

/**
 * The report as CSV: a line for the total, per campaign, source, lost reason and competitor (`section`),
 * for the period and then the comparison period (`period`). Amounts in minor units of the report currency
 * (`amount`: the won amount, or for a lost reason the lost one); empty cells where a figure does not apply.
 * Written by papaparse with formulas escaped, as the exports are; a UTF-8 byte-order mark first.
 */
export function marketCsv(report: MarketReport): string {
  const periods: [string, string | null, string | null, MarketSections | null][] = [
    ['current', report.from, report.to, report],
    ['comparison', report.compareFrom, report.compareTo, report.comparison],
  ];
  const rows = periods.flatMap(([period, from, to, sections]) =>
    sections
      ? sectionLines(sections).map((line) => {
          const cells: Cells = { ...line, period, from, to, currency: report.currency };
          return MARKET_CSV_HEADER.map((column) => cells[column] ?? '');
        })
      : [],
  );
  return '\uFEFF' + csvLines([[...MARKET_CSV_HEADER], ...rows]);
}
