import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  real,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { crm, tenantPolicy, timestamptz } from './columns.js';
import { organizations } from './organizations.js';

/** Raw bytes: PGlite hands back a Uint8Array, postgres.js a Buffer (a Uint8Array too). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A CSV import run as a job. The row holds what the worker needs to run it (the member it writes
 * as, the resource, each column's field) and the progress it has committed: a worker writes a
 * batch of rows and advances `rows_done` in one transaction, so a job resumed after a restart
 * starts at the first row not yet written, and no row is written twice. A worker holds a running
 * job by its lease (`lease_token` until `lease_until`), renewed with every batch; a lapsed lease
 * (its process died) lets another worker take the job over.
 */
export const importJobs = crm.table(
  'import_jobs',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    /** The member the rows are written as (null: an API key), with the role they had then. */
    createdBy: uuid('created_by'),
    role: text('role').notNull(),
    via: text('via').notNull(),
    resource: text('resource').notNull(),
    source: text('source'),
    /** What the job does with a row that duplicates a record: `skip`, `update` or `create` (see `OnDuplicate`). */
    onDuplicate: text('on_duplicate').notNull(),
    dryRun: boolean('dry_run').notNull().default(false),
    fileName: text('file_name'),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    headers: jsonb('headers').$type<string[]>().notNull(),
    columns: jsonb('columns').$type<(string | null)[]>().notNull(),
    rowsTotal: integer('rows_total').notNull(),
    /** `queued`, `running`, `succeeded`, `failed` or `cancelled`. */
    status: text('status').notNull().default('queued'),
    rowsDone: integer('rows_done').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    matched: integer('matched').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    rowsPerSecond: real('rows_per_second').notNull().default(0),
    /** Why the job failed, as a problem. */
    problem: jsonb('problem'),
    /** Claims since the last committed batch: a job that keeps stopping its worker is failed. */
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamptz('lease_until'),
    leaseToken: uuid('lease_token'),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    index('import_jobs_unfinished_idx')
      .on(t.createdAt)
      .where(sql`status in ('queued', 'running')`),
    index('import_jobs_list_idx').on(t.orgId, t.id),
    tenantPolicy('import_jobs'),
  ],
);

/**
 * A job's file, as UTF-8 in pieces of up to 1 MB, in order. In the database rather than on disk
 * so that any process of a deployment can run (or take over) the job with no shared file system,
 * and so that the file is kept, backed up and deleted with its job. Deleted with the job.
 */
export const importJobChunks = crm.table(
  'import_job_chunks',
  {
    orgId: uuid('org_id').notNull(),
    jobId: uuid('job_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.jobId, t.seq] }),
    foreignKey({ columns: [t.orgId, t.jobId], foreignColumns: [importJobs.orgId, importJobs.id] }).onDelete('cascade'),
    tenantPolicy('import_job_chunks'),
  ],
);

/** A job's failed rows (the error report), by their line in the file, committed with their batch. */
export const importJobErrors = crm.table(
  'import_job_errors',
  {
    orgId: uuid('org_id').notNull(),
    jobId: uuid('job_id').notNull(),
    row: integer('row').notNull(),
    /** The row's error line: status, detail, errors and cells (see `ImportError`). */
    error: jsonb('error').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.jobId, t.row] }),
    foreignKey({ columns: [t.orgId, t.jobId], foreignColumns: [importJobs.orgId, importJobs.id] }).onDelete('cascade'),
    tenantPolicy('import_job_errors'),
  ],
);

/**
 * The column mapping an organization used last for a header row, per resource: the preview of
 * the next file with the same header row offers it. Keyed by a hash of the headers, which may be
 * longer than an index entry can hold.
 */
export const importMappings = crm.table(
  'import_mappings',
  {
    orgId: uuid('org_id').notNull(),
    resource: text('resource').notNull(),
    headersKey: text('headers_key').notNull(),
    columns: jsonb('columns').$type<(string | null)[]>().notNull(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.resource, t.headersKey] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    tenantPolicy('import_mappings'),
  ],
);
