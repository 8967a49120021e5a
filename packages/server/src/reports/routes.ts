import { CampaignReport, CampaignReportQuery } from '@crmkit/core';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { readInOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { json, problem } from '../resources/routes.js';
import { campaignReport } from './campaigns.js';

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
