import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { forecastCategoryEnum } from './sales.js';
import { crm, recordColumns, tenantPolicy, timestamptz } from './columns.js';
import { organizations } from './organizations.js';
import { teams, users } from './people.js';
import { memberPolicies, visibleOwner } from './policies.js';

export const forecastPeriodEnum = crm.enum('forecast_period', ['month', 'quarter', 'year']);

/**
 * What a member or a team is expected to win in a period, in minor units of its currency. A
 * member's quota is visible as their records are (to them, their managers and everyone who sees
 * all); a team's to those who see all or manage teams.
 */
export const quotas = crm.table(
  'quotas',
  {
    ...recordColumns(),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    period: forecastPeriodEnum('period').notNull(),
    startsOn: date('starts_on').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
    check('quotas_one_holder', sql`(${t.ownerId} is null) <> (${t.teamId} is null)`),
    check('quotas_amount', sql`${t.amount} >= 0`),
    uniqueIndex('quotas_owner_period_key')
      .on(t.orgId, t.ownerId, t.period, t.startsOn)
      .where(sql`${t.deletedAt} is null and ${t.ownerId} is not null`),
    uniqueIndex('quotas_team_period_key')
      .on(t.orgId, t.teamId, t.period, t.startsOn)
      .where(sql`${t.deletedAt} is null and ${t.teamId} is not null`),
    tenantPolicy('quotas'),
    ...memberPolicies('quotas', visibleOwner(sql.raw('owner_id'))),
  ],
);

/**
 * A manager's call on a member's or a team's forecast: the amount they expect in a category for a
 * period, in place of what the deals add up to, and why. Visible as quotas are; its history keeps
 * who changed it and what it was.
 */
export const forecastAdjustments = crm.table(
  'forecast_adjustments',
  {
    ...recordColumns(),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    period: forecastPeriodEnum('period').notNull(),
    startsOn: date('starts_on').notNull(),
    category: forecastCategoryEnum('category').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    adjustedBy: uuid('adjusted_by'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
    foreignKey({ columns: [t.orgId, t.adjustedBy], foreignColumns: [users.orgId, users.id] }),
    check('forecast_adjustments_one_holder', sql`(${t.ownerId} is null) <> (${t.teamId} is null)`),
    check('forecast_adjustments_amount', sql`${t.amount} >= 0`),
    check('forecast_adjustments_category', sql`${t.category} in ('commit', 'best_case', 'pipeline')`),
    uniqueIndex('forecast_adjustments_owner_key')
      .on(t.orgId, t.ownerId, t.period, t.startsOn, t.category)
      .where(sql`${t.deletedAt} is null and ${t.ownerId} is not null`),
    uniqueIndex('forecast_adjustments_team_key')
      .on(t.orgId, t.teamId, t.period, t.startsOn, t.category)
      .where(sql`${t.deletedAt} is null and ${t.teamId} is not null`),
    tenantPolicy('forecast_adjustments'),
    ...memberPolicies('forecast_adjustments', visibleOwner(sql.raw('owner_id'))),
  ],
);

/**
 * The forecast of a period as it stood in a week (named by its first day, the organization's
 * `week_starts_on` when taken, in its time zone), taken once per organization, week and period by
 * the kit's job or by the first forecast read of the week: what "since last week" compares with.
 * Unique per week and period, so a second run (another process, the same job twice) writes
 * nothing. Which week a snapshot counts in is told by `taken_at` (see take-snapshots.ts). The
 * figures are in its lines, which carry owners and so row-level security; the header itself says
 * only that a snapshot exists.
 */
export const forecastSnapshots = crm.table(
  'forecast_snapshots',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    week: date('week').notNull(),
    period: forecastPeriodEnum('period').notNull(),
    startsOn: date('starts_on').notNull(),
    takenAt: timestamptz('taken_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    uniqueIndex('forecast_snapshots_week_key').on(t.orgId, t.period, t.startsOn, t.week),
    // The scheduler's "taken this week yet?" for every organization, each minute.
    index('forecast_snapshots_taken_idx').on(t.orgId, t.takenAt),
    tenantPolicy('forecast_snapshots'),
  ],
);

/**
 * One line of a snapshot: the deals of an owner (null: none) in a category and currency, as the
 * forecast counts them (`kind` 'deals'), or a manager's adjustment as it was (`kind`
 * 'adjustment', of a member or a team). Visible as the deals and adjustments themselves are: a
 * rep sees their own lines only.
 */
export const forecastSnapshotLines = crm.table(
  'forecast_snapshot_lines',
  {
    orgId: uuid('org_id').notNull(),
    snapshotId: uuid('snapshot_id').notNull(),
    line: integer('line').notNull(),
    kind: text('kind').notNull(),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    category: forecastCategoryEnum('category').notNull(),
    currency: text('currency').notNull(),
    count: integer('count').notNull(),
    /** Minor units: the deals' sum, or the adjustment's amount. */
    amount: numeric('amount').notNull(),
    /** Σ amount × probability in percent (divide by 100 for minor units); 0 for an adjustment. */
    weighted: numeric('weighted').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.snapshotId, t.line] }),
    foreignKey({
      columns: [t.orgId, t.snapshotId],
      foreignColumns: [forecastSnapshots.orgId, forecastSnapshots.id],
    }).onDelete('cascade'),
    check('forecast_snapshot_lines_kind', sql`${t.kind} in ('deals', 'adjustment')`),
    tenantPolicy('forecast_snapshot_lines'),
    ...memberPolicies('forecast_snapshot_lines', visibleOwner(sql.raw('owner_id'))),
  ],
);
