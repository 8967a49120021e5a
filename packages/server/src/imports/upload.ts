import type { FieldError, ImportJob, OnDuplicate } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import { inOrg, type Tx } from '../db/database.js';
import { importJobChunks } from '../db/schema/index.js';
import type { CrmEnv } from '../http/env.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { hasCustomFields, liveCustomFields } from '../resources/custom-fields.js';
import type { Resource } from '../resources/resource.js';
import { textChunks } from '../integration/body.js';
import { fieldsOf, type ColumnMap, type CustomColumns } from '../integration/cells.js';
import { csvRows } from '../integration/csv.js';
import { rememberMapping } from '../integration/mappings.js';
import { checkedColumns } from '../integration/transfer.js';
import { jobById } from './jobs.js';

/** How much of the file one stored piece holds, in characters (up to 4 bytes each in UTF-8). */
const PIECE_CHARS = 256 * 1024;

export interface JobRequest {
  source?: string;
  map?: string;
  columns?: string;
  dryRun: boolean;
  onDuplicate: OnDuplicate;
}

/**
 * Stores an uploaded CSV file as a queued import job, reading it as it arrives: the same checks
 * as the streamed import (UTF-8, the parser's limits, the byte limit, the mapping), and every row
 * counted, so the job knows its total and a broken file is refused now (400, nothing stored)
 * rather than failing halfway. The job, its file and the mapping it remembers are written in one
 * transaction: a refused upload leaves nothing behind.
 */
export async function createImportJob(
  c: Context<CrmEnv>,
  resource: Resource,
  request: JobRequest,
  maxBytes: number,
): Promise<ImportJob> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'text/csv') throw new ProblemError(415, 'Send the file as text/csv (UTF-8).');
  if (request.map !== undefined && request.columns !== undefined) {
    throw validationProblem([{ path: 'columns', code: 'invalid_value', message: 'Give map or columns, not both' }]);
  }
  const caller = c.var.crmCaller;
  const db = c.var.crmDb;
  const id = uuidv7();
  const fileName = c.req.header('x-file-name')?.slice(0, 200) ?? null;
  await inOrg(db, caller, async (tx) => {
    await tx.execute(sql`insert into crm.import_jobs
      (org_id, id, created_by, role, via, resource, source, on_duplicate, dry_run, file_name, file_bytes, headers, columns,
       rows_total)
      values (${caller.orgId}, ${id}, ${caller.userId}, ${caller.role}, ${caller.via ?? 'host'}, ${resource.path},
              ${request.source ?? null}, ${request.onDuplicate}, ${request.dryRun}, ${fileName}, 0, '[]'::jsonb, '[]'::jsonb, 0)`);
    let bytes = 0;
    const rows = csvRows(
      storedAs(
        tx,
        caller.orgId,
        id,
        textChunks(c.req.raw.body, maxBytes, (n) => (bytes = n)),
      ),
    );
    const header = await rows.next();
    if (header.done) throw new ProblemError(400, 'The file is empty: it needs a header row of column names.');
    const headers = header.value.map((h) => h.trim());
    const custom = await customColumnsIn(tx, caller.orgId, resource);
    const columns =
      request.columns === undefined
        ? checkedColumns(resource, header.value, request, custom)
        : columnList(resource, headers, request, custom);
    let total = 0;
    for await (const _ of rows) total++;
    if (total === 0) throw new ProblemError(400, 'The file has a header row but no rows to import.');
    await tx.execute(sql`update crm.import_jobs
      set headers = ${JSON.stringify(headers)}::jsonb, columns = ${JSON.stringify(columns)}::jsonb,
          rows_total = ${total}, file_bytes = ${bytes}
      where org_id = ${caller.orgId} and id = ${id}`);
    await rememberMapping(tx, caller.orgId, resource, headers, columns);
  });
  return (await jobById(db, caller, id))!;
}

/** Passes the text on to the parser and stores it in pieces of {@link PIECE_CHARS} as it goes. */
async function* storedAs(tx: Tx, orgId: string, jobId: string, chunks: AsyncIterable<string>) {
  const encoder = new TextEncoder();
  let piece = '';
  let seq = 0;
  const store = async () => {
    await tx.insert(importJobChunks).values({ orgId, jobId, seq: seq++, data: encoder.encode(piece) });
    piece = '';
  };
  for await (const chunk of chunks) {
    piece += chunk;
    if (piece.length >= PIECE_CHARS) await store();
    yield chunk;
  }
  if (piece) await store();
}

async function customColumnsIn(tx: Tx, orgId: string, resource: Resource): Promise<CustomColumns> {
  if (!hasCustomFields(resource)) return new Map();
  const fields = await liveCustomFields(tx, orgId, resource);
  return new Map(fields.map((field) => [field.key, field]));
}

/**
 * `columns` (a JSON array, one field or null a column) checked: as long as the header row, each a
 * field of the resource (or a live custom field) at most once; errors name the column by index.
 */
function columnList(resource: Resource, headers: string[], request: JobRequest, custom: CustomColumns): ColumnMap {
  let list: unknown;
  try {
    list = JSON.parse(request.columns!);
  } catch {
    throw validationProblem([{ path: 'columns', code: 'invalid_value', message: 'Not a JSON array' }]);
  }
  if (!Array.isArray(list) || list.length !== headers.length) {
    throw validationProblem([
      { path: 'columns', code: 'invalid_value', message: `Expected a list of ${headers.length} fields or nulls` },
    ]);
  }
  const fields = fieldsOf(resource);
  const known = (name: string) =>
    name.startsWith('customFields.')
      ? custom.has(name.slice('customFields.'.length))
      : Object.hasOwn(fields, name) && name !== 'customFields';
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((field: unknown, i) => {
    if (field === null) return;
    if (typeof field !== 'string' || !known(field)) {
      errors.push({ path: `columns.${i}`, code: 'unknown_field', message: `Not a field of ${resource.path}` });
    } else if (seen.has(field)) {
      errors.push({ path: `columns.${i}`, code: 'invalid_value', message: `Another column is mapped to ${field}` });
    }
    if (typeof field === 'string') seen.add(field);
  });
  if (request.source && !seen.has('externalId')) {
    errors.push({ path: 'columns', code: 'required', message: 'Upserting needs a column for externalId' });
  }
  if (errors.length) throw validationProblem(errors);
  return list as ColumnMap;
}
