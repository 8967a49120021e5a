import {
  CampaignReport,
  CampaignReportQuery,
  CustomerReport,
  CustomerReportQuery,
  MarketReport,
  MarketReportQuery,
  PerformanceReport,
  PerformanceReportQuery,
} from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { readInOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { json, problem } from '../resources/routes.js';
import { campaignReport } from './campaigns.js';
import { customerReport } from './customers.js';
import { customersCsv } from './customers-csv.js';
import { marketReport } from './market.js';
import { marketCsv } from './market-csv.js';
import { performanceReport } from './performance.js';
import { performanceCsv } from './performance-csv.js';

export const reportRoutes = new OpenAPIHono<CrmEnv>();

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/campaigns',
    tags: ['Reports'],
    summary: 'What each campaign brought in',
    description:
      'The market report: for every live campaign (and a row for what came with no campaign), its leads created ' +
      'in the period and how many were converted or disqualified, its deals created in the period by status, and ' +
      "the won and open deals' amounts per currency and converted into the base currency (open amounts weighted " +
      "by the deal's or its stage's probability). Days are the organization's; without `from` and `to`, all time. " +
      "A rep counts their own leads and deals, a manager their teams'.",
    request: { query: CampaignReportQuery },
    responses: {
      200: json(CampaignReport, 'The report'),
      400: problem('A query parameter is not valid'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const report = await readInOrg(c.var.crmDb, caller, (tx) => campaignReport(tx, caller, c.req.valid('query')));
    return c.json(report, 200);
  },
);

const PERFORMANCE = `Sales performance over a period (\`from\`–\`to\`, days in the organization's time zone; by default
the quarter of the organization's fiscal calendar that holds today), per member as a leaderboard, per team and in total, optionally against a
comparison period (\`compareFrom\`–\`compareTo\`).

- \`won\`, \`wonDeals\`: deals in a won stage whose closing day is in the period, per currency and converted into
  the report currency (the base currency with the organization's rates, each sum rounded once). \`lostDeals\`: deals
  in a lost stage closed in the period. Open deals, and deals in the trash, do not count; a deal moved back to an
  open stage no longer counts anywhere.
- \`winRate\`: wonDeals / (wonDeals + lostDeals). \`averageDealSize\`: the converted won sum / the won deals whose
  currency has a rate, rounded half up to a minor unit. \`salesCycleDays\`: the won deals' average of (day closed −
  day created), in the organization's days.
- \`activities\`: calls, emails, meetings and notes that occurred in the period, and tasks done in it, by their
  owner (activities are counted whatever the pipeline and currency).
- \`quota\`: the quotas (\`/quotas\`) that cover the period exactly, added up and converted: one year's quota if
  the period is a calendar year with one; else whole quarters, each with a quota; else whole months. Null when
  none cover it. \`attainment\`: the converted won sum / the quota (null without a quota, with a quota of 0, or
  when a currency has no rate).
- \`comparison\`: the same figures over the comparison period; \`growth\`: (now − then) / then of the won sum,
  won deals, average deal size and activities (null when then is 0), and the win rate's change in points of 1.

With \`currency\`, only deals in that currency count and amounts are in its units (quotas in other currencies are
named in \`quota.missingRates\`). With \`pipelineId\`, only that pipeline's deals. With \`ownerId\`, that member
alone and no teams; with \`teamId\`, the members and managers of that team and of the teams under it, and those
teams. A team's figures are those of its members (former members too), of the teams under it and of their
managers; its quota is the team's own. Members are ranked by won sum, then won deals, then name. A rep sees their
own figures; a manager their teams' members and the teams they manage; admins everyone's. The same report as CSV
is \`GET /reports/performance.csv\`.`;

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/performance',
    tags: ['Reports'],
    summary: 'Sales performance by member and team',
    description: PERFORMANCE,
    request: { query: PerformanceReportQuery },
    responses: {
      200: json(PerformanceReport, 'The report'),
      400: problem('A query parameter is not valid'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const report = await readInOrg(c.var.crmDb, caller, (tx) => performanceReport(tx, caller, c.req.valid('query')));
    return c.json(report, 200);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/performance.csv',
    tags: ['Reports'],
    summary: 'Sales performance as CSV',
    description:
      'The report of `GET /reports/performance`, with the same parameters and figures, as CSV: a line per member ' +
      '(leaderboard order), per team, for what has no owner and in total (`row`); amounts in minor units of the ' +
      "report currency; a period's figures, then the comparison period's (`compare…`), then the growth; empty " +
      'cells for nulls.',
    request: { query: PerformanceReportQuery },
    responses: {
      200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
      400: problem('A query parameter is not valid'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const report = await readInOrg(c.var.crmDb, caller, (tx) => performanceReport(tx, caller, c.req.valid('query')));
    return c.body(performanceCsv(report), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="performance-${report.from}-${report.to}.csv"`,
    }) as never;
  },
);

const CUSTOMERS = `Customer analysis from orders, as of today in the organization's time zone. It counts the live
customers the caller may see (a rep their own, a manager their teams') and their orders that are neither in the
trash nor cancelled or refunded.

- \`customers\`, \`orders\`, \`revenue\` (per currency and converted into the base currency with the organization's
  rates, rounded once; currencies without a rate named in \`missingRates\`). \`averageOrderValue\`: the converted
  revenue / the orders in a currency with a rate; \`averageLifetimeValue\`: the converted revenue / customers (both
  rounded half up); \`purchaseFrequency\`: orders / customers; \`repeatRate\`: customers with 2 orders or more /
  customers.
- RFM scores, 1 to 5, among these customers: recency (days since the last order day), frequency (orders) and
  monetary (orders converted into the base currency): 1 + the quintile of the customer's percent rank, ties sharing
  the lower score. \`segments\`: every RFM segment by recency R and frequency F — champions R 5 F 4–5, loyal R 3–4
  F 4–5, potentialLoyalists R 4–5 F 2–3, new R 5 F 1, promising R 4 F 1, needsAttention R 3 F 3, aboutToSleep R 3
  F 1–2, cannotLose R 1–2 F 5, atRisk R 1–2 F 3–4, hibernating R 1–2 F 1–2 — with its customers, orders and revenue.
- \`atRisk\`: customers whose last order is more than \`atRiskDays\` days ago (default 90), their lifetime value, and
  the 50 of highest value.
- \`topProducts\`: the 10 products (a SKU, or a name on lines without one) of highest converted revenue
  (Σ quantity × unit amount over their lines, per currency rounded half up once).
- \`cohorts\`: by the month of the customers' first order, this month and the 11 before: how many ordered again
  in each later month, and in any.

Each segment and the customers at risk come with \`rule\`, a segment rule (\`POST /segments\`) that matches the same
customers as the data changes. The same report as CSV is \`GET /reports/customers.csv\`.`;

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/customers',
    tags: ['Reports'],
    summary: 'Customer analysis: RFM segments, customers at risk, top products, cohorts',
    description: CUSTOMERS,
    request: { query: CustomerReportQuery },
    responses: {
      200: json(CustomerReport, 'The report'),
      400: problem('A query parameter is not valid'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const report = await readInOrg(c.var.crmDb, caller, (tx) => customerReport(tx, caller, c.req.valid('query')));
    return c.json(report, 200);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/customers.csv',
    tags: ['Reports'],
    summary: 'Customer analysis as CSV',
    description:
      'The report of `GET /reports/customers`, with the same parameters and figures, as CSV: a line for the total, ' +
      'per RFM segment, for the customers at risk and each one listed, per top product and per cohort (`section`); ' +
      'amounts in minor units of the base currency; empty cells where a figure does not apply.',
    request: { query: CustomerReportQuery },
    responses: {
      200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
      400: problem('A query parameter is not valid'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const report = await readInOrg(c.var.crmDb, caller, (tx) => customerReport(tx, caller, c.req.valid('query')));
    return c.body(customersCsv(report), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="customers-${report.asOf}.csv"`,
    }) as never;
  },
);

const MARKET = `Market analysis over a period (\`from\`–\`to\`, days in the organization's time zone; by default the
quarter of the organization's fiscal calendar that holds today), optionally with the same sections over a comparison period
(\`compareFrom\`–\`compareTo\`, in \`comparison\`).

- \`total\`, \`campaigns\`, \`sources\`: the funnel from leads to won deals. \`leads\`: leads created in the period
  (\`convertedLeads\`, \`disqualifiedLeads\`: of them, in that status now); \`deals\`: deals created in the period, by
  the kind of their stage now (\`openDeals\`, \`wonDeals\`, \`lostDeals\`). \`conversion\`: each step against the one
  before (convertedLeads / leads, deals / convertedLeads, wonDeals / deals); \`winRate\`: wonDeals / (wonDeals +
  lostDeals); null when the divisor is 0. \`won\`: the won deals' amounts (the revenue) per currency and converted.
  Each campaign (every live one, by name; a trashed one when it counts; then what came with no campaign) also has
  its \`budget\` as its cost, \`cost\` (the budget converted), and \`roi\`: (won − cost) / cost, null when the cost
  is 0 or unknown or a won currency has no rate. Each source (of the lead or deal; null for none) by name.
- \`lostReasons\`: deals in a lost stage whose closing day is in the period, per reason (null: none given), with
  their amounts, most deals first.
- \`competitors\`: deals won or lost in the period that named the competitor, and the win rate, most deals first.

Amounts are in the base currency with the organization's rates, each sum rounded once. With \`currency\`, only deals in
that currency count and amounts are in its units (a budget in another currency has no cost then). With
\`pipelineId\`, only that pipeline's deals (leads are no pipeline's). With \`ownerId\` or \`teamId\`, only the leads
and deals of that member, or of the members and managers of that team and the teams under it. Deals and leads in the
trash do not count. A rep counts their own leads and deals, a manager their teams'. The same report as CSV is
\`GET /reports/market.csv\`.`;

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/market',
    tags: ['Reports'],
    summary: 'Market analysis: campaigns, sources, ROI, lost reasons, competitors',
    description: MARKET,
    request: { query: MarketReportQuery },
    responses: {
      200: json(MarketReport, 'The report'),
      400: problem('A query parameter is not valid'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const report = await readInOrg(c.var.crmDb, caller, (tx) => marketReport(tx, caller, c.req.valid('query')));
    return c.json(report, 200);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/market.csv',
    tags: ['Reports'],
    summary: 'Market analysis as CSV',
    description:
      'The report of `GET /reports/market`, with the same parameters and figures, as CSV: a line for the total, per ' +
      'campaign, source, lost reason and competitor (`section`), for the period and then the comparison period ' +
      "(`period`); amounts in minor units of the report currency (`amount`: won, or a lost reason's lost amount); " +
      'empty cells where a figure does not apply.',
    request: { query: MarketReportQuery },
    responses: {
      200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
      400: problem('A query parameter is not valid'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const report = await readInOrg(c.var.crmDb, caller, (tx) => marketReport(tx, caller, c.req.valid('query')));
    return c.body(marketCsv(report), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="market-${report.from}-${report.to}.csv"`,
    }) as never;
  },
);
