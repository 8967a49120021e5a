// The forecast of a period: per member, per team (rolled up through the team tree) and in total,
// the deals won in the period and the open deals expected to close in it by forecast category, in
// each currency and in the base currency, against the quotas set for the period.
import type { AdjustedFigures, BoardFigures, Forecast, ForecastChange, ForecastQuery, QuotaFigure } from '@crmkit/core';
import { convertMinor, fiscalPeriodDays, fiscalPeriodStart, type ConversionPart } from '@crmkit/core';
import { callerAllows } from '../auth/roles.js';
import { adjust, type AdjustmentRow, type CategoryFigures } from './adjustments.js';
import { sql, type SQL } from 'drizzle-orm';
import { visibilityOf, type Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import type { Caller } from '../http/env.js';
import { addBucket, conversion, convertTotals, currencyTotals, type Bucket, type Rates } from '../board/money.js';
import { big, num } from '../board/sql.js';
import { NO_OWNER, orgReportContext, summaryOwners, type OwnerScope } from '../board/context.js';
import { previousSnapshot, weekOf } from './snapshots.js';

/** The forecast's categories, as the API names them, and the stored category of each (closed: won). */
export const CATEGORIES = {
  closed: 'closed',
  commit: 'commit',
  bestCase: 'best_case',
  pipeline: 'pipeline',
  omitted: 'omitted',
} as const;
export type Category = keyof typeof CATEGORIES;
type Cells = Record<Category, Map<string, Bucket>>;

const emptyCells = (): Cells => ({
  closed: new Map(),
  commit: new Map(),
  bestCase: new Map(),
  pipeline: new Map(),
  omitted: new Map(),
});

/** The first and last day of the period that starts on `startsOn`. */
export const periodDays = fiscalPeriodDays;

/** The first day of the period of this kind that holds `day`, on the organization's fiscal calendar. */
export const periodStart = fiscalPeriodStart;

/** Today (or the day of `at`) in a time zone, as YYYY-MM-DD. */
export function today(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export interface Member {
  id: string;
  name: string;
  teamId: string | null;
}
export interface Team {
  id: string;
  name: string;
  parentId: string | null;
  managerId: string | null;
}

/**
 * What row-level security shows a rep, said again as a condition the planner can size and serve
 * from the owner index (their own deals: 0.5% of a million), instead of reading every deal of the
 * period to keep theirs. Only a hint: the policies still decide (see resources/owner-hint.ts).
 */
function repHint(caller: Caller) {
  return visibilityOf(caller.role) === 'own' && caller.userId ? sql`o.owner_id = ${caller.userId}` : sql`true`;
}

/** The deals' figures of a period, per owner (null: none), category and currency. */
export interface DealTotal {
  owner_id: string | null;
  category: Category;
  currency: string;
  count: string;
  sum: string;
  weighted_cents: string;
}

/** The forecast's category of an open deal, from its stored one (a stored "closed" on an open deal counts as pipeline). */
const openCategory = (column: SQL) => sql`case when ${column} = 'best_case' then 'bestCase'
  when ${column} = 'closed' then 'pipeline' else ${column}::text end`;

export interface PeriodScope {
  from: string;
  to: string;
  timeZone: string;
  pipelineId?: string;
  /** The owners the caller may see (a hint for the summaries' keys; row-level security decides). */
  visible: OwnerScope;
}

/**
 * From the maintained summaries (migration 0021): won deals by closing day, open deals by expected
 * close day, each a few rows per owner and day, so a quarter costs the same at a million deals.
 * Weighted sums use the stages' probabilities as they are now, as the board's do.
 */
function summaryTotals(tx: Tx, caller: Caller, scope: PeriodScope): Promise<DealTotal[]> {
  const pipeline = scope.pipelineId ? sql`s.pipeline_id = ${scope.pipelineId}` : sql`true`;
  const owners = summaryOwners(scope.visible) ?? sql`true`;
  const money = sql`t.currency, sum(t.deals)::text as count, sum(t.amount)::text as sum,
    sum(t.weighted_override + t.amount_default * s.probability)::text as weighted_cents`;
  return rows<DealTotal>(
    tx,
    sql`select nullif(t.owner_id, ${NO_OWNER}) as owner_id, 'closed' as category, ${money}
        from crm.stage_owner_closed_totals t join crm.stages s on s.org_id = t.org_id and s.id = t.stage_id
        where t.org_id = ${caller.orgId} and s.kind = 'won' and ${pipeline} and ${owners}
          and t.closed_day between ${scope.from}::date and ${scope.to}::date
        group by 1, 2, t.currency
        union all
        select nullif(t.owner_id, ${NO_OWNER}) as owner_id, ${openCategory(sql`t.forecast_category`)} as category, ${money}
        from crm.stage_owner_close_totals t join crm.stages s on s.org_id = t.org_id and s.id = t.stage_id
        where t.org_id = ${caller.orgId} and s.kind = 'open' and ${pipeline} and ${owners}
          and t.close_date between ${scope.from}::date and ${scope.to}::date
        group by 1, 2, t.currency`,
  );
}

/** The same figures from the deals themselves, for a database without the summaries. */
function dealTotals(tx: Tx, caller: Caller, scope: PeriodScope): Promise<DealTotal[]> {
  return rows<DealTotal>(
    tx,
    sql`select o.owner_id,
          case when s.kind = 'won' then 'closed' else ${openCategory(sql`o.forecast_category`)} end as category,
          o.currency, count(*)::text as count, sum(o.amount)::text as sum,
          sum(o.amount::numeric * coalesce(o.probability, s.probability))::text as weighted_cents
        from crm.opportunities o
        join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
        where o.org_id = ${caller.orgId} and o.deleted_at is null
          and ${scope.pipelineId ? sql`o.pipeline_id = ${scope.pipelineId}` : sql`true`}
          and ${repHint(caller)}
          and ((s.kind = 'won' and (o.closed_at at time zone ${scope.timeZone})::date between ${scope.from}::date and ${scope.to}::date)
            or (s.kind = 'open' and o.expected_close_date between ${scope.from}::date and ${scope.to}::date))
        group by 1, 2, 3`,
  );
}

/** What a forecast adds up: the deals' totals of the period and the managers' adjustments of it. */
export interface PeriodInputs {
  deals: DealTotal[];
  adjustments: AdjustmentRow[];
}

/** The deals' totals and the adjustments of a period that the caller may see. */
export async function periodInputs(
  tx: Tx,
  caller: Caller,
  scope: PeriodScope & { period: string },
  closedSummaries: boolean,
): Promise<PeriodInputs> {
  const [deals, adjustments] = await Promise.all([
    (closedSummaries ? summaryTotals : dealTotals)(tx, caller, scope),
    // Adjustments are a manager's call on the whole period, not on one pipeline's part of it.
    scope.pipelineId ? [] : adjustmentsOf(tx, caller, scope.period, scope.from),
  ]);
  return { deals, adjustments };
}

const adjustmentsOf = (tx: Tx, caller: Caller, period: string, from: string) =>
  rows<AdjustmentRow>(
    tx,
    sql`select id, version, owner_id, team_id, category, amount::text as amount, currency, reason,
          adjusted_by, updated_at
        from crm.forecast_adjustments
        where org_id = ${caller.orgId} and deleted_at is null and period = ${period} and starts_on = ${from}::date`,
  );

/** Every row's figures, before and after adjustments, from a period's inputs. */
function rollUp(inputs: PeriodInputs, members: Member[], teams: Team[], rates: Rates) {
  const byOwner = new Map<string | null, Cells>();
  const total = emptyCells();
  for (const row of inputs.deals) {
    const bucket = {
      currency: row.currency,
      count: num(row.count),
      sum: big(row.sum),
      weightedCents: big(row.weighted_cents),
    };
    let cells = byOwner.get(row.owner_id);
    if (!cells) byOwner.set(row.owner_id, (cells = emptyCells()));
    addBucket(cells[row.category], bucket);
    addBucket(total[row.category], bucket);
  }
  const ownersOf = (team: Team) => teamOwners(team, teams, members);
  const memberFigures = new Map(members.map((m) => [m.id, figures(byOwner.get(m.id) ?? emptyCells(), rates)]));
  const teamFigures = new Map(
    teams.map((team) => {
      const cells = emptyCells();
      for (const owner of ownersOf(team)) {
        const own = byOwner.get(owner);
        if (!own) continue;
        for (const category of Object.keys(CATEGORIES) as Category[])
          for (const bucket of own[category].values()) addBucket(cells[category], bucket);
      }
      return [team.id, figures(cells, rates)];
    }),
  );
  const adjusted = adjust({ adjustments: inputs.adjustments, rates, teams, ownersOf, memberFigures, teamFigures });
  return {
    hasOwner: (id: string) => byOwner.has(id),
    memberFigures,
    teamFigures,
    adjusted,
    unowned: figures(byOwner.get(null) ?? emptyCells(), rates),
    total: figures(total, rates),
  };
}

export async function forecastReport(tx: Tx, caller: Caller, query: ForecastQuery): Promise<Forecast> {
  const period = query.period ?? 'quarter';
  const org = await orgReportContext(tx, caller);
  const { rates } = org;
  const fiscal = org.fiscalYearStartMonth;
  const now = today(org.timeZone);
  const { from, to } = periodDays(period, query.startsOn ?? periodStart(period, now, fiscal));
  const scope = {
    period,
    from,
    to,
    timeZone: org.timeZone,
    pipelineId: query.pipelineId,
    visible: org.visible,
  };

  // Row-level security keeps every read to what the caller may see. The reads go out together.
  const [inputs, quotaRows, members, teams, before] = await Promise.all([
    periodInputs(tx, caller, scope, org.closedSummaries),
    rows<{ owner_id: string | null; team_id: string | null; amount: string; currency: string }>(
      tx,
      sql`select owner_id, team_id, amount::text as amount, currency from crm.quotas
          where org_id = ${caller.orgId} and deleted_at is null and period = ${period} and starts_on = ${from}::date`,
    ),
    rows<Member>(
      tx,
      sql`select id, name, team_id as "teamId" from crm.users
          where org_id = ${caller.orgId} and deleted_at is null and active order by name, id`,
    ),
    org.visibility === 'own'
      ? []
      : rows<Team>(
          tx,
          sql`select id, name, parent_id as "parentId", manager_id as "managerId" from crm.teams
              where org_id = ${caller.orgId} and deleted_at is null order by name, id`,
        ),
    // Snapshots are of every pipeline together: one pipeline's forecast has no movement to show.
    query.pipelineId
      ? undefined
      : previousSnapshot(tx, caller.orgId, period, from, weekOf(now, org.weekStartsOn), org.timeZone),
  ]);

  const current = rollUp(inputs, members, teams, rates);
  const { memberFigures, teamFigures, adjusted } = current;
  const then = before && { since: before.week, ...rollUp(before.inputs, members, teams, rates) };
  const memberQuotas = new Map(quotaRows.filter((q) => q.owner_id).map((q) => [q.owner_id!, q]));
  const teamQuotas = new Map(quotaRows.filter((q) => q.team_id).map((q) => [q.team_id!, q]));

  const shownTeams = teamsShown(teams, org.visibility, caller.userId);
  // Who may adjust what: admins and owners anyone's but their own; a manager their teams' members
  // (the only members they see besides themselves) and the teams they manage (the only teams they see).
  const adjusts =
    !query.pipelineId &&
    ['owner', 'admin', 'manager'].includes(caller.role) &&
    callerAllows(caller, 'forecast_adjustments', 'write');
  const shownIds = new Set(shownTeams.map((team) => team.id));
  const roots = shownTeams.filter((team) => !team.parentId || !shownIds.has(team.parentId));
  const change = (row: (r: ReturnType<typeof rollUp>) => [CategoryFigures, AdjustedFigures]) =>
    then ? { change: movement(row(current), row(then), then.since) } : {};
  return {
    period,
    from,
    to,
    baseCurrency: rates.base,
    fiscalYearStartMonth: fiscal,
    members: members
      .filter((m) => current.hasOwner(m.id) || memberQuotas.has(m.id) || adjusted.hasMember(m.id))
      .map((m) => ({
        ownerId: m.id,
        name: m.name,
        teamId: m.teamId,
        ...memberFigures.get(m.id)!,
        quota: quotaFigure(listOf(memberQuotas.get(m.id)), rates),
        adjusted: adjusted.member(m.id),
        ...change((r) => [r.memberFigures.get(m.id)!, r.adjusted.member(m.id)]),
        mayAdjust: adjusts && m.id !== caller.userId,
      })),
    teams: shownTeams.map((team) => ({
      teamId: team.id,
      name: team.name,
      parentId: team.parentId,
      managerId: team.managerId,
      ...teamFigures.get(team.id)!,
      quota: quotaFigure(listOf(teamQuotas.get(team.id)), rates),
      adjusted: adjusted.team(team),
      ...change((r) => [r.teamFigures.get(team.id)!, r.adjusted.team(team)]),
      mayAdjust: adjusts,
    })),
    unowned: {
      ...current.unowned,
      adjusted: adjusted.none(current.unowned),
      ...change((r) => [r.unowned, r.adjusted.none(r.unowned)]),
    },
    total: {
      ...current.total,
      adjusted: adjusted.total(current.total, roots),
      ...change((r) => [r.total, r.adjusted.total(r.total, roots)]),
    },
  };
}

/** Now minus then, per category, in the base currency: won and omitted as the deals' sums, the rest after adjustments. */
function movement(
  [nowFigures, nowAdjusted]: [CategoryFigures, AdjustedFigures],
  [thenFigures, thenAdjusted]: [CategoryFigures, AdjustedFigures],
  since: string,
): ForecastChange {
  const dealsDelta = (key: 'closed' | 'omitted') =>
    (BigInt(nowFigures[key].converted.sum) - BigInt(thenFigures[key].converted.sum)).toString();
  const adjustedDelta = (key: keyof AdjustedFigures) =>
    (BigInt(nowAdjusted[key].amount) - BigInt(thenAdjusted[key].amount)).toString();
  return {
    since,
    closed: dealsDelta('closed'),
    commit: adjustedDelta('commit'),
    bestCase: adjustedDelta('bestCase'),
    pipeline: adjustedDelta('pipeline'),
    omitted: dealsDelta('omitted'),
  };
}

/** Which teams the caller's forecast shows: all (who sees all), the teams a manager manages and those under them. */
export function teamsShown(teams: Team[], visibility: string, userId: string | null): Team[] {
  if (visibility === 'all') return teams;
  if (visibility !== 'team' || !userId) return [];
  const shown = subtree(
    teams,
    teams.filter((t) => t.managerId === userId).map((t) => t.id),
  );
  return teams.filter((t) => shown.has(t.id));
}

/** The members of a team and of the teams under it, and their managers: whose deals roll up into it. */
export function teamOwners(team: Team, teams: Team[], members: Member[]): Set<string> {
  const tree = subtree(teams, [team.id]);
  const owners = new Set(members.filter((m) => m.teamId && tree.has(m.teamId)).map((m) => m.id));
  for (const t of teams) if (tree.has(t.id) && t.managerId) owners.add(t.managerId);
  return owners;
}

/** The ids of these teams and of every team under them. */
export function subtree(teams: Team[], roots: string[]): Set<string> {
  const tree = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of teams) {
      if (t.parentId && tree.has(t.parentId) && !tree.has(t.id)) {
        tree.add(t.id);
        grew = true;
      }
    }
  }
  return tree;
}

function figures(cells: Cells, rates: Rates): CategoryFigures {
  const out = {} as Record<Category, BoardFigures>;
  for (const category of Object.keys(CATEGORIES) as Category[]) {
    const buckets = [...cells[category].values()];
    out[category] = {
      count: buckets.reduce((n, b) => n + b.count, 0),
      totals: currencyTotals(buckets),
      converted: convertTotals(buckets, rates),
    };
  }
  return out;
}

const listOf = <T>(item: T | undefined): T[] => (item === undefined ? [] : [item]);

/**
 * Quotas converted into the base currency and added up, exactly, rounded once (null: no quota).
 * Quotas in a currency without a rate are left out and named.
 */
export function quotaFigure(quotas: { amount: string; currency: string }[], rates: Rates): QuotaFigure | null {
  if (!quotas.length) return null;
  const parts: ConversionPart[] = [];
  const missing = new Set<string>();
  for (const quota of quotas) {
    const to = conversion(quota.currency, rates);
    if (to) parts.push({ units: BigInt(quota.amount), ...to });
    else missing.add(quota.currency);
  }
  return { currency: rates.base, amount: convertMinor(parts).toString(), missingRates: [...missing].sort() };
}
