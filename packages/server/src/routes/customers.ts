import { Customer, CustomerListQuery, Id, pageOf, Problem } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { getCustomer, listCustomers } from '../data/customers.js';
import { inOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { ProblemError } from '../http/problem.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

const list = createRoute({
  method: 'get',
  path: '/customers',
  tags: ['Customers'],
  summary: 'List customers',
  description: 'Live customers in keyset order; search matches names, emails and phones.',
  request: { query: CustomerListQuery },
  responses: {
    200: { description: 'A page of customers', content: { 'application/json': { schema: pageOf(Customer) } } },
    400: problem('A filter or the cursor is not valid'),
    401: problem('Not signed in'),
  },
});

const get = createRoute({
  method: 'get',
  path: '/customers/{id}',
  tags: ['Customers'],
  summary: 'Get a customer',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The customer', content: { 'application/json': { schema: Customer } } },
    401: problem('Not signed in'),
    404: problem('No such customer in this organization'),
  },
});

export const customerRoutes = new OpenAPIHono<CrmEnv>()
  .openapi(list, async (c) => {
    const { orgId } = c.var.crmCaller;
    const page = await inOrg(c.var.crmDb, orgId, (tx) => listCustomers(tx, orgId, c.req.valid('query')));
    return c.json(page, 200);
  })
  .openapi(get, async (c) => {
    const { orgId } = c.var.crmCaller;
    const customer = await inOrg(c.var.crmDb, orgId, (tx) => getCustomer(tx, orgId, c.req.valid('param').id));
    if (!customer) throw new ProblemError(404, 'No customer with this id.');
    c.header('etag', `"${customer.version}"`);
    return c.json(customer, 200);
  });
