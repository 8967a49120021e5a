import type { ImportError, ImportJob, ImportJobPage, ImportJobStatus, OnDuplicate, Problem } from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import { allows } from '../auth/scopes.js';
import { inOrg, readInOrg, type Db } from '../db/database.js';
import { rows } from '../db/rows.js';
import type { Caller } from '../http/env.js';
import { ProblemError } from '../http/problem.js';

/** An import job's row as SQL answers it. */
export interface JobRow extends Record<string, unknown> {
  org_id: string;
  id: string;
  created_by: string | null;
  role: string;
  via: string;
  resource: string;
  source: string | null;
  on_duplicate: OnDuplicate;
  dry_run: boolean;
  file_name: string | null;
  file_bytes: number | string;
  headers: string[] | string;
  columns: (string | null)[] | string;
  rows_total: number;
  status: ImportJobStatus;
  rows_done: number;
  created: number;
  updated: number;
  unchanged: number;
  matched: number;
  failed: number;
  rows_per_second: number;
  problem: Problem | string | null;
  attempts: number;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

/** postgres.js may hand jsonb over as its text; PGlite parses it. */
export const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A job as the API shows it. */
export function jobView(row: JobRow): ImportJob {
  const total = row.rows_total;
  return {
    id: row.id,
    resource: row.resource as ImportJob['resource'],
    status: row.status,
    dryRun: row.dry_run,
    source: row.source,
    onDuplicate: row.on_duplicate,
    fileName: row.file_name,
    fileBytes: Number(row.file_bytes),
    headers: json(row.headers),
    columns: json(row.columns),
    rowsTotal: total,
    percent: total ? Math.floor((row.rows_done / total) * 1000) / 10 : 100,
    rowsPerSecond: Math.round(Number(row.rows_per_second)),
    summary: {
      rows: row.rows_done,
      created: row.created,
      updated: row.updated,
      unchanged: row.unchanged,
      matched: row.matched,
      failed: row.failed,
      dryRun: row.dry_run,
    },
    problem: row.problem === null ? null : json(row.problem),
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

/**
 * Which of the organization's jobs a caller sees: owners, admins and API keys all of them, other
 * members those they started; a token limited by scopes only jobs of resources it may write.
 */
function visibleTo(caller: Caller, resources?: string[]): SQL {
  const all = caller.userId === null || caller.role === 'owner' || caller.role === 'admin';
  const mine = all ? sql`true` : sql`created_by = ${caller.userId}`;
  if (!resources) return mine;
  return sql`${mine} and resource in (${sql.join(
    resources.map((r) => sql`${r}`),
    sql`, `,
  )})`;
}

/** The resources a token's scopes let it import into (undefined: no scopes, every resource). */
function scopedResources(caller: Caller): string[] | undefined {
  if (!caller.scopes) return undefined;
  const all = ['customers', 'contacts', 'leads', 'opportunities', 'orders', 'activities', 'cases'];
  const allowed = all.filter((r) => allows(caller.scopes!, r, 'write'));
  return allowed.length ? allowed : [''];
}

/** A job the caller may see, or undefined (another organization's, someone else's, not there). */
export async function jobById(db: Db, caller: Caller, id: string): Promise<ImportJob | undefined> {
  const [row] = await readInOrg(db, caller, (tx) =>
    rows<JobRow>(
      tx,
      sql`select * from crm.import_jobs
          where org_id = ${caller.orgId} and id = ${id} and ${visibleTo(caller, scopedResources(caller))}`,
    ),
  );
  return row && jobView(row);
}

export async function requireJob(db: Db, caller: Caller, id: string): Promise<ImportJob> {
  const job = await jobById(db, caller, id);
  if (!job) throw new ProblemError(404, 'No such import job.');
  return job;
}

/** The caller's jobs, newest first, a page at a time (the cursor is the last id shown). */
export async function listJobs(
  db: Db,
  caller: Caller,
  query: { resource?: string; status?: string; limit: number; cursor?: string },
): Promise<ImportJobPage> {
  const conditions = [sql`org_id = ${caller.orgId}`, visibleTo(caller, scopedResources(caller))];
  if (query.resource) conditions.push(sql`resource = ${query.resource}`);
  if (query.status) conditions.push(sql`status = ${query.status}`);
  if (query.cursor) conditions.push(sql`id < ${checkedCursor(query.cursor)}`);
  const found = await readInOrg(db, caller, (tx) =>
    rows<JobRow>(
      tx,
      sql`select * from crm.import_jobs where ${sql.join(conditions, sql` and `)}
          order by id desc limit ${query.limit + 1}`,
    ),
  );
  const items = found.slice(0, query.limit).map(jobView);
  return { items, nextCursor: found.length > query.limit ? items.at(-1)!.id : null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkedCursor(cursor: string): string {
  if (!UUID.test(cursor)) {
    throw new ProblemError(400, 'The cursor is not valid.', {
      errors: [{ path: 'cursor', code: 'invalid_value', message: 'Not a cursor of this list' }],
    });
  }
  return cursor;
}

/**
 * Cancels a queued or running job: its worker sees it at its next batch, rolls that batch back
 * and stops; the batches committed before stay. A finished job is a 409.
 */
export async function cancelJob(db: Db, caller: Caller, id: string): Promise<ImportJob> {
  const job = await requireJob(db, caller, id);
  const [row] = await inOrg(db, caller, (tx) =>
    rows<JobRow>(
      tx,
      sql`update crm.import_jobs
          set status = 'cancelled', finished_at = now(), updated_at = now(), lease_until = null, lease_token = null
          where org_id = ${caller.orgId} and id = ${job.id} and status in ('queued', 'running')
          returning *`,
    ),
  );
  if (!row)
    throw new ProblemError(
      409,
      `The import job has already ${job.status === 'cancelled' ? 'been cancelled' : 'finished'}.`,
    );
  return jobView(row);
}

/** A page of a job's failed rows, in file order, after the line `after`. */
export async function jobErrors(
  db: Db,
  caller: Caller,
  id: string,
  page: { limit: number; after: number },
): Promise<{ items: ImportError[]; nextCursor: string | null }> {
  const found = await readInOrg(db, caller, (tx) =>
    rows<{ row: number; error: ImportError | string }>(
      tx,
      sql`select row, error from crm.import_job_errors
          where org_id = ${caller.orgId} and job_id = ${id} and row > ${page.after}
          order by row limit ${page.limit + 1}`,
    ),
  );
  const items = found.slice(0, page.limit).map((r) => json(r.error));
  return { items, nextCursor: found.length > page.limit ? String(items.at(-1)!.row) : null };
}
