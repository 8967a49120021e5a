// Weekly snapshots of the forecast: a snapshot holds the forecast's figures as they were when it was
// taken (the forecast compared with it right away moves by zero everywhere), a change made after it
// shows as the movement on every row (exactly now minus then), a rep reads only their own lines,
// runs that overlap write one snapshot of a week, weeks start on the organization's first day of the
// week, and a change of that day neither takes a second snapshot in a week nor compares with one of
// this week.
import type { Forecast, ForecastFigures } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCrm } from '../src/app.js';
import { readInOrg } from '../src/db/database.js';
import { rows } from '../src/db/rows.js';
import { today } from '../src/forecast/forecast.js';
import { previousSnapshot, weekOf } from '../src/forecast/snapshots.js';
import { takeForecastSnapshots } from '../src/forecast/take-snapshots.js';
import { testDatabases } from './databases.js';
import { dealsOwnedBy } from './support/sales-fixture.js';
import { salesFixture } from './support/sales-fixture.js';

const DAY = 86_400_000;
type Row = Omit<ForecastFigures, 'quota'>;

/** What a row moved from `before` to `after`, as the API's rules say: won and omitted as deals, the rest adjusted. */
function moved(before: Row, after: Row) {
  const deals = (key: 'closed' | 'omitted') =>
    String(BigInt(after[key].converted.sum) - BigInt(before[key].converted.sum));
  const adjusted = (key: 'commit' | 'bestCase' | 'pipeline') =>
    String(BigInt(after.adjusted[key].amount) - BigInt(before.adjusted[key].amount));
  return {
    closed: deals('closed'),
    commit: adjusted('commit'),
    bestCase: adjusted('bestCase'),
    pipeline: adjusted('pipeline'),
    omitted: deals('omitted'),
  };
}

const still = { closed: '0', commit: '0', bestCase: '0', pipeline: '0', omitted: '0' };

/** Every row of a forecast by a key: the total, the deals without owner, each member and team. */
function rowsOf(forecast: Forecast): Map<string, Row> {
  return new Map<string, Row>([
    ['total', forecast.total],
    ['unowned', forecast.unowned],
    ...forecast.members.map((m) => [`member ${m.name}`, m] as [string, Row]),
    ...forecast.teams.map((t) => [`team ${t.name}`, t] as [string, Row]),
  ]);
}

describe.each(testDatabases())('forecast snapshots on $name', ({ get }) => {
  const fixture = salesFixture();
  const { orgs, send } = fixture;
  beforeAll(() => fixture.load(get()), 120_000);

  /** The organization's time zone and first day of the week, as stored. */
  const settingsOf = async (orgId: string) => {
    const [row] = await rows<{ time_zone: string; week_starts_on: number }>(
      get().db,
      sql`select time_zone, week_starts_on from crm.organizations where id = ${orgId}`,
    );
    return { timeZone: row!.time_zone, weekStartsOn: Number(row!.week_starts_on) };
  };

  /** Noon UTC of a day: the same calendar day in every time zone of the sample organizations. */
  const noonOf = (day: string) => new Date(`${day}T12:00:00Z`);

  /** Takes the organization's snapshots at `day`; answers how many it wrote and the weeks they are named for. */
  async function snapshotAt(orgId: string, day: string) {
    const at = noonOf(day);
    const { taken } = await takeForecastSnapshots(get().db, { now: at, orgId });
    const named = await rows<{ week: string }>(
      get().db,
      sql`select distinct to_char(week, 'YYYY-MM-DD') as week from crm.forecast_snapshots
          where org_id = ${orgId} and taken_at = ${at.toISOString()}::timestamptz`,
    );
    return { taken, weeks: named.map((r) => r.week) };
  }

  it('holds the figures as they were, and the forecast shows what moved since', async () => {
    const org = orgs[0]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const rep = org.members.find((m) => m.role === 'rep')!;
    const forecastOf = async (caller = admin, query = '') =>
      (await send(caller, 'GET', `/reports/forecast?period=year${query}`)) as Forecast;
    const { from: startsOn, to } = await forecastOf();
    // The first read of the week took this week's snapshot (no scheduler runs here).
    const [thisWeek] = await rows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from crm.forecast_snapshots s join crm.organizations o on o.id = s.org_id
          where s.org_id = ${org.id} and s.period = 'year' and s.starts_on = ${startsOn}::date
            and s.week = date_trunc('week', now() at time zone o.time_zone)::date`,
    );
    expect(thisWeek!.n).toBe(1);

    // A manager's call that the snapshot must keep: the rep's best case set by hand.
    const adjustment = (await send(
      admin,
      'POST',
      '/forecast-adjustments',
      {
        ownerId: rep.userId,
        period: 'year',
        startsOn,
        category: 'best_case',
        amount: 7_000_000,
        currency: org.base,
        reason: 'Two renewals expected',
      },
      201,
    )) as { id: string; version: number };

    const lastWeek = new Date(Date.now() - 7 * DAY);
    expect((await takeForecastSnapshots(get().db, { now: lastWeek })).taken).toBeGreaterThan(0);
    const { timeZone, weekStartsOn } = await settingsOf(org.id);
    const since = weekOf(today(timeZone, lastWeek), weekStartsOn);

    // Right after the snapshot, nothing moved: the snapshot holds the forecast's figures exactly.
    const before = await forecastOf();
    expect(before.members.some((m) => m.ownerId === rep.userId)).toBe(true);
    for (const [name, row] of rowsOf(before)) expect(row.change, name).toEqual({ since, ...still });
    // Its lines are the forecast's own figures, per currency (as the owner reads them, all of them).
    const lines = await rows<{ category: string; currency: string; count: number; sum: string }>(
      get().db,
      sql`select l.category::text as category, l.currency, sum(l.count)::int as count, sum(l.amount)::text as sum
          from crm.forecast_snapshot_lines l join crm.forecast_snapshots s on s.org_id = l.org_id and s.id = l.snapshot_id
          where s.org_id = ${org.id} and s.week = ${since}::date and s.period = 'year' and s.starts_on = ${startsOn}::date
            and l.kind = 'deals'
          group by 1, 2 order by 1, 2`,
    );
    const stored = {
      closed: 'closed',
      commit: 'commit',
      bestCase: 'best_case',
      pipeline: 'pipeline',
      omitted: 'omitted',
    };
    for (const [key, category] of Object.entries(stored)) {
      const figures = before.total[key as keyof typeof stored];
      expect(
        lines.filter((l) => l.category === category).map((l) => ({ currency: l.currency, count: l.count, sum: l.sum })),
        key,
      ).toEqual(figures.totals.map((t) => ({ currency: t.currency, count: t.count, sum: t.sum })));
    }

    // After the snapshot: one of the rep's open deals grows and becomes commit, and the adjustment changes.
    const open = (await dealsOwnedBy(get().db, org.id, rep.userId)).filter((d) => d.kind === 'open');
    const deal = (await send(rep, 'GET', `/opportunities/${open[0]!.id}`)) as { amount: number };
    await send(rep, 'PATCH', `/opportunities/${open[0]!.id}`, {
      amount: deal.amount + 4_200_000,
      forecastCategory: 'commit',
      expectedCloseDate: to,
    });
    await send(admin, 'PATCH', `/forecast-adjustments/${adjustment.id}`, {
      amount: 9_000_000,
      reason: 'A third renewal',
    });

    const after = await forecastOf();
    const earlier = rowsOf(before);
    for (const [name, row] of rowsOf(after)) {
      const then = earlier.get(name);
      if (then) expect(row.change, name).toEqual({ since, ...moved(then, row) });
    }
    const repRow = (f: Forecast) => f.members.find((m) => m.ownerId === rep.userId)!;
    expect(BigInt(repRow(after).change!.commit)).toBeGreaterThan(0n);
    expect(repRow(after).change!.bestCase).toBe(String(9_000_000 - 7_000_000));
    expect(after.total.change!.commit).toBe(repRow(after).change!.commit);

    // The rep's own forecast moves as their row in the admin's, and they read their own lines only.
    const own = await forecastOf(rep);
    expect(own.members.map((m) => m.ownerId)).toEqual([rep.userId]);
    expect(own.members[0]!.change).toEqual(repRow(after).change);
    expect(own.total.change).toEqual({ since, ...moved(repRow(before), repRow(after)) });
    const seen = await readInOrg(get().db, rep, (tx) =>
      rows<{ owner_id: string | null }>(tx, sql`select owner_id from crm.forecast_snapshot_lines`),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((l) => l.owner_id))).toEqual(new Set([rep.userId]));
    const [all] = await rows<{ n: number }>(
      get().db,
      sql`select count(distinct coalesce(owner_id::text, '')) ::int as n from crm.forecast_snapshot_lines where org_id = ${org.id}`,
    );
    expect(all!.n).toBeGreaterThan(1);

    // One pipeline's forecast has nothing to compare with: snapshots are of every pipeline together.
    const part = await forecastOf(admin, `&pipelineId=${open[0]!.pipeline_id}`);
    expect(part.total.change).toBeUndefined();
    // Nor has a period without an earlier snapshot.
    const nextYear = await forecastOf(admin, `&startsOn=${Number(startsOn.slice(0, 4)) + 5}${startsOn.slice(4)}`);
    expect(nextYear.total.change).toBeUndefined();
  }, 120_000);

  it("is taken by the kit's scheduled job", async () => {
    const org = orgs[1]!;
    const thisWeek = sql`org_id = ${org.id} and week = date_trunc('week', now() at time zone
      (select time_zone from crm.organizations where id = ${org.id}))::date`;
    await get().db.execute(sql`delete from crm.forecast_snapshots where ${thisWeek}`);
    const count = async () =>
      (
        await rows<{ n: number }>(
          get().db,
          sql`select count(*)::int as n from crm.forecast_snapshots where ${thisWeek}`,
        )
      )[0]!.n;
    expect(await count()).toBe(0);
    const timed = createCrm({ database: get(), identify: () => null, jobs: { reassignEveryMs: 1000 } });
    try {
      await expect.poll(count, { timeout: 10_000, interval: 200 }).toBeGreaterThanOrEqual(3);
    } finally {
      await timed.shutdown();
    }
  }, 60_000);

  it('writes one snapshot of a week when runs overlap', async () => {
    const at = new Date(Date.now() - 21 * DAY);
    const runs = await Promise.all([1, 2, 3].map(() => takeForecastSnapshots(get().db, { now: at })));
    const [headers] = await rows<{ n: number; orgs: number; weeks: number }>(
      get().db,
      sql`select count(*)::int as n, count(distinct org_id)::int as orgs, count(distinct week)::int as weeks
          from crm.forecast_snapshots where taken_at = ${at.toISOString()}::timestamptz`,
    );
    expect(headers!.orgs).toBe(orgs.length);
    expect(headers!.weeks).toBe(1);
    expect(runs.reduce((n, run) => n + run.taken, 0)).toBe(headers!.n);
    // Each (organization, period) once: month, quarter and year, and the next ones' where they start within two weeks.
    const [dupes] = await rows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from (select 1 from crm.forecast_snapshots where taken_at = ${at.toISOString()}::timestamptz
          group by org_id, period, starts_on having count(*) > 1) d`,
    );
    expect(dupes!.n).toBe(0);
    expect(headers!.n).toBeGreaterThanOrEqual(3 * orgs.length);
    // A later run of the same week writes nothing.
    expect((await takeForecastSnapshots(get().db, { now: new Date(at.getTime() + 1000) })).taken).toBe(0);
  }, 120_000);

  it("names and takes the weeks from the organization's first day of the week", async () => {
    const org = orgs[1]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const rep = org.members.find((m) => m.role === 'rep')!;
    // The setting: admins change it, a rep may not, and anything but a weekday number is a field error.
    expect(((await send(admin, 'GET', '/organization')) as { weekStartsOn: number }).weekStartsOn).toBe(1);
    for (const bad of [0, 8, 'mon', 1.5, null]) {
      const refused = (await send(admin, 'PATCH', '/organization', { weekStartsOn: bad }, 400)) as {
        errors: { path: string }[];
      };
      expect(
        refused.errors.map((e) => e.path),
        String(bad),
      ).toEqual(['weekStartsOn']);
    }
    await send(rep, 'PATCH', '/organization', { weekStartsOn: 7 }, 403);
    expect(((await send(admin, 'GET', '/organization')) as { weekStartsOn: number }).weekStartsOn).toBe(1);
    const changed = (await send(admin, 'PATCH', '/organization', { weekStartsOn: 7 })) as { weekStartsOn: number };
    expect(changed.weekStartsOn).toBe(7);
    expect(((await send(admin, 'GET', '/organization')) as { weekStartsOn: number }).weekStartsOn).toBe(7);

    // Weeks from Sunday: Saturday 7 June 2025 is in the week of Sunday 1 June; Sunday 8 June starts
    // the next week, which Monday 9 June is in (so that day takes nothing).
    expect(weekOf('2025-06-07', 7)).toBe('2025-06-01');
    expect(weekOf('2025-06-08', 7)).toBe('2025-06-08');
    expect(weekOf('2025-06-09', 7)).toBe('2025-06-08');
    const saturday = await snapshotAt(org.id, '2025-06-07');
    expect(saturday.taken).toBeGreaterThan(0);
    expect(saturday.weeks).toEqual(['2025-06-01']);
    const sunday = await snapshotAt(org.id, '2025-06-08');
    expect(sunday.taken).toBeGreaterThan(0);
    expect(sunday.weeks).toEqual(['2025-06-08']);
    expect(await snapshotAt(org.id, '2025-06-09')).toEqual({ taken: 0, weeks: [] });
    // In that week, "since last week" is Saturday's snapshot, named for its Sunday.
    const { timeZone } = await settingsOf(org.id);
    const lastOf = (week: string, period = 'year', startsOn = '2025-01-01') =>
      readInOrg(get().db, admin, (tx) => previousSnapshot(tx, org.id, period, startsOn, week, timeZone));
    expect((await lastOf('2025-06-08'))?.week).toBe('2025-06-01');

    // The forecast itself: `since` is the Sunday of the week the last snapshot was taken in. (The
    // first test took last week's snapshot by Mondays: gone, so that this one is taken by Sundays.)
    const lastWeek = new Date(Date.now() - 7 * DAY);
    await get().db.execute(
      sql`delete from crm.forecast_snapshots where org_id = ${org.id}
          and taken_at between ${new Date(lastWeek.getTime() - DAY).toISOString()}::timestamptz
            and ${new Date(lastWeek.getTime() + DAY).toISOString()}::timestamptz`,
    );
    expect((await takeForecastSnapshots(get().db, { now: lastWeek, orgId: org.id })).taken).toBeGreaterThan(0);
    const forecast = (await send(admin, 'GET', '/reports/forecast?period=year')) as Forecast;
    const since = weekOf(today(timeZone, lastWeek), 7);
    expect(new Date(`${since}T00:00:00Z`).getUTCDay()).toBe(0);
    expect(forecast.total.change?.since).toBe(since);
  }, 120_000);

  it('keeps the snapshots taken when the first day of the week changes, and takes no second one in a week', async () => {
    const org = orgs[1]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const { timeZone } = await settingsOf(org.id);
    const weekStart = (day: number) => send(admin, 'PATCH', '/organization', { weekStartsOn: day });
    const lastOf = (week: string, startsOn: string) =>
      readInOrg(get().db, admin, (tx) => previousSnapshot(tx, org.id, 'month', startsOn, week, timeZone));

    // Sunday to Monday. Taken on Tuesday 8 October 2024, in the week of Sunday the 6th.
    await weekStart(7);
    expect((await snapshotAt(org.id, '2024-10-08')).weeks).toEqual(['2024-10-06']);
    await weekStart(1);
    // On Wednesday the 9th the week is Monday the 7th's: Tuesday's snapshot is of this week, not
    // last week's (although named for the 6th), so there is nothing earlier to compare with, and
    // nothing more to take.
    expect(await lastOf(weekOf('2024-10-09', 1), '2024-10-01')).toBeUndefined();
    expect(await snapshotAt(org.id, '2024-10-09')).toEqual({ taken: 0, weeks: [] });
    // The next week takes its snapshot, named for its Monday, and compares with Tuesday's.
    const next = await snapshotAt(org.id, '2024-10-14');
    expect(next.taken).toBeGreaterThan(0);
    expect(next.weeks).toEqual(['2024-10-14']);
    expect((await lastOf(weekOf('2024-10-15', 1), '2024-10-01'))?.week).toBe('2024-10-06');

    // Monday to Sunday. Taken on Monday 4 November 2024, in its own week.
    expect((await snapshotAt(org.id, '2024-11-04')).weeks).toEqual(['2024-11-04']);
    await weekStart(7);
    // On Tuesday the 5th the week is Sunday the 3rd's, which Monday's snapshot is in: none more.
    expect(await snapshotAt(org.id, '2024-11-05')).toEqual({ taken: 0, weeks: [] });
    expect(await lastOf(weekOf('2024-11-05', 7), '2024-11-01')).toBeUndefined();
    // Sunday the 10th starts the next week, which compares with Monday's.
    expect((await snapshotAt(org.id, '2024-11-10')).weeks).toEqual(['2024-11-10']);
    expect((await lastOf(weekOf('2024-11-12', 7), '2024-11-01'))?.week).toBe('2024-11-04');

    // Never a snapshot of a period taken in the week of a later one, as that week was when it was taken.
    const [twice] = await rows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from crm.forecast_snapshots a join crm.forecast_snapshots b
            on b.org_id = a.org_id and b.period = a.period and b.starts_on = a.starts_on
            and a.taken_at < b.taken_at and a.taken_at >= (b.week::timestamp at time zone ${timeZone})
          where a.org_id = ${org.id} and b.taken_at < '2025-01-01'`,
    );
    expect(twice!.n).toBe(0);
    await weekStart(1);
  }, 120_000);
});
