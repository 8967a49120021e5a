import { z } from 'zod';
import { FieldError, Id, Problem } from './common.js';
import { ExternalId, Text } from './fields.js';

/** The resources another system can write by its own ids (`PUT /{resource}/by-external-id/…`, `/bulk`, imports). */
export const UPSERT_RESOURCES = [
  'customers',
  'contacts',
  'leads',
  'opportunities',
  'orders',
  'activities',
  'cases',
] as const;
export const UpsertResource = z.enum(UPSERT_RESOURCES);
export type UpsertResource = z.infer<typeof UpsertResource>;

/** The most records one `POST /bulk` request may carry. */
export const BULK_MAX_RECORDS = 10_000;

/**
 * The name of another system, chosen by the integration (`shop`, `erp`, `pos.taipei`): letters,
 * digits, `_`, `.` and `-`, so it reads the same in a path, a CSV option and a log.
 */
export const ExternalSource = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'Use 1 to 64 letters, digits, _ . or -, starting with a letter or digit');

/** The path of an upsert: the other system and its id of the record. */
export const ExternalKey = z.object({ source: ExternalSource, externalId: ExternalId });

/** The ids other systems know a record by: each system's name and its id. */
export const ExternalIds = z.record(ExternalSource, ExternalId);
export type ExternalIds = z.infer<typeof ExternalIds>;

/**
 * What a write did to the record: made it, changed it, or found it as sent; `matched`: a create
 * (of an import or a bulk request) that duplicates a stored record (a lead with an open lead's
 * email or phone number) wrote nothing, and the result names that record.
 */
export const UpsertAction = z.enum(['created', 'updated', 'unchanged', 'matched']);
export type UpsertAction = z.infer<typeof UpsertAction>;

/**
 * One record of a `POST /bulk` request: with `source` and `externalId` an upsert (as
 * `PUT /{resource}/by-external-id/{source}/{externalId}`), without them a create. `data` is the
 * resource's create body; `version`, when given, must match the stored record's (as `If-Match`).
 */
export const BulkRecord = z.strictObject({
  resource: UpsertResource,
  source: ExternalSource.optional(),
  externalId: ExternalId.optional(),
  version: z.number().int().positive().optional(),
  data: z.record(z.string(), z.unknown()).describe('The resource’s create body'),
});
export type BulkRecord = z.input<typeof BulkRecord>;

/** The query of `POST /bulk`. */
export const BulkQuery = z.strictObject({
  atomic: z
    .stringbool()
    .default(false)
    .describe('All or nothing: one failed record rolls back every record of the request'),
});

/** The result of one record of a bulk request, in the order they came. */
export const BulkResult = z.object({
  index: z.number().int().min(0).describe('The record’s position in the request, from 0'),
  status: z.number().int().describe('The status the single-record route would have answered'),
  action: UpsertAction.optional(),
  id: Id.optional(),
  version: z.number().int().optional(),
  detail: z.string().optional(),
  errors: z.array(FieldError).optional(),
});
export type BulkResult = z.infer<typeof BulkResult>;

/** The last line of a bulk answer: the counts, and whether the writes were kept. */
export const BulkSummary = z.object({
  summary: z.object({
    records: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    matched: z.number().int().describe('Creates that duplicated a stored record and wrote nothing'),
    failed: z.number().int(),
    /** False when nothing was kept: an all-or-nothing request with a failure, or a request cut short. */
    committed: z.boolean(),
  }),
  /** Why the request stopped before its end (a body over the limits, a malformed array). */
  problem: Problem.optional(),
});
export type BulkSummary = z.infer<typeof BulkSummary>;

/**
 * What an import does with a row that duplicates a stored record (a lead, customer or contact of
 * the same email or phone number, or one an earlier row of the file made): leave the record as it
 * is and count the row as matched (`skip`, the default), write the row's filled cells onto it
 * (`update`), or create a record anyway (`create`).
 */
export const OnDuplicate = z.enum(['skip', 'update', 'create']);
export type OnDuplicate = z.infer<typeof OnDuplicate>;

/** The query of a CSV import. */
export const ImportQuery = z.strictObject({
  source: ExternalSource.optional().describe(
    'The system the file comes from: its `externalId` column upserts by that system’s ids',
  ),
  map: Text.max(10_000)
    .optional()
    .describe(
      'Column mapping as `header:field` pairs separated by commas (e.g. `Company:name,E-mail:emails`); ' +
        'a header not named keeps its own name as field name, `header:` skips the column',
    ),
  dryRun: z.stringbool().default(false).describe('Checks every row and reports errors without writing'),
  onDuplicate: OnDuplicate.default('skip').describe(
    'A row without an external id that has the email or phone number (its last nine digits) of a live record ' +
      'you can see, or of an earlier row: `skip` leaves that record and counts the row as matched, `update` ' +
      "writes the row's filled cells onto it, `create` makes a new record anyway. Leads, customers and contacts",
  ),
});

/** A row an import could not write: its line in the file, its cells, and why. */
export const ImportError = z.object({
  row: z.number().int().describe('The line of the row in the file (the header is line 1)'),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(FieldError).optional(),
  cells: z.record(z.string(), z.string()),
});
export type ImportError = z.infer<typeof ImportError>;

/** What an import did (the last line of its answer). */
export const ImportSummary = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  matched: z.number().int().describe('Rows that duplicated a record and wrote nothing (`onDuplicate=skip`)'),
  failed: z.number().int(),
  dryRun: z.boolean(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** A column a CSV import can fill: a field of the resource, or one of its live custom fields. */
export const ImportField = z.object({
  name: z.string().describe('The field, as `map` names it: `name`, or `customFields.<key>` for a custom field'),
  required: z.boolean().describe('A create needs a value for it'),
  label: z.string().optional().describe("A custom field's label"),
  labels: z.record(z.string(), z.string()).optional().describe("A custom field's label per locale"),
});
export type ImportField = z.infer<typeof ImportField>;

/** The start of a CSV file as an import would read it, to choose where each column goes. */
export const ImportPreview = z.object({
  headers: z.array(z.string()).describe('The header row'),
  rows: z.array(z.array(z.string())).describe('The first rows after the header (up to 5)'),
  fields: z.array(ImportField).describe('The fields a column can go to'),
  map: z
    .array(z.string().nullable())
    .describe(
      "Each column's field, or null to skip it: the organization's last mapping of this header row when there is " +
        "one (`remembered`), else a suggestion (the header is the field's name or label)",
    ),
  remembered: z.boolean().describe('`map` is the mapping last used for a file with this header row'),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** The query of `POST /imports/{resource}/jobs`: the streamed import's, and the columns as a list. */
export const ImportJobQuery = ImportQuery.extend({
  columns: Text.max(50_000)
    .optional()
    .describe(
      'Each column\'s field as a JSON array, in the order of the header row (`["name", null, "emails"]`, null skips ' +
        'the column); instead of `map`, for headers that hold commas',
    ),
});

/** Where an import job is: waiting for a worker, running, or finished one of three ways. */
export const ImportJobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type ImportJobStatus = z.infer<typeof ImportJobStatus>;

/** A CSV import run as a job: its file is stored, a worker writes it in batches and commits its progress. */
export const ImportJob = z.object({
  id: Id,
  resource: UpsertResource,
  status: ImportJobStatus,
  dryRun: z.boolean(),
  source: z.string().nullable(),
  onDuplicate: OnDuplicate.describe('What the job does with a row that duplicates a record (see the import query)'),
  fileName: z.string().nullable(),
  fileBytes: z.number().int(),
  headers: z.array(z.string()),
  columns: z.array(z.string().nullable()).describe("Each column's field, or null for a column left out"),
  rowsTotal: z.number().int().describe('The rows of the file after the header'),
  percent: z.number().describe('Rows done of the total, 0 to 100'),
  rowsPerSecond: z.number().describe('Rows done a second while the job ran last'),
  summary: ImportSummary.describe('The counts so far (final once the job has finished)'),
  problem: Problem.nullable().describe('Why the job failed'),
  createdBy: Id.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

/** A page of import jobs, newest first. */
export const ImportJobPage = z.object({ items: z.array(ImportJob), nextCursor: z.string().nullable() });
export type ImportJobPage = z.infer<typeof ImportJobPage>;

/** The query of `GET /import-jobs`. */
export const ImportJobListQuery = z.strictObject({
  resource: UpsertResource.optional(),
  status: ImportJobStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

/** The query of `GET /import-jobs/{id}/errors`. */
export const ImportJobErrorsQuery = z.strictObject({
  format: z.enum(['json', 'csv']).default('json').describe('`csv`: the failed rows as a file, with line and reasons'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(40).optional().describe('The line after which the page starts'),
});

/** A page of a job's failed rows, in file order. */
export const ImportErrorPage = z.object({ items: z.array(ImportError), nextCursor: z.string().nullable() });
export type ImportErrorPage = z.infer<typeof ImportErrorPage>;
