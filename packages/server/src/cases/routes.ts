import { CaseQueues, CaseQueuesQuery } from '@crmkit/core';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { readInOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { json, problem } from '../resources/routes.js';
import { caseQueues } from './queues.js';

export const caseRoutes = new OpenAPIHono<CrmEnv>();

caseRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/cases/queues',
    tags: ['Cases'],
    summary: 'How many cases are in each status of the support queue',
    description:
      'For each status (`new`, `open`, `pending`, `resolved`, `closed`), how many live cases the caller may see in ' +
      'it, and `breached`: the cases still to work (new, open, pending) whose `dueBy` is before `at`; each counted ' +
      'up to `countLimit`. Each is what `GET /cases` lists with the same filters (`status`, `ownerId`, ' +
      '`unassigned`, `customerId`).',
    request: { query: CaseQueuesQuery },
    responses: {
      200: json(CaseQueues, 'The counts'),
      400: problem('A query parameter is not valid'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const queues = await readInOrg(c.var.crmDb, caller, (tx) => caseQueues(tx, caller, c.req.valid('query')));
    return c.json(queues, 200);
  },
);
