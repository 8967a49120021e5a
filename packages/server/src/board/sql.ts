import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.js';

/** Runs raw SQL and returns its rows, on postgres.js (an array) and PGlite (`{ rows }`) alike. */
export async function rows<T>(tx: Tx | Db, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A uuid[] parameter (the ids are validated UUIDs, so the array literal is safe). */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** An int[] parameter. */
export const intArray = (values: readonly number[]) => sql`${`{${values.map((v) => Math.trunc(v)).join(',')}}`}::int[]`;

/** A count or sum that Postgres returns as text (bigint, numeric) as a number. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** `and` of the present conditions, or `true`. */
export function all(conditions: (SQL | undefined)[]): SQL {
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return present.length ? sql.join(present, sql` and `) : sql`true`;
}
