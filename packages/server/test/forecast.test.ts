// The forecast and quotas, checked against SQL: seeds the sample organizations as the demo does, then
// compares every member's, team's and the total figures of GET /reports/forecast with sums computed here,
// as the database owner, straight from crm.opportunities and crm.stages, by the route's documented rules.
// Then a quota is set, a deal is won, another recategorized, one reopened, and the figures must still agree.
import type { Forecast, ForecastFigures } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';
import { figuresOf, type Member, type MoneyRow, type Org } from './support/figures.js';
import { dealsOwnedBy, salesFixture, stageOf, teamOwnersQuery } from './support/sales-fixture.js';

const CATEGORIES = ['closed', 'commit', 'bestCase', 'pipeline', 'omitted'] as const;

/** One deal as the rules see it. */
interface DealRow {
  owner_id: string | null;
  pipeline_id: string;
  team_id: string | null;
  kind: 'open' | 'won' | 'lost';
  category: string;
  closed_day: string | null;
  expected_close_date: string | null;
  currency: string;
  amount: string;
  weighted_cents: string;
}

/** The figures of the categories alone. */
const strip = (f: Omit<ForecastFigures, 'quota'>) => Object.fromEntries(CATEGORIES.map((c) => [c, f[c]]));

/** The route's rules, written out: which category a deal counts in for the period, if any. */
function categoryOf(deal: DealRow, from: string, to: string): (typeof CATEGORIES)[number] | undefined {
  const within = (day: string | null) => day !== null && day >= from && day <= to;
  if (deal.kind === 'won') return within(deal.closed_day) ? 'closed' : undefined;
  if (deal.kind !== 'open' || !within(deal.expected_close_date)) return undefined;
  if (deal.category === 'best_case') return 'bestCase';
  if (deal.category === 'closed') return 'pipeline';
  return deal.category as (typeof CATEGORIES)[number];
}

describe.each(testDatabases())('the forecast on $name', ({ get }) => {
  const fixture = salesFixture();
  const { orgs, callers, send } = fixture;

  /** The deals the caller may see (a rep their own), with what the rules need. */
  async function dealsOf(org: Org, caller: Member): Promise<DealRow[]> {
    return rows<DealRow>(
      get().db,
      sql`select o.owner_id, o.pipeline_id, u.team_id, s.kind, o.forecast_category::text as category,
            to_char(o.closed_at at time zone org.time_zone, 'YYYY-MM-DD') as closed_day,
            to_char(o.expected_close_date, 'YYYY-MM-DD') as expected_close_date, o.currency,
            o.amount::text as amount, (o.amount::numeric * coalesce(o.probability, s.probability))::text as weighted_cents
          from crm.opportunities o
          join crm.organizations org on org.id = o.org_id
          join crm.stages s on s.org_id = o.org_id and s.id = o.stage_id
          left join crm.users u on u.org_id = o.org_id and u.id = o.owner_id
          where o.org_id = ${org.id} and o.deleted_at is null
            ${caller.role === 'rep' ? sql`and o.owner_id = ${caller.userId}` : sql``}`,
    );
  }

  function expected(org: Org, deals: DealRow[], from: string, to: string): Omit<ForecastFigures, 'quota' | 'adjusted'> {
    const out = {} as Record<(typeof CATEGORIES)[number], ReturnType<typeof figuresOf>>;
    for (const category of CATEGORIES) {
      const money: MoneyRow[] = deals
        .filter((d) => categoryOf(d, from, to) === category)
        .map((d) => ({
          stage_id: '',
          currency: d.currency,
          deals: '1',
          amount: d.amount,
          weighted_cents: d.weighted_cents,
        }));
      out[category] = figuresOf(money, org);
    }
    return out;
  }

  /** Compares the caller's forecast of the year with the rules applied to the deals, member by member. */
  async function check(org: Org, caller: Member, year: string): Promise<Forecast> {
    const forecast = (await send(caller, 'GET', `/reports/forecast?period=year&startsOn=${year}-01-01`)) as Forecast;
    expect([forecast.from, forecast.to]).toEqual([`${year}-01-01`, `${year}-12-31`]);
    const deals = await dealsOf(org, caller);
    expect(strip(forecast.total), `the total for ${caller.email}`).toEqual(
      expected(org, deals, forecast.from, forecast.to),
    );
    expect(strip(forecast.unowned)).toEqual(
      expected(
        org,
        deals.filter((d) => d.owner_id === null),
        forecast.from,
        forecast.to,
      ),
    );
    for (const member of forecast.members) {
      const own = deals.filter((d) => d.owner_id === member.ownerId);
      expect(strip(member), `${member.name} for ${caller.email}`).toEqual(
        expected(org, own, forecast.from, forecast.to),
      );
    }
    // Every owner with a deal in the period is listed.
    const counted = new Set(
      deals.filter((d) => d.owner_id && categoryOf(d, forecast.from, forecast.to)).map((d) => d.owner_id),
    );
    expect(forecast.members.map((m) => m.ownerId).sort()).toEqual(expect.arrayContaining([...counted].sort()));
    for (const team of forecast.teams) {
      // The members of the team and of the teams under it, and those teams' managers.
      const owners = await rows<{ id: string }>(get().db, teamOwnersQuery(org.id, team.teamId));
      const ids = new Set(owners.map((o) => o.id));
      expect(strip(team), `team ${team.name} for ${caller.email}`).toEqual(
        expected(
          org,
          deals.filter((d) => d.owner_id !== null && ids.has(d.owner_id)),
          forecast.from,
          forecast.to,
        ),
      );
    }
    if (caller.role === 'admin') {
      const [count] = await rows<{ n: number }>(
        get().db,
        sql`select count(*)::int as n from crm.teams where org_id = ${org.id} and deleted_at is null`,
      );
      expect(forecast.teams).toHaveLength(count!.n);
    }
    if (caller.role === 'rep') {
      expect(forecast.members.every((m) => m.ownerId === caller.userId)).toBe(true);
      expect(forecast.teams).toEqual([]);
    }
    return forecast;
  }

  /** The year with the most deals won or expected to close in it: where the sample's figures are. */
  async function busiestYear(org: Org): Promise<string> {
    const [row] = await rows<{ year: string }>(
      get().db,
      sql`select to_char(coalesce(o.closed_at::date, o.expected_close_date), 'YYYY') as year from crm.opportunities o
          where o.org_id = ${org.id} and o.deleted_at is null and coalesce(o.closed_at::date, o.expected_close_date) is not null
          group by 1 order by count(*) desc, 1 desc limit 1`,
    );
    return row!.year;
  }

  beforeAll(() => fixture.load(get()), 120_000);

  it('agrees with SQL for every sample organization, as an admin and as each rep', async () => {
    for (const org of orgs) {
      const year = await busiestYear(org);
      const admin = org.members.find((m) => m.role === 'admin')!;
      const forecast = await check(org, admin, year);
      expect(forecast.total.closed.count + forecast.total.commit.count + forecast.total.pipeline.count).toBeGreaterThan(
        0,
      );
      for (const rep of org.members.filter((m) => m.role === 'rep')) await check(org, rep, year);
      // One pipeline's part: the same rules over that pipeline's deals.
      const deals = await dealsOf(org, admin);
      for (const pipelineId of new Set(deals.map((d) => d.pipeline_id))) {
        const part = (await send(
          admin,
          'GET',
          `/reports/forecast?period=year&startsOn=${year}-01-01&pipelineId=${pipelineId}`,
        )) as Forecast;
        expect(strip(part.total)).toEqual(
          expected(
            org,
            deals.filter((d) => d.pipeline_id === pipelineId),
            part.from,
            part.to,
          ),
        );
      }
    }
  }, 120_000);

  it('follows quotas, wins, new categories and reopened deals', async () => {
    const org = orgs[0]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const rep = org.members.find((m) => m.role === 'rep')!;
    const year = String(new Date().getUTCFullYear());

    // The sample gives every seller a quota for the year; the admin changes the rep's to another
    // currency than the base when the organization has one.
    const currency = Object.keys(org.rates)[0] ?? org.base;
    const listed = (await send(admin, 'GET', `/quotas?ownerId=${rep.userId}&period=year&startsOn=${year}-01-01`)) as {
      items: { id: string; version: number }[];
    };
    expect(listed.items).toHaveLength(1);
    const quota = listed.items[0]!;
    await send(admin, 'PATCH', `/quotas/${quota.id}`, { amount: 5_000_000, currency });
    // One quota per member and period: a second is refused, naming the fields.
    const duplicate = (await send(
      admin,
      'POST',
      '/quotas',
      { ownerId: rep.userId, period: 'year', startsOn: `${year}-01-01`, amount: 1, currency },
      409,
    )) as { errors: { path: string }[] };
    expect(duplicate.errors.map((e) => e.path)).toEqual(['ownerId', 'period', 'startsOn']);
    // A rep cannot set quotas, not even their own; a period must start where it starts.
    await send(
      rep,
      'POST',
      '/quotas',
      { ownerId: rep.userId, period: 'year', startsOn: `${year}-01-01`, amount: 1, currency },
      403,
    );
    const misaligned = (await send(
      admin,
      'POST',
      '/quotas',
      {
        ownerId: rep.userId,
        period: 'quarter',
        startsOn: `${year}-02-01`,
        amount: 1,
        currency,
      },
      400,
    )) as { errors: { path: string }[] };
    expect(misaligned.errors.map((e) => e.path)).toEqual(['startsOn']);

    let forecast = await check(org, rep, year);
    const own = () => forecast.members.find((m) => m.ownerId === rep.userId)!;
    const rate = currency === org.base ? 1 : org.rates[currency]!;
    const digits = (c: string) =>
      new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions().maximumFractionDigits!;
    const inBase = Math.round(5_000_000 * rate * 10 ** (digits(org.base) - digits(currency)));
    expect(own().quota).toEqual({ currency: org.base, amount: String(inBase), missingRates: [] });

    // The rep's open deals: one is won today, one becomes commit, and a won one is reopened.
    const deals = await dealsOwnedBy(get().db, org.id, rep.userId);
    const open = deals.filter((d) => d.kind === 'open');
    const winning = open[0]!;
    const wonBefore = own().closed.count;
    await send(rep, 'POST', `/opportunities/${winning.id}/move`, {
      stageId: await stageOf(get().db, winning.pipeline_id, 'won'),
    });
    forecast = await check(org, rep, year);
    expect(own().closed.count).toBe(wonBefore + 1);

    const recategorized = open[1]!;
    await send(rep, 'PATCH', `/opportunities/${recategorized.id}`, {
      forecastCategory: 'commit',
      expectedCloseDate: `${year}-12-30`,
    });
    forecast = await check(org, rep, year);

    // Taken back out of the won stage, the deal is forecast as pipeline again (not as closed).
    await send(rep, 'POST', `/opportunities/${winning.id}/move`, {
      stageId: await stageOf(get().db, winning.pipeline_id, 'open'),
    });
    const [reopened] = await rows<{ forecast_category: string }>(
      get().db,
      sql`select forecast_category from crm.opportunities where id = ${winning.id}`,
    );
    expect(reopened!.forecast_category).toBe('pipeline');
    forecast = await check(org, rep, year);
    expect(own().closed.count).toBe(wonBefore);

    // The admin sees the rep's quota; removing it removes it from the forecast.
    forecast = await check(org, admin, year);
    expect(own().quota?.amount).toBe(String(inBase));
    await send(admin, 'DELETE', `/quotas/${quota.id}`);
    forecast = await check(org, admin, year);
    expect(forecast.members.find((m) => m.ownerId === rep.userId)?.quota ?? null).toBeNull();
  }, 120_000);

  it("takes managers' adjustments: a member's or a team's amount replaced, rolled up through the teams, with who and why", async () => {
    const org = orgs[1] ?? orgs[0]!;
    const admin = org.members.find((m) => m.role === 'admin')!;
    const [team] = await rows<{ id: string; manager_id: string }>(
      get().db,
      sql`select t.id, t.manager_id from crm.teams t
          where t.org_id = ${org.id} and t.deleted_at is null and t.manager_id is not null
            and exists (select 1 from crm.users u where u.team_id = t.id and u.role = 'rep')
          order by t.name limit 1`,
    );
    const manager: Member = { orgId: org.id, userId: team!.manager_id, role: 'manager', email: 'manager' };
    callers.set(manager.userId, manager);
    const [repRow] = await rows<{ id: string }>(
      get().db,
      sql`select id from crm.users where team_id = ${team!.id} and role = 'rep' order by name limit 1`,
    );
    const rep = callers.get(repRow!.id)!;
    const year = await busiestYear(org);
    const startsOn = `${year}-01-01`;
    const read = async (caller: Member, query = '') =>
      (await send(caller, 'GET', `/reports/forecast?period=year&startsOn=${startsOn}${query}`)) as Forecast;
    const memberOf = (f: Forecast, id: string) => f.members.find((m) => m.ownerId === id)!;
    const teamOf = (f: Forecast, id: string) => f.teams.find((t) => t.teamId === id)!;
    const sum = (figures: Omit<ForecastFigures, 'quota'>, key: 'commit' | 'bestCase' | 'pipeline') =>
      BigInt(figures[key].converted.sum);

    // Before any adjustment, the adjusted amounts are the deals' amounts.
    const before = await read(manager);
    for (const row of [...before.members, ...before.teams, before.total, before.unowned])
      for (const key of ['commit', 'bestCase', 'pipeline'] as const) {
        expect(row.adjusted[key]).toEqual({ amount: row[key].converted.sum, adjustment: null });
      }
    // A manager adjusts their team's members and the teams they manage, never themselves; a rep nothing.
    expect(memberOf(before, rep.userId).mayAdjust).toBe(true);
    expect(before.members.find((m) => m.ownerId === manager.userId)?.mayAdjust ?? false).toBe(false);
    expect(teamOf(before, team!.id).mayAdjust).toBe(true);
    expect((await read(rep)).members.every((m) => !m.mayAdjust)).toBe(true);

    const body = {
      ownerId: rep.userId,
      period: 'year',
      startsOn,
      category: 'commit',
      amount: 4_200_000,
      currency: org.base,
      reason: 'Two deals slip to next year',
    };
    await send(rep, 'POST', '/forecast-adjustments', body, 403);
    const refused = async (change: Record<string, unknown>, path: string, caller = manager) => {
      const problem = (await send(caller, 'POST', '/forecast-adjustments', { ...body, ...change }, 400)) as {
        errors: { path: string }[];
      };
      expect(problem.errors.map((e) => e.path)).toContain(path);
    };
    await refused({ ownerId: manager.userId }, 'ownerId');
    await refused({ reason: '  ' }, 'reason');
    await refused({ category: 'closed' }, 'category');
    await refused({ startsOn: `${year}-03-01` }, 'startsOn');
    const created = (await send(manager, 'POST', '/forecast-adjustments', body, 201)) as {
      id: string;
      adjustedBy: string;
    };
    expect(created.adjustedBy).toBe(manager.userId);
    await send(manager, 'POST', '/forecast-adjustments', body, 409);

    // The rep's commit is the manager's amount; the team and the total take it in place of the rep's deals.
    const minor = 4_200_000n;
    const check1 = async (caller: Member) => {
      const f = await read(caller);
      const own = memberOf(f, rep.userId);
      expect(own.adjusted.commit.amount).toBe(String(minor));
      expect(own.adjusted.commit.adjustment).toMatchObject({
        id: created.id,
        reason: body.reason,
        adjustedBy: manager.userId,
        applied: true,
      });
      expect(own.adjusted.bestCase).toEqual({ amount: own.bestCase.converted.sum, adjustment: null });
      const delta = minor - sum(own, 'commit');
      if (caller.role !== 'rep') {
        const t = teamOf(f, team!.id);
        expect(t.adjusted.commit).toEqual({ amount: String(sum(t, 'commit') + delta), adjustment: null });
      }
      expect(f.total.adjusted.commit.amount).toBe(String(sum(f.total, 'commit') + delta));
      return f;
    };
    await check1(manager);
    await check1(admin);
    await check1(rep);

    // A new amount needs its reason; the history keeps both, with who set them.
    const patch = (change: Record<string, unknown>, status: number) =>
      send(manager, 'PATCH', `/forecast-adjustments/${created.id}`, change, status);
    const missing = (await patch({ amount: 5_000_000 }, 400)) as { errors: { path: string; code: string }[] };
    expect(missing.errors.map((e) => [e.path, e.code])).toEqual([['reason', 'required']]);
    await patch({ amount: 5_000_000, reason: 'One slipped deal came back' }, 200);
    // The same reason, sent again with a new amount, is kept (as a form that shows it sends it).
    const kept = (await patch({ amount: 5_100_000, reason: 'One slipped deal came back' }, 200)) as {
      amount: number;
      reason: string;
    };
    expect(kept).toMatchObject({ amount: 5_100_000, reason: 'One slipped deal came back' });
    const history = (await send(manager, 'GET', `/forecast-adjustments/${created.id}/history`)) as {
      items: { actorId: string | null; action: string }[];
    };
    expect(history.items.map((e) => [e.action, e.actorId])).toEqual([
      ['update', manager.userId],
      ['update', manager.userId],
      ['create', manager.userId],
    ]);

    // The admin adjusts the whole team: the team's amount replaces its members' (adjusted or not).
    const teamAdjustment = (await send(
      admin,
      'POST',
      '/forecast-adjustments',
      { ...body, ownerId: null, teamId: team!.id, amount: 9_000_000, reason: 'The team commits to more' },
      201,
    )) as { id: string };
    let f = await read(admin);
    expect(teamOf(f, team!.id).adjusted.commit.amount).toBe('9000000');
    expect(f.total.adjusted.commit.amount).toBe(
      String(sum(f.total, 'commit') - sum(teamOf(f, team!.id), 'commit') + 9_000_000n),
    );
    // Under a new parent team, the parent takes the adjusted team's amount.
    const parent = (await send(admin, 'POST', '/teams', { name: 'Region' }, 201)) as { id: string };
    await send(admin, 'PATCH', `/teams/${team!.id}`, { parentId: parent.id }, 200);
    f = await read(admin);
    const parentRow = teamOf(f, parent.id);
    expect(parentRow.adjusted.commit.amount).toBe(
      String(sum(parentRow, 'commit') - sum(teamOf(f, team!.id), 'commit') + 9_000_000n),
    );
    expect(f.total.adjusted.commit.amount).toBe(
      String(sum(f.total, 'commit') - sum(teamOf(f, team!.id), 'commit') + 9_000_000n),
    );
    // One pipeline's forecast is not what the managers adjusted: no adjustments there.
    const onePipeline = await read(admin, `&pipelineId=${org.pipelines[0]!.id}`);
    expect(memberOf(onePipeline, rep.userId)?.adjusted.commit.adjustment ?? null).toBeNull();
    expect(onePipeline.teams.every((t) => !t.mayAdjust)).toBe(true);

    // Removed, the amounts are the deals' again.
    await send(admin, 'DELETE', `/forecast-adjustments/${teamAdjustment.id}`);
    await send(manager, 'DELETE', `/forecast-adjustments/${created.id}`);
    f = await read(admin);
    expect(f.total.adjusted.commit.amount).toBe(f.total.commit.converted.sum);
  }, 120_000);
});
