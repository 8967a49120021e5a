import type { Stage } from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import type { Caller } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import { ratesOf, type Rates } from './money.js';
import { rows } from '../db/rows.js';
import { uuidArray } from './sql.js';

/** What every board and funnel request needs to know before it reads deals. */
export interface BoardContext {
  pipeline: { id: string; name: string; lostReasons: string[] };
  stages: Stage[];
  rates: Rates;
  timeZone: string;
  /** The month (1–12) in which the organization's fiscal year starts. */
  fiscalYearStartMonth: number;
  /**
   * Which maintained summaries exist and can answer for this caller: the board's and the
   * funnel's by owner, and by owner and day (row-level security applies to them), and the
   * board's by close day, the funnel's by creation day and the board's by customer tag (no owner,
   * or no customer's owner, in them, so only for callers who see everything).
   */
  summaries: {
    board: boolean;
    boardByClose: boolean;
    boardByOwnerClose: boolean;
    funnel: boolean;
    ownerFunnel: boolean;
    ownerDayFunnel: boolean;
    boardByTag: boolean;
  };
  /**
   * The owners whose deals the caller may see, when that is not everyone: a hint that lets
   * queries use the owner indexes. Row-level security still decides; this only narrows.
   */
  visible: OwnerScope;
}

/** Deals of these owners (null: of any owner), and deals without an owner if `unowned`. */
export interface OwnerScope {
  owners: string[] | null;
  unowned: boolean;
}

/**
 * Reads the pipeline (the organization's default one when `pipelineId` is absent), its stages,
 * the organization's currencies and time zone, and what the caller may see, in one round trip
 * plus the stages. A pipeline of another organization is invisible here, so it is a 404.
 */
export async function loadContext(tx: Tx, caller: Caller, pipelineId: string | undefined): Promise<BoardContext> {
  const [row] = await rows<{
    id: string;
    name: string;
    lost_reasons: string[];
    base_currency: string;
    exchange_rates: unknown;
    time_zone: string;
    fiscal_year_start_month: number;
    visibility: string | null;
    stage_totals: boolean;
    stage_close_totals: boolean;
    stage_owner_close_totals: boolean;
    funnel_totals: boolean;
    funnel_owner_totals: boolean;
    funnel_owner_day_totals: boolean;
    stage_tag_totals: boolean;
    visible_owners: string | null;
    visible_unowned: boolean;
    stages: Stage[] | string;
  }>(
    tx,
    sql`select p.id, p.name, p.lost_reasons, o.base_currency, o.exchange_rates, o.time_zone, o.fiscal_year_start_month,
          current_setting('crm.visibility', true) as visibility,
          to_regclass('crm.stage_totals') is not null as stage_totals,
          to_regclass('crm.stage_close_totals') is not null as stage_close_totals,
          to_regclass('crm.stage_owner_close_totals') is not null as stage_owner_close_totals,
          to_regclass('crm.funnel_totals') is not null as funnel_totals,
          to_regclass('crm.funnel_owner_totals') is not null as funnel_owner_totals,
          to_regclass('crm.funnel_owner_day_totals') is not null as funnel_owner_day_totals,
          to_regclass('crm.stage_tag_totals') is not null as stage_tag_totals,
          ${VISIBLE_COLUMNS},
          (select coalesce(json_agg(json_build_object('id', s.id, 'name', s.name, 'position', s.position,
                    'probability', s.probability, 'kind', s.kind, 'requires', s.requires) order by s.position), '[]')
           from crm.stages s where s.org_id = p.org_id and s.pipeline_id = p.id and s.deleted_at is null) as stages,
          -- Just-in-time compilation costs tens of milliseconds and pays off only for long scans,
          -- which these requests avoid: off for the rest of this transaction.
          set_config('jit', 'off', true) as jit,
          -- The statements carry lists of ids (owners, tagged customers) whose length decides the plan:
          -- a prepared statement's generic plan, made after a few runs, cannot see it.
          set_config('plan_cache_mode', 'force_custom_plan', true) as plan_cache
        from crm.pipelines p join crm.organizations o on o.id = p.org_id
        where p.org_id = ${caller.orgId} and p.deleted_at is null
          and ${pipelineId ? sql`p.id = ${pipelineId}` : sql`true`}
        order by p.is_default desc, p.created_at, p.id
        limit 1`,
  );
  if (!row)
    throw new ProblemError(404, pipelineId ? 'No pipeline with this id.' : 'This organization has no pipeline.');
  const everyone = row.visibility === 'all';
  return {
    pipeline: { id: row.id, name: row.name, lostReasons: row.lost_reasons },
    // postgres.js parses json; PGlite too, but be safe with a string.
    stages: typeof row.stages === 'string' ? (JSON.parse(row.stages) as Stage[]) : row.stages,
    rates: ratesOf(row.base_currency, row.exchange_rates),
    timeZone: row.time_zone,
    fiscalYearStartMonth: Number(row.fiscal_year_start_month),
    summaries: {
      board: row.stage_totals,
      boardByClose: row.stage_close_totals && everyone,
      boardByOwnerClose: row.stage_owner_close_totals,
      funnel: row.funnel_totals && everyone,
      ownerFunnel: row.funnel_owner_totals,
      ownerDayFunnel: row.funnel_owner_day_totals,
      boardByTag: row.stage_tag_totals && everyone,
    },
    visible: visibleScope(row),
  };
}

/** What every report needs to know of the organization and the caller before it reads. */
export interface OrgReportContext {
  /** The organization's base currency and rates. */
  rates: Rates;
  timeZone: string;
  /** The month (1–12) in which the organization's fiscal year starts. */
  fiscalYearStartMonth: number;
  /** The ISO weekday (1 = Monday … 7 = Sunday) on which the organization's weeks start. */
  weekStartsOn: number;
  /** How much the caller sees: 'all', 'team' or 'own'. */
  visibility: string;
  /** The owners whose records the caller may see (a hint; row-level security decides). */
  visible: OwnerScope;
  /** Whether the closed deals' summary by owner and day exists (migration 0021). */
  closedSummaries: boolean;
  /** Whether the activities' summary by owner, day and type exists (migration 0030). */
  activitySummaries: boolean;
}

/** Reads the organization's currencies, time zone and what the caller may see, in one round trip. */
export async function orgReportContext(tx: Tx, caller: Caller): Promise<OrgReportContext> {
  const [row] = await rows<{
    base_currency: string;
    exchange_rates: unknown;
    time_zone: string;
    fiscal_year_start_month: number;
    week_starts_on: number;
    visibility: string;
    visible_owners: string | null;
    visible_unowned: boolean;
    closed_summaries: boolean;
    activity_summaries: boolean;
  }>(
    tx,
    sql`select base_currency, exchange_rates, time_zone, fiscal_year_start_month, week_starts_on, crm.visibility() as visibility, ${VISIBLE_COLUMNS},
          to_regclass('crm.stage_owner_closed_totals') is not null as closed_summaries,
          to_regclass('crm.activity_owner_day_totals') is not null as activity_summaries
        from crm.organizations where id = ${caller.orgId}`,
  );
  return {
    rates: ratesOf(row!.base_currency, row!.exchange_rates),
    timeZone: row!.time_zone,
    fiscalYearStartMonth: Number(row!.fiscal_year_start_month),
    weekStartsOn: Number(row!.week_starts_on),
    visibility: row!.visibility,
    visible: visibleScope(row!),
    closedSummaries: row!.closed_summaries,
    activitySummaries: row!.activity_summaries,
  };
}

export interface OwnerFilters {
  ownerId?: string;
  teamId?: string;
  mine?: boolean;
}

/** The owners the filters ask for (null when they do not filter by owner): all of them together. */
export async function filterOwners(tx: Tx, caller: Caller, filters: OwnerFilters): Promise<string[] | null> {
  const sets: string[][] = [];
  if (filters.ownerId) sets.push([filters.ownerId]);
  if (filters.mine) sets.push(caller.userId ? [caller.userId] : []);
  if (filters.teamId) sets.push(await teamOwners(tx, caller.orgId, filters.teamId));
  if (!sets.length) return null;
  return sets.reduce((a, b) => a.filter((id) => b.includes(id)));
}

/** The members of a team and of the teams under it, and their managers. */
async function teamOwners(tx: Tx, orgId: string, teamId: string): Promise<string[]> {
  const [row] = await rows<{ ids: string }>(
    tx,
    sql`with recursive tree as (
          select id, manager_id from crm.teams where org_id = ${orgId} and id = ${teamId} and deleted_at is null
          union
          select t.id, t.manager_id from crm.teams t join tree on t.parent_id = tree.id
          where t.org_id = ${orgId} and t.deleted_at is null
        )
        select coalesce(string_agg(distinct id::text, ','), '') as ids from (
          select u.id from crm.users u where u.org_id = ${orgId} and u.team_id in (select id from tree)
          union select manager_id from tree where manager_id is not null
        ) members`,
  );
  return row?.ids ? row.ids.split(',') : [];
}

/** The deals both the filters and the caller's visibility allow, as an owner scope. */
export function combineScopes(filtered: string[] | null, visible: OwnerScope): OwnerScope {
  if (filtered === null) return visible;
  if (visible.owners === null) return { owners: filtered, unowned: false };
  return { owners: filtered.filter((id) => visible.owners!.includes(id)), unowned: false };
}

/** The scope as a condition on an owner column (by default of an opportunities alias `o`). */
export function scopeCondition(scope: OwnerScope, owner: SQL = sql`o.owner_id`): SQL | undefined {
  if (scope.owners === null) return undefined;
  const owned = sql`${owner} = any(${uuidArray(scope.owners)})`;
  return scope.unowned ? sql`(${owned} or ${owner} is null)` : owned;
}

/** What the caller may see, as the columns `visible_owners` and `visible_unowned` of a select (read by visibleScope). */
export const VISIBLE_COLUMNS = sql`case when crm.visibility() <> 'all' then array_to_string(crm.visible_owner_ids(), ',') end
  as visible_owners, crm.visibility() = 'team' as visible_unowned`;

/** The owners the caller may see, from the columns of VISIBLE_COLUMNS (owners null: everyone). */
export function visibleScope(row: { visible_owners: string | null; visible_unowned: boolean }): OwnerScope {
  if (row.visible_owners === null) return { owners: null, unowned: true };
  return { owners: row.visible_owners ? row.visible_owners.split(',') : [], unowned: Boolean(row.visible_unowned) };
}

/** The nil UUID: how the summaries key deals without an owner. */
export const NO_OWNER = '00000000-0000-0000-0000-000000000000';

/**
 * The scope as a condition on a summary keyed by owner (alias `t`). Row-level security already
 * keeps to what the caller may see; naming the owners lets the primary key find their rows.
 */
export function summaryOwners(scope: OwnerScope | undefined): SQL | undefined {
  if (!scope || scope.owners === null) return undefined;
  return sql`t.owner_id = any(${uuidArray(scope.unowned ? [...scope.owners, NO_OWNER] : scope.owners)})`;
}
