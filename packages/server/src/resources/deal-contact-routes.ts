// The routes of a deal's contacts and their roles: list, put (add or change) and remove. The writes
// name the contact's role on the deal (`/contacts/{contactId}/role`): a plain `/contacts/{contactId}`
// would be a path of the same shape as `/opportunities/by-external-id/{source}/{externalId}`, and a
// system whose name is "contacts" could not be told from a deal's contact. Reads and
// writes follow the deal's own rules: whoever sees the deal sees its contacts (those of them they may
// see), whoever may edit the deal may change them (row-level security holds the rows to the deal too).
import { Id, NoQuery, OpportunityContactPut, OpportunityContacts } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { inOrg, readInOrg, type Tx } from '../db/database.js';
import type { Caller, CrmEnv } from '../http/env.js';
import { requireRow } from './crud.js';
import { dealContacts, putDealContact, removeDealContact, type DealContactsAnswer } from './deal-contacts.js';
import { expectedVersion, json, problem, requireWriter, writeHeaders } from './routes.js';
import { opportunityResource } from './sales.js';

const dealParam = z.object({ id: Id });
const contactParam = z.object({ id: Id, contactId: Id });

/**
 * A write of the deal's contacts, as the caller may edit the deal, against the `If-Match` sent; the
 * deal's new version becomes the answer's ETag, which the next write of the deal sends as If-Match.
 */
async function writeDealContacts<T extends DealContactsAnswer>(
  c: Context<CrmEnv>,
  write: (tx: Tx, caller: Caller, version: number | undefined) => Promise<T>,
): Promise<T> {
  requireWriter(c, opportunityResource);
  const caller = c.var.crmCaller;
  const version = expectedVersion(c);
  const answer = await inOrg(c.var.crmDb, caller, (tx) => write(tx, caller, version));
  c.header('etag', `"${String(answer.version)}"`);
  return answer;
}

const WRITE_RULES =
  'A change of the deal: it needs the right to edit the deal (a rep their own deals; viewers and support ' +
  'agents none), takes an optional `If-Match` with the deal’s ETag (stale: 412, nothing changed), gives the ' +
  'deal a new version (the answer’s `ETag`), an entry in its history (`contacts` before and after) and a ' +
  'change event. The deal’s `contactId` is its primary contact and follows the primary mark.';

export const dealContactRoutes = new OpenAPIHono<CrmEnv>();

dealContactRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/opportunities/{id}/contacts',
    tags: ['Opportunities'],
    summary: 'The contacts on a deal and their roles',
    description:
      'The deal’s contacts with the part each plays in the purchase, the primary one (the deal’s `contactId`) ' +
      'first, then by when they were added. Contacts in the trash, and those the caller may not see, are left out.',
    request: { params: dealParam, query: NoQuery },
    responses: {
      200: json(OpportunityContacts, 'The deal’s contacts'),
      404: problem('No such opportunity'),
    },
  }),
  async (c) => {
    const caller = c.var.crmCaller;
    const { id } = c.req.valid('param');
    const items = await readInOrg(c.var.crmDb, caller, async (tx) => {
      await requireRow(tx, opportunityResource, caller.orgId, id);
      return dealContacts(tx, caller.orgId, id);
    });
    return c.json({ items }, 200);
  },
);

dealContactRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/opportunities/{id}/contacts/{contactId}/role',
    tags: ['Opportunities'],
    summary: 'Put a contact on a deal in a role',
    description:
      'Adds a contact of the deal’s customer to the deal in `role` (201), or changes its role or primary mark ' +
      '(200; a body that changes nothing writes nothing). `primary: true` makes it the primary contact, the ' +
      'previous one staying on the deal; left out, a new contact is primary only when the deal has none. A ' +
      'contact of another customer, in the trash or not visible to the caller is a 400 on `contactId`, the ' +
      `same as an id that does not exist. ${WRITE_RULES}`,
    request: {
      params: contactParam,
      query: NoQuery,
      headers: writeHeaders,
      body: { required: true, content: { 'application/json': { schema: OpportunityContactPut } } },
    },
    responses: {
      200: json(OpportunityContacts, 'The deal’s contacts after the change'),
      201: json(OpportunityContacts, 'The deal’s contacts, the new one among them'),
      400: problem('The role is not valid, or the contact is not one of the deal’s customer'),
      403: problem('Your role cannot change deals'),
      404: problem('No such opportunity'),
      409: problem('The deal is in the trash'),
      412: problem('The If-Match version is stale'),
    },
  }),
  async (c) => {
    const { id, contactId } = c.req.valid('param');
    const body = c.req.valid('json');
    const answer = await writeDealContacts(c, (tx, caller, version) =>
      putDealContact(tx, caller, id, contactId, body, version),
    );
    return answer.created ? c.json({ items: answer.items }, 201) : c.json({ items: answer.items }, 200);
  },
);

dealContactRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/opportunities/{id}/contacts/{contactId}/role',
    tags: ['Opportunities'],
    summary: 'Take a contact off a deal (remove its role)',
    description: `Removes the contact from the deal (not from the customer); removing the primary contact clears the deal’s \`contactId\`. ${WRITE_RULES}`,
    request: { params: contactParam, query: NoQuery, headers: writeHeaders },
    responses: {
      200: json(OpportunityContacts, 'The deal’s contacts after the removal'),
      403: problem('Your role cannot change deals'),
      404: problem('No such opportunity, or the contact is not on it'),
      409: problem('The deal is in the trash'),
      412: problem('The If-Match version is stale'),
    },
  }),
  async (c) => {
    const { id, contactId } = c.req.valid('param');
    const answer = await writeDealContacts(c, (tx, caller, version) =>
      removeDealContact(tx, caller, id, contactId, version),
    );
    return c.json({ items: answer.items }, 200);
  },
);
