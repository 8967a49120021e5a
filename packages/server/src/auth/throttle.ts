import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { authThrottle } from '../db/schema/index.js';

export interface ThrottleRule {
  /** Failures allowed within the window before the key is locked. */
  failures: number;
  /** Seconds the failures are counted over, and the key then stays locked. */
  window: number;
}

/** Per account: ten wrong passwords in 15 minutes lock it for 15 minutes. Per address: a hundred. */
export const ACCOUNT_RULE: ThrottleRule = { failures: 10, window: 900 };
export const ADDRESS_RULE: ThrottleRule = { failures: 100, window: 900 };

/** Seconds until the key may try again, or 0 when it may now. */
export async function lockedFor(db: Db, key: string): Promise<number> {
  const [row] = await db.select().from(authThrottle).where(eq(authThrottle.key, key));
  const until = row?.lockedUntil?.getTime() ?? 0;
  return until > Date.now() ? Math.ceil((until - Date.now()) / 1000) : 0;
}

/** Counts a failure for the key; the failure that reaches the limit locks it. */
export async function recordFailure(db: Db, key: string, rule: ThrottleRule): Promise<void> {
  await db.execute(sql`
    insert into crm.auth_throttle as t (key, failures, window_started_at)
    values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when t.window_started_at < now() - make_interval(secs => ${rule.window}) then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at < now() - make_interval(secs => ${rule.window}) then now() else t.window_started_at end,
      locked_until = case
        when t.window_started_at >= now() - make_interval(secs => ${rule.window}) and t.failures + 1 >= ${rule.failures}
        then now() + make_interval(secs => ${rule.window}) else t.locked_until end`);
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}
