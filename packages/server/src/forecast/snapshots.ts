// Weekly snapshots of the forecast, read side: which week a day is in, and the last snapshot of a
// period before a week, as inputs the forecast adds up the same way as the live ones. Taking them
// is in take-snapshots.ts.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import type { AdjustmentRow } from './adjustments.js';
import type { Category, DealTotal, PeriodInputs } from './forecast.js';

const DAY_MS = 86_400_000;

/** A YYYY-MM-DD day moved by `days`. */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The first day of the week that holds a YYYY-MM-DD day, for weeks that start on `weekStartsOn`
 * (the organization's setting, an ISO weekday: 1 = Monday … 7 = Sunday).
 */
export function weekOf(day: string, weekStartsOn: number): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7; // ISO: Monday 1 … Sunday 7
  return addDays(day, -((weekday - weekStartsOn + 7) % 7));
}

/**
 * The moment a week (named by its first day) begins in a time zone, as SQL. Snapshots are
 * placed in weeks by when they were taken, not by the week they were named for: after the
 * organization changes its first day of the week, a snapshot named for an old-style week still
 * falls in exactly one new-style week.
 */
export const weekBegins = (week: string, timeZone: string, plusDays = 0) =>
  sql`((${week}::date + ${plusDays}::int)::timestamp at time zone ${timeZone})`;

/** The stored forecast category of each of the forecast's categories, and back. */
const STORED: Record<Category, string> = {
  closed: 'closed',
  commit: 'commit',
  bestCase: 'best_case',
  pipeline: 'pipeline',
  omitted: 'omitted',
};
export const storedCategory = (category: Category): string => STORED[category];
const forecastCategory = (stored: string) => (Object.keys(STORED) as Category[]).find((key) => STORED[key] === stored)!;

interface LineRow {
  week: string;
  taken_at: string;
  kind: 'deals' | 'adjustment' | null;
  owner_id: string | null;
  team_id: string | null;
  category: string;
  currency: string;
  count: number;
  amount: string;
  weighted: string;
}

/**
 * The latest snapshot of the period taken before `week` began (in the organization's time zone),
 * as the forecast's inputs (the lines the caller may see: row-level security applies), or
 * undefined when there is none. By when it was taken, so that no change of the first day of the
 * week can make a snapshot of this week count as last week's.
 */
export async function previousSnapshot(
  tx: Tx,
  orgId: string,
  period: string,
  startsOn: string,
  week: string,
  timeZone: string,
): Promise<{ week: string; inputs: PeriodInputs } | undefined> {
  const lines = await rows<LineRow>(
    tx,
    sql`with s as (
          select id, week, taken_at from crm.forecast_snapshots
          where org_id = ${orgId} and period = ${period} and starts_on = ${startsOn}::date
            and taken_at < ${weekBegins(week, timeZone)}
          order by taken_at desc, week desc limit 1)
        select to_char(s.week, 'YYYY-MM-DD') as week, s.taken_at, l.kind, l.owner_id, l.team_id,
          l.category::text as category, l.currency, l.count, l.amount::text as amount, l.weighted::text as weighted
        from s left join crm.forecast_snapshot_lines l on l.org_id = ${orgId} and l.snapshot_id = s.id
        order by l.line`,
  );
  if (!lines.length) return undefined;
  const deals: DealTotal[] = [];
  const adjustments: AdjustmentRow[] = [];
  for (const line of lines) {
    if (line.kind === 'deals') {
      deals.push({
        owner_id: line.owner_id,
        category: forecastCategory(line.category),
        currency: line.currency,
        count: String(line.count),
        sum: line.amount,
        weighted_cents: line.weighted,
      });
    } else if (line.kind === 'adjustment') {
      // Only the amount counts in what the forecast was; the adjustment's record may have changed since.
      adjustments.push({
        id: '',
        version: 0,
        owner_id: line.owner_id,
        team_id: line.team_id,
        category: line.category as AdjustmentRow['category'],
        amount: line.amount,
        currency: line.currency,
        reason: '',
        adjusted_by: null,
        updated_at: line.taken_at,
      });
    }
  }
  return { week: lines[0]!.week, inputs: { deals, adjustments } };
}
