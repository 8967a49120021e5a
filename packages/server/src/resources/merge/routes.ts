import {
  ContactMerge,
  ContactMergeResult,
  CustomerMerge,
  CustomerMergeResult,
  Id,
  LeadMerge,
  LeadMergeResult,
} from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inOrg } from '../../db/database.js';
import type { CrmEnv } from '../../http/env.js';
import { withIdempotency } from '../../http/idempotency.js';
import { contactResource, customerResource } from '../customers.js';
import type { Resource } from '../resource.js';
import { expectedVersion, json, problem, requireWriter, withEtag } from '../routes.js';
import { leadResource } from '../sales.js';
import { MERGE_LINKS, type MergeablePath } from './links.js';
import { mergeRecords, type MergeInput } from './merge.js';

const MERGEABLE: { path: MergeablePath; resource: Resource; body: z.ZodObject; result: z.ZodType }[] = [
  { path: 'customers', resource: customerResource, body: CustomerMerge, result: CustomerMergeResult },
  { path: 'contacts', resource: contactResource, body: ContactMerge, result: ContactMergeResult },
  { path: 'leads', resource: leadResource, body: LeadMerge, result: LeadMergeResult },
];

/** The fields a merge may pick a side for: those the body's `fields` names (a write's fields). */
function mergeableFields(body: z.ZodObject): string[] {
  const fields = body.shape.fields as z.ZodOptional<z.ZodObject>;
  return Object.keys(fields.unwrap().shape);
}

/** `POST /{customers,contacts,leads}/{id}/merge`. */
export const mergeRoutes = new OpenAPIHono<CrmEnv>();

for (const { path, resource, body, result } of MERGEABLE) {
  const name = resource.entity;
  const fields = mergeableFields(body);
  const kinds = [...MERGE_LINKS[path].map((link) => link.kind), 'externalIds'].join(', ');
  mergeRoutes.openapi(
    createRoute({
      method: 'post',
      path: `/${path}/{id}/merge`,
      tags: [resource.tag],
      summary: `Merge a duplicate ${name} into this one`,
      description:
        `Keeps the ${name} \`{id}\` and merges the duplicate \`from\` into it, in one transaction: the kept ${name} ` +
        `takes the merged field values (see \`fields\`), everything linked to the duplicate moves onto it ` +
        `(${kinds}; each moved record gets a new version, a history entry and a change event), and the ` +
        'duplicate goes to the trash with `mergedIntoId`. Both records get a `merge` history entry. You need ' +
        'to be able to change both, as with a PATCH; records you cannot see linked to the duplicate (another ' +
        "member's deals) refuse the merge (409). An id another system knows the duplicate by moves too, unless " +
        'that system already has one for the kept record. Restoring the duplicate later brings it back ' +
        'without its links, which stay with the kept record. `If-Match` applies to the kept record; honours ' +
        '`Idempotency-Key`.',
      request: {
        params: z.object({ id: Id }),
        headers: z.object({
          'if-match': z.string().optional().describe('The ETag of the kept record you read; a stale one gets 412'),
          'idempotency-key': z.string().max(200).optional().describe('Replays the first response to a retried request'),
        }),
        body: { required: true, content: { 'application/json': { schema: body } } },
      },
      responses: {
        200: json(result, `The kept ${name} as now stored, and what moved onto it by kind`),
        400: problem('A field is not valid, names no mergeable field, or `from` is the kept record itself'),
        403: problem(`Your role cannot change ${path}`),
        404: problem(`No such ${name} (either of the two)`),
        409: problem(
          `Either ${name} is in the trash, a unique field is taken, or records you cannot see link to the duplicate`,
        ),
        412: problem('The If-Match version is stale'),
        422: problem('The idempotency key was used for another request'),
      },
    }),
    async (c) => {
      requireWriter(c, resource);
      const caller = c.var.crmCaller;
      const version = expectedVersion(c);
      const input = c.req.valid('json') as unknown as MergeInput;
      const id = c.req.valid('param').id;
      const { status, body: merged } = await inOrg(c.var.crmDb, caller, (tx) =>
        withIdempotency(tx, c, input, async () => ({
          status: 200,
          body: { ...(await mergeRecords(tx, path, resource, caller, id, input, fields, version)) },
        })),
      );
      withEtag(c, merged.record as Record<string, unknown>);
      return c.json(merged, status as 200);
    },
  );
}
