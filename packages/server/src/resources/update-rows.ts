import { getTableColumns, is, sql } from 'drizzle-orm';
import { PgEnumColumn, type PgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/database.js';
import { orgKey } from '../db/org-key.js';
import type { RecordTable, Resource, Row } from './resource.js';

/** New column values for one stored row (field names as the table's columns have them). */
export interface RowChange {
  id: string;
  values: Row;
}

/**
 * Writes new values into stored rows, with a new version and update time each, and answers the rows
 * as stored after it, by id. One UPDATE for all the rows that change the same columns (a bulk sync's
 * records usually do): the values travel as one JSON document that `jsonb_to_recordset` turns back
 * into typed rows, so the statement is the same whatever the number of rows, and PostgreSQL plans and
 * runs it once instead of once a row.
 */
export async function updateRows(
  tx: Tx,
  resource: Resource,
  orgId: string,
  changes: RowChange[],
): Promise<Map<string, Row>> {
  const table = resource.table as RecordTable;
  const columns = getTableColumns(resource.table) as Record<string, PgColumn>;
  const groups = new Map<string, RowChange[]>();
  for (const change of changes) {
    const fields = Object.keys(change.values).sort().join(',');
    groups.set(fields, [...(groups.get(fields) ?? []), change]);
  }
  const updated = new Map<string, Row>();
  for (const [fieldList, group] of groups) {
    const fields = fieldList ? fieldList.split(',') : [];
    const document = group.map(({ id, values }) => ({
      id,
      ...Object.fromEntries(fields.map((field) => [columns[field]!.name, jsonValue(columns[field]!, values[field])])),
    }));
    const shape = sql.join(
      [
        sql`id uuid`,
        ...fields.map((field) => sql`${sql.identifier(columns[field]!.name)} ${sql.raw(typeOf(columns[field]!))}`),
      ],
      sql`, `,
    );
    const set: Row = Object.fromEntries(fields.map((field) => [field, sql`v.${sql.identifier(columns[field]!.name)}`]));
    const rows = (await tx
      .update(resource.table)
      .set({ ...set, version: sql`${table.version} + 1`, updatedAt: sql`now()` } as never)
      .from(sql`jsonb_to_recordset(${sql.param(JSON.stringify(document))}::jsonb) as v(${shape})`)
      .where(sql`${orgKey(table.orgId, orgId)} and ${table.id} = v.id`)
      .returning()) as Row[];
    for (const row of rows) updated.set(String(row.id), row);
  }
  return updated;
}

/**
 * A value as the JSON that `jsonb_to_recordset` reads into the column: JSON and arrays as they are
 * (a JSON array becomes a PostgreSQL array), anything else as the driver would send it (a time as
 * its text), which the column type's own input reads.
 */
function jsonValue(column: PgColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.dataType === 'json' || column.dataType === 'array') return value;
  return column.mapToDriverValue(value);
}

/** The column's type as a record definition names it: an enum with its schema. */
function typeOf(column: PgColumn): string {
  if (is(column, PgEnumColumn)) {
    const { schema, enumName } = column.enum;
    return schema ? `"${schema}"."${enumName}"` : `"${enumName}"`;
  }
  return column.getSQLType();
}
