// The sales performance report: per member (a leaderboard), per team (rolled up through the team
// tree, as the forecast does) and in total, what was won and lost in a period, how long the won deals
// took, the activities logged, against the quotas that cover the period and a comparison period.
import {
  divideRounded,
  type ActivityCounts,
  type ForecastPeriod,
  type PerformanceFigures,
  type PerformanceGrowth,
  type PerformanceReport,
  type PerformanceReportQuery,
} from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { addBucket, convertTotals, currencyTotals, ratesOf, type Bucket, type Rates } from '../board/money.js';
import {
  combineScopes,
  filterOwners,
  NO_OWNER,
  orgReportContext,
  scopeCondition,
  summaryOwners,
} from '../board/context.js';
import type { OwnerScope } from '../board/context.js';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import {
  periodDays,
  periodStart,
  quotaFigure,
  subtree,
  teamOwners,
  teamsShown,
  today,
  type Member,
  type Team,
} from '../forecast/forecast.js';
import type { Caller } from '../http/env.js';

interface Period {
  from: string;
  to: string;
}

/** What one owner (null: none) did in a period, before rounding. */
interface Tally {
  won: Map<string, Bucket>;
  wonDeals: number;
  lostDeals: number;
  /** Σ (day closed − day created) over the won deals. */
  cycleDays: number;
  activities: ActivityCounts;
}

const emptyTally = (): Tally => ({
  won: new Map(),
  wonDeals: 0,
  lostDeals: 0,
  cycleDays: 0,
  activities: { total: 0, call: 0, email: 0, meeting: 0, note: 0, task: 0 },
});

function addTally(into: Tally, from: Tally) {
  for (const bucket of from.won.values()) addBucket(into.won, bucket);
  into.wonDeals += from.wonDeals;
  into.lostDeals += from.lostDeals;
  into.cycleDays += from.cycleDays;
  for (const key of Object.keys(into.activities) as (keyof ActivityCounts)[])
    into.activities[key] += from.activities[key];
}

interface QuotaRow {
  owner_id: string | null;
  team_id: string | null;
  period: ForecastPeriod;
  starts_on: string;
  amount: string;
  currency: string;
}

/** What the reads of one period need to know. */
interface Context {
  orgId: string;
  timeZone: string;
  scope: OwnerScope;
  pipelineId?: string;
  currency?: string;
  /** Whether the summaries by owner and day answer (else the deals and activities are read). */
  summaries: boolean;
}

/** Per owner, kind and currency: the deals closed in a period. */
interface DealRow {
  owner_id: string | null;
  kind: 'won' | 'lost';
  currency: string;
  deals: number;
  amount: string;
  cycle_days: string;
}

/** Per owner and type: the activities of a period. */
interface ActivityRow {
  owner_id: string | null;
  type: keyof ActivityCounts;
  n: number;
}

/**
 * From the maintained summaries by owner and day (migrations 0021, 0030): a few rows per owner and
 * day, so a quarter costs the same at a million deals. The period's days are whole days in the
 * organization's time zone, which is how the summaries count them: no partial days to add.
 */
function summaryRows(tx: Tx, ctx: Context, period: Period): [Promise<DealRow[]>, Promise<ActivityRow[]>] {
  const owners = summaryOwners(ctx.scope) ?? sql`true`;
  return [
    rows<DealRow>(
      tx,
      sql`select nullif(t.owner_id, ${NO_OWNER}) as owner_id, s.kind, t.currency, sum(t.deals)::int as deals,
            sum(t.amount)::text as amount, sum(t.cycle_days)::text as cycle_days
          from crm.stage_owner_closed_totals t
          join crm.stages s on s.org_id = t.org_id and s.id = t.stage_id
          where t.org_id = ${ctx.orgId} and s.kind in ('won', 'lost')
            and t.closed_day between ${period.from}::date and ${period.to}::date
            and ${ctx.pipelineId ? sql`s.pipeline_id = ${ctx.pipelineId}` : sql`true`}
            and ${ctx.currency ? sql`t.currency = ${ctx.currency}` : sql`true`}
            and ${owners}
          group by 1, 2, 3`,
    ),
    rows<ActivityRow>(
      tx,
      sql`select nullif(t.owner_id, ${NO_OWNER}) as owner_id, t.type::text as type, sum(t.activities)::int as n
          from crm.activity_owner_day_totals t
          where t.org_id = ${ctx.orgId} and t.day between ${period.from}::date and ${period.to}::date and ${owners}
          group by 1, 2`,
    ),
  ];
}

/**
 * The same figures from the deals and activities themselves, for a database without the summaries.
 * Row-level security keeps to what the caller may see; the owner scope says it again (and applies the
 * team or member filter), so that a rep's report never counts another member's activity on their customer.
 */
function baseRows(tx: Tx, ctx: Context, period: Period): [Promise<DealRow[]>, Promise<ActivityRow[]>] {
  const day = (column: ReturnType<typeof sql>) => sql`(${column} at time zone ${ctx.timeZone})::date`;
  // The period's days as a range of instants (its first day's midnight to the day after its last, in
  // the organization's time zone), so that the indexes on the timestamps serve the test.
  const start = sql`(${period.from}::date::timestamp at time zone ${ctx.timeZone})`;
  const end = sql`((${period.to}::date + 1)::timestamp at time zone ${ctx.timeZone})`;
  const within = (column: ReturnType<typeof sql>) => sql`(${column} >= ${start} and ${column} < ${end})`;
  return [
    rows<DealRow>(
      tx,
      sql`select o.owner_id, s.kind, o.currency, count(*)::int as deals, sum(o.amount)::text as amount,
            sum(${day(sql`o.closed_at`)} - ${day(sql`o.created_at`)})::text as cycle_days
          from crm.opportunities o
          join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          where o.org_id = ${ctx.orgId} and o.deleted_at is null and s.kind in ('won', 'lost')
            and o.closed_at is not null and ${within(sql`o.closed_at`)}
            and ${ctx.pipelineId ? sql`o.pipeline_id = ${ctx.pipelineId}` : sql`true`}
            and ${ctx.currency ? sql`o.currency = ${ctx.currency}` : sql`true`}
            and ${scopeCondition(ctx.scope) ?? sql`true`}
          group by 1, 2, 3`,
    ),
    rows<ActivityRow>(
      tx,
      // A task counts when it is done; the other kinds when they occurred.
      sql`select a.owner_id, a.type::text as type, count(*)::int as n
          from crm.activities a
          where a.org_id = ${ctx.orgId} and a.deleted_at is null
            and ((a.type <> 'task' and ${within(sql`a.occurred_at`)})
              or (a.type = 'task' and a.done_at is not null and ${within(sql`a.done_at`)}))
            and ${scopeCondition(ctx.scope, sql`a.owner_id`) ?? sql`true`}
          group by 1, 2`,
    ),
  ];
}

/** Per owner, the deals closed won or lost on a day of the period, and the activities of the period. */
async function tallies(tx: Tx, ctx: Context, period: Period): Promise<Map<string | null, Tally>> {
  const [deals, activities] = await Promise.all((ctx.summaries ? summaryRows : baseRows)(tx, ctx, period));
  const byOwner = new Map<string | null, Tally>();
  const of = (owner: string | null) => {
    let tally = byOwner.get(owner);
    if (!tally) byOwner.set(owner, (tally = emptyTally()));
    return tally;
  };
  for (const row of deals) {
    const tally = of(row.owner_id);
    if (row.kind === 'lost') {
      tally.lostDeals += row.deals;
      continue;
    }
    tally.wonDeals += row.deals;
    tally.cycleDays += Number(row.cycle_days);
    // Won deals count whole: their "weighted" sum is their sum.
    const sum = BigInt(row.amount);
    addBucket(tally.won, { currency: row.currency, count: row.deals, sum, weightedCents: sum * 100n });
  }
  for (const row of activities) {
    const tally = of(row.owner_id);
    tally.activities[row.type] += row.n;
    tally.activities.total += row.n;
  }
  return byOwner;
}

/** The next day of a YYYY-MM-DD day. */
function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The kinds of quota period, the longest first: a year's quota is the target of that year. */
const QUOTA_PERIODS: ForecastPeriod[] = ['year', 'quarter', 'month'];

/**
 * The quotas of one holder that cover the period exactly: one kind of period, the longest that
 * does, each of its periods from `from` to `to` with a quota (a year; or whole quarters; or whole
 * months). Null when no kind does: then there is nothing to measure attainment against.
 */
function coveringQuotas(quotas: QuotaRow[], { from, to }: Period, fiscalYearStartMonth: number): QuotaRow[] | null {
  for (const kind of QUOTA_PERIODS) {
    // Quarters and years on the organization's fiscal calendar.
    if (periodStart(kind, from, fiscalYearStartMonth) !== from) continue;
    const byStart = new Map(quotas.filter((q) => q.period === kind).map((q) => [q.starts_on, q]));
    const found: QuotaRow[] = [];
    let start = from;
    while (start <= to) {
      const days = periodDays(kind, start);
      const quota = byStart.get(start);
      if (days.to > to || !quota) break;
      found.push(quota);
      start = dayAfter(days.to);
    }
    if (start > to) return found;
  }
  return null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

function figures(tally: Tally, quotas: QuotaRow[] | null, rates: Rates): PerformanceFigures {
  const buckets = [...tally.won.values()];
  const converted = convertTotals(buckets, rates);
  // The average is over the deals whose amounts the converted sum holds.
  const convertedDeals = buckets
    .filter((b) => !converted.missingRates.includes(b.currency))
    .reduce((n, b) => n + b.count, 0);
  const quota = quotas ? quotaFigure(quotas, rates) : null;
  const attainable = quota && quota.amount !== '0' && !quota.missingRates.length && !converted.missingRates.length;
  return {
    won: {
      totals: currencyTotals(buckets).map(({ weighted: _, ...total }) => total),
      converted: { currency: converted.currency, sum: converted.sum, missingRates: converted.missingRates },
    },
    wonDeals: tally.wonDeals,
    lostDeals: tally.lostDeals,
    winRate: ratio(tally.wonDeals, tally.wonDeals + tally.lostDeals),
    averageDealSize: convertedDeals ? divideRounded(BigInt(converted.sum), BigInt(convertedDeals)).toString() : null,
    salesCycleDays: ratio(tally.cycleDays, tally.wonDeals),
    activities: { ...tally.activities },
    quota,
    attainment: attainable ? Number(converted.sum) / Number(quota.amount) : null,
  };
}

/** Relative change of an amount or a count: (now − before) / before, computed on exact integers. */
function change(now: string | number | null, before: string | number | null): number | null {
  if (now === null || before === null || BigInt(before) === 0n) return null;
  return Number(BigInt(now) - BigInt(before)) / Number(before);
}

function growth(now: PerformanceFigures, before: PerformanceFigures): PerformanceGrowth {
  return {
    wonAmount: change(now.won.converted.sum, before.won.converted.sum),
    wonDeals: change(now.wonDeals, before.wonDeals),
    averageDealSize: change(now.averageDealSize, before.averageDealSize),
    activities: change(now.activities.total, before.activities.total),
    winRate: now.winRate === null || before.winRate === null ? null : now.winRate - before.winRate,
  };
}

/** Leaderboard order: won amount, then won deals, most first. */
function byWon(a: PerformanceFigures, b: PerformanceFigures): number {
  const x = BigInt(a.won.converted.sum);
  const y = BigInt(b.won.converted.sum);
  return x !== y ? (x > y ? -1 : 1) : b.wonDeals - a.wonDeals;
}

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export async function performanceReport(
  tx: Tx,
  caller: Caller,
  query: PerformanceReportQuery,
): Promise<PerformanceReport> {
  const org = await orgReportContext(tx, caller);
  // Asked for one currency: its deals only, in its own units, and no other currency converts into it.
  const rates = query.currency ? ratesOf(query.currency, {}) : org.rates;
  const period: Period =
    query.from && query.to
      ? { from: query.from, to: query.to }
      : periodDays('quarter', periodStart('quarter', today(org.timeZone), org.fiscalYearStartMonth));
  const compared: Period | null =
    query.compareFrom && query.compareTo ? { from: query.compareFrom, to: query.compareTo } : null;

  const filtered = await filterOwners(tx, caller, { ownerId: query.ownerId, teamId: query.teamId });
  const ctx: Context = {
    orgId: caller.orgId,
    timeZone: org.timeZone,
    scope: combineScopes(filtered, org.visible),
    pipelineId: query.pipelineId,
    currency: query.currency,
    summaries: org.closedSummaries && org.activitySummaries,
  };
  const first = compared && compared.from < period.from ? compared.from : period.from;
  const last = compared && compared.to > period.to ? compared.to : period.to;
  const [now, before, quotaRows, users, teams] = await Promise.all([
    tallies(tx, ctx, period),
    compared ? tallies(tx, ctx, compared) : null,
    rows<QuotaRow>(
      tx,
      sql`select owner_id, team_id, period::text as period, to_char(starts_on, 'YYYY-MM-DD') as starts_on,
            amount::text as amount, currency
          from crm.quotas
          where org_id = ${caller.orgId} and deleted_at is null and starts_on between ${first}::date and ${last}::date`,
    ),
    // Former and inactive members too: what they won in the period still counts, in their team.
    rows<Member>(tx, sql`select id, name, team_id as "teamId" from crm.users where org_id = ${caller.orgId}`),
    org.visibility === 'own'
      ? []
      : rows<Team>(
          tx,
          sql`select id, name, parent_id as "parentId", manager_id as "managerId" from crm.teams
              where org_id = ${caller.orgId} and deleted_at is null`,
        ),
  ]);

  const quotasOf = (key: 'owner_id' | 'team_id', id: string) => quotaRows.filter((q) => q[key] === id);
  /** The figures of some owners' tallies, in the period and the comparison period. */
  const rowFigures = (owners: Iterable<string | null>, quotas: QuotaRow[]) => {
    const tallyNow = emptyTally();
    const tallyBefore = emptyTally();
    for (const owner of owners) {
      const a = now.get(owner);
      if (a) addTally(tallyNow, a);
      const b = before?.get(owner);
      if (b) addTally(tallyBefore, b);
    }
    const current = figures(tallyNow, coveringQuotas(quotas, period, org.fiscalYearStartMonth), rates);
    const comparison = compared
      ? figures(tallyBefore, coveringQuotas(quotas, compared, org.fiscalYearStartMonth), rates)
      : null;
    return { ...current, comparison, growth: comparison ? growth(current, comparison) : null };
  };
  const counted = (f: ReturnType<typeof rowFigures>) =>
    f.wonDeals + f.lostDeals + f.activities.total > 0 ||
    f.quota !== null ||
    (f.comparison !== null &&
      (f.comparison.wonDeals + f.comparison.lostDeals + f.comparison.activities.total > 0 ||
        f.comparison.quota !== null));

  const { owners } = ctx.scope;
  const members = users
    .filter((m) => owners === null || owners.includes(m.id))
    .map((m) => ({ member: m, figures: rowFigures([m.id], quotasOf('owner_id', m.id)) }))
    .filter((m) => counted(m.figures))
    .sort((a, b) => byWon(a.figures, b.figures) || byName(a.member, b.member))
    .map(({ member, figures }, i) => ({
      rank: i + 1,
      ownerId: member.id,
      name: member.name,
      teamId: member.teamId,
      ...figures,
    }));

  // A team filter shows that team and the teams under it; a member filter, no team.
  const inFilter = query.teamId ? subtree(teams, [query.teamId]) : null;
  const shownTeams = query.ownerId
    ? []
    : teamsShown(teams, org.visibility, caller.userId).filter((t) => !inFilter || inFilter.has(t.id));
  const teamRows = shownTeams
    .map((team) => ({ team, figures: rowFigures(teamOwners(team, teams, users), quotasOf('team_id', team.id)) }))
    .sort((a, b) => byWon(a.figures, b.figures) || byName(a.team, b.team))
    .map(({ team, figures }) => ({
      teamId: team.id,
      name: team.name,
      parentId: team.parentId,
      managerId: team.managerId,
      ...figures,
    }));

  const overall = (ownerIds: (string | null)[]) => {
    const { quota: _q, attainment: _a, comparison, ...figures } = rowFigures(ownerIds, []);
    if (!comparison) return { ...figures, comparison: null };
    const { quota: _cq, attainment: _ca, ...rest } = comparison;
    return { ...figures, comparison: rest };
  };
  const everyone = new Set<string | null>([...now.keys(), ...(before?.keys() ?? [])]);
  return {
    from: period.from,
    to: period.to,
    compareFrom: compared?.from ?? null,
    compareTo: compared?.to ?? null,
    currency: rates.base,
    fiscalYearStartMonth: org.fiscalYearStartMonth,
    members,
    teams: teamRows,
    unowned: overall([null]),
    total: overall([...everyone]),
  };
}
