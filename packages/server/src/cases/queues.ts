import { CASE_STATUSES, OPEN_CASE_STATUSES, type CaseQueues, type CaseQueuesQuery } from '@crmkit/core';
import { and, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { cases } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { QUEUE_COUNT_LIMIT } from '../leads/queues.js';

type Queue = keyof CaseQueues['counts'];

/**
 * How many live cases the caller may see in each status of the support queue, and how many still to
 * work are past due, each as `GET /cases` would list them with the same filters. Read under row-level
 * security: a rep counts their own cases and their customers', a manager their teams'.
 */
export async function caseQueues(
  tx: Tx,
  caller: Caller,
  query: Omit<CaseQueuesQuery, 'unassigned'> & { unassigned?: boolean },
): Promise<CaseQueues> {
  const at = new Date();
  const base = [eq(cases.orgId, caller.orgId), isNull(cases.deletedAt)];
  if (query.ownerId) base.push(eq(cases.ownerId, query.ownerId));
  if (query.unassigned) base.push(isNull(cases.ownerId));
  if (query.customerId) base.push(eq(cases.customerId, query.customerId));
  const conditions = {
    ...(Object.fromEntries(CASE_STATUSES.map((status) => [status, [eq(cases.status, status)]])) as Record<
      (typeof CASE_STATUSES)[number],
      SQL[]
    >),
    breached: [inArray(cases.status, [...OPEN_CASE_STATUSES]), lt(cases.dueBy, at)],
  } satisfies Record<Queue, SQL[]>;
  const columns = Object.entries(conditions).map(
    ([name, where]) =>
      sql`(select count(*)::int from (select 1 from ${cases} where ${and(...base, ...where)}
            limit ${QUEUE_COUNT_LIMIT}) as capped) as ${sql.identifier(name)}`,
  );
  const [counts] = await rows<Record<Queue, number>>(tx, sql`select ${sql.join(columns, sql`, `)}`);
  return { at: at.toISOString(), countLimit: QUEUE_COUNT_LIMIT, counts: counts! };
}
