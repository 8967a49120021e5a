import { Forecast, ForecastQuery, Problem } from '@crmkit/core';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { readInOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { forecastReport } from './forecast.js';

const DESCRIPTION = `The forecast of a calendar month, quarter or year (\`period\`, \`startsOn\`: its first day; by default
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
manager their teams' members and the teams they manage.`;

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
    const forecast = await readInOrg(c.var.crmDb, caller, (tx) => forecastReport(tx, caller, c.req.valid('query')));
    return c.json(forecast, 200);
  },
);
