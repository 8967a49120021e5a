// Weekly snapshots of the forecast, write side. Once a week per organization, the forecast of
// every month, quarter and year that overlaps this week or the next is written down as it stands,
// for everyone (not as any member sees it): deals per owner, category and currency, and the
// managers' adjustments. The header's unique key (organization, period, week) makes it once:
// a run that finds it taken writes nothing, and of two runs at once the second waits for the
// first to commit, then writes nothing. The scheduler, `crmkit jobs run-once` and the first
// forecast read of a week all call it.
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { orgReportContext } from '../board/context.js';
import { inOrg, type Db, type Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { forecastSnapshotLines } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { periodDays, periodInputs, periodStart, today } from './forecast.js';
import { addDays, storedCategory, weekOf } from './snapshots.js';

/** The system acting for an organization, seeing all of it, as the other jobs do. */
const systemCaller = (orgId: string): Caller => ({ orgId, userId: null, role: 'admin', via: 'api-key' });

const KINDS = ['month', 'quarter', 'year'] as const;

/**
 * The periods a week's snapshot covers: those that hold any day of the week or of the next, so a
 * period that starts next week has a snapshot to compare with in its first week.
 */
export function snapshotPeriods(week: string, fiscalYearStartMonth: number) {
  const seen = new Map<string, { period: (typeof KINDS)[number]; startsOn: string }>();
  for (let day = 0; day < 14; day++) {
    for (const period of KINDS) {
      const startsOn = periodStart(period, addDays(week, day), fiscalYearStartMonth);
      seen.set(`${period}:${startsOn}`, { period, startsOn });
    }
  }
  return [...seen.values()];
}

/** Takes the organization's snapshots of the week that holds `now`; how many periods it wrote. */
async function snapshotOrg(tx: Tx, orgId: string, now: Date): Promise<number> {
  const caller = systemCaller(orgId);
  const org = await orgReportContext(tx, caller);
  const week = weekOf(today(org.timeZone, now));
  let taken = 0;
  for (const { period, startsOn } of snapshotPeriods(week, org.fiscalYearStartMonth)) {
    const [header] = await rows<{ id: string }>(
      tx,
      sql`insert into crm.forecast_snapshots (org_id, id, week, period, starts_on, taken_at)
          values (${orgId}, ${uuidv7()}, ${week}::date, ${period}, ${startsOn}::date, ${now.toISOString()}::timestamptz)
          on conflict do nothing returning id`,
    );
    if (!header) continue;
    const { from, to } = periodDays(period, startsOn);
    const scope = { period, from, to, timeZone: org.timeZone, visible: org.visible };
    const inputs = await periodInputs(tx, caller, scope, org.closedSummaries);
    const lines = [
      ...inputs.deals.map((deal) => ({
        kind: 'deals',
        ownerId: deal.owner_id,
        teamId: null,
        category: storedCategory(deal.category),
        currency: deal.currency,
        count: Number(deal.count),
        amount: deal.sum,
        weighted: deal.weighted_cents,
      })),
      ...inputs.adjustments.map((a) => ({
        kind: 'adjustment',
        ownerId: a.owner_id,
        teamId: a.team_id,
        category: a.category,
        currency: a.currency,
        count: 0,
        amount: a.amount,
        weighted: '0',
      })),
    ];
    if (lines.length) {
      await tx.insert(forecastSnapshotLines).values(
        lines.map((line, i) => ({
          ...line,
          orgId,
          snapshotId: header.id,
          line: i + 1,
          category: line.category as (typeof forecastSnapshotLines.$inferInsert)['category'],
        })),
      );
    }
    taken++;
  }
  return taken;
}

/** Takes this week's snapshots of one organization, if not yet taken. */
export const takeOrgSnapshots = (db: Db, orgId: string, now = new Date()): Promise<number> =>
  inOrg(db, { orgId, role: 'admin' }, (tx) => snapshotOrg(tx, orgId, now));

export interface SnapshotOptions {
  /** The time taken as now (tests; a host catching up); default the clock's. */
  now?: Date;
  /** Only this organization's; default every organization's. */
  orgId?: string;
}

/**
 * Takes this week's snapshots of every organization, each in its own transaction. Safe from any
 * number of processes at once (see the module's comment).
 */
export async function takeForecastSnapshots(db: Db, options: SnapshotOptions = {}): Promise<{ taken: number }> {
  const now = options.now ?? new Date();
  const only = options.orgId ? sql`and o.id = ${options.orgId}` : sql``;
  // The organizations without a snapshot of their week yet (one query when all have one), read
  // as the tables' owner, whose provisioning policy sees every organization.
  const orgs = await rows<{ id: string }>(
    db,
    sql`select o.id::text as id from crm.organizations o
        where not exists (select 1 from crm.forecast_snapshots s where s.org_id = o.id
          and s.week = date_trunc('week', ${now.toISOString()}::timestamptz at time zone o.time_zone)::date)
          ${only}
        order by o.id`,
  );
  let taken = 0;
  for (const org of orgs) taken += await takeOrgSnapshots(db, org.id, now);
  return { taken };
}

const checked = new WeakMap<Db, Map<string, string>>();

/**
 * Makes sure the organization has this week's snapshots before a forecast is read (a database
 * without a scheduler, e.g. PGlite in a browser, gets them this way). A process looks once an
 * hour per organization at most, so reads cost nothing extra after the first.
 */
export async function ensureWeekSnapshots(db: Db, orgId: string): Promise<void> {
  const hour = new Date().toISOString().slice(0, 13);
  let orgs = checked.get(db);
  if (!orgs) checked.set(db, (orgs = new Map()));
  if (orgs.get(orgId) === hour) return;
  await takeOrgSnapshots(db, orgId);
  orgs.set(orgId, hour);
}
