// Managers' adjustments in the forecast. An adjustment replaces a member's or a team's amount in
// one category (commit, best case, pipeline). A team's adjusted amount is its own adjustment if it
// has one; else its deals' amount, with every adjusted team under it (the nearest ones) and every
// adjusted member not inside those put in at their adjusted amounts. The total rolls up the same
// way over the top teams and every member.
import type { AdjustedFigures, AdjustmentFigure, ForecastFigures } from '@crmkit/core';
import { ADJUSTED_CATEGORIES as ADJUSTABLE, convertMinor } from '@crmkit/core';
import { conversion, type Rates } from '../board/money.js';
import type { Team } from './forecast.js';

/** The forecast's figures of one row, before adjustments. */
export type CategoryFigures = Omit<ForecastFigures, 'quota' | 'adjusted' | 'change'>;

/** An adjustment as the forecast reads it. */
export interface AdjustmentRow {
  id: string;
  version: number;
  owner_id: string | null;
  team_id: string | null;
  category: 'commit' | 'best_case' | 'pipeline';
  amount: string;
  currency: string;
  reason: string;
  adjusted_by: string | null;
  updated_at: Date | string;
}

type Adjustable = keyof typeof ADJUSTABLE;
const KEYS = Object.keys(ADJUSTABLE) as Adjustable[];

interface Own {
  figure: AdjustmentFigure;
  /** In minor units of the base currency; undefined when the currency has no rate (not applied). */
  base: bigint | undefined;
}

const unadjusted = (figures: CategoryFigures, key: Adjustable) => BigInt(figures[key].converted.sum);

export function adjust(input: {
  adjustments: AdjustmentRow[];
  rates: Rates;
  teams: Team[];
  ownersOf: (team: Team) => Set<string>;
  memberFigures: Map<string, CategoryFigures>;
  teamFigures: Map<string, CategoryFigures>;
}) {
  const { rates, teams, ownersOf, memberFigures, teamFigures } = input;
  const byMember = new Map<string, Map<Adjustable, Own>>();
  const byTeam = new Map<string, Map<Adjustable, Own>>();
  for (const row of input.adjustments) {
    const key = KEYS.find((k) => ADJUSTABLE[k] === row.category)!;
    const holder = row.owner_id ? byMember : byTeam;
    const id = (row.owner_id ?? row.team_id)!;
    let own = holder.get(id);
    if (!own) holder.set(id, (own = new Map()));
    const to = conversion(row.currency, rates);
    own.set(key, {
      figure: {
        id: row.id,
        version: Number(row.version),
        amount: row.amount,
        currency: row.currency,
        reason: row.reason,
        adjustedBy: row.adjusted_by,
        adjustedAt: new Date(row.updated_at).toISOString(),
        applied: to !== undefined,
      },
      base: to && convertMinor([{ units: BigInt(row.amount), ...to }]),
    });
  }
  const childrenOf = (parentId: string | null) => teams.filter((t) => t.parentId === parentId);
  const empty = { converted: { sum: '0' } } as CategoryFigures[Adjustable];
  const zero = { commit: empty, bestCase: empty, pipeline: empty } as unknown as CategoryFigures;

  /** Deals' amount, with the nearest adjusted teams below and the adjusted members outside them swapped in. */
  function rolledUp(key: Adjustable, figures: CategoryFigures, children: Team[], owners: Iterable<string>) {
    let amount = unadjusted(figures, key);
    const covered = new Set<string>();
    const visit = (below: Team[]) => {
      for (const team of below) {
        const own = byTeam.get(team.id)?.get(key);
        if (own?.base !== undefined) {
          amount += own.base - unadjusted(teamFigures.get(team.id) ?? zero, key);
          for (const owner of ownersOf(team)) covered.add(owner);
        } else visit(childrenOf(team.id));
      }
    };
    visit(children);
    for (const owner of new Set(owners)) {
      const own = byMember.get(owner)?.get(key);
      if (covered.has(owner) || own?.base === undefined) continue;
      amount += own.base - unadjusted(memberFigures.get(owner) ?? zero, key);
    }
    return amount;
  }

  const result = (own: Map<Adjustable, Own> | undefined, amount: (key: Adjustable) => bigint): AdjustedFigures =>
    Object.fromEntries(
      KEYS.map((key) => {
        const mine = own?.get(key);
        const value = mine?.base ?? amount(key);
        return [key, { amount: value.toString(), adjustment: mine?.figure ?? null }];
      }),
    ) as AdjustedFigures;

  return {
    /** Whether the member has an adjustment of their own (a row to show it on). */
    hasMember: (ownerId: string) => byMember.has(ownerId),
    member: (ownerId: string) =>
      result(byMember.get(ownerId), (key) => unadjusted(memberFigures.get(ownerId) ?? zero, key)),
    team: (team: Team) =>
      result(byTeam.get(team.id), (key) =>
        rolledUp(key, teamFigures.get(team.id) ?? zero, childrenOf(team.id), ownersOf(team)),
      ),
    /** Figures nobody adjusts (the deals without an owner). */
    none: (figures: CategoryFigures) => result(undefined, (key) => unadjusted(figures, key)),
    /** The total: the top teams shown and every member, rolled up. */
    total: (figures: CategoryFigures, tops: Team[]) =>
      result(undefined, (key) => rolledUp(key, figures, tops, memberFigures.keys())),
  };
}
