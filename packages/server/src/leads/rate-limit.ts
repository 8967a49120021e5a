import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { ProblemError } from '../http/problem.js';

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * Counts a hit against each limit (a fixed window per key, in the rate-limit table, so all the
 * kit's processes share it) and answers 429 with Retry-After once one is passed. Counts in the
 * caller's transaction: a refused hit is rolled back with the rest of the request.
 */
export async function hitLimits(c: Context, tx: Tx, orgId: string, limits: Limit[]): Promise<void> {
  for (const { key, max, windowSeconds } of limits) {
    const [row] = await rows<{ hits: number; retry: number }>(
      tx,
      sql`insert into crm.rate_limits as r (org_id, key, window_start, hits)
          values (${orgId}, ${key}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
          on conflict (org_id, key, window_start) do update set hits = r.hits + 1
          returning r.hits, ceil(extract(epoch from r.window_start) + ${windowSeconds} - extract(epoch from now()))::int as retry`,
    );
    if (row!.hits > max) {
      c.header('retry-after', String(Math.max(1, row!.retry)));
      throw new ProblemError(429, 'Too many submissions; try again later.');
    }
  }
}
