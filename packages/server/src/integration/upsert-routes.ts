import { ExternalIds, ExternalKey, Id, NoQuery, UPSERT_RESOURCES } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { inOrg, readInOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import { present, requireRow } from '../resources/crud.js';
import { resources } from '../resources/index.js';
import type { Resource } from '../resources/resource.js';
import { expectedVersion, json, problem, requireWriter, withEtag, writeHeaders } from '../resources/routes.js';
import { findByKey, keysOf, linkKey, lockKey } from './external-ids.js';
import { parseUpsertBody, upsertRecord, type UpsertCondition } from './upsert.js';

/** The resources another system can write by its own ids, in the contract's order. */
export const upsertResources: Resource[] = UPSERT_RESOURCES.map((path) => {
  const resource = resources.find((r) => r.path === path);
  if (!resource) throw new Error(`No resource ${path}`);
  return resource;
});

const idParam = z.object({ id: Id });

/** `If-Match` for an upsert: a version, `*` (the record must exist), or nothing. */
function upsertCondition(c: Context): UpsertCondition {
  return c.req.header('if-match')?.trim() === '*' ? { mustExist: true } : { version: expectedVersion(c) };
}

/** `GET` and `PUT /{resource}/by-external-id/{source}/{externalId}` of one resource. */
function externalIdRoutes(resource: Resource) {
  const { path, tag, schemas, entity } = resource;
  const route = `/${path}/by-external-id/{source}/{externalId}`;
  const app = new OpenAPIHono<CrmEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: route,
      tags: [tag],
      summary: `Get a ${entity} by another system's id`,
      request: { params: ExternalKey, query: NoQuery },
      responses: {
        200: json(schemas.record, `The ${entity}`),
        400: problem('The system name or id is not valid'),
        404: problem(`No ${entity} has this id of this system, or you cannot see it`),
      },
    }),
    async (c) => {
      const caller = c.var.crmCaller;
      const key = c.req.valid('param');
      const record = await readInOrg(c.var.crmDb, caller, async (tx) => {
        const id = await findByKey(tx, caller.orgId, entity, key);
        if (id === undefined) throw new ProblemError(404, `No ${entity} has this external id.`);
        return present(resource, await requireRow(tx, resource, caller.orgId, id), tx);
      });
      return c.json(withEtag(c, record), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: route,
      tags: [tag],
      summary: `Create or change a ${entity} by another system's id`,
      description:
        `Upsert: creates the ${entity} when no record has this id of this system (201), else changes the ` +
        'fields the body names and leaves the others alone (200). The body is checked as a create body ' +
        'either way, so the same body is always valid, and sending it again changes nothing (the version ' +
        'stays). A record may carry the ids of several systems. `If-Match` is optional: a version makes a ' +
        'stale record a 412, `*` makes a missing one a 412.',
      request: {
        params: ExternalKey,
        headers: writeHeaders,
        body: { required: true, content: { 'application/json': { schema: schemas.create } } },
      },
      responses: {
        200: json(schemas.record, `The ${entity}, changed or as it was`),
        201: json(schemas.record, `The new ${entity}`),
        400: problem('Some fields are not valid'),
        403: problem('Your role cannot change records'),
        404: problem(`A ${entity} has this id but you cannot see it`),
        409: problem('The record is in the trash, or a unique field is taken'),
        412: problem('The If-Match version is stale, or there is no record to match'),
      },
    }),
    async (c) => {
      requireWriter(c, resource);
      const caller = c.var.crmCaller;
      const key = c.req.valid('param');
      const condition = upsertCondition(c);
      const input = parseUpsertBody(resource, await c.req.json());
      const { action, record } = await inOrg(c.var.crmDb, caller, (tx) =>
        upsertRecord(tx, resource, caller, key, input, condition),
      );
      if (action === 'created')
        c.header('location', c.req.path.replace(/\/by-external-id\/.*$/, `/${String(record.id)}`));
      return c.json(withEtag(c, record), action === 'created' ? 201 : 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: `/${path}/{id}/external-ids`,
      tags: [tag],
      summary: `The ids other systems know a ${entity} by`,
      request: { params: idParam, query: NoQuery },
      responses: {
        200: json(ExternalIds, 'Each system’s id of the record, by system'),
        404: problem(`No such ${entity}`),
      },
    }),
    async (c) => {
      const caller = c.var.crmCaller;
      const { id } = c.req.valid('param');
      const ids = await readInOrg(c.var.crmDb, caller, async (tx) => {
        await requireRow(tx, resource, caller.orgId, id);
        return keysOf(tx, caller.orgId, entity, id);
      });
      return c.json(ids, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `/${path}/{id}/external-ids/{source}/{externalId}`,
      tags: [tag],
      summary: `Give a ${entity} another system's id`,
      description:
        'Links a record the kit already has to its id in another system, so that system can upsert it ' +
        'from then on. Idempotent; a record has one id per system, and an id names one record (else 409).',
      request: { params: ExternalKey.extend(idParam.shape), query: NoQuery },
      responses: {
        200: json(ExternalIds, 'Each system’s id of the record, by system'),
        403: problem('Your role cannot change records'),
        404: problem(`No such ${entity}`),
        409: problem('The id names another record, or the record has another id of this system'),
      },
    }),
    async (c) => {
      requireWriter(c, resource);
      const caller = c.var.crmCaller;
      const { id, ...key } = c.req.valid('param');
      const ids = await inOrg(c.var.crmDb, caller, async (tx) => {
        await requireRow(tx, resource, caller.orgId, id);
        await lockKey(tx, caller.orgId, entity, key);
        const linked = await findByKey(tx, caller.orgId, entity, key);
        if (linked === undefined) await linkKey(tx, caller.orgId, entity, key, id);
        else if (linked !== id) throw new ProblemError(409, `This id of ${key.source} names another ${entity}.`);
        return keysOf(tx, caller.orgId, entity, id);
      });
      return c.json(ids, 200);
    },
  );
  return app;
}

export const upsertRoutes = new OpenAPIHono<CrmEnv>();
for (const resource of upsertResources) upsertRoutes.route('/', externalIdRoutes(resource));
