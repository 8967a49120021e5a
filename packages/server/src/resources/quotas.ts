import type { FieldError } from '@crmkit/core';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { forecastAdjustments, quotas } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { rows } from '../db/rows.js';
import { validationProblem } from '../http/problem.js';
import { when } from './customers.js';
import { defineResource, type Row } from './resource.js';

/** The months a period of each kind may start in (1–12). */
const START_MONTHS = {
  month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  quarter: [1, 4, 7, 10],
  year: [1],
} as const;

/**
 * The rules quotas and adjustments share: a member's or a team's, for a period that starts on its
 * first day; a manager writes those of the teams they manage (and of their members, which
 * row-level security already keeps to their teams).
 */
async function checkHolderAndPeriod(record: Row, tx: Tx, caller: Caller): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if ((record.ownerId == null) === (record.teamId == null)) {
    const message = "It is a member's (ownerId) or a team's (teamId): give exactly one";
    errors.push({ path: record.ownerId == null ? 'ownerId' : 'teamId', code: 'invalid_value', message });
  }
  const [, month, day] = String(record.startsOn).split('-').map(Number);
  const period = record.period as keyof typeof START_MONTHS;
  if (day !== 1 || !(START_MONTHS[period] as readonly number[]).includes(month!)) {
    const message = `A ${period} starts on the first day of ${period === 'month' ? 'a month' : period === 'quarter' ? 'January, April, July or October' : 'January'}`;
    errors.push({ path: 'startsOn', code: 'invalid_value', message });
  }
  if (!errors.length && caller.role === 'manager' && record.teamId != null) {
    if (!(await manages(caller, String(record.teamId), tx))) {
      errors.push({ path: 'teamId', code: 'not_found', message: 'Not a team you manage' });
    }
  }
  return errors;
}

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
    const errors = await checkHolderAndPeriod(quota, tx, caller);
    if (errors.length) throw validationProblem(errors);
  },
});

/**
 * Forecast adjustments: a manager's amount for a category of someone else's forecast (a member of
 * their teams, or a team they manage), with the reason. Admins and owners adjust anyone's; nobody
 * adjusts their own. Read as quotas are.
 */
export const forecastAdjustmentResource = defineResource({
  path: 'forecast-adjustments',
  entity: 'forecast_adjustment',
  tag: 'Forecasts',
  table: forecastAdjustments,
  writeRoles: ['owner', 'admin', 'manager'],
  sorts: {
    startsOn: forecastAdjustments.startsOn,
    updatedAt: forecastAdjustments.updatedAt,
    createdAt: forecastAdjustments.createdAt,
  },
  filters: (q) => [
    when(q.ownerId as string, (v) => eq(forecastAdjustments.ownerId, v)),
    when(q.teamId as string, (v) => eq(forecastAdjustments.teamId, v)),
    when(q.period as string, (v) => eq(forecastAdjustments.period, v as 'month')),
    when(q.startsOn as string, (v) => eq(forecastAdjustments.startsOn, v)),
    when(q.category as string, (v) => eq(forecastAdjustments.category, v as 'commit')),
  ],
  beforeWrite: async (adjustment, { tx, caller, before, input, sent }) => {
    const errors = await checkHolderAndPeriod(adjustment, tx, caller);
    if (adjustment.ownerId != null && adjustment.ownerId === caller.userId) {
      errors.push({ path: 'ownerId', code: 'invalid_value', message: 'Your own forecast is adjusted by your manager' });
    }
    // A new amount needs a reason sent with it (a new one, or the same one repeated to keep it):
    // the history then says why each amount was set.
    const changesAmount = before && (input.amount !== undefined || input.category !== undefined);
    if (changesAmount && sent.reason === undefined) {
      errors.push({ path: 'reason', code: 'required', message: 'Say why the amount changed' });
    }
    if (errors.length) throw validationProblem(errors);
    return { adjustedBy: caller.userId ?? null };
  },
});

/** Whether the caller manages the team, directly or through a team above it. */
export async function manages(caller: Caller, teamId: string, tx: Tx) {
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
