import {
  Customer,
  CustomerSegments,
  Id,
  NoQuery,
  pageOf,
  PageQuery,
  Problem,
  SegmentCount,
  SegmentCountRequest,
  SegmentRule,
} from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { readInOrg } from '../db/database.js';
import { rows } from '../db/rows.js';
import { customers } from '../db/schema/index.js';
import type { CrmEnv } from '../http/env.js';
import { listRecords, requireRow } from '../resources/crud.js';
import { sortLanguageOf } from '../resources/sort-language.js';
import { customerResource } from '../resources/customers.js';
import { json, problem } from '../resources/routes.js';
import { segmentResource } from '../resources/service.js';
import { ruleCondition, segmentsOf } from './evaluate.js';

/** Counting a rule's customers stops here, so a rule over a million customers answers as fast as one over ten. */
export const SEGMENT_COUNT_LIMIT = 10_000;

export const segmentRoutes = new OpenAPIHono<CrmEnv>();

segmentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/segments/{id}/customers',
    tags: ['Segments'],
    summary: "The customers a segment's rules match now",
    description:
      'Evaluated on every request, so the segment follows the data. Only customers the caller may see. ' +
      'The same as `GET /customers?segmentId=…`.',
    request: { params: z.object({ id: Id }), query: PageQuery },
    responses: {
      200: {
        description: 'A page of customers, by name',
        content: { 'application/json': { schema: pageOf(Customer) } },
      },
      400: { description: 'A parameter is not valid', content: { 'application/problem+json': { schema: Problem } } },
      404: { description: 'No such segment', content: { 'application/problem+json': { schema: Problem } } },
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const { limit, cursor } = c.req.valid('query');
    const page = await readInOrg(c.var.crmDb, caller, async (tx) => {
      const segment = await requireRow(tx, segmentResource, caller.orgId, c.req.valid('param').id);
      const rule = await ruleCondition(tx, caller, SegmentRule.parse(segment.rules));
      return listRecords(
        tx,
        customerResource,
        caller,
        { limit, cursor, sort: 'name' },
        { extra: [rule], language: sortLanguageOf(c.req.header('accept-language')) },
      );
    });
    return c.json(page as never, 200);
  },
);

segmentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/segments/count',
    tags: ['Segments'],
    summary: 'How many customers a rule matches now, before it is saved',
    description:
      'Counts the live customers the caller may see that `rules` match, up to `countLimit` (10,000): the live ' +
      'count of a segment builder. Reads only; a token needs read access to segments and customers.',
    request: { body: { content: { 'application/json': { schema: SegmentCountRequest } }, required: true } },
    responses: {
      200: json(SegmentCount, 'The count'),
      400: problem('The rules are not valid'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const count = await readInOrg(c.var.crmDb, caller, async (tx) => {
      const rule = await ruleCondition(tx, caller, c.req.valid('json').rules);
      const [row] = await rows<{ count: number }>(
        tx,
        sql`select count(*)::int as count from (
              select 1 from ${customers}
              where ${customers.orgId} = ${caller.orgId} and ${customers.deletedAt} is null and ${rule}
              limit ${SEGMENT_COUNT_LIMIT}) matched`,
      );
      return row!.count;
    });
    return c.json({ count, countLimit: SEGMENT_COUNT_LIMIT }, 200);
  },
);

segmentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/customers/{id}/segments',
    tags: ['Segments'],
    summary: 'The segments a customer is in now',
    description:
      'Every live segment whose rules the customer matches now, by name. 404 for a customer the caller may not see.',
    request: { params: z.object({ id: Id }), query: NoQuery },
    responses: {
      200: json(CustomerSegments, 'The segments'),
      404: problem('No such customer'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const customerId = c.req.valid('param').id;
    const items = await readInOrg(c.var.crmDb, caller, async (tx) => {
      await requireRow(tx, customerResource, caller.orgId, customerId);
      return segmentsOf(tx, caller, customerId);
    });
    return c.json({ items }, 200);
  },
);
