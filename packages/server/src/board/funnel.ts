import type { Funnel, FunnelStep, Stage } from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import type { Caller } from '../http/env.js';
import { validationProblem } from '../http/problem.js';
import {
  combineScopes,
  filterOwners,
  loadContext,
  scopeCondition,
  summaryOwners,
  type BoardContext,
  type OwnerScope,
} from './context.js';
import { convertTotals, type Bucket } from './money.js';
import { rows } from '../db/rows.js';
import { all, big, intArray, num, uuidArray } from './sql.js';

export interface FunnelInput {
  pipelineId?: string;
  from?: string;
  to?: string;
  ownerId?: string;
  teamId?: string;
}

/** Deals by the furthest step they reached (a position; null: none) and currency. */
export interface ReachRow {
  furthest: number | null;
  currency: string;
  deals: number;
  /** Σ of the deals' amounts, exact. */
  amount: bigint;
}

/** Time in one stage: deals that entered it, seconds of finished visits, and the open visits. */
export interface TimeRow {
  stageId: string;
  deals: number;
  closedSeconds: number;
  openDeals: number;
  /** Sum of the open visits' start times, in seconds since the epoch. */
  openSince: number;
}

export interface FunnelRows {
  reach: ReachRow[];
  time: TimeRow[];
  /** The database's now, in seconds since the epoch. */
  now: number;
}

/** The steps of a funnel: the pipeline's open and won stages, in order. */
export const funnelSteps = (stages: Stage[]) => stages.filter((s) => s.kind !== 'lost');

interface RawReach {
  furthest: number | null;
  currency: string;
  deals: string;
  amount: string;
}
interface RawTime {
  stage_id: string;
  deals: string;
  closed_seconds: string;
  open_deals: string;
  open_since: string;
}

function toRows(reach: RawReach[], time: RawTime[], now: number): FunnelRows {
  return {
    reach: reach.map((r) => ({
      furthest: r.furthest === null ? null : Number(r.furthest),
      currency: r.currency,
      deals: num(r.deals),
      amount: big(r.amount),
    })),
    time: time.map((t) => ({
      stageId: t.stage_id,
      deals: num(t.deals),
      closedSeconds: num(t.closed_seconds),
      openDeals: num(t.open_deals),
      openSince: num(t.open_since),
    })),
    now,
  };
}

const cohortDays = (column: SQL, input: FunnelInput) => [
  input.from ? sql`${column} >= ${input.from}::date` : undefined,
  input.to ? sql`${column} <= ${input.to}::date` : undefined,
];

/**
 * The funnel's figures from the maintained summaries: by creation day for the whole
 * organization (`owners` undefined), or by owner (`owners`: the owners the filters and the
 * caller's visibility allow), over all time or, with a period, by owner and creation day. A few
 * rows per day, per owner or per owner and day, whatever the number of deals.
 */
export async function summaryRows(
  tx: Tx,
  caller: Caller,
  context: BoardContext,
  input: FunnelInput,
  owners?: OwnerScope,
) {
  const steps = funnelSteps(context.stages);
  const ids = uuidArray(steps.map((s) => s.id));
  const byOwner = owners !== undefined;
  const byDay = !byOwner || Boolean(input.from || input.to);
  const where = all([
    sql`org_id = ${caller.orgId}`,
    sql`pipeline_id = ${context.pipeline.id}`,
    byOwner ? summaryOwners(owners) : undefined,
    ...(byDay ? cohortDays(sql`cohort_day`, input) : []),
  ]);
  const [totals, times] = !byOwner
    ? [sql`crm.funnel_totals`, sql`crm.funnel_stage_times`]
    : byDay
      ? [sql`crm.funnel_owner_day_totals`, sql`crm.funnel_owner_day_times`]
      : [sql`crm.funnel_owner_totals`, sql`crm.funnel_owner_times`];
  const reach = await rows<RawReach>(
    tx,
    sql`with t as (
          select stages, currency, sum(deals) as deals, sum(amount) as amount
          from ${totals} t where ${where} group by stages, currency
        )
        select (select max(u.position) from unnest(${ids}, ${intArray(steps.map((s) => s.position))}) as u(id, position)
                where u.id = any(t.stages)) as furthest,
               currency, sum(deals)::text as deals, sum(amount)::text as amount
        from t group by 1, 2 having sum(deals) <> 0`,
  );
  const time = await rows<RawTime & { now: string }>(
    tx,
    sql`select stage_id, sum(deals)::text as deals, sum(closed_seconds)::text as closed_seconds,
               sum(open_deals)::text as open_deals, sum(open_since)::text as open_since,
               floor(extract(epoch from now()))::text as now
        from ${times} t where ${where} and stage_id = any(${ids})
        group by stage_id`,
  );
  return toRows(reach, time, await dbNow(tx, time));
}

async function dbNow(tx: Tx, from: { now: string }[]): Promise<number> {
  if (from[0]) return num(from[0].now);
  const [row] = await rows<{ now: string }>(tx, sql`select floor(extract(epoch from now()))::text as now`);
  return num(row!.now);
}

/**
 * The funnel's figures computed from the deals and their stage history (under row-level
 * security): what the summaries hold, for the deals a filter or the caller's visibility selects.
 * Whole seconds, like the summaries, so both agree to the second.
 */
export async function dealRows(tx: Tx, caller: Caller, context: BoardContext, input: FunnelInput) {
  const steps = funnelSteps(context.stages);
  const ids = uuidArray(steps.map((s) => s.id));
  const tz = context.timeZone;
  const scope = combineScopes(await filterOwners(tx, caller, input), context.visible);
  const deals = all([
    sql`o.org_id = ${caller.orgId}`,
    sql`o.pipeline_id = ${context.pipeline.id}`,
    sql`o.deleted_at is null`,
    input.from ? sql`o.created_at >= (${input.from}::date::timestamp at time zone ${tz})` : undefined,
    input.to ? sql`o.created_at < ((${input.to}::date + 1)::timestamp at time zone ${tz})` : undefined,
    scopeCondition(scope),
  ]);
  const found = await rows<{
    kind: 'reach' | 'time';
    key: string | null;
    currency: string | null;
    a: string;
    b: string;
    c: string | null;
    d: string | null;
    now: string;
  }>(
    tx,
    sql`with d as materialized (
          select o.id, o.currency, o.amount from crm.opportunities o where ${deals}
        ),
        v as materialized (
          select h.opportunity_id, d.currency, d.amount, h.to_stage_id,
                 floor(extract(epoch from h.changed_at))::bigint as t,
                 lead(floor(extract(epoch from h.changed_at))::bigint)
                   over (partition by h.opportunity_id order by h.changed_at, h.id) as t_next
          from d join crm.stage_history h on h.org_id = ${caller.orgId} and h.opportunity_id = d.id
        ),
        steps as (select * from unnest(${ids}, ${intArray(steps.map((s) => s.position))}) as u(id, position)),
        per_deal as (
          select v.currency, v.amount, max(steps.position) as furthest
          from v left join steps on steps.id = v.to_stage_id
          group by v.opportunity_id, v.currency, v.amount
        ),
        per_visit as (
          select v.to_stage_id, v.opportunity_id,
                 coalesce(sum(v.t_next - v.t) filter (where v.t_next is not null), 0) as closed_seconds,
                 count(*) filter (where v.t_next is null) as open_deals,
                 coalesce(sum(v.t) filter (where v.t_next is null), 0) as open_since
          from v where v.to_stage_id = any(${ids})
          group by v.to_stage_id, v.opportunity_id
        )
        select 'reach' as kind, furthest::text as key, currency, count(*)::text as a, sum(amount)::text as b,
               null as c, null as d, floor(extract(epoch from now()))::text as now
        from per_deal group by furthest, currency
        union all
        select 'time', to_stage_id::text, null, count(*)::text, sum(closed_seconds)::text, sum(open_deals)::text,
               sum(open_since)::text, floor(extract(epoch from now()))::text
        from per_visit group by to_stage_id`,
  );
  const reach: RawReach[] = [];
  const time: RawTime[] = [];
  for (const r of found) {
    if (r.kind === 'reach') {
      reach.push({ furthest: r.key === null ? null : Number(r.key), currency: r.currency!, deals: r.a, amount: r.b });
    } else {
      time.push({ stage_id: r.key!, deals: r.a, closed_seconds: r.b, open_deals: r.c!, open_since: r.d! });
    }
  }
  return toRows(reach, time, await dbNow(tx, found));
}

/** The funnel of the stages, from rows of either source. */
export function funnelOf(context: BoardContext, input: FunnelInput, data: FunnelRows): Funnel {
  const steps = funnelSteps(context.stages);
  const reachedAt = (position: number) => {
    let deals = 0;
    const amounts = new Map<string, bigint>();
    for (const r of data.reach) {
      if (r.furthest === null || r.furthest < position) continue;
      deals += r.deals;
      amounts.set(r.currency, (amounts.get(r.currency) ?? 0n) + r.amount);
    }
    return { deals, amounts };
  };
  const reached = steps.map((s) => reachedAt(s.position));
  const first = reached[0]?.deals ?? 0;
  const stages: FunnelStep[] = steps.map((stage, i) => {
    const here = reached[i]!;
    const next = reached[i + 1];
    const time = data.time.find((t) => t.stageId === stage.id);
    const buckets: Bucket[] = [...here.amounts].map(([currency, sum]) => ({
      currency,
      count: 1,
      sum,
      weightedCents: 0n,
    }));
    const { weighted: _weighted, ...converted } = convertTotals(buckets, context.rates);
    return {
      stageId: stage.id,
      name: stage.name,
      kind: stage.kind,
      position: stage.position,
      reached: here.deals,
      conversion: next && here.deals > 0 ? next.deals / here.deals : null,
      overall: first > 0 ? here.deals / first : null,
      dropOff: next ? here.deals - next.deals : null,
      amount: [...here.amounts]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([currency, amount]) => ({ currency, amount: amount.toString() })),
      converted,
      averageDaysInStage:
        stage.kind === 'won' || !time || time.deals <= 0
          ? null
          : Math.round(
              ((time.closedSeconds + time.openDeals * data.now - time.openSince) / time.deals / 86_400) * 1000,
            ) / 1000,
    };
  });
  return {
    pipelineId: context.pipeline.id,
    name: context.pipeline.name,
    from: input.from ?? null,
    to: input.to ?? null,
    timeZone: context.timeZone,
    fiscalYearStartMonth: context.fiscalYearStartMonth,
    baseCurrency: context.rates.base,
    deals: data.reach.reduce((n, r) => n + r.deals, 0),
    stages,
  };
}

/** The funnel report: from the summaries when they can answer, else from the deals. */
export async function funnelReport(tx: Tx, caller: Caller, input: FunnelInput): Promise<Funnel> {
  if (input.from && input.to && input.from > input.to) {
    throw validationProblem([{ path: 'to', code: 'invalid_value', message: 'Is before from' }]);
  }
  const context = await loadContext(tx, caller, input.pipelineId);
  const byOwner = Boolean(input.ownerId || input.teamId);
  const period = Boolean(input.from || input.to);
  let data: FunnelRows;
  if (context.summaries.funnel && !byOwner) {
    data = await summaryRows(tx, caller, context, input);
  } else if (period ? context.summaries.ownerDayFunnel : context.summaries.ownerFunnel) {
    const scope = combineScopes(await filterOwners(tx, caller, input), context.visible);
    data = await summaryRows(tx, caller, context, input, scope);
  } else {
    data = await dealRows(tx, caller, context, input);
  }
  return funnelOf(context, input, data);
}
