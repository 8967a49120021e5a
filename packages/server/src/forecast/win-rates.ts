// Historical win rates: for each open stage of a pipeline, of the deals that entered it (by their
// stage history) and closed in a window, the share that closed won; per owner too. Beside them the
// open deals now in each stage, weighted by the configured probabilities and by these rates.
import {
  convertMinor,
  weightedMinor,
  type ConversionPart,
  type Stage,
  type WeightedFigures,
  type WinRateCounts,
  type WinRates,
  type WinRatesQuery,
} from '@crmkit/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import type { Caller } from '../http/env.js';
import { validationProblem } from '../http/problem.js';
import { loadContext, NO_OWNER, summaryOwners } from '../board/context.js';
import { conversion, type Rates } from '../board/money.js';
import { uuidArray } from '../board/sql.js';
import { today } from './forecast.js';

/** The day `years` years before `day`, plus `days` days (YYYY-MM-DD; 29 February rolls over). */
function shiftDay(day: string, years: number, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year + years, month - 1, date + days)).toISOString().slice(0, 10);
}

/** The window of closes: `from`–`to` as asked, by default the year up to today in the organization's time zone. */
export function closeWindow(query: WinRatesQuery, timeZone: string): { from: string; to: string } {
  const to = query.to ?? today(timeZone);
  const from = query.from ?? shiftDay(to, -1, 1);
  if (from > to) throw validationProblem([{ path: 'to', code: 'invalid_value', message: 'Is before from' }]);
  return { from, to };
}

/** Rate figures from counts: the share, and it as a whole percentage rounded half up (integer arithmetic). */
export function rateOf(closed: number, won: number): WinRateCounts {
  if (closed === 0) return { closed, won, rate: null, probability: null };
  return { closed, won, rate: won / closed, probability: Math.floor((200 * won + closed) / (2 * closed)) };
}

interface HistoryRow {
  owner_id: string;
  stage_id: string;
  closed: string;
  won: string;
}
interface OpenRow {
  owner_id: string;
  stage_id: string;
  currency: string;
  deals: string;
  amount: string;
  /** Σ amount × the deal's own or its stage's probability (percent units). */
  weighted_cents: string;
}

/** Open money of one currency; weighted sums in percent units, rounded once at the end. */
interface Weighed {
  count: number;
  sum: bigint;
  weighted: bigint;
  byHistory: bigint;
}

/** Per-currency and converted figures of the open deals. */
function figures(byCurrency: Map<string, Weighed>, rates: Rates): WeightedFigures {
  const currencies = [...byCurrency.keys()].filter((c) => byCurrency.get(c)!.count !== 0).sort();
  const parts = { sum: [] as ConversionPart[], weighted: [] as ConversionPart[], byHistory: [] as ConversionPart[] };
  const missing: string[] = [];
  let count = 0;
  for (const currency of currencies) {
    const w = byCurrency.get(currency)!;
    count += w.count;
    const to = conversion(currency, rates);
    if (!to) {
      missing.push(currency);
      continue;
    }
    parts.sum.push({ units: w.sum, ...to });
    parts.weighted.push({ units: w.weighted, rate: to.rate, shift: to.shift - 2 });
    parts.byHistory.push({ units: w.byHistory, rate: to.rate, shift: to.shift - 2 });
  }
  return {
    count,
    totals: currencies.map((currency) => {
      const w = byCurrency.get(currency)!;
      return {
        currency,
        count: w.count,
        sum: w.sum.toString(),
        weighted: weightedMinor(w.weighted).toString(),
        weightedByHistory: weightedMinor(w.byHistory).toString(),
      };
    }),
    converted: {
      currency: rates.base,
      sum: convertMinor(parts.sum).toString(),
      weighted: convertMinor(parts.weighted).toString(),
      weightedByHistory: convertMinor(parts.byHistory).toString(),
      missingRates: missing,
    },
  };
}

/** Adds an open row into per-currency money, weighting it by history at `probability` (percent). */
function weigh(into: Map<string, Weighed>, row: OpenRow, probability: number) {
  const have = into.get(row.currency) ?? { count: 0, sum: 0n, weighted: 0n, byHistory: 0n };
  const amount = BigInt(row.amount);
  have.count += Number(row.deals);
  have.sum += amount;
  have.weighted += BigInt(row.weighted_cents);
  have.byHistory += amount * BigInt(probability);
  into.set(row.currency, have);
}

export async function winRatesReport(tx: Tx, caller: Caller, query: WinRatesQuery): Promise<WinRates> {
  const ctx = await loadContext(tx, caller, query.pipelineId);
  const { from, to } = closeWindow(query, ctx.timeZone);
  const open = ctx.stages.filter((s) => s.kind === 'open');
  const stageIds = uuidArray(open.map((s) => s.id));
  // Row-level security keeps both reads to the deals the caller may see; these only narrow.
  const owners = sql`${summaryOwners(ctx.visible) ?? sql`true`} and ${query.ownerId ? sql`t.owner_id = ${query.ownerId}` : sql`true`}`;
  const [history, openRows] = await Promise.all([
    rows<HistoryRow>(
      tx,
      sql`select t.owner_id, t.stage_id, sum(t.deals)::text as closed,
            coalesce(sum(t.deals) filter (where c.kind = 'won'), 0)::text as won
          from crm.stage_win_totals t
          join crm.stages c on c.org_id = t.org_id and c.id = t.closing_stage_id
          where t.org_id = ${caller.orgId} and t.stage_id = any(${stageIds}) and c.kind <> 'open'
            and t.closed_day between ${from}::date and ${to}::date and ${owners}
          group by 1, 2`,
    ),
    rows<OpenRow>(
      tx,
      sql`select t.owner_id, t.stage_id, t.currency, sum(t.deals)::text as deals, sum(t.amount)::text as amount,
            sum(t.weighted_override + t.amount_default * s.probability)::text as weighted_cents
          from crm.stage_totals t join crm.stages s on s.org_id = t.org_id and s.id = t.stage_id
          where t.org_id = ${caller.orgId} and t.stage_id = any(${stageIds}) and ${owners}
          group by 1, 2, 3`,
    ),
  ]);

  // Counts per stage, and per owner and stage.
  const counts = (map: Map<string, { closed: number; won: number }>, key: string, row: HistoryRow) => {
    const have = map.get(key) ?? { closed: 0, won: 0 };
    have.closed += Number(row.closed);
    have.won += Number(row.won);
    map.set(key, have);
  };
  const byStage = new Map<string, { closed: number; won: number }>();
  const byOwnerStage = new Map<string, { closed: number; won: number }>();
  for (const row of history) {
    counts(byStage, row.stage_id, row);
    counts(byOwnerStage, `${row.owner_id}/${row.stage_id}`, row);
  }
  const stageRate = (stageId: string) => rateOf(byStage.get(stageId)?.closed ?? 0, byStage.get(stageId)?.won ?? 0);
  const ownerRate = (ownerId: string, stageId: string) => {
    const c = byOwnerStage.get(`${ownerId}/${stageId}`);
    return rateOf(c?.closed ?? 0, c?.won ?? 0);
  };
  const stageById = new Map<string, Stage>(open.map((s) => [s.id, s]));

  // Open money: per stage and in total at the stage's rate, per owner at the owner's own.
  const stageMoney = new Map<string, Map<string, Weighed>>(open.map((s) => [s.id, new Map()]));
  const totalMoney = new Map<string, Weighed>();
  const ownerMoney = new Map<string, Map<string, Weighed>>();
  for (const row of openRows) {
    const stage = stageById.get(row.stage_id)!;
    const historical = stageRate(stage.id).probability ?? stage.probability;
    weigh(stageMoney.get(stage.id)!, row, historical);
    weigh(totalMoney, row, historical);
    if (row.owner_id !== NO_OWNER) {
      if (!ownerMoney.has(row.owner_id)) ownerMoney.set(row.owner_id, new Map());
      weigh(ownerMoney.get(row.owner_id)!, row, ownerRate(row.owner_id, stage.id).probability ?? stage.probability);
    }
  }

  const ownerIds = [...new Set([...history.map((r) => r.owner_id), ...ownerMoney.keys()])].filter(
    (id) => id !== NO_OWNER,
  );
  const names = ownerIds.length
    ? await rows<{ id: string; name: string }>(
        tx,
        sql`select id, name from crm.users where org_id = ${caller.orgId} and id = any(${uuidArray(ownerIds)})`,
      )
    : [];
  const members = names
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
    .map((user) => ({
      ownerId: user.id,
      name: user.name,
      stages: open.map((s) => ({ stageId: s.id, ...ownerRate(user.id, s.id) })),
      open: figures(ownerMoney.get(user.id) ?? new Map(), ctx.rates),
    }));

  return {
    pipelineId: ctx.pipeline.id,
    name: ctx.pipeline.name,
    from,
    to,
    baseCurrency: ctx.rates.base,
    stages: open.map((s) => ({
      stageId: s.id,
      name: s.name,
      position: s.position,
      probability: s.probability,
      history: stageRate(s.id),
      open: figures(stageMoney.get(s.id)!, ctx.rates),
    })),
    total: figures(totalMoney, ctx.rates),
    owners: members,
  };
}
