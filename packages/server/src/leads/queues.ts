import { LeadQueueName, OPEN_LEAD_STATUSES, type LeadQueues } from '@crmkit/core';
import { and, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { leads } from '../db/schema/index.js';
import { rows } from '../db/rows.js';
import type { Caller } from '../http/env.js';

/**
 * A queue's count stops here: an inbox shows "1,000+" rather than count a large organization's leads
 * on every look (each count walks at most this many index entries).
 */
export const QUEUE_COUNT_LIMIT = 1000;

/**
 * How many live leads the caller may see in each queue of the inbox, each as `GET /leads` would
 * list them with the queue's filters (`LEAD_QUEUE_FILTERS`). Read under row-level security: a rep
 * counts their own leads, a manager their teams' and the unassigned ones.
 */
export async function leadQueues(
  tx: Tx,
  caller: Caller,
  query: { slaHours: number; ownerId?: string },
): Promise<LeadQueues> {
  const overdueBefore = new Date(Date.now() - query.slaHours * 3600_000);
  const base = [eq(leads.orgId, caller.orgId), isNull(leads.deletedAt)];
  if (query.ownerId) base.push(eq(leads.ownerId, query.ownerId));
  const conditions: Record<LeadQueueName, SQL[]> = {
    new: [eq(leads.status, 'new')],
    overdue: [eq(leads.status, 'new'), lt(leads.createdAt, overdueBefore)],
    working: [eq(leads.status, 'working')],
    nurturing: [eq(leads.status, 'nurturing')],
    qualified: [eq(leads.status, 'qualified')],
    unassigned: [isNull(leads.ownerId), inArray(leads.status, [...OPEN_LEAD_STATUSES])],
  };
  const columns = LeadQueueName.options.map(
    (name) =>
      sql`(select count(*)::int from (select 1 from ${leads} where ${and(...base, ...conditions[name])}
            limit ${QUEUE_COUNT_LIMIT}) as capped) as ${sql.identifier(name)}`,
  );
  const [counts] = await rows<Record<LeadQueueName, number>>(tx, sql`select ${sql.join(columns, sql`, `)}`);
  return { overdueBefore: overdueBefore.toISOString(), countLimit: QUEUE_COUNT_LIMIT, counts: counts! };
}
