import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './database.js';

/** Runs raw SQL and returns its rows, on postgres.js (an array) and PGlite (`{ rows }`) alike. */
export async function rows<T>(tx: Tx | Db, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
