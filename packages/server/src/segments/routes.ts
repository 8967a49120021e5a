import { Customer, Id, pageOf, PageQuery, Problem, SegmentRule } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { readInOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { listRecords, requireRow } from '../resources/crud.js';
import { customerResource } from '../resources/customers.js';
import { segmentResource } from '../resources/service.js';
import { orgReportContext } from '../board/context.js';
import { scoredCustomers } from '../reports/customer-scores.js';
import { compileRule, usesScores } from './compile.js';

const members = createRoute({
  method: 'get',
  path: '/segments/{id}/customers',
  tags: ['Segments'],
  summary: "The customers a segment's rules match now",
  description: 'Evaluated on every request, so the segment follows the data. Only customers the caller may see.',
  request: { params: z.object({ id: Id }), query: PageQuery },
  responses: {
    200: { description: 'A page of customers, by name', content: { 'application/json': { schema: pageOf(Customer) } } },
    400: { description: 'A parameter is not valid', content: { 'application/problem+json': { schema: Problem } } },
    404: { description: 'No such segment', content: { 'application/problem+json': { schema: Problem } } },
  },
});

export const segmentRoutes = new OpenAPIHono<CrmEnv>().openapi(members, async (c) => {
  const caller = c.var.crmCaller;
  const { limit, cursor } = c.req.valid('query');
  const page = await readInOrg(c.var.crmDb, caller, async (tx) => {
    const segment = await requireRow(tx, segmentResource, caller.orgId, c.req.valid('param').id);
    const rules = SegmentRule.parse(segment.rules);
    // The customer analysis' facts rank customers with the organization's time zone and rates.
    const org = usesScores(rules) ? await orgReportContext(tx, caller) : null;
    const rule = compileRule(rules, org ? scoredCustomers(caller.orgId, org) : undefined);
    return listRecords(tx, customerResource, caller, { limit, cursor, sort: 'name' }, [rule]);
  });
  return c.json(page as never, 200);
});
