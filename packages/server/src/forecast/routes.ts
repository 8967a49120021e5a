import { Forecast, ForecastQuery, Problem, WinRates, WinRatesQuery } from '@crmkit/core';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { readInOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { forecastReport } from './forecast.js';
import { ensureWeekSnapshots } from './take-snapshots.js';
import { winRatesReport } from './win-rates.js';

const DESCRIPTION = `The forecast of a month, or a quarter or year of the organization's fiscal calendar (\`period\`, \`startsOn\`: its first day; by default
the period that holds today in the organization's time zone), for every member and team the caller may see and in
total.

- \`closed\`: deals in a won stage that closed in the period (by the day in the organization's time zone).
- \`commit\`, \`bestCase\`, \`pipeline\`, \`omitted\`: deals in an open stage whose expected close date is in the
  period, by their forecast category (a reopened deal still marked \`closed\` counts as \`pipeline\`). Lost deals and
  deals in the trash do not count. The categories do not include one another: Salesforce's "best case" is
  closed + commit + bestCase.

Each category carries the deals' \`count\` and, per currency and converted into the base currency, their \`sum\` and
\`weighted\` sum (amount × the deal's or its stage's probability), as on the board. \`quota\` is the quota set for the
period (\`/quotas\`), converted into the base currency. A team's figures are those of its members, of the teams under
it and of their managers; its quota is the team's own. A rep sees their own deals and quota and no teams; a
manager their teams' members and the teams they manage.

\`change\` (on every row and the total) is how the row moved since the last weekly snapshot before this week
(\`since\`: that snapshot's week, normally last week): now minus then per category, in minor units of the base
currency, both sides at today's rates; commit, best case and pipeline after adjustments. A snapshot of the month,
quarter and year is taken once a week, by the kit's scheduled job or \`crmkit jobs run-once\`, else by the week's
first forecast read. \`change\` is absent without an earlier snapshot of the period, and with \`pipelineId\`
(snapshots are of every pipeline together). Snapshots keep each owner's figures apart, so a rep's movement is
their own.`;

export const forecastRoutes = new OpenAPIHono<CrmEnv>();

forecastRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/forecast',
    tags: ['Forecasts'],
    summary: 'The forecast of a period, against quota',
    description: DESCRIPTION,
    request: { query: ForecastQuery },
    responses: {
      200: { description: 'The forecast', content: { 'application/json': { schema: Forecast } } },
      400: {
        description: 'A query parameter is not valid',
        content: { 'application/problem+json': { schema: Problem } },
      },
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    // This week's snapshot, if no job took it yet; a failure leaves the forecast without movement.
    await ensureWeekSnapshots(c.var.crmDb, caller.orgId).catch((error: unknown) =>
      c.var.crmLogger.error({ err: error }, 'forecast snapshot failed'),
    );
    const forecast = await readInOrg(c.var.crmDb, caller, (tx) => forecastReport(tx, caller, c.req.valid('query')));
    return c.json(forecast, 200);
  },
);

const WIN_RATES = `Historical win rates of a pipeline's open stages (\`pipelineId\`, by default the organization's default
pipeline): of the deals that entered a stage (by their stage history) and closed, won or lost, between \`from\` and
\`to\` (days in the organization's time zone; by default the year up to today), how many closed won. Beside each
stage its configured probability, and the open deals now in it: their sum weighted by the deal's own or the stage's
configured probability (as on the board) and by the stage's historical probability (the configured one where no
deal closed). Per member too, each weighting their open deals at their own rates. Deals in the trash do not count;
a reopened deal counts again when it closes. A rep sees their own deals, a manager their teams'. \`ownerId\`
narrows everything to one member.`;

forecastRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/reports/win-rates',
    tags: ['Forecasts'],
    summary: 'Historical win rates per stage and per member',
    description: WIN_RATES,
    request: { query: WinRatesQuery },
    responses: {
      200: { description: 'The win rates', content: { 'application/json': { schema: WinRates } } },
      400: {
        description: 'A query parameter is not valid',
        content: { 'application/problem+json': { schema: Problem } },
      },
      404: {
        description: 'No such pipeline',
        content: { 'application/problem+json': { schema: Problem } },
      },
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const report = await readInOrg(c.var.crmDb, caller, (tx) => winRatesReport(tx, caller, c.req.valid('query')));
    return c.json(report, 200);
  },
);
