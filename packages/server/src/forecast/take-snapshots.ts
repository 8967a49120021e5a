// Weekly snapshots of the forecast, write side. Once a week per organization (its weeks start on
// its `weekStartsOn`, in its time zone), the forecast of every month, quarter and year that
// overlaps this week or the next is written down as it stands, for everyone (not as any member
// sees it): deals per owner, category and currency, and the managers' adjustments. A period gets
// no second snapshot taken within one week, and the header's unique key (organization, period,
// week) makes that hold for runs at once: of two, the second waits for the first to commit, then
// writes nothing. The scheduler, `crmkit jobs run-once` and the first forecast read of a week all
// call it.
//
// When an admin changes the first day of the week, snapshots already taken stay as they are,
// named by the week they were taken in as it was then; the next one is taken for the week as now
// defined, unless one was already taken within that week.
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { orgReportContext } from '../board/context.js';
import { inOrg, type Db, type Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { forecastSnapshotLines } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { periodDays, periodInputs, periodStart, today } from './forecast.js';
import { addDays, storedCategory, weekBegins, weekOf } from './snapshots.js';

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
  // Holds the settings still until this run commits: a change of the first day of the week
  // waits, so a run at the same time cannot place a second snapshot in the week the first named.
  await tx.execute(sql`select 1 from crm.organizations where id = ${orgId} for share`);
  const org = await orgReportContext(tx, caller);
  const week = weekOf(today(org.timeZone, now), org.weekStartsOn);
  let taken = 0;
  for (const { period, startsOn } of snapshotPeriods(week, org.fiscalYearStartMonth)) {
    // Not when one was taken within this week already (named for another week, before the first
    // day of the week changed).
    const [header] = await rows<{ id: string }>(
      tx,
      sql`insert into crm.forecast_snapshots (org_id, id, week, period, starts_on, taken_at)
          select ${orgId}::uuid, ${uuidv7()}::uuid, ${week}::date, ${period}::crm.forecast_period, ${startsOn}::date,
            ${now.toISOString()}::timestamptz
          where not exists (select 1 from crm.forecast_snapshots
            where org_id = ${orgId} and period = ${period} and starts_on = ${startsOn}::date
              and taken_at >= ${weekBegins(week, org.timeZone)} and taken_at < ${weekBegins(week, org.timeZone, 7)})
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
  // The organizations without a snapshot taken in their week yet (one query when all have one),
  // read as the tables' owner, whose provisioning policy sees every organization. Its week as
  // weekOf() finds it: back from today to the organization's first day of the week.
  const orgs = await rows<{ id: string }>(
    db,
    sql`select o.id::text as id from crm.organizations o
        cross join lateral (select (${now.toISOString()}::timestamptz at time zone o.time_zone)::date as day) d
        cross join lateral (select d.day - (extract(isodow from d.day)::int - o.week_starts_on + 7) % 7 as starts) w
        where not exists (select 1 from crm.forecast_snapshots s where s.org_id = o.id
          and s.taken_at >= (w.starts::timestamp at time zone o.time_zone)
          and s.taken_at < ((w.starts + 7)::timestamp at time zone o.time_zone))
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
