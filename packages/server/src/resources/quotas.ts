import type { FieldError } from '@crmkit/core';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { quotas } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { rows } from '../db/rows.js';
import { validationProblem } from '../http/problem.js';
import { when } from './customers.js';
import { defineResource } from './resource.js';

/** The months a period of each kind may start in (1–12). */
const START_MONTHS = {
  month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarter: [1, 4, 7, 10],
  year: [1],
} as const;

/**
 * Quotas: set by managers (for their teams' members and the teams they manage), admins and owners;
 * read by whoever may see the member's records (a rep their own).
 */
export const quotaResource = defineResource({
  path: 'quotas',
  entity: 'quota',
  tag: 'Forecasts',
  table: quotas,
  writeRoles: ['owner', 'admin', 'manager'],
  sorts: { startsOn: quotas.startsOn, createdAt: quotas.createdAt },
  filters: (q) => [
    when(q.ownerId as string, (v) => eq(quotas.ownerId, v)),
    when(q.teamId as string, (v) => eq(quotas.teamId, v)),
    when(q.period as string, (v) => eq(quotas.period, v as 'month')),
    when(q.startsOn as string, (v) => eq(quotas.startsOn, v)),
  ],
  beforeWrite: async (quota, { tx, caller }) => {
    const errors: FieldError[] = [];
    if ((quota.ownerId == null) === (quota.teamId == null)) {
      const message = "A quota is a member's (ownerId) or a team's (teamId): give exactly one";
      errors.push({ path: quota.ownerId == null ? 'ownerId' : 'teamId', code: 'invalid_value', message });
    }
    const [, month, day] = String(quota.startsOn).split('-').map(Number);
    const period = quota.period as keyof typeof START_MONTHS;
    if (day !== 1 || !(START_MONTHS[period] as readonly number[]).includes(month!)) {
      const message = `A ${period} starts on the first day of ${period === 'month' ? 'a month' : period === 'quarter' ? 'January, April, July or October' : 'January'}`;
      errors.push({ path: 'startsOn', code: 'invalid_value', message });
    }
    if (errors.length) throw validationProblem(errors);
    // A manager sets the quotas of the teams they manage (and of their members, which row-level
    // security already keeps to their teams).
    if (caller.role === 'manager' && quota.teamId != null && !(await manages(caller, String(quota.teamId), tx))) {
      throw validationProblem([{ path: 'teamId', code: 'not_found', message: 'Not a team you manage' }]);
    }
  },
});

/** Whether the caller manages the team, directly or through a team above it. */
async function manages(caller: Caller, teamId: string, tx: Tx) {
  const [row] = await rows<{ managed: boolean }>(
    tx,
    sql`with recursive tree as (
          select id from crm.teams where org_id = ${caller.orgId} and manager_id = ${caller.userId ?? null}::uuid
            and deleted_at is null
          union
          select t.id from crm.teams t join tree on t.parent_id = tree.id where t.org_id = ${caller.orgId} and t.deleted_at is null
        )
        select exists (select 1 from tree where id = ${teamId}::uuid) as managed`,
  );
  return Boolean(row?.managed);
}
