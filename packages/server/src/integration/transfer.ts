import type { ImportField, ImportPreview, OnDuplicate } from '@crmkit/core';
import type { Context } from 'hono';
import { inOrg, readInOrg } from '../db/database.js';
import type { CrmEnv } from '../http/env.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { listRecords, type ListQuery } from '../resources/crud.js';
import { customFieldConditions } from '../resources/custom-fields.js';
import type { Resource, Row } from '../resources/resource.js';
import { textChunks } from './body.js';
import { cellText, customCellText, fieldsOf, mapColumns, type ColumnMap, type CustomColumns } from './cells.js';
import { csvLines, csvRows } from './csv.js';
import { customColumns, emptySummary, errorLine, rowItem, tally } from './import-rows.js';
import { rememberMapping, rememberedMapping } from './mappings.js';
import { stoppedBy, streamOf } from './stream.js';
import { writeInChunks, type Item } from './writer.js';

export interface ImportOptions {
  source?: string;
  map?: string;
  dryRun: boolean;
  onDuplicate: OnDuplicate;
}

/**
 * A CSV import, streamed both ways: rows are written in transactions of 500 as the file arrives
 * (upserts by the `externalId` column when `source` names the system, else creates, which match
 * duplicates as `onDuplicate` says), and the
 * answer is NDJSON: each failed row with its line, cells and errors (the error file), a progress
 * line after each transaction, and a summary last.
 */
export async function importCsv(c: Context<CrmEnv>, resource: Resource, options: ImportOptions, maxBytes: number) {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'text/csv') throw new ProblemError(415, 'Send the file as text/csv (UTF-8).');
  const caller = c.var.crmCaller;
  let bytes = 0;
  const rows = csvRows(textChunks(c.req.raw.body, maxBytes, (n) => (bytes = n)));
  const header = await rows.next();
  if (header.done) throw new ProblemError(400, 'The file is empty: it needs a header row of column names.');
  const headers = header.value;
  const custom = await customColumns(c.var.crmDb, caller, resource);
  const columns = checkedColumns(resource, headers, options, custom);
  await inOrg(c.var.crmDb, caller, (tx) => rememberMapping(tx, caller.orgId, resource, headers, columns));
  // The cells of the rows in flight, for the error lines (one transaction's worth at a time).
  const cells = new Map<number, string[]>();
  const items = async function* (): AsyncGenerator<Item> {
    let index = 0;
    for await (const row of rows) {
      cells.set(index, row);
      yield rowItem(resource, columns, custom, row, index++, options, headers.length);
    }
  };
  const summary = emptySummary(options.dryRun);
  const lines = async function* (): AsyncGenerator<string> {
    try {
      for await (const results of writeInChunks(c.var.crmDb, caller, items(), { dryRun: options.dryRun })) {
        for (const result of results) {
          if (tally(summary, result)) {
            yield JSON.stringify(errorLine(result, headers, cells.get(result.index) ?? [])) + '\n';
          }
          cells.delete(result.index);
        }
        yield JSON.stringify({ progress: { rows: summary.rows, bytes } }) + '\n';
      }
      yield JSON.stringify({ summary }) + '\n';
    } catch (error) {
      yield JSON.stringify({ summary, problem: stoppedBy(c, error) }) + '\n';
    }
  };
  return streamOf(lines(), 'application/x-ndjson');
}

/** The sample rows a preview answers with. */
const PREVIEW_ROWS = 5;

/**
 * The start of a CSV file as {@link importCsv} would read it (the same parser and limits): its
 * headers, a few rows, the fields a column can go to, and a suggested map. Only the rows it needs
 * are read, so a client may send just the head of a large file.
 */
export async function previewCsv(c: Context<CrmEnv>, resource: Resource, maxBytes: number): Promise<ImportPreview> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'text/csv') throw new ProblemError(415, 'Send the file as text/csv (UTF-8).');
  const rows = csvRows(textChunks(c.req.raw.body, maxBytes));
  const header = await rows.next();
  if (header.done) throw new ProblemError(400, 'The file is empty: it needs a header row of column names.');
  const sample: string[][] = [];
  while (sample.length < PREVIEW_ROWS) {
    const row = await rows.next();
    if (row.done) break;
    sample.push(row.value);
  }
  // Stops reading the body: the rest of the file is not needed.
  await rows.return(undefined);
  const headers = header.value.map((h) => h.trim());
  const create = fieldsOf(resource);
  const fields: ImportField[] = [
    ...Object.entries(create)
      .filter(([name]) => name !== 'customFields')
      .map(([name, schema]) => ({ name, required: !schema.safeParse(undefined).success })),
    ...[...(await customColumns(c.var.crmDb, c.var.crmCaller, resource)).values()].map((field) => ({
      name: `customFields.${field.key}`,
      required: false,
      label: field.label,
      labels: field.labels,
    })),
  ];
  const remembered = usable(await rememberedMapping(c.var.crmDb, c.var.crmCaller, resource, headers), headers, fields);
  return { headers, rows: sample, fields, map: remembered ?? suggestedMap(headers, fields), remembered: !!remembered };
}

/** A remembered mapping if it still fits: one entry a column, each a field that still exists. */
function usable(columns: ColumnMap | undefined, headers: string[], fields: ImportField[]) {
  if (!columns || columns.length !== headers.length) return undefined;
  const names = new Set(fields.map((f) => f.name));
  return columns.map((field) => (field && names.has(field) ? field : null));
}

/**
 * Each column's field, from `map` (or the headers), checked: a column for no field or two for one
 * is a 400 naming the header, and an upsert needs a column for `externalId`.
 */
export function checkedColumns(
  resource: Resource,
  headers: string[],
  options: { source?: string | null; map?: string },
  custom: CustomColumns,
): ColumnMap {
  const mapped = mapColumns(resource, headers, options.map, custom);
  if ('errors' in mapped) throw validationProblem(mapped.errors);
  if (options.source && !mapped.columns.includes('externalId')) {
    throw validationProblem([{ path: 'map', code: 'required', message: 'Upserting needs a column for externalId' }]);
  }
  return mapped.columns;
}

/** Letters and digits only, lower case: `E-mail` and `email`, `Postal code` and `postalCode` meet. */
const loose = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Each header's field when the header is the field's name or its singular (or a custom field's key
 * or label in any locale), loosely compared; each field goes to its first such column only.
 */
function suggestedMap(headers: string[], fields: ImportField[]): (string | null)[] {
  const byName = new Map<string, string>();
  for (const field of fields) {
    const key = field.name.replace(/^customFields\./, '');
    // A list field answers to its singular too: `Email` is `emails`, `Tag` is `tags`.
    const singular = field.label ? '' : field.name.replace(/s$/, '');
    const names = [field.name, key, singular, field.label ?? '', ...Object.values(field.labels ?? {})];
    for (const name of names.map(loose).filter(Boolean)) if (!byName.has(name)) byName.set(name, field.name);
  }
  const taken = new Set<string>();
  return headers.map((header) => {
    const field = byName.get(loose(header));
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** Records per page of an export, each page read in a transaction of its own. */
const EXPORT_PAGE = 1000;

/**
 * A list as CSV, with the list's own filters, search and sort, streamed page by page (keyset
 * pages, as the list route reads them), so memory stays flat whatever the size. Headers are the
 * field names (stable across locales); a UTF-8 byte-order mark first, so spreadsheets read it as
 * UTF-8; formula-like cells escaped.
 */
export async function exportCsv(c: Context<CrmEnv>, resource: Resource, query: ListQuery) {
  const caller = c.var.crmCaller;
  const fields = Object.keys(resource.schemas.record.shape).filter((f) => f !== 'customFields');
  // A column per live custom field, after the built-in ones (values of trashed fields stay out);
  // and the custom field filters checked now, so a bad one is a 400 rather than a cut-off file.
  const custom = [...(await customColumns(c.var.crmDb, caller, resource)).values()];
  await readInOrg(c.var.crmDb, caller, (tx) => customFieldConditions(tx, caller.orgId, resource, query));
  const lines = async function* (): AsyncGenerator<string> {
    const cells = (record: Row) => [
      ...fields.map((f) => cellText(record[f])),
      ...custom.map((field) => customCellText(field, (record.customFields as Row | undefined)?.[field.key])),
    ];
    yield '\uFEFF' + csvLines([[...fields, ...custom.map((field) => `customFields.${field.key}`)]]);
    let cursor: string | undefined;
    do {
      const page = await readInOrg(c.var.crmDb, caller, (tx) =>
        listRecords(tx, resource, caller, { ...query, limit: EXPORT_PAGE, cursor }),
      );
      yield csvLines(page.items.map(cells));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  };
  return streamOf(lines(), 'text/csv; charset=utf-8', {
    'content-disposition': `attachment; filename="${resource.path}.csv"`,
  });
}
