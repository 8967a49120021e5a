import type { BulkResult, ImportError, ImportSummary, OnDuplicate } from '@crmkit/core';
import { readInOrg, type Db } from '../db/database.js';
import type { Caller } from '../http/env.js';
import { hasCustomFields, liveCustomFields } from '../resources/custom-fields.js';
import type { Resource } from '../resources/resource.js';
import { rowValues, type ColumnMap, type CustomColumns } from './cells.js';
import { parseUpsertBody } from './upsert.js';
import { refusal, type Item } from './writer.js';

/**
 * What turns a CSV row into a write and a result into a count or an error line: shared by the
 * streamed import (transfer.ts) and the import jobs (jobs/), so both read a file the same way.
 */

/**
 * How rows become records: upserts by the `externalId` column when `source` names the system,
 * else creates, which do `onDuplicate` with a row that duplicates a record.
 */
export interface RowOptions {
  source?: string | null;
  onDuplicate: OnDuplicate;
}

/** A row as the write it asks for, or its refusal (a row of the wrong width, a cell the schema refuses). */
export function rowItem(
  resource: Resource,
  columns: ColumnMap,
  custom: CustomColumns,
  row: string[],
  index: number,
  { source, onDuplicate }: RowOptions,
  width: number,
): Item {
  if (row.length !== width) {
    return {
      refused: {
        index,
        status: 400,
        detail: `The row has ${row.length} cells; the header has ${width}.`,
        errors: [{ path: '(row)', code: 'invalid_value', message: `Expected ${width} cells` }],
      },
    };
  }
  const values = rowValues(resource, columns, row, custom);
  try {
    if (source) {
      const externalId = typeof values.externalId === 'string' ? values.externalId.trim() : '';
      if (!externalId) {
        return {
          refused: { index, status: 400, errors: [{ path: 'externalId', code: 'required', message: 'Required' }] },
        };
      }
      return { operation: { index, resource, key: { source, externalId }, input: parseUpsertBody(resource, values) } };
    }
    const input = parseUpsertBody(resource, values);
    return { operation: { index, resource, input, onDuplicate } };
  } catch (error) {
    return { refused: refusal(index, error) };
  }
}

/** The error line of a failed row: its line in the file (the header is line 1), its cells, and why. */
export function errorLine(result: BulkResult, headers: string[], row: string[]): ImportError {
  return {
    row: result.index + 2,
    status: result.status,
    ...(result.detail ? { detail: result.detail } : {}),
    ...(result.errors ? { errors: result.errors } : {}),
    cells: Object.fromEntries(headers.map((h, i) => [h, row[i] ?? ''])),
  };
}

export const emptySummary = (dryRun: boolean): ImportSummary => ({
  rows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  matched: 0,
  failed: 0,
  dryRun,
});

/** Counts a row's result; answers whether it failed. */
export function tally(summary: ImportSummary, result: BulkResult): boolean {
  summary.rows++;
  if (result.status < 400) {
    summary[result.action ?? 'created']++;
    return false;
  }
  summary.failed++;
  return true;
}

/** The live custom fields of a resource, by key: the extra columns of its imports and exports. */
export async function customColumns(db: Db, caller: Caller, resource: Resource): Promise<CustomColumns> {
  if (!hasCustomFields(resource)) return new Map();
  const fields = await readInOrg(db, caller, (tx) => liveCustomFields(tx, caller.orgId, resource));
  return new Map(fields.map((field) => [field.key, field]));
}
