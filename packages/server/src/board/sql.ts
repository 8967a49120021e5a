import { sql, type SQL } from 'drizzle-orm';

/** A uuid[] parameter (the ids are validated UUIDs, so the array literal is safe). */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** An int[] parameter. */
export const intArray = (values: readonly number[]) => sql`${`{${values.map((v) => Math.trunc(v)).join(',')}}`}::int[]`;

/** A count that Postgres returns as text (bigint) as a number. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** A sum of money that Postgres returns as text (a whole bigint or numeric), exactly: never through a number. */
export const big = (value: string | null | undefined): bigint =>
  value === null || value === undefined ? 0n : BigInt(value);

/** `and` of the present conditions, or `true`. */
export function all(conditions: (SQL | undefined)[]): SQL {
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return present.length ? sql.join(present, sql` and `) : sql`true`;
}
