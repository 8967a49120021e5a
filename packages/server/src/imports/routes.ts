import {
  Id,
  ImportErrorPage,
  ImportJob,
  ImportJobErrorsQuery,
  ImportJobListQuery,
  ImportJobPage,
  ImportJobQuery,
  UpsertResource,
} from '@crmkit/core';
import { createRoute, OpenAPIHono, z as zo } from '@hono/zod-openapi';
import type { CrmEnv } from '../http/env.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { csvLines } from '../integration/csv.js';
import {
  DEFAULT_MAX_BULK_BYTES,
  importedResource,
  parseQuery,
  type IntegrationOptions,
} from '../integration/routes.js';
import { streamOf } from '../integration/stream.js';
import { problem } from '../resources/routes.js';
import { cancelJob, jobErrors, listJobs, requireJob } from './jobs.js';
import { createImportJob } from './upload.js';

/** What the routes need of the process's import worker: to be told there is work. */
export interface Waker {
  wake(): void;
}

const tags = ['Integration'];
const jobParams = zo.object({ id: Id });
/** Routes that take no query parameters: an unknown one is a 400, as everywhere in the kit. */
const noQuery = zo.strictObject({});
const jobAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: ImportJob } },
});

/**
 * CSV imports as stored jobs: the upload is stored and answered at once (202), a worker writes
 * it in batches (see worker.ts), and these routes follow it, cancel it and read its error report.
 */
export function importJobRoutes(worker: Waker, options: IntegrationOptions = {}) {
  const maxBytes = options.maxBulkBytes ?? DEFAULT_MAX_BULK_BYTES;
  const app = new OpenAPIHono<CrmEnv>();
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/imports/{resource}/jobs',
    tags,
    summary: 'Start a CSV import job',
    description:
      'Stores a UTF-8 CSV file (the checks and limits of `POST /imports/{resource}`: a broken file, a bad mapping or ' +
      'a file over the byte limit is refused now and nothing is stored) and answers 202 with the job. A worker of ' +
      'the kit then writes its rows in batches of 500, as the member who started it, committing the progress and ' +
      'the failed rows with each batch: follow it at `GET /import-jobs/{id}`. A job survives a restart and ' +
      'resumes at the first row not yet written. The mapping is remembered for the next file with this header row.',
    request: {
      params: zo.object({ resource: UpsertResource }),
      query: ImportJobQuery,
      body: { required: true, content: { 'text/csv': { schema: zo.string() } } },
    },
    responses: {
      202: jobAnswer('The job, queued'),
      400: problem('The mapping names no column or no field, the file is not UTF-8 CSV, or it has no rows'),
      413: problem('The file is over the byte limit'),
      415: problem('The body is not text/csv'),
    },
  });
  app.post('/imports/:resource/jobs', async (c) => {
    const resource = importedResource(c);
    const query = parseQuery(c, ImportJobQuery);
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxBytes) throw new ProblemError(413, `The file is larger than ${maxBytes} bytes.`);
    const job = await createImportJob(c, resource, query, maxBytes);
    worker.wake();
    // The kit's mount point, then the job's path.
    const mount = c.req.path.slice(0, c.req.path.length - c.var.crmPath.length);
    return c.json(job, 202, { location: `${mount}/import-jobs/${job.id}` });
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/import-jobs',
      tags,
      summary: 'List import jobs',
      description:
        'Newest first. Owners, admins and API keys see every job of the organization, other members the jobs they ' +
        'started; a token limited by scopes, jobs of the resources it may write.',
      request: { query: ImportJobListQuery },
      responses: {
        200: { description: 'A page of jobs', content: { 'application/json': { schema: ImportJobPage } } },
        400: problem('A query parameter is not valid'),
      },
    }),
    async (c) => {
      worker.wake();
      return c.json(await listJobs(c.var.crmDb, c.var.crmCaller, c.req.valid('query')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/import-jobs/{id}',
      tags,
      summary: 'An import job and its progress',
      description: 'Its status, the rows done of the total, the percent, rows per second and the counts so far.',
      request: { params: jobParams, query: noQuery },
      responses: {
        200: jobAnswer('The job'),
        400: problem('The id or a query parameter is not valid'),
        404: problem('No such job the caller may see'),
      },
    }),
    async (c) => {
      worker.wake();
      return c.json(await requireJob(c.var.crmDb, c.var.crmCaller, c.req.valid('param').id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/import-jobs/{id}/cancel',
      tags,
      summary: 'Cancel an import job',
      description:
        'A queued job never starts; a running one stops at its next batch (that batch is rolled back). The batches ' +
        'committed before stay written, and the job says how far it got.',
      request: { params: jobParams, query: noQuery },
      responses: {
        200: jobAnswer('The job, cancelled'),
        400: problem('The id or a query parameter is not valid'),
        404: problem('No such job the caller may see'),
        409: problem('The job has already finished'),
      },
    }),
    async (c) => c.json(await cancelJob(c.var.crmDb, c.var.crmCaller, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/import-jobs/{id}/errors',
      tags,
      summary: "An import job's failed rows",
      description:
        'The error report, in file order: each failed row with its line (the header is line 1), its cells and why. ' +
        "`format=csv` answers every failed row as a file: line, reasons, then the row's cells (formula-like cells " +
        "prefixed with `'`).",
      request: { params: jobParams, query: ImportJobErrorsQuery },
      responses: {
        200: {
          description: 'A page of failed rows, or the CSV file',
          content: {
            'application/json': { schema: ImportErrorPage },
            'text/csv': { schema: zo.string() },
          },
        },
        400: problem('A query parameter is not valid'),
        404: problem('No such job the caller may see'),
      },
    }),
    async (c) => {
      const { db, caller } = { db: c.var.crmDb, caller: c.var.crmCaller };
      const job = await requireJob(db, caller, c.req.valid('param').id);
      const query = c.req.valid('query');
      const after = query.cursor === undefined ? 0 : Number(query.cursor);
      if (!Number.isInteger(after) || after < 0) {
        throw validationProblem([{ path: 'cursor', code: 'invalid_value', message: 'Not a cursor of this list' }]);
      }
      if (query.format === 'json')
        return c.json(await jobErrors(db, caller, job.id, { limit: query.limit, after }), 200);
      const lines = async function* () {
        yield '\uFEFF' + csvLines([['row', 'reasons', ...job.headers]]);
        let cursor: string | null = '0';
        while (cursor !== null) {
          const page = await jobErrors(db, caller, job.id, { limit: 1000, after: Number(cursor) });
          yield csvLines(page.items.map((e) => [e.row, reasons(e), ...job.headers.map((h) => e.cells[h] ?? '')]));
          cursor = page.nextCursor;
        }
      };
      return streamOf(lines(), 'text/csv; charset=utf-8', {
        'content-disposition': `attachment; filename="${job.resource}-import-errors.csv"`,
      }) as never;
    },
  );
  return app;
}

/** A failed row's reasons in one cell: each field's message, or the problem's detail. */
function reasons(error: { status: number; detail?: string; errors?: { path: string; message: string }[] }) {
  return error.errors?.map((e) => `${e.path}: ${e.message}`).join('; ') ?? error.detail ?? `status ${error.status}`;
}
