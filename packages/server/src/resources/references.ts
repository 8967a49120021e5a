import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/database.js';
import { orgKey } from '../db/org-key.js';
import { rows } from '../db/rows.js';
import type { Caller } from '../http/env.js';
import { unknownReference } from '../http/db-errors.js';
import { validationProblem } from '../http/problem.js';
import type { RecordTable, Resource, Row } from './resource.js';

/** A field of a record that holds the id of another record, and the table that record is in. */
export interface Reference {
  field: string;
  target: RecordTable;
}

const cache = new WeakMap<PgTable, Reference[]>();

/**
 * A table's references, from its foreign keys: every key on `(org_id, x_id)` makes the field
 * of `x_id` a reference to the key's table. (The organization itself is not a reference.)
 */
export function referencesOf(table: PgTable): Reference[] {
  let references = cache.get(table);
  if (!references) {
    // By column name: the foreign keys hold their own copies of the columns.
    const fieldOf = new Map(Object.entries(getTableColumns(table)).map(([field, column]) => [column.name, field]));
    references = getTableConfig(table).foreignKeys.flatMap((key) => {
      const { columns, foreignTable } = key.reference();
      const fields = columns.map((c) => fieldOf.get(c.name)).filter((f) => f !== undefined && f !== 'orgId');
      return fields.length === 1 ? [{ field: fields[0]!, target: foreignTable as RecordTable }] : [];
    });
    cache.set(table, references);
  }
  return references;
}

/** An id as PostgreSQL prints a uuid (lower case), to match the ids it finds. */
const idText = (value: unknown) => String(value).toLowerCase();

/** A write to check: the values it sets, and on an update the stored row (only changed references count). */
export interface ReferencingWrite {
  values: Row;
  before?: Row;
}

/**
 * Refuses writes that refer to a record the caller may not read, with the same 400 as an id that
 * does not exist (so the answer tells nothing about which ids exist). Foreign keys alone do not do
 * this: PostgreSQL checks them as the table owner, past row-level security. Runs one query for all
 * the writes (a bulk request's records too), in the caller's scoped transaction, so the read
 * policies decide; on an update, only the references the write changes are checked. The first
 * write with an unknown reference is refused, field by field.
 */
export async function checkReferences(
  tx: Tx,
  resource: Resource,
  caller: Caller,
  writes: ReferencingWrite[],
): Promise<void> {
  const references = referencesOf(resource.table);
  const wanted = writes.map(({ values, before }) =>
    references.filter(({ field }) => {
      const value = values[field];
      return typeof value === 'string' && (!before || value !== before[field]);
    }),
  );
  const lookups: SQL[] = references.flatMap(({ field, target }) => {
    const ids = [
      ...new Set(
        writes.flatMap(({ values }, i) => (wanted[i]!.some((r) => r.field === field) ? [idText(values[field])] : [])),
      ),
    ];
    if (!ids.length) return [];
    return [
      sql`select ${field}::text as field, ${target.id}::text as id from ${target}
          where ${orgKey(target.orgId, caller.orgId)} and ${target.id} = any(${sql.param(ids)}::uuid[])`,
    ];
  });
  if (!lookups.length) return;
  const found = new Set(
    (await rows<{ field: string; id: string }>(tx, sql.join(lookups, sql` union all `))).map(
      (row) => `${row.field}:${row.id}`,
    ),
  );
  for (const [i, { values }] of writes.entries()) {
    const missing = wanted[i]!.filter(({ field }) => !found.has(`${field}:${idText(values[field])}`));
    // The foreign-key 400's own error, so both answers are the same.
    if (missing.length) throw validationProblem(missing.map(({ field }) => unknownReference(field)));
  }
}
