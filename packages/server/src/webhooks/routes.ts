import {
  NoQuery,
  Problem,
  WebhookDelivery,
  WebhookDeliveryQuery,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointPatch,
  WebhookEndpointWithSecret,
  pageOf,
} from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { inOrg, readInOrg } from '../db/database.js';
import { webhookEndpoints } from '../db/schema/index.js';
import type { Caller, CrmEnv } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import { expectedVersion } from '../resources/routes.js';
import {
  changeEndpoint,
  checkUrl,
  createEndpoint,
  listDeliveries,
  presentEndpoint,
  queuePing,
  replayDelivery,
  requireEndpoint,
  rotateSecret,
} from './endpoints.js';
import type { WebhookOptions } from './worker.js';

const idParam = z.object({ id: z.uuid() });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const refusals = {
  403: problem('Not an owner or admin, or an embed token'),
  404: problem('No such endpoint in this organization'),
};
const tags = ['Webhooks'];

/** Webhooks reach other systems with the organization's data: owners and admins only, never from an embed. */
function requireAdmin(caller: Caller): void {
  if (caller.role !== 'owner' && caller.role !== 'admin')
    throw new ProblemError(403, 'Only an owner or an admin can manage webhooks.');
  if (caller.via === 'embed') throw new ProblemError(403, 'An embed token cannot manage webhooks.');
}

const list = createRoute({
  method: 'get',
  path: '/webhook-endpoints',
  tags,
  summary: "The organization's webhook endpoints",
  request: { query: NoQuery },
  responses: {
    200: json(z.object({ items: z.array(WebhookEndpoint) }), 'Every endpoint, oldest first'),
    403: refusals[403],
  },
});
const create = createRoute({
  method: 'post',
  path: '/webhook-endpoints',
  tags,
  summary: 'Add a webhook endpoint',
  description:
    'The answer holds the signing secret (`whsec_…`), shown this once. The URL must be https and reach a public ' +
    'address, unless the host allows private networks. `eventTypes` filters what is sent: `customer.created`, ' +
    '`customer.*`, `*`; none means every event. See the integration guide for the payload and how to verify it.',
  request: {
    query: NoQuery,
    body: { required: true, content: { 'application/json': { schema: WebhookEndpointCreate } } },
  },
  responses: {
    201: json(WebhookEndpointWithSecret, 'The endpoint, with its secret'),
    400: problem('A field is not valid (each is named)'),
    403: refusals[403],
  },
});
const read = createRoute({
  method: 'get',
  path: '/webhook-endpoints/{id}',
  tags,
  summary: 'A webhook endpoint',
  request: { params: idParam, query: NoQuery },
  responses: { 200: json(WebhookEndpoint, 'The endpoint (never its secret)'), ...refusals },
});
const change = createRoute({
  method: 'patch',
  path: '/webhook-endpoints/{id}',
  tags,
  summary: 'Change a webhook endpoint',
  description:
    'Turning `active` on again clears a disablement after sustained failure; waiting deliveries then go out.',
  request: {
    params: idParam,
    query: NoQuery,
    headers: z.object({ 'if-match': z.string().optional().describe('The ETag you read; a stale one gets 412') }),
    body: { required: true, content: { 'application/json': { schema: WebhookEndpointPatch } } },
  },
  responses: {
    200: json(WebhookEndpoint, 'The changed endpoint'),
    400: problem('A field is not valid (each is named)'),
    ...refusals,
    412: problem('The If-Match version is stale'),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/webhook-endpoints/{id}',
  tags,
  summary: 'Delete a webhook endpoint',
  description: 'For good, with its deliveries and their log: nothing more is sent to it.',
  request: { params: idParam, query: NoQuery },
  responses: { 204: { description: 'Deleted' }, ...refusals },
});
const rotate = createRoute({
  method: 'post',
  path: '/webhook-endpoints/{id}/rotate-secret',
  tags,
  summary: "Rotate a webhook endpoint's secret",
  description:
    'A new secret, shown this once. For 24 hours the old one signs too: `webhook-signature` carries both ' +
    'signatures, so a receiver can switch to the new secret at any time in that window.',
  request: { params: idParam, query: NoQuery },
  responses: { 200: json(WebhookEndpointWithSecret, 'The endpoint, with its new secret'), ...refusals },
});
const ping = createRoute({
  method: 'post',
  path: '/webhook-endpoints/{id}/ping',
  tags,
  summary: 'Send a test event to a webhook endpoint',
  description: 'Queues a `webhook.ping` event, signed like any other; its delivery shows in the endpoint’s log.',
  request: { params: idParam, query: NoQuery },
  responses: {
    202: json(WebhookDelivery, 'The queued delivery'),
    ...refusals,
    409: problem('The endpoint is not active'),
  },
});
const deliveries = createRoute({
  method: 'get',
  path: '/webhook-endpoints/{id}/deliveries',
  tags,
  summary: "A webhook endpoint's delivery log",
  description: 'Newest first, each with its attempts: status code, duration, time and the first 1 KB of the answer.',
  request: { params: idParam, query: WebhookDeliveryQuery },
  responses: {
    200: json(pageOf(WebhookDelivery), 'A page of deliveries'),
    400: problem('A parameter is not valid'),
    ...refusals,
  },
});
const replay = createRoute({
  method: 'post',
  path: '/webhook-deliveries/{id}/replay',
  tags,
  summary: 'Send a webhook delivery again',
  description:
    'Queues a new delivery of the same event (same `webhook-id` and body), sent after any earlier change of the ' +
    'same record still waiting for that endpoint.',
  request: { params: idParam, query: NoQuery },
  responses: {
    202: json(WebhookDelivery, 'The new delivery'),
    403: refusals[403],
    404: problem('No such delivery in this organization'),
  },
});

/** `/webhook-endpoints` and `/webhook-deliveries`: an organization's outgoing webhooks. */
export function webhookRoutes(options: WebhookOptions = {}) {
  const allowPrivate = options.allowPrivateNetworks ?? false;
  return new OpenAPIHono<CrmEnv>()
    .openapi(list, async (c) => {
      const caller = c.var.crmCaller;
      requireAdmin(caller);
      const rows = await readInOrg(c.var.crmDb, caller, (tx) =>
        tx
          .select()
          .from(webhookEndpoints)
          .where(eq(webhookEndpoints.orgId, caller.orgId))
          .orderBy(asc(webhookEndpoints.id)),
      );
      return c.json({ items: rows.map((r) => presentEndpoint(r)) }, 200);
    })
    .openapi(create, async (c) => {
      const caller = c.var.crmCaller;
      requireAdmin(caller);
      const input = c.req.valid('json');
      checkUrl(input.url, allowPrivate);
      const body = await inOrg(c.var.crmDb, caller, (tx) => createEndpoint(tx, caller.orgId, input));
      c.header('location', `${c.req.path}/${body.id}`);
      c.header('etag', `"${body.version}"`);
      return c.json(body, 201);
    })
    .openapi(read, async (c) => {
      const caller = c.var.crmCaller;
      requireAdmin(caller);
      const row = await readInOrg(c.var.crmDb, caller, (tx) =>
        requireEndpoint(tx, caller.orgId, c.req.valid('param').id),
      );
      c.header('etag', `"${row.version}"`);
      return c.json(presentEndpoint(row), 200);
    })
    .openapi(change, async (c) => {
      const caller = c.var.crmCaller;
      requireAdmin(caller);
      const patch = c.req.valid('json');
      if (patch.url !== undefined) checkUrl(patch.url, allowPrivate);
      const version = expectedVersion(c);
      const body = await inOrg(c.var.crmDb, caller, (tx) =>
        changeEndpoint(tx, caller.orgId, c.req.valid('param').id, patch, version),
      );
      c.header('etag', `"${body.version}"`);
      return c.json(body, 200);
    })
    .openapi(remove, async (c) => {
      const caller = c.var.crmCaller;
      requireAdmin(caller);
      const { id } = c.req.valid('param');
      await inOrg(c.var.crmDb, caller, async (tx) => {
        await requireEndpoint(tx, caller.orgId, id, true);
        await tx
          .delete(webhookEndpoints)
          .where(and(eq(webhookEndpoints.orgId, caller.orgId), eq(webhookEndpoints.id, id)));
      });
      return c.body(null, 204);
    })
    .openapi(rotate, async (c) => {
      const caller = c.var.crmCaller;
      requireAdmin(caller);
      const body = await inOrg(c.var.crmDb, caller, (tx) => rotateSecret(tx, caller.orgId, c.req.valid('param').id));
      c.header('etag', `"${body.version}"`);
      return c.json(body, 200);
    })
    .openapi(ping, async (c) => {
      const caller = c.var.crmCaller;
      requireAdmin(caller);
      const body = await inOrg(c.var.crmDb, caller, (tx) => queuePing(tx, caller.orgId, c.req.valid('param').id));
      return c.json(body, 202);
    })
    .openapi(deliveries, async (c) => {
      const caller = c.var.crmCaller;
      requireAdmin(caller);
      const page = await readInOrg(c.var.crmDb, caller, (tx) =>
        listDeliveries(tx, caller.orgId, c.req.valid('param').id, c.req.valid('query')),
      );
      return c.json(page, 200);
    })
    .openapi(replay, async (c) => {
      const caller = c.var.crmCaller;
      requireAdmin(caller);
      const body = await inOrg(c.var.crmDb, caller, (tx) => replayDelivery(tx, caller.orgId, c.req.valid('param').id));
      return c.json(body, 202);
    });
}
