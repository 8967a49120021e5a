import { isPeriodStart, type FieldError, type ForecastPeriod } from '@crmkit/core';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { forecastAdjustments, quotas } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { rows } from '../db/rows.js';
import { validationProblem } from '../http/problem.js';
import { when } from './customers.js';
import { defineResource, type Row } from './resource.js';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The months (names) a period of this kind starts in, on a fiscal calendar whose year starts in `first`. */
function startMonths(period: ForecastPeriod, first: number): string {
  if (period === 'month') return 'a month';
  const months = period === 'year' ? [first] : [0, 3, 6, 9].map((k) => ((first - 1 + k) % 12) + 1);
  const names = months.map((m) => MONTH_NAMES[m - 1]!);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** The month (1–12) in which the caller's organization's fiscal year starts. */
async function fiscalYearStart(tx: Tx, caller: Caller): Promise<number> {
  const [row] = await rows<{ month: number }>(
    tx,
    sql`select fiscal_year_start_month as month from crm.organizations where id = ${caller.orgId}`,
  );
  return Number(row?.month ?? 1);
}

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
  const period = record.period as ForecastPeriod;
  const startsOn = String(record.startsOn);
  // Quarters and years follow the organization's fiscal calendar.
  const first = period === 'month' ? 1 : await fiscalYearStart(tx, caller);
  if (!isPeriodStart(period, startsOn, first)) {
    const message = `A ${period} starts on the first day of ${startMonths(period, first)}`;
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
