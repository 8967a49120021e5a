import {
  Id,
  LeadConversion,
  LeadConvert,
  LeadCustomerMatches,
  LeadQueues,
  LeadQueuesQuery,
  NoQuery,
} from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inOrg, readInOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { withIdempotency } from '../http/idempotency.js';
import { json, problem, requireWriter } from '../resources/routes.js';
import { leadResource } from '../resources/sales.js';
import { requireRow } from '../resources/crud.js';
import { convertLead } from './convert.js';
import { customersLike } from './matching.js';
import { leadQueues } from './queues.js';

export const leadRoutes = new OpenAPIHono<CrmEnv>();

leadRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/leads/{id}/convert',
    tags: ['Leads'],
    summary: 'Convert a lead',
    description:
      'Links the customer and contact you name (records you can read), or creates them from the lead; opens a deal ' +
      "in the chosen pipeline and stage when asked, with the lead's source and campaign; moves the lead's activities " +
      'onto them; and marks the lead converted with its links, all in one transaction. Converting a converted lead ' +
      'creates nothing and answers what it became (200, `created: false`). Honours `Idempotency-Key`.',
    request: {
      params: z.object({ id: Id }),
      headers: z.object({
        'idempotency-key': z.string().max(200).optional().describe('Replays the first response to a retried request'),
      }),
      body: { required: true, content: { 'application/json': { schema: LeadConvert } } },
    },
    responses: {
      201: json(LeadConversion, 'The lead was converted now'),
      200: json(LeadConversion, 'The lead was converted before: what it became'),
      400: problem('A field is not valid, or names a record you cannot read'),
      403: problem('Viewers cannot convert leads'),
      404: problem('No such lead'),
      409: problem('The lead is in the trash or disqualified'),
      422: problem('The idempotency key was used for another request'),
    },
  }),
  async (c) => {
    requireWriter(c, leadResource);
    const caller = c.var.crmCaller;
    const input = c.req.valid('json');
    const id = c.req.valid('param').id;
    const { status, body } = await inOrg(c.var.crmDb, caller, (tx) =>
      withIdempotency(tx, c, input, async () => {
        const conversion = await convertLead(tx, caller, id, input);
        return { status: conversion.created ? 201 : 200, body: conversion };
      }),
    );
    return c.json(body as LeadConversion, status as 201);
  },
);

leadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/leads/queues',
    tags: ['Leads'],
    summary: "How many leads are in each of the inbox's queues",
    description:
      'For each queue, how many live leads the caller may see in it, counted up to `countLimit`: `new`, `overdue` ' +
      '(new leads created more than `slaHours` ago, before `overdueBefore`), `working`, `nurturing`, `qualified`, ' +
      'and `unassigned` (open leads without an owner, which admins and managers see). Each is what `GET /leads` lists ' +
      'with the same filters (`status`; `createdBefore=overdueBefore`; `unassigned=true&open=true`).',
    request: { query: LeadQueuesQuery },
    responses: {
      200: json(LeadQueues, 'The counts'),
      400: problem('A query parameter is not valid'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const queues = await readInOrg(c.var.crmDb, caller, (tx) => leadQueues(tx, caller, c.req.valid('query')));
    return c.json(queues, 200);
  },
);

leadRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/leads/{id}/customer-matches',
    tags: ['Leads'],
    summary: "The customers a lead's company may be",
    description:
      "Customers the caller can read whose name is like the lead's company (trigram similarity of at least 0.7 " +
      'between the names with case, punctuation and a legal form at the end set aside, as lead capture matches ' +
      'them), the most alike first, at most five; `sameName` marks a name that is the company itself. Empty when ' +
      'the lead names no company. What a conversion offers to link instead of creating a customer.',
    request: { params: z.object({ id: Id }), query: NoQuery },
    responses: {
      200: json(LeadCustomerMatches, 'The customers, the most alike first'),
      400: problem('A query parameter was given (the route takes none)'),
      404: problem('No such lead'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const id = c.req.valid('param').id;
    const items = await readInOrg(c.var.crmDb, caller, async (tx) => {
      const lead = await requireRow(tx, leadResource, caller.orgId, id);
      const company = typeof lead.company === 'string' ? lead.company.trim() : '';
      return company ? customersLike(tx, caller.orgId, company) : [];
    });
    return c.json({ items }, 200);
  },
);
