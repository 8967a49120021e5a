import { sql } from 'drizzle-orm';
import { bigint, date, index, numeric, pgPolicy, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { crm, crmApp, currentOrg } from './columns.js';
import { visibleOwner as ownerVisible } from './policies.js';
import { forecastCategoryEnum } from './sales.js';
import { activityTypeEnum } from './service.js';

/**
 * Board and funnel summaries, kept exact by statement-level triggers (migration
 * `summary_triggers`), so boards and funnels cost the same at a million deals as at ten thousand.
 * `owner_id` is the nil UUID for deals without an owner.
 */
const NO_OWNER = sql.raw(`'00000000-0000-0000-0000-000000000000'`);
const visibleOwner = (name: string) =>
  pgPolicy(`${name}_tenant`, {
    as: 'permissive',
    for: 'select',
    to: crmApp,
    using: sql`org_id = ${currentOrg} and ${ownerVisible(sql`nullif(owner_id, ${NO_OWNER})`)}`,
  });
const everyone = (name: string) =>
  pgPolicy(`${name}_tenant`, {
    as: 'permissive',
    for: 'select',
    to: crmApp,
    using: sql`org_id = ${currentOrg} and current_setting('crm.visibility', true) = 'all'`,
  });
const money = () => ({
  deals: bigint('deals', { mode: 'number' }).notNull().default(0),
  amount: numeric('amount').notNull().default('0'),
  /** Σ amount of deals without a probability of their own (weighted by the stage's). */
  amountDefault: numeric('amount_default').notNull().default('0'),
  /** Σ amount × the deal's own probability. */
  weightedOverride: numeric('weighted_override').notNull().default('0'),
});
/** The funnel's figures of a group of deals: how many, and Σ amount. */
const counts = () => ({
  deals: bigint('deals', { mode: 'number' }).notNull().default(0),
  amount: numeric('amount').notNull().default('0'),
});
const times = () => ({
  deals: bigint('deals', { mode: 'number' }).notNull().default(0),
  closedSeconds: numeric('closed_seconds').notNull().default('0'),
  openDeals: bigint('open_deals', { mode: 'number' }).notNull().default(0),
  openSince: numeric('open_since').notNull().default('0'),
});

export const stageTotals = crm.table(
  'stage_totals',
  {
    orgId: uuid('org_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    currency: text('currency').notNull(),
    ...money(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.stageId, t.ownerId, t.currency] }), visibleOwner('stage_totals')],
);

export const stageCloseTotals = crm.table(
  'stage_close_totals',
  {
    orgId: uuid('org_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    closeDate: date('close_date').notNull(),
    currency: text('currency').notNull(),
    ...money(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.stageId, t.closeDate, t.currency] }), everyone('stage_close_totals')],
);

/**
 * Deal totals by owner, stage, forecast category and expected close day: a rep's or a manager's
 * board filtered by close dates (and an admin's narrowed to owners as well), and the forecast's
 * open categories. A few rows per owner and day however many deals there are.
 */
export const stageOwnerCloseTotals = crm.table(
  'stage_owner_close_totals',
  {
    orgId: uuid('org_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    forecastCategory: forecastCategoryEnum('forecast_category').notNull(),
    closeDate: date('close_date').notNull(),
    currency: text('currency').notNull(),
    ...money(),
  },
  (t) => [
    primaryKey({
      name: 'stage_owner_close_totals_pk',
      columns: [t.orgId, t.stageId, t.ownerId, t.forecastCategory, t.closeDate, t.currency],
    }),
    visibleOwner('stage_owner_close_totals'),
  ],
);

/**
 * Closed deals' totals by owner, stage and closing day (in the organization's time zone): the
 * forecast's "closed" (won in the period) and the performance report's won and lost deals, a few
 * rows per owner and day.
 */
export const stageOwnerClosedTotals = crm.table(
  'stage_owner_closed_totals',
  {
    orgId: uuid('org_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    closedDay: date('closed_day').notNull(),
    currency: text('currency').notNull(),
    ...money(),
    /** Σ (closing day − creation day) of the deals, both in the organization's time zone: the sales cycle. */
    cycleDays: numeric('cycle_days').notNull().default('0'),
  },
  (t) => [
    primaryKey({
      name: 'stage_owner_closed_totals_pk',
      columns: [t.orgId, t.stageId, t.ownerId, t.closedDay, t.currency],
    }),
    visibleOwner('stage_owner_closed_totals'),
  ],
);

/**
 * Deal totals by customer tag, stage and owner: the board filtered by a tag (`?tag=`), for callers
 * who see every deal and customer. A customer's tags count for each of its deals, so a deal's write
 * and a change of its customer's tags keep it in step. The customers' owners are not in it, so
 * only those callers read it; a rep or a manager takes the tagged customers they may see
 * (crm.tagged_customers) and their deals.
 */
export const stageTagTotals = crm.table(
  'stage_tag_totals',
  {
    orgId: uuid('org_id').notNull(),
    tag: text('tag').notNull(),
    stageId: uuid('stage_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    currency: text('currency').notNull(),
    ...money(),
  },
  (t) => [
    primaryKey({ name: 'stage_tag_totals_pk', columns: [t.orgId, t.tag, t.stageId, t.ownerId, t.currency] }),
    everyone('stage_tag_totals'),
  ],
);

export const funnelTotals = crm.table(
  'funnel_totals',
  {
    orgId: uuid('org_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    cohortDay: date('cohort_day').notNull(),
    stages: uuid('stages').array().notNull(),
    currency: text('currency').notNull(),
    ...counts(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.pipelineId, t.cohortDay, t.stages, t.currency] }),
    everyone('funnel_totals'),
  ],
);

export const funnelStageTimes = crm.table(
  'funnel_stage_times',
  {
    orgId: uuid('org_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    cohortDay: date('cohort_day').notNull(),
    ...times(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.pipelineId, t.stageId, t.cohortDay] }), everyone('funnel_stage_times')],
);

export const funnelOwnerTotals = crm.table(
  'funnel_owner_totals',
  {
    orgId: uuid('org_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    stages: uuid('stages').array().notNull(),
    currency: text('currency').notNull(),
    ...counts(),
  },
  (t) => [
    // Named: the generated name is longer than Postgres's 63 characters.
    primaryKey({ name: 'funnel_owner_totals_pk', columns: [t.orgId, t.pipelineId, t.ownerId, t.stages, t.currency] }),
    visibleOwner('funnel_owner_totals'),
  ],
);

export const funnelOwnerTimes = crm.table(
  'funnel_owner_times',
  {
    orgId: uuid('org_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    ...times(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.pipelineId, t.ownerId, t.stageId] }), visibleOwner('funnel_owner_times')],
);

/**
 * The funnel by owner and creation day: what a rep's or a manager's funnel over a period reads
 * (and any funnel over a period narrowed to owners or a team), a few rows per owner and day
 * however many deals there are. (By day alone and by owner alone, the two tables above answer
 * with fewer rows: the organization's funnel over a period, and an owner's over all time.)
 */
export const funnelOwnerDayTotals = crm.table(
  'funnel_owner_day_totals',
  {
    orgId: uuid('org_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    cohortDay: date('cohort_day').notNull(),
    stages: uuid('stages').array().notNull(),
    currency: text('currency').notNull(),
    ...counts(),
  },
  (t) => [
    primaryKey({
      name: 'funnel_owner_day_totals_pk',
      columns: [t.orgId, t.pipelineId, t.ownerId, t.cohortDay, t.stages, t.currency],
    }),
    visibleOwner('funnel_owner_day_totals'),
  ],
);

export const funnelOwnerDayTimes = crm.table(
  'funnel_owner_day_times',
  {
    orgId: uuid('org_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    cohortDay: date('cohort_day').notNull(),
    stageId: uuid('stage_id').notNull(),
    ...times(),
  },
  (t) => [
    primaryKey({
      name: 'funnel_owner_day_times_pk',
      columns: [t.orgId, t.pipelineId, t.ownerId, t.cohortDay, t.stageId],
    }),
    visibleOwner('funnel_owner_day_times'),
  ],
);

/**
 * Activities by owner, day and type, as the performance report counts them: a task on the day it
 * was done (not before), the other kinds on the day they occurred, in the organization's time
 * zone. A few rows per owner and day however many activities there are.
 */
export const activityOwnerDayTotals = crm.table(
  'activity_owner_day_totals',
  {
    orgId: uuid('org_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    day: date('day').notNull(),
    type: activityTypeEnum('type').notNull(),
    activities: bigint('activities', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'activity_owner_day_totals_pk', columns: [t.orgId, t.ownerId, t.day, t.type] }),
    // Everyone's activities of a period (an admin's report): by day, whoever owns them.
    index('activity_owner_day_totals_day_idx').on(t.orgId, t.day),
    visibleOwner('activity_owner_day_totals'),
  ],
);

/**
 * Historical win rates: closed deals by every stage they ever entered (from their stage history),
 * the stage they closed in, owner and closing day (in the organization's time zone). A stage's win
 * rate over a period is the deals that closed in a won stage over all that closed, among those
 * that entered it: a few rows per owner, day and stage however many deals there are.
 */
export const stageWinTotals = crm.table(
  'stage_win_totals',
  {
    orgId: uuid('org_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    closingStageId: uuid('closing_stage_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    closedDay: date('closed_day').notNull(),
    deals: bigint('deals', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: 'stage_win_totals_pk',
      columns: [t.orgId, t.stageId, t.ownerId, t.closedDay, t.closingStageId],
    }),
    // A period's closes, whoever owns them (an admin's or a manager's rates).
    index('stage_win_totals_day_idx').on(t.orgId, t.closedDay),
    visibleOwner('stage_win_totals'),
  ],
);
