import {
  BulkQuery,
  BulkRecord,
  BulkResult,
  BulkSummary,
  ImportError,
  ImportPreview,
  ImportQuery,
  ImportSummary,
  UpsertResource,
} from '@crmkit/core';
import { createRoute, OpenAPIHono, z as zo, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { CrmEnv } from '../http/env.js';
import { fieldErrors, ProblemError, validationProblem } from '../http/problem.js';
import { resources } from '../resources/index.js';
import { problem, requireWriter } from '../resources/routes.js';
import type { ListQuery } from '../resources/crud.js';
import { listQueryOf } from '../resources/custom-fields.js';
import { atomicBulk, streamedBulk } from './bulk.js';
import { exportCsv, importCsv, previewCsv } from './transfer.js';
import { upsertResources, upsertRoutes } from './upsert-routes.js';

/** The default of {@link IntegrationOptions.maxBulkBytes}. */
export const DEFAULT_MAX_BULK_BYTES = 64 * 1024 * 1024;

export interface IntegrationOptions {
  /** The largest body of a bulk request or an import, in bytes, read as it streams; default 64 MB. */
  maxBulkBytes?: number;
}

/** Routes whose bodies are read as they stream, each with its own limits, not the kit's body limit. */
export const STREAMED_BODY_PATHS = /^\/(bulk|imports\/[^/]+(\/jobs)?)$/;

/** A query checked against a strict schema, as the validator of the other routes does it. */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const input = c.req.query();
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationProblem(fieldErrors(parsed.error, input));
  return parsed.data;
}

/** Declares a route in the OpenAPI document whose handler reads its own streamed body. */
function document(app: OpenAPIHono<CrmEnv>, route: RouteConfig) {
  app.openAPIRegistry.registerPath(route);
}

const ndjson = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/x-ndjson': { schema } },
});

/** Upsert by external id, bulk writes, CSV imports and exports. */
export function integrationRoutes(options: IntegrationOptions = {}) {
  const maxBytes = options.maxBulkBytes ?? DEFAULT_MAX_BULK_BYTES;
  const app = new OpenAPIHono<CrmEnv>();
  app.route('/', upsertRoutes);

  document(app, {
    method: 'post',
    path: '/bulk',
    tags: ['Integration'],
    summary: 'Create and upsert many records',
    description:
      'Up to 10,000 records of any writable resources, as a JSON array or NDJSON (one record a line), read ' +
      'as they arrive. Each record is written as `POST /{resource}` (no `source`) or ' +
      '`PUT /{resource}/by-external-id/{source}/{externalId}` would write it, with the same checks, history ' +
      'and events. The answer is NDJSON: one result a record, in order, then a summary line. By default ' +
      'records are written in transactions of 500 and a failed record leaves the others written; results ' +
      'stream as each transaction commits, and a request that stops early (over 10,000 records or the byte ' +
      'limit) keeps what was committed and says why in the summary. With `atomic=true` the request is one ' +
      'transaction: any failed record rolls every record back and the answer is a 422 naming each failure.',
    request: {
      query: BulkQuery,
      body: {
        required: true,
        content: {
          'application/json': { schema: BulkRecord.array().max(10_000) },
          'application/x-ndjson': { schema: BulkRecord },
        },
      },
    },
    responses: {
      200: ndjson(BulkResult.or(BulkSummary), 'A result per record, then the summary'),
      400: problem('The body is not a JSON array or NDJSON, or a query parameter is not valid'),
      413: problem('More than 10,000 records, or a body over the byte limit'),
      415: problem('The body is neither application/json nor application/x-ndjson'),
      422: problem('All or nothing: a record failed, and nothing was written'),
    },
  });
  app.post('/bulk', async (c) => {
    const { atomic } = parseQuery(c, BulkQuery);
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxBytes) throw new ProblemError(413, `The request body is larger than ${maxBytes} bytes.`);
    return atomic ? atomicBulk(c, maxBytes) : streamedBulk(c, maxBytes);
  });
  document(app, {
    method: 'post',
    path: '/imports/{resource}',
    tags: ['Integration'],
    summary: 'Import a CSV file',
    description:
      'A UTF-8 CSV file (a byte-order mark is fine) with a header row, read as it arrives and written in ' +
      'transactions of 500 rows, each row as `POST /{resource}` would write it, or, with `source`, upserted by ' +
      'its `externalId` column as `PUT /{resource}/by-external-id/{source}/{externalId}` would. Without `source`, a ' +
      'lead, customer or contact row with the email (case aside) or phone number (its last nine digits) of a live ' +
      'record you can see, or of an earlier row, is a duplicate: `onDuplicate=skip` (the default) leaves the record ' +
      "and counts the row as `matched`, `update` writes the row's filled cells onto it as a PATCH would (emails and " +
      'phones added to its own; `updated`, or `unchanged`), `create` creates it anyway. A row that duplicates two ' +
      'different records (the email of one, the phone of another) fails with a 409 naming them. Headers are ' +
      'field names unless `map` says otherwise. Cells: lists as `a; b` or a JSON array, objects as JSON, an ' +
      'empty cell is no value. The answer is NDJSON, streamed: each failed row (its line, cells and errors: ' +
      'the error file), a `progress` line after each transaction, then the `summary`. `dryRun` checks every ' +
      'row in transactions that are rolled back. Up to the bulk byte limit (64 MB by default).',
    request: {
      params: zo.object({ resource: UpsertResource }),
      query: ImportQuery,
      body: { required: true, content: { 'text/csv': { schema: zo.string() } } },
    },
    responses: {
      200: ndjson(
        ImportError.or(zo.object({ progress: zo.object({ rows: zo.number(), bytes: zo.number() }) })).or(
          zo.object({ summary: ImportSummary }),
        ),
        'Failed rows, progress, then the summary',
      ),
      400: problem('The mapping names no column or no field, or the file is not UTF-8 CSV'),
      413: problem('The file is over the byte limit'),
      415: problem('The body is not text/csv'),
    },
  });
  app.post('/imports/:resource', async (c) => {
    const resource = importedResource(c);
    const options = parseQuery(c, ImportQuery);
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxBytes) throw new ProblemError(413, `The file is larger than ${maxBytes} bytes.`);
    return importCsv(c, resource, options, maxBytes);
  });

  document(app, {
    method: 'post',
    path: '/imports/{resource}/preview',
    tags: ['Integration'],
    summary: 'Preview a CSV import',
    description:
      'The start of a CSV file as `POST /imports/{resource}` would read it (same parser and limits): its header ' +
      'row, the first 5 rows, the fields a column can go to (custom fields as `customFields.<key>`), and a ' +
      "suggested `map`: each column whose header is a field's name, or a custom field's key or label, goes to " +
      'that field. Only the rows it needs are read, so the head of a large file is enough. Writes nothing; ' +
      'needs the right to import, as the import does.',
    request: {
      params: zo.object({ resource: UpsertResource }),
      body: { required: true, content: { 'text/csv': { schema: zo.string() } } },
    },
    responses: {
      200: { description: 'The preview', content: { 'application/json': { schema: ImportPreview } } },
      400: problem('The file is empty, or not UTF-8 CSV, or the resource cannot be imported'),
      413: problem('The body is over the byte limit'),
      415: problem('The body is not text/csv'),
    },
  });
  app.post('/imports/:resource/preview', async (c) => {
    const resource = importedResource(c);
    parseQuery(c, zo.strictObject({}));
    return c.json(await previewCsv(c, resource, maxBytes));
  });

  for (const resource of resources) {
    const query = listQueryOf(resource, resource.schemas.query.omit({ limit: true, cursor: true }));
    app.openapi(
      createRoute({
        method: 'get',
        path: `/exports/${resource.path}`,
        tags: ['Integration'],
        summary: `Export ${resource.path} as CSV`,
        description:
          `The ${resource.path} list with the same filters, search and sort, every page of it, streamed as ` +
          'CSV: a column per field, headed by the field names (the same in every locale); lists as `a; b`, ' +
          "objects as JSON; cells a spreadsheet would run as formulas are prefixed with `'`.",
        request: { query },
        responses: {
          200: { description: 'The CSV file', content: { 'text/csv': { schema: zo.string() } } },
          400: problem('A filter is not valid'),
        },
      }),
      async (c) => {
        const params = c.req.valid('query') as ListQuery;
        // An export has every page: paging parameters reach here only through the custom field filters' catch-all.
        const paging = ['limit', 'cursor'].filter((key) => Object.hasOwn(params, key));
        if (paging.length) {
          throw validationProblem(
            paging.map((path) => ({ path, code: 'unknown_field', message: 'Not a known parameter or field' })),
          );
        }
        return (await exportCsv(c, resource, { ...params, limit: 0 })) as never;
      },
    );
  }
  return app;
}

/** The resource an import route names, checked, and the caller's right to write it. */
export function importedResource(c: Context<CrmEnv>) {
  const param = { resource: c.req.param('resource') ?? '' };
  const parsed = zo.object({ resource: UpsertResource }).safeParse(param);
  if (!parsed.success) throw validationProblem(fieldErrors(parsed.error, param));
  const resource = upsertResources.find((r) => r.path === parsed.data.resource)!;
  requireWriter(c, resource);
  return resource;
}
