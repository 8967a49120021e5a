import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { ProblemError } from '../http/problem.js';

export interface Limit {
  key: string;
  max: number;
  /** At most {@link LONGEST_WINDOW_SECONDS}. */
  windowSeconds: number;
}

/** The longest window a limit may have: a row older than this has ended for any key, and is swept. */
export const LONGEST_WINDOW_SECONDS = 24 * 3600;
/** The share of hits that also sweep their organization's ended windows: now and then is enough. */
export const SWEEP_CHANCE = 1 / 100;
/** Rows one sweep deletes at most, so that no request pays for a long backlog at once. */
const SWEEP_BATCH = 500;

/**
 * Counts a hit against each limit (a fixed window per key, in the rate-limit table, so all the
 * kit's processes share it) and answers 429 with Retry-After once one is passed. Counts in the
 * caller's transaction: a refused hit is rolled back with the rest of the request.
 *
 * Ended windows are deleted as it goes: a key's older windows when its new one starts, and now
 * and then the organization's windows that ended for any key (addresses that never came back).
 */
export async function hitLimits(
  c: Context,
  tx: Tx,
  orgId: string,
  limits: Limit[],
  refusal = 'Too many submissions; try again later.',
): Promise<void> {
  for (const { key, windowSeconds } of limits)
    if (windowSeconds > LONGEST_WINDOW_SECONDS) throw new Error(`A rate-limit window of ${key} is over a day`);
  const wanted = sql.join(
    limits.map((l, i) => sql`(${i}::int, ${l.key}::text, ${l.windowSeconds}::int)`),
    sql`, `,
  );
  // One round trip for every limit: the hits (rows locked in the limits' order, the same in every
  // request), and where a hit opened a new window (hits = 1), the key's older windows deleted.
  // SKIP LOCKED: rows another transaction holds are left for later, so cleaning never waits.
  const counted = await rows<{ i: number; hits: number; retry: number }>(
    tx,
    sql`with wanted (i, key, seconds) as (values ${wanted}),
        hit as (
          insert into crm.rate_limits as r (org_id, key, window_start, hits)
          select ${orgId}::uuid, key, to_timestamp(floor(extract(epoch from now()) / seconds) * seconds), 1
          from wanted order by i
          on conflict (org_id, key, window_start) do update set hits = r.hits + 1
          returning r.key, r.hits, r.window_start),
        rolled as (
          delete from crm.rate_limits where (org_id, key, window_start) in (
            select o.org_id, o.key, o.window_start from crm.rate_limits o join hit on o.key = hit.key
            where hit.hits = 1 and o.org_id = ${orgId} and o.window_start < hit.window_start
            for update of o skip locked))
        select w.i, hit.hits,
          ceil(extract(epoch from hit.window_start) + w.seconds - extract(epoch from now()))::int as retry
        from hit join wanted w on w.key = hit.key order by w.i`,
  );
  for (const { i, hits, retry } of counted) {
    if (hits > limits[i]!.max) {
      c.header('retry-after', String(Math.max(1, retry)));
      throw new ProblemError(429, refusal);
    }
  }
  if (Math.random() < SWEEP_CHANCE) await sweepEndedWindows(tx, orgId);
}

/**
 * Deletes a batch of the organization's windows that ended for any key. Row-level security keeps
 * it to the organization (the request role sees no other); two processes sweeping at once take
 * different rows (SKIP LOCKED), and neither waits for the other or for a hit.
 */
export async function sweepEndedWindows(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(
    sql`delete from crm.rate_limits where (org_id, key, window_start) in (
          select org_id, key, window_start from crm.rate_limits
          where org_id = ${orgId} and window_start < now() - make_interval(secs => ${LONGEST_WINDOW_SECONDS})
          limit ${SWEEP_BATCH}
          for update skip locked)`,
  );
}
