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
  matched: z.number().int().describe('Rows that duplicated a stored record and wrote nothing'),
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
    .describe("Each column's suggested field (its header is the field's name or label), or null to skip it"),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
