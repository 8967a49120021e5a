import { type SegmentRule } from '@crmkit/core';
import { compileRule } from '../segments/compile.js';
import { and, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { activities, cases, orders, segments, users } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { validationProblem } from '../http/problem.js';
import { when } from './customers.js';
import { defineResource } from './resource.js';

export const activityResource = defineResource({
  path: 'activities',
  entity: 'activity',
  tag: 'Activities',
  table: activities,
  sorts: { occurredAt: activities.occurredAt, createdAt: activities.createdAt },
  search: activities.search,
  filters: (q) => [
    when(q.type as string, (v) => eq(activities.type, v as 'call')),
    when(q.customerId as string, (v) => eq(activities.customerId, v)),
    when(q.contactId as string, (v) => eq(activities.contactId, v)),
    when(q.leadId as string, (v) => eq(activities.leadId, v)),
    when(q.opportunityId as string, (v) => eq(activities.opportunityId, v)),
    when(q.caseId as string, (v) => eq(activities.caseId, v)),
    when(q.ownerId as string, (v) => eq(activities.ownerId, v)),
    q.open === true ? sql`${activities.type} = 'task' and ${isNull(activities.doneAt)}` : undefined,
    // Tasks done since a moment ("done today"): through activities_done_idx, whose predicate this implies.
    when(q.doneSince as string, (v) => sql`${activities.type} = 'task' and ${gte(activities.doneAt, new Date(v))}`),
  ],
  beforeWrite: (values, { before }) => {
    // A task is due when it happens; other activities happen now unless told otherwise.
    if (!before && !values.occurredAt)
      return { occurredAt: (values.dueAt as string | null) ?? new Date().toISOString() };
  },
});

export const orderResource = defineResource({
  path: 'orders',
  entity: 'order',
  tag: 'Orders',
  table: orders,
  sorts: { placedAt: orders.placedAt, totalAmount: orders.totalAmount, createdAt: orders.createdAt },
  search: orders.search,
  filters: (q) => [
    when(q.customerId as string, (v) => eq(orders.customerId, v)),
    when(q.status as string, (v) => eq(orders.status, v)),
    when(q.externalId as string, (v) => eq(orders.externalId, v)),
  ],
});

export const caseResource = defineResource({
  path: 'cases',
  entity: 'case',
  tag: 'Cases',
  table: cases,
  sorts: { subject: cases.subject, dueBy: cases.dueBy, createdAt: cases.createdAt, updatedAt: cases.updatedAt },
  search: cases.search,
  filters: (q) => [
    when(q.status as string, (v) => eq(cases.status, v as 'new')),
    when(q.priority as string, (v) => eq(cases.priority, v as 'normal')),
    when(q.customerId as string, (v) => eq(cases.customerId, v)),
    when(q.ownerId as string, (v) => eq(cases.ownerId, v)),
    when(q.unassigned as boolean, (v) => (v ? isNull(cases.ownerId) : isNotNull(cases.ownerId))),
  ],
  beforeWrite: async (values, { before, caller, input, tx }) => {
    if (caller.role === 'support' && typeof input.ownerId === 'string')
      await requireSupportAssignee(tx, caller, input.ownerId);
    const resolved = values.status === 'resolved' || values.status === 'closed';
    const wasResolved = before?.status === 'resolved' || before?.status === 'closed';
    if (resolved !== wasResolved || !before) return { resolvedAt: resolved ? new Date() : null };
  },
});

/**
 * A support agent hands a case to themselves or to another support agent, as a service desk
 * does: its sales members are not theirs to give work to (an admin or a manager may).
 */
async function requireSupportAssignee(tx: Tx, caller: Caller, ownerId: string): Promise<void> {
  if (ownerId === caller.userId) return;
  const [assignee] = await tx
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.orgId, caller.orgId), eq(users.id, ownerId), isNull(users.deletedAt)));
  if (assignee && assignee.role !== 'support')
    throw validationProblem([
      { path: 'ownerId', code: 'invalid_value', message: 'Assign the case to yourself or another support agent' },
    ]);
}

export const segmentResource = defineResource({
  path: 'segments',
  entity: 'segment',
  tag: 'Segments',
  table: segments,
  sorts: { name: segments.name, createdAt: segments.createdAt },
  search: sql`lower(${segments.name})` as never,
  // Check the rules compile, so a segment that cannot be evaluated is never saved.
  beforeWrite: (values) => {
    compileRule(values.rules as SegmentRule);
  },
});
