import { HistoryEntry, Id, NoQuery, PageQuery, pageOf, Problem } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { inOrg, readInOrg } from '../db/database.js';
import type { CrmEnv, Role } from '../http/env.js';
import { withIdempotency } from '../http/idempotency.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import {
  createRecord,
  listRecords,
  recordHistory,
  requireRow,
  present,
  setTrashed,
  updateRecord,
  type ListQuery,
} from './crud.js';
import { hasCustomFields, listQueryOf } from './custom-fields.js';
import type { Resource, Row } from './resource.js';
import { sortLanguageOf } from './sort-language.js';

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
export const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const idParam = z.object({ id: Id });
export const writeHeaders = z.object({
  'if-match': z.string().optional().describe('The ETag you read; a stale one gets 412 and changes nothing'),
});

/** Reads an `If-Match` header (`"3"`, `W/"3"` or `*`) as the version the caller expects. */
export function expectedVersion(c: Context): number | undefined {
  const header = c.req.header('if-match')?.trim();
  if (!header || header === '*') return undefined;
  const match = header.match(/^(?:W\/)?"(\d{1,9})"$/);
  if (!match)
    throw validationProblem([
      { path: 'If-Match', code: 'invalid_format', message: 'Use the ETag from a previous response, e.g. "3"' },
    ]);
  return Number(match[1]);
}

export function withEtag(c: Context, record: Row) {
  c.header('etag', `"${String(record.version)}"`);
  return record;
}

/** Why a member of this role may not change records of this resource, or undefined when they may. */
export function writeRefusal(role: Role, resource: Resource): ProblemError | undefined {
  if (role === 'viewer') return new ProblemError(403, 'Viewers can read but not change records.');
  if (resource.writeRoles && !resource.writeRoles.includes(role)) {
    return new ProblemError(403, `Your role cannot change ${resource.path}.`);
  }
}

export function requireWriter(c: Context<CrmEnv>, resource: Resource) {
  const refusal = writeRefusal(c.var.crmCaller.role, resource);
  if (refusal) throw refusal;
}

/** The list route's words on custom field filters, if the resource has custom fields. */
const customFieldFilters = (resource: Resource) =>
  hasCustomFields(resource)
    ? 'Besides the parameters below, custom field filters (`GET /custom-fields?resource=' +
      resource.path +
      '`): `customFields.<key>=value` (equal; a multi-select: has this option), `customFields.<key>.from` ' +
      'and `.to` (inclusive ranges of number, date and money fields, money in minor units) and ' +
      '`customFields.<key>.currency` (money). A key no live field has, or a value not of its type, is a 400.'
    : '';

/** The list route's words on sorting in the reader's language, if it does. */
const languageSorts = (resource: Resource) =>
  resource.languageSorts
    ? `Sorted by ${resource.languageSorts.map((key) => `\`${key}\``).join(', ')}, the list follows the reader's ` +
      'language (`Accept-Language`): Traditional Chinese (`zh-TW`, `zh-Hant`, …) by stroke count, Simplified ' +
      '(`zh-CN`, `zh-Hans`, …) by pinyin, where the database has ICU collations; otherwise, and in other ' +
      'languages, by code point. A cursor continues only the order it came from.'
    : '';

/** The routes of one resource: list, create, get, patch, trash, restore and history. */
export function resourceRoutes(resource: Resource) {
  const { path, tag, schemas } = resource;
  const name = resource.entity;
  const item = `/${path}/{id}`;
  const app = new OpenAPIHono<CrmEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: `/${path}`,
      tags: [tag],
      summary: `List ${path}`,
      ...(hasCustomFields(resource) || resource.languageSorts
        ? { description: [customFieldFilters(resource), languageSorts(resource)].filter(Boolean).join('\n\n') }
        : {}),
      request: { query: listQueryOf(resource, schemas.query) },
      responses: {
        200: json(pageOf(schemas.record), `A page of ${path}`),
        400: problem('A filter or the cursor is not valid'),
      },
    }),
    async (c) => {
      const caller = c.var.crmCaller;
      const query = c.req.valid('query') as ListQuery;
      const language = sortLanguageOf(c.req.header('accept-language'));
      if (resource.languageSorts) c.header('vary', 'accept-language', { append: true });
      return c.json(
        await readInOrg(c.var.crmDb, caller, (tx) => listRecords(tx, resource, caller, query, { language })),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `/${path}`,
      tags: [tag],
      summary: `Create a ${name}`,
      request: {
        headers: z.object({
          'idempotency-key': z.string().max(200).optional().describe('Replays the first response to a retried request'),
        }),
        body: { required: true, content: { 'application/json': { schema: schemas.create } } },
      },
      responses: {
        201: json(schemas.record, `The new ${name}`),
        400: problem('Some fields are not valid'),
        409: problem('A unique field is taken'),
        422: problem('The idempotency key was used for another request'),
      },
    }),
    async (c) => {
      requireWriter(c, resource);
      const caller = c.var.crmCaller;
      const input = c.req.valid('json') as Row;
      const { status, body } = await inOrg(c.var.crmDb, caller, (tx) =>
        withIdempotency(tx, c, input, async () => ({
          status: 201,
          body: await createRecord(tx, resource, caller, input),
        })),
      );
      c.header('location', `${c.req.path.replace(/\/$/, '')}/${String(body.id)}`);
      return c.json(withEtag(c, body), status as 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: item,
      tags: [tag],
      summary: `Get a ${name}`,
      request: { params: idParam, query: NoQuery },
      responses: { 200: json(schemas.record, `The ${name}`), 404: problem(`No such ${name} in this organization`) },
    }),
    async (c) => {
      const caller = c.var.crmCaller;
      const record = await readInOrg(c.var.crmDb, caller, async (tx) =>
        present(resource, await requireRow(tx, resource, caller.orgId, c.req.valid('param').id), tx),
      );
      return c.json(withEtag(c, record), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: item,
      tags: [tag],
      summary: `Change a ${name}`,
      description:
        'Changes the named fields and leaves the others alone. A change that names no field, or only ' +
        'values the record already has, writes nothing: the record comes back with its version unchanged.',
      request: {
        params: idParam,
        headers: writeHeaders,
        body: { required: true, content: { 'application/json': { schema: schemas.patch } } },
      },
      responses: {
        200: json(schemas.record, `The changed ${name}`),
        400: problem('Some fields are not valid, or there is no body'),
        404: problem(`No such ${name}`),
        409: problem('In the trash, or a unique field is taken'),
        412: problem('The If-Match version is stale'),
      },
    }),
    async (c) => {
      // Without a Content-Type the validator reads no body as `{}`: refuse it rather than call it a change.
      if (!c.req.header('content-type')) {
        throw new ProblemError(400, 'Send the change as a JSON body (Content-Type: application/json).');
      }
      requireWriter(c, resource);
      const caller = c.var.crmCaller;
      const version = expectedVersion(c);
      const patch = c.req.valid('json') as Row;
      const record = await inOrg(c.var.crmDb, caller, (tx) =>
        updateRecord(tx, resource, caller, c.req.valid('param').id, patch, version),
      );
      return c.json(withEtag(c, record), 200);
    },
  );

  for (const [method, route, trashed, summary] of [
    ['delete', item, true, `Move a ${name} to the trash`],
    ['post', `${item}/restore`, false, `Restore a ${name} from the trash`],
  ] as const) {
    app.openapi(
      createRoute({
        method,
        path: route,
        tags: [tag],
        summary,
        request: { params: idParam, headers: writeHeaders },
        responses: {
          200: json(schemas.record, `The ${name}`),
          404: problem(`No such ${name}`),
          409: problem(
            'The record cannot move: e.g. the last active owner, or a deal whose pipeline has no open stage',
          ),
          412: problem('The If-Match version is stale'),
        },
      }),
      async (c) => {
        requireWriter(c, resource);
        const caller = c.var.crmCaller;
        const version = expectedVersion(c);
        const record = await inOrg(c.var.crmDb, caller, (tx) =>
          setTrashed(tx, resource, caller, c.req.valid('param').id, trashed, version),
        );
        return c.json(withEtag(c, record), 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: `${item}/history`,
      tags: [tag],
      summary: `The history of a ${name}`,
      description:
        'Each write with the values it changed: the whole record on create, the changed fields before ' +
        'and after on update, delete and restore. A page ends at `limit` entries or once it passes 256 kB.',
      request: { params: idParam, query: PageQuery },
      responses: { 200: json(pageOf(HistoryEntry), 'Writes, newest first'), 404: problem(`No such ${name}`) },
    }),
    async (c) => {
      const caller = c.var.crmCaller;
      const { limit, cursor } = c.req.valid('query');
      const page = await readInOrg(c.var.crmDb, caller, (tx) =>
        recordHistory(tx, resource, caller, c.req.valid('param').id, limit, cursor),
      );
      return c.json(page, 200);
    },
  );

  return app;
}
