// The sales performance report (GET /reports/performance and its CSV), checked against SQL: seeds the
// sample organizations as the demo does, then compares every member's, team's and the total figures with
// counts and sums computed here, as the database owner, straight from crm.opportunities, crm.activities
// and crm.quotas by the route's documented rules. Then deals are won, lost, moved back, re-priced, a rate
// and a quota change, and the figures must still agree. A small organization of its own checks what the
// sample cannot show: quotas of months, the currency filter, roles, tenants and bad parameters.
import type { MemberPerformance, PerformanceFigures, PerformanceReport } from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member as KitMember, type TestKit } from './kit.js';
import { figuresOf, type Member, type MoneyRow, type Org } from './support/figures.js';
import { dealsOwnedBy, salesFixture, stageOf, teamOwnersQuery } from './support/sales-fixture.js';

interface Period {
  from: string;
  to: string;
}

type Expected = Omit<PerformanceFigures, 'quota' | 'attainment'> & {
  quota?: PerformanceFigures['quota'];
  attainment?: number | null;
};

/** Round half up of a non-negative a / b, as the report rounds an average. */
const average = (sum: bigint, count: bigint) => ((2n * sum + count) / (2n * count)).toString();

/** The quota period that is exactly this period, if it is one (the sample's quotas are of quarters and years). */
function quotaPeriodOf({ from, to }: Period): 'year' | 'quarter' | null {
  const [year, month] = from.split('-').map(Number) as [number, number];
  if (from === `${year}-01-01` && to === `${year}-12-31`) return 'year';
  const last = new Date(Date.UTC(year, month + 2, 0)).toISOString().slice(0, 10);
  return from.endsWith('-01') && (month - 1) % 3 === 0 && to === last ? 'quarter' : null;
}

describe.each(testDatabases())('the performance report on $name', ({ get }) => {
  const fixture = salesFixture();
  const { orgs, send } = fixture;
  const managers = new Map<string, Member[]>();

  /** The owners the caller may see, as a condition on an owner column (true: everyone). */
  function visibleTo(caller: Member, owner: SQL): SQL {
    if (caller.role === 'rep') return sql`${owner} = ${caller.userId}`;
    if (caller.role !== 'manager') return sql`true`;
    return sql`(${owner} is null or ${owner} = ${caller.userId} or ${owner} in (
      with recursive managed as (
        select id from crm.teams where manager_id = ${caller.userId} and deleted_at is null
        union select t.id from crm.teams t join managed m on t.parent_id = m.id where t.deleted_at is null)
      select u.id from crm.users u where u.team_id in (select id from managed)))`;
  }

  /** The figures of the deals and activities of some owners in a period, from the base tables. */
  async function expected(org: Org, owners: SQL, period: Period, currency?: string): Promise<Expected> {
    const db = get().db;
    const [org_] = await rows<{ time_zone: string }>(
      db,
      sql`select time_zone from crm.organizations where id = ${org.id}`,
    );
    const tz = org_!.time_zone;
    const closed = sql`(o.closed_at at time zone ${tz})::date between ${period.from}::date and ${period.to}::date`;
    const dealWhere = sql`o.org_id = ${org.id} and o.deleted_at is null and ${closed}
      and ${currency ? sql`o.currency = ${currency}` : sql`true`} and ${owners}`;
    const money = await rows<MoneyRow>(
      db,
      sql`select '' as stage_id, o.currency, count(*)::text as deals, sum(o.amount)::text as amount,
            (sum(o.amount) * 100)::text as weighted_cents
          from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          where ${dealWhere} and s.kind = 'won' group by o.currency`,
    );
    const [deals] = await rows<{ won: number; lost: number; win_rate: number | null; cycle: number | null }>(
      db,
      sql`select count(*) filter (where s.kind = 'won')::int as won, count(*) filter (where s.kind = 'lost')::int as lost,
            (count(*) filter (where s.kind = 'won'))::float8 / nullif(count(*), 0) as win_rate,
            (sum((o.closed_at at time zone ${tz})::date - (o.created_at at time zone ${tz})::date)
              filter (where s.kind = 'won'))::float8 / nullif(count(*) filter (where s.kind = 'won'), 0) as cycle
          from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          where ${dealWhere} and s.kind in ('won', 'lost')`,
    );
    const activities = await rows<{ type: string; n: number }>(
      db,
      sql`select o.type::text as type, count(*)::int as n from crm.activities o
          where o.org_id = ${org.id} and o.deleted_at is null and ${owners}
            and ((case when o.type = 'task' then o.done_at else o.occurred_at end) at time zone ${tz})::date
              between ${period.from}::date and ${period.to}::date
          group by 1`,
    );
    const f = figuresOf(money, currency ? { ...org, base: currency, rates: {} } : org);
    const count = (type: string) => activities.find((a) => a.type === type)?.n ?? 0;
    const convertedDeals = f.totals
      .filter((t) => !f.converted.missingRates.includes(t.currency))
      .reduce((n, t) => n + t.count, 0);
    return {
      won: {
        totals: f.totals.map(({ weighted: _, ...t }) => t),
        converted: { currency: f.converted.currency, sum: f.converted.sum, missingRates: f.converted.missingRates },
      },
      wonDeals: deals!.won,
      lostDeals: deals!.lost,
      winRate: deals!.win_rate === null ? null : Number(deals!.win_rate),
      averageDealSize: convertedDeals ? average(BigInt(f.converted.sum), BigInt(convertedDeals)) : null,
      salesCycleDays: deals!.cycle === null ? null : Number(deals!.cycle),
      activities: {
        total: activities.reduce((n, a) => n + a.n, 0),
        call: count('call'),
        email: count('email'),
        meeting: count('meeting'),
        note: count('note'),
        task: count('task'),
      },
    };
  }

  /** A holder's quota for a period that is a year or a quarter, and the attainment of `won` against it. */
  async function withQuota(org: Org, holder: SQL, period: Period, figures: Expected): Promise<Expected> {
    const kind = quotaPeriodOf(period);
    const quotas = kind
      ? await rows<MoneyRow>(
          get().db,
          sql`select '' as stage_id, currency, count(*)::text as deals, sum(amount)::text as amount, '0' as weighted_cents
              from crm.quotas where org_id = ${org.id} and deleted_at is null and ${holder}
                and period = ${kind} and starts_on = ${period.from}::date
              group by currency`,
        )
      : [];
    if (!quotas.length) return { ...figures, quota: null, attainment: null };
    const q = figuresOf(quotas, org).converted;
    const quota = { currency: q.currency, amount: q.sum, missingRates: q.missingRates };
    const attainable = quota.amount !== '0' && !quota.missingRates.length && !figures.won.converted.missingRates.length;
    return {
      ...figures,
      quota,
      attainment: attainable ? Number(figures.won.converted.sum) / Number(quota.amount) : null,
    };
  }

  /** A row's figures of the period alone, without who it is or the comparison. */
  const IDENTITY = ['rank', 'ownerId', 'name', 'teamId', 'parentId', 'managerId', 'comparison', 'growth'];
  const strip = (row: object) => Object.fromEntries(Object.entries(row).filter(([key]) => !IDENTITY.includes(key)));

  /** Compares the caller's report for a period (and its comparison) with SQL, row by row. */
  async function check(org: Org, caller: Member, period: Period, compared?: Period): Promise<PerformanceReport> {
    const query = `from=${period.from}&to=${period.to}${compared ? `&compareFrom=${compared.from}&compareTo=${compared.to}` : ''}`;
    const report = (await send(caller, 'GET', `/reports/performance?${query}`)) as PerformanceReport;
    const who = `${org.slug} as ${caller.email}`;
    expect([report.from, report.to, report.currency]).toEqual([period.from, period.to, org.base]);
    const visible = visibleTo(caller, sql`o.owner_id`);
    const periods = compared ? [period, compared] : [period];

    // Every member the caller may see with something in either period is on the leaderboard, and only they.
    const listed = await rows<{ id: string }>(
      get().db,
      sql`select u.id from crm.users u where u.org_id = ${org.id} and ${visibleTo(caller, sql`u.id`)} and (
            exists (select 1 from crm.opportunities o join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
                    where o.org_id = u.org_id and o.owner_id = u.id and o.deleted_at is null and s.kind <> 'open'
                      and (${sql.join(
                        periods.map(
                          (p) =>
                            sql`(o.closed_at at time zone (select time_zone from crm.organizations where id = u.org_id))::date between ${p.from}::date and ${p.to}::date`,
                        ),
                        sql` or `,
                      )}))
            or exists (select 1 from crm.activities o where o.org_id = u.org_id and o.owner_id = u.id and o.deleted_at is null
                    and (${sql.join(
                      periods.map(
                        (p) =>
                          sql`((case when o.type = 'task' then o.done_at else o.occurred_at end) at time zone (select time_zone from crm.organizations where id = u.org_id))::date between ${p.from}::date and ${p.to}::date`,
                      ),
                      sql` or `,
                    )}))
            or exists (select 1 from crm.quotas q where q.org_id = u.org_id and q.owner_id = u.id and q.deleted_at is null
                    and (${sql.join(
                      periods.map((p) => sql`(q.period::text = ${quotaPeriodOf(p)} and q.starts_on = ${p.from}::date)`),
                      sql` or `,
                    )})))`,
    );
    expect(report.members.map((m) => m.ownerId).sort(), `${who}: the members`).toEqual(listed.map((r) => r.id).sort());

    for (const member of report.members) {
      const owner = sql`o.owner_id = ${member.ownerId}`;
      const holder = sql`owner_id = ${member.ownerId}`;
      const now = await withQuota(org, holder, period, await expected(org, owner, period));
      expect(strip(member), `${who}: ${member.name}`).toEqual(now);
      if (compared) {
        const then = await withQuota(org, holder, compared, await expected(org, owner, compared));
        expect(member.comparison, `${who}: ${member.name} compared`).toEqual(then);
        expect(member.growth, `${who}: ${member.name} growth`).toEqual(growthOf(now, then));
      }
    }
    // The leaderboard: by won amount, then won deals, most first.
    const order = [...report.members].sort(
      (a, b) =>
        Number(BigInt(b.won.converted.sum) - BigInt(a.won.converted.sum)) ||
        b.wonDeals - a.wonDeals ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
        (a.ownerId < b.ownerId ? -1 : 1),
    );
    expect(report.members.map((m) => m.ownerId)).toEqual(order.map((m) => m.ownerId));
    expect(report.members.map((m) => m.rank)).toEqual(report.members.map((_, i) => i + 1));

    // Teams: the members of the team and of the teams under it, and those teams' managers.
    const teams = await rows<{ id: string }>(
      get().db,
      caller.role === 'rep'
        ? sql`select null::uuid as id where false`
        : sql`with recursive shown as (
                select id from crm.teams where org_id = ${org.id} and deleted_at is null
                  and ${caller.role === 'manager' ? sql`manager_id = ${caller.userId}` : sql`true`}
                union select t.id from crm.teams t join shown on t.parent_id = shown.id where t.deleted_at is null)
              select id from shown`,
    );
    expect(report.teams.map((t) => t.teamId).sort(), `${who}: the teams`).toEqual(teams.map((t) => t.id).sort());
    for (const team of report.teams) {
      const owners = sql`${visible} and o.owner_id in (${teamOwnersQuery(org.id, team.teamId)})`;
      const holder = sql`team_id = ${team.teamId}`;
      const now = await withQuota(org, holder, period, await expected(org, owners, period));
      expect(strip(team), `${who}: team ${team.name}`).toEqual(now);
      if (compared) {
        const then = await withQuota(org, holder, compared, await expected(org, owners, compared));
        expect(team.comparison, `${who}: team ${team.name} compared`).toEqual(then);
      }
    }

    // The total: every deal and activity the caller may see; the unowned: those without an owner.
    for (const [name, owners] of [
      ['total', visible],
      ['unowned', sql`${visible} and o.owner_id is null`],
    ] as const) {
      const row = report[name];
      const now = await expected(org, owners, period);
      expect(strip(row), `${who}: ${name}`).toEqual(now);
      if (compared) {
        const then = await expected(org, owners, compared);
        expect(row.comparison, `${who}: ${name} compared`).toEqual(then);
        expect(row.growth, `${who}: ${name} growth`).toEqual(growthOf(now, then));
      } else {
        expect([row.comparison, row.growth]).toEqual([null, null]);
      }
    }
    return report;
  }

  function growthOf(now: Expected, then: Expected) {
    const rel = (a: string | number | null, b: string | number | null) =>
      a === null || b === null || Number(b) === 0 ? null : Number(BigInt(a) - BigInt(b)) / Number(b);
    return {
      wonAmount: rel(now.won.converted.sum, then.won.converted.sum),
      wonDeals: rel(now.wonDeals, then.wonDeals),
      averageDealSize: rel(now.averageDealSize, then.averageDealSize),
      activities: rel(now.activities.total, then.activities.total),
      winRate: now.winRate === null || then.winRate === null ? null : now.winRate - then.winRate,
    };
  }

  const year = String(new Date().getUTCFullYear());
  const thisYear = { from: `${year}-01-01`, to: `${year}-12-31` };
  const lastYear = { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` };

  beforeAll(
    () =>
      fixture.load(get(), async (org) => {
        const found = await rows<{ id: string; email: string }>(
          get().db,
          sql`select id, email from crm.users where org_id = ${org.id} and role = 'manager' and deleted_at is null and active
              and exists (select 1 from crm.teams t where t.manager_id = crm.users.id) order by email`,
        );
        const list = found.map((m) => ({ orgId: org.id, userId: m.id, role: 'manager' as const, email: m.email }));
        managers.set(org.id, list);
        return list;
      }),
    120_000,
  );

  const everyone = (org: Org) => [...org.members, ...(managers.get(org.id) ?? [])];

  it('answers figures that agree with SQL for every sample organization and member, against last year', async () => {
    for (const org of orgs) {
      expect(managers.get(org.id)!.length).toBeGreaterThan(0);
      for (const caller of everyone(org)) {
        const report = await check(org, caller, thisYear, lastYear);
        if (caller.role === 'rep') expect(report.members.map((m) => m.ownerId)).toEqual([caller.userId]);
      }
      const admin = org.members.find((m) => m.role === 'admin')!;
      const report = await check(org, admin, thisYear, lastYear);
      // The sample has won deals and quotas this year: the figures are not all empty.
      expect(report.total.wonDeals).toBeGreaterThan(0);
      expect(report.members.some((m) => m.quota !== null && m.attainment !== null)).toBe(true);
    }
  }, 240_000);

  it("takes the quarter that holds today by default, with the quarter's quotas", async () => {
    for (const org of orgs) {
      const admin = org.members.find((m) => m.role === 'admin')!;
      const report = (await send(admin, 'GET', '/reports/performance')) as PerformanceReport;
      expect(quotaPeriodOf(report)).toBe('quarter');
      expect(report.from <= new Date().toISOString().slice(0, 10)).toBe(true);
      await check(org, admin, { from: report.from, to: report.to });
    }
  }, 120_000);

  it('follows deals won, lost, moved back and re-priced, a rate and a quota changed', async () => {
    for (const org of orgs) {
      const admin = org.members.find((m) => m.role === 'admin')!;
      const rep = org.members.find((m) => m.role === 'rep')!;
      const deals = await dealsOwnedBy(get().db, org.id, rep.userId);
      const open = deals.filter((d) => d.kind === 'open');
      const mine = (report: PerformanceReport) => report.members.find((m) => m.ownerId === rep.userId)!;
      let report = await check(org, admin, thisYear, lastYear);
      const before = mine(report) ?? ({ wonDeals: 0, lostDeals: 0 } as MemberPerformance);

      // Won today, and another lost today.
      const [winning, losing] = open;
      await send(rep, 'POST', `/opportunities/${winning!.id}/move`, {
        stageId: await stageOf(get().db, winning!.pipeline_id, 'won'),
      });
      await send(rep, 'POST', `/opportunities/${losing!.id}/move`, {
        stageId: await stageOf(get().db, losing!.pipeline_id, 'lost'),
        lostReason: 'Price',
      });
      report = await check(org, admin, thisYear, lastYear);
      expect(mine(report).wonDeals).toBe(before.wonDeals + 1);
      expect(mine(report).lostDeals).toBe(before.lostDeals + 1);
      await check(org, rep, thisYear, lastYear);

      // The won deal's amount edited: the won sum follows.
      const sumBefore = BigInt(mine(report).won.converted.sum);
      await send(rep, 'PATCH', `/opportunities/${winning!.id}`, { amount: 123_456_789 });
      report = await check(org, admin, thisYear, lastYear);
      expect(BigInt(mine(report).won.converted.sum)).not.toBe(sumBefore);

      // Moved back to an open stage: no longer won, nor lost.
      await send(rep, 'POST', `/opportunities/${winning!.id}/move`, {
        stageId: await stageOf(get().db, winning!.pipeline_id, 'open'),
      });
      await send(rep, 'POST', `/opportunities/${losing!.id}/move`, {
        stageId: await stageOf(get().db, losing!.pipeline_id, 'open'),
      });
      report = await check(org, admin, thisYear, lastYear);
      expect([mine(report).wonDeals, mine(report).lostDeals]).toEqual([before.wonDeals, before.lostDeals]);

      // A deal won in another currency, then that currency's rate changed: the converted sums follow.
      const other = org.base === 'USD' ? 'EUR' : 'USD';
      await send(admin, 'PATCH', '/organization', { exchangeRates: { ...org.rates, [other]: 1.25 } });
      org.rates = { ...org.rates, [other]: 1.25 };
      await send(rep, 'PATCH', `/opportunities/${winning!.id}`, { amount: 10_001, currency: other });
      await send(rep, 'POST', `/opportunities/${winning!.id}/move`, {
        stageId: await stageOf(get().db, winning!.pipeline_id, 'won'),
      });
      report = await check(org, admin, thisYear, lastYear);
      const atFirstRate = BigInt(mine(report).won.converted.sum);
      await send(admin, 'PATCH', '/organization', { exchangeRates: { ...org.rates, [other]: 0.875 } });
      org.rates = { ...org.rates, [other]: 0.875 };
      report = await check(org, admin, thisYear, lastYear);
      expect(mine(report).won.totals.map((t) => t.currency)).toContain(other);
      expect(BigInt(mine(report).won.converted.sum)).toBeLessThan(atFirstRate);

      // The rep's year quota changed, then removed: attainment follows, then is gone.
      const [quota] = await rows<{ id: string }>(
        get().db,
        sql`select id from crm.quotas where org_id = ${org.id} and owner_id = ${rep.userId} and period = 'year'
              and starts_on = ${thisYear.from}::date and deleted_at is null`,
      );
      expect(quota).toBeDefined();
      await send(admin, 'PATCH', `/quotas/${quota!.id}`, { amount: 7_777_700, currency: org.base });
      report = await check(org, admin, thisYear, lastYear);
      expect(mine(report).quota?.amount).toBe('7777700');
      await send(admin, 'DELETE', `/quotas/${quota!.id}`);
      report = await check(org, admin, thisYear, lastYear);
      expect([mine(report).quota, mine(report).attainment]).toEqual([null, null]);
      for (const manager of managers.get(org.id)!) await check(org, manager, thisYear, lastYear);
    }
  }, 240_000);

  it('exports the same figures as CSV', async () => {
    const org = orgs[0]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const query = `from=${thisYear.from}&to=${thisYear.to}&compareFrom=${lastYear.from}&compareTo=${lastYear.to}`;
    const report = (await send(admin, 'GET', `/reports/performance?${query}`)) as PerformanceReport;
    const res = await fixture.app.request(`/api/crm/reports/performance.csv?${query}`, {
      headers: { 'x-test-user': admin.userId },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A UTF-8 byte-order mark first, so spreadsheets read the file as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const lines = parsed.data;
    expect(lines.map((l) => l.row)).toEqual([
      ...report.members.map(() => 'member'),
      ...report.teams.map(() => 'team'),
      'unowned',
      'total',
    ]);
    const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    report.members.forEach((m, i) => {
      const line = lines[i]!;
      expect(line).toMatchObject({
        rank: String(m.rank),
        ownerId: m.ownerId,
        name: m.name,
        currency: report.currency,
        wonAmount: m.won.converted.sum,
        wonDeals: String(m.wonDeals),
        lostDeals: String(m.lostDeals),
        winRate: cell(m.winRate),
        averageDealSize: cell(m.averageDealSize),
        salesCycleDays: cell(m.salesCycleDays),
        activities: String(m.activities.total),
        tasksDone: String(m.activities.task),
        quota: cell(m.quota?.amount),
        attainment: cell(m.attainment),
        compareWonAmount: m.comparison!.won.converted.sum,
        compareWonDeals: String(m.comparison!.wonDeals),
        growthWonAmount: cell(m.growth!.wonAmount),
        winRateChange: cell(m.growth!.winRate),
      });
      expect(Number(line.winRate || 'NaN')).toEqual(m.winRate ?? NaN);
    });
    expect(lines.at(-1)).toMatchObject({
      wonAmount: report.total.won.converted.sum,
      activities: String(report.total.activities.total),
    });
  });
});

/**
 * A small organization of its own, for what the sample cannot show: quotas by the month, the currency
 * and pipeline filters, a manager's and a rep's view, another tenant, and bad parameters.
 */
describe.each(testDatabases())('the performance report in a small organization on $name', ({ get }) => {
  let kit: TestKit;
  let admin: KitMember;
  let rep: KitMember;
  let rep2: KitMember;
  let manager: KitMember;
  let teamId: string;
  let pipelineId: string;
  let otherPipelineId: string;
  const stage: Record<string, string> = {};
  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const created = async (who: KitMember, path: string, body: Json) => {
    const res = await send(who, 'POST', path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const report = async (who: KitMember, query: string) => {
    const res = await send(who, 'GET', `/reports/performance?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as unknown as PerformanceReport;
  };
  const Q1 = 'from=2025-01-01&to=2025-03-31';

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep, rep2, manager } = kit.acme.users);
    const team = await created(admin, '/teams', { name: 'North', managerId: manager.userId });
    teamId = String(team.id);
    await send(admin, 'PATCH', `/users/${rep.userId}`, { teamId });
    const pipeline = await created(admin, '/pipelines', {
      name: 'Sales',
      stages: [
        { name: 'Open', probability: 20 },
        { name: 'Won', probability: 100, kind: 'won' },
        { name: 'Lost', probability: 0, kind: 'lost' },
      ],
    });
    pipelineId = String(pipeline.id);
    for (const s of pipeline.stages as Json[]) stage[String(s.name)] = String(s.id);
    const otherPipeline = await created(admin, '/pipelines', {
      name: 'Other',
      stages: [
        { name: 'Open', probability: 20 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    otherPipelineId = String(otherPipeline.id);
    const customer = await created(rep, '/customers', { name: 'Small Co', kind: 'company' });
    const deal = async (
      owner: KitMember,
      stageName: string,
      amount: number,
      currency: string,
      created_: string,
      closed: string,
      pipe = pipelineId,
    ) => {
      const stageId = pipe === pipelineId ? stage[stageName] : String((otherPipeline.stages as Json[])[1]!.id);
      const body = await created(admin, '/opportunities', {
        name: `${stageName} ${amount}`,
        customerId: customer.id,
        pipelineId: pipe,
        stageId,
        amount,
        currency,
        ownerId: owner.userId,
        ...(stageName === 'Lost' ? { lostReason: 'Price' } : {}),
      });
      await get().db.execute(
        sql`update crm.opportunities set created_at = ${created_}::timestamptz, closed_at = ${closed}::timestamptz where id = ${String(body.id)}`,
      );
    };
    // Q1 2025: the rep wins 1,000.00 USD (10 days) and 500.00 EUR (4 days), loses one; rep2 wins 300.00 USD.
    await deal(rep, 'Won', 100_000, 'USD', '2025-01-01T10:00:00Z', '2025-01-11T10:00:00Z');
    await deal(rep, 'Won', 50_000, 'EUR', '2025-02-01T10:00:00Z', '2025-02-05T10:00:00Z');
    await deal(rep, 'Lost', 70_000, 'USD', '2025-02-01T10:00:00Z', '2025-03-31T23:00:00Z');
    await deal(rep2, 'Won', 30_000, 'USD', '2025-03-01T10:00:00Z', '2025-03-02T10:00:00Z');
    await deal(rep2, 'Won', 99_900, 'USD', '2025-03-01T10:00:00Z', '2025-03-03T10:00:00Z', otherPipelineId);
    // Q4 2024: the rep won 500.00 USD.
    await deal(rep, 'Won', 50_000, 'USD', '2024-10-01T10:00:00Z', '2024-11-01T10:00:00Z');
    // Activities: two calls and a done task of the rep in Q1, an open task (never counts), a call in Q4.
    const activity = async (owner: KitMember, type: string, occurredAt: string, doneAt?: string) => {
      const body = await created(owner, '/activities', { type, subject: type, customerId: customer.id, occurredAt });
      if (doneAt)
        await get().db.execute(
          sql`update crm.activities set done_at = ${doneAt}::timestamptz where id = ${String(body.id)}`,
        );
    };
    await activity(rep, 'call', '2025-01-05T10:00:00Z');
    await activity(rep, 'call', '2025-03-05T10:00:00Z');
    await activity(rep, 'task', '2024-12-20T10:00:00Z', '2025-01-02T10:00:00Z');
    await activity(rep, 'task', '2025-01-20T10:00:00Z');
    await activity(rep, 'call', '2024-11-05T10:00:00Z');
    // Quotas: the rep's three months of Q1 (1,000.00 USD each), rep2's January only.
    for (const month of ['01', '02', '03'])
      await created(admin, '/quotas', {
        ownerId: rep.userId,
        period: 'month',
        startsOn: `2025-${month}-01`,
        amount: 100_000,
        currency: 'USD',
      });
    await created(admin, '/quotas', {
      ownerId: rep2.userId,
      period: 'month',
      startsOn: '2025-01-01',
      amount: 100_000,
      currency: 'USD',
    });
    await created(admin, '/quotas', {
      teamId,
      period: 'quarter',
      startsOn: '2025-01-01',
      amount: 200_000,
      currency: 'EUR',
    });
  });

  it('adds up whole months of quotas, converts, ranks and compares', async () => {
    const body = await report(admin, `${Q1}&compareFrom=2024-10-01&compareTo=2024-12-31`);
    expect(body.members.map((m) => [m.rank, m.ownerId])).toEqual([
      [1, rep.userId],
      [2, rep2.userId],
    ]);
    const mine = body.members[0]!;
    // 1,000.00 USD + 500.00 EUR at 1.1 = 1,550.00 USD over 2 deals; (10 + 4) / 2 days.
    expect(mine).toMatchObject({
      won: { converted: { sum: '155000', missingRates: [] } },
      wonDeals: 2,
      lostDeals: 1,
      winRate: 2 / 3,
      averageDealSize: '77500',
      salesCycleDays: 7,
      activities: { total: 3, call: 2, task: 1, email: 0 },
      quota: { amount: '300000', currency: 'USD', missingRates: [] },
      attainment: 155_000 / 300_000,
      comparison: { wonDeals: 1, won: { converted: { sum: '50000' } }, activities: { total: 1 }, quota: null },
      growth: { wonAmount: (155_000 - 50_000) / 50_000, wonDeals: 1, activities: 2, winRate: 2 / 3 - 1 },
    });
    // rep2's January quota does not cover the quarter; both pipelines count without a filter.
    expect(body.members[1]).toMatchObject({
      wonDeals: 2,
      quota: null,
      attainment: null,
      won: { converted: { sum: '129900' } },
    });
    // The team: the rep and its manager; its own quota of 2,000.00 EUR = 2,200.00 USD.
    expect(body.teams).toEqual([
      expect.objectContaining({
        teamId,
        managerId: manager.userId,
        wonDeals: 2,
        quota: { currency: 'USD', amount: '220000', missingRates: [] },
      }),
    ]);
    expect(body.total).toMatchObject({ wonDeals: 4, lostDeals: 1, won: { converted: { sum: '284900' } } });
    expect(body.total).not.toHaveProperty('quota');
    // A single month of the rep: its month quota.
    const january = await report(admin, 'from=2025-01-01&to=2025-01-31');
    expect(january.members.find((m) => m.ownerId === rep.userId)).toMatchObject({
      quota: { amount: '100000' },
      wonDeals: 1,
    });
    // A period that is not whole months has no quota.
    const part = await report(admin, 'from=2025-01-01&to=2025-02-15');
    expect(part.members.find((m) => m.ownerId === rep.userId)!.quota).toBeNull();
  });

  it('narrows to a pipeline, a currency, a team or a member', async () => {
    const sales = await report(admin, `${Q1}&pipelineId=${pipelineId}`);
    expect(sales.members.find((m) => m.ownerId === rep2.userId)).toMatchObject({
      wonDeals: 1,
      won: { converted: { sum: '30000' } },
    });
    const euros = await report(admin, `${Q1}&currency=EUR`);
    expect(euros.currency).toBe('EUR');
    expect(euros.total).toMatchObject({
      wonDeals: 1,
      lostDeals: 0,
      won: { converted: { currency: 'EUR', sum: '50000' } },
    });
    // The rep's USD quotas have no rate into EUR: no attainment.
    expect(euros.members.find((m) => m.ownerId === rep.userId)).toMatchObject({
      quota: { currency: 'EUR', amount: '0', missingRates: ['USD'] },
      attainment: null,
    });
    const team = await report(admin, `${Q1}&teamId=${teamId}`);
    expect(team.members.map((m) => m.ownerId)).toEqual([rep.userId]);
    expect(team.teams.map((t) => t.teamId)).toEqual([teamId]);
    expect(team.total.wonDeals).toBe(2);
    const one = await report(admin, `${Q1}&ownerId=${rep2.userId}`);
    expect(one.members.map((m) => m.ownerId)).toEqual([rep2.userId]);
    expect(one.teams).toEqual([]);
    expect(one.total.wonDeals).toBe(2);
  });

  it("shows a rep their own figures, a manager their team's, and never another tenant's", async () => {
    const mine = await report(rep2, Q1);
    expect(mine.members.map((m) => m.ownerId)).toEqual([rep2.userId]);
    expect(mine.teams).toEqual([]);
    expect(mine.total).toMatchObject({ wonDeals: 2, lostDeals: 0, activities: { total: 0 } });
    const managed = await report(manager, Q1);
    expect(managed.members.map((m) => m.ownerId)).toEqual([rep.userId]);
    expect(managed.teams.map((t) => t.teamId)).toEqual([teamId]);
    expect(managed.total.wonDeals).toBe(2);
    const other = await report(kit.globex.users.admin, Q1);
    expect(other.members).toEqual([]);
    expect(other.total).toMatchObject({
      wonDeals: 0,
      lostDeals: 0,
      winRate: null,
      averageDealSize: null,
      activities: { total: 0 },
    });
    // Naming another tenant's member or team finds nothing.
    const named = await report(kit.globex.users.admin, `${Q1}&ownerId=${rep.userId}&teamId=${teamId}`);
    expect([named.members, named.teams, named.total.wonDeals]).toEqual([[], [], 0]);
  });

  it('refuses bad parameters field by field', async () => {
    const cases: [string, [string, string][]][] = [
      ['from=2025-13-01&to=2025-01-01', [['from', 'invalid_format']]],
      ['from=2025-01-01', [['to', 'required']]],
      ['to=2025-01-01', [['from', 'required']]],
      ['from=2025-02-01&to=2025-01-01', [['to', 'invalid_value']]],
      ['compareFrom=2024-01-01&from=2025-01-01&to=2025-01-31', [['compareTo', 'required']]],
      [
        'currency=usd&ownerId=me&pipelineId=1',
        [
          ['currency', 'invalid_format'],
          ['ownerId', 'invalid_format'],
          ['pipelineId', 'invalid_format'],
        ],
      ],
      ['format=csv', [['format', 'unknown_field']]],
    ];
    for (const [query, errors] of cases) {
      for (const path of ['/reports/performance', '/reports/performance.csv']) {
        const res = await send(admin, 'GET', `${path}?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.res.headers.get('content-type'), query).toMatch(/^application\/problem\+json/);
        expect(
          (res.body.errors as { path: string; code: string }[]).map((e) => [e.path, e.code]).sort(),
          `${path}?${query}`,
        ).toEqual(errors);
      }
    }
  });
});
