import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

/**
 * The market report (`GET /reports/campaigns`): each campaign's leads and what became of them, its deals
 * and what they won, counted as the caller may see them.
 */
describe.each(testDatabases())('the campaign report on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let rep: Member;
  let rep2: Member;
  let fair: string;
  let ads: string;
  let pipelineId: string;
  const stage: Record<string, string> = {};
  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const created = async (who: Member, path: string, body: Json) => {
    const res = await send(who, 'POST', path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const row = (body: Json, campaignId: string | null) =>
    (body.campaigns as Json[]).find((c) => c.campaignId === campaignId)!;

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep, rep2 } = kit.acme.users);
    fair = String(
      (
        await created(admin, '/campaigns', {
          name: 'Trade fair',
          channel: 'event',
          budgetAmount: 500_000,
          budgetCurrency: 'USD',
        })
      ).id,
    );
    ads = String((await created(admin, '/campaigns', { name: 'Search ads', channel: 'paid_search' })).id);
    const pipeline = await created(admin, '/pipelines', {
      name: 'Sales',
      stages: [
        { name: 'Discovery', probability: 20 },
        { name: 'Won', probability: 100, kind: 'won' },
        { name: 'Lost', probability: 0, kind: 'lost' },
      ],
    });
    pipelineId = String(pipeline.id);
    for (const s of pipeline.stages as Json[]) stage[String(s.name)] = String(s.id);

    // The fair: three of the rep's leads (one converted with a deal, one disqualified) and one of rep2's.
    const converted = await created(rep, '/leads', { name: 'Ann Lee', company: 'Lee Trading', campaignId: fair });
    const conversion = await send(rep, 'POST', `/leads/${String(converted.id)}/convert`, {
      opportunity: { pipelineId, stageId: stage.Discovery, amount: 100_000, currency: 'USD' },
    });
    expect(conversion.status).toBe(201);
    await created(rep, '/leads', {
      name: 'Bo Chen',
      campaignId: fair,
      status: 'disqualified',
      disqualifiedReason: 'No budget',
    });
    await created(rep, '/leads', { name: 'Cy Diaz', campaignId: fair });
    await created(rep2, '/leads', { name: 'Di Ng', campaignId: fair });
    // The ads: one lead, and deals won (USD and EUR) and lost; a deal of no campaign.
    await created(rep, '/leads', { name: 'Ed Fox', campaignId: ads });
    const customer = await created(rep, '/customers', { name: 'Fox Retail', kind: 'company' });
    const deal = (name: string, stageName: string, amount: number, currency = 'USD', campaignId: string | null = ads) =>
      created(rep, '/opportunities', {
        name,
        customerId: customer.id,
        pipelineId,
        stageId: stage[stageName],
        amount,
        currency,
        campaignId,
        ...(stageName === 'Lost' ? { lostReason: 'Price' } : {}),
      });
    await deal('Won in dollars', 'Won', 250_000);
    await deal('Won in euros', 'Won', 100_000, 'EUR');
    await deal('Lost one', 'Lost', 90_000);
    await deal('No campaign', 'Discovery', 40_000, 'USD', null);
  });

  it("counts each campaign's leads, conversions and deals, with won and open amounts in the base currency", async () => {
    const res = await send(admin, 'GET', '/reports/campaigns');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.currency).toBe('USD');
    expect((res.body.campaigns as Json[]).map((c) => c.name)).toEqual(['Search ads', 'Trade fair', null]);
    expect(row(res.body, fair)).toMatchObject({
      channel: 'event',
      budget: { amount: 500_000, currency: 'USD' },
      leads: 4,
      convertedLeads: 1,
      disqualifiedLeads: 1,
      deals: 1,
      openDeals: 1,
      wonDeals: 0,
      // The converted lead's deal, weighted by its stage's 20%.
      open: { converted: { currency: 'USD', sum: '100000', weighted: '20000', missingRates: [] } },
    });
    expect(row(res.body, ads)).toMatchObject({
      leads: 1,
      deals: 3,
      wonDeals: 2,
      lostDeals: 1,
      openDeals: 0,
      // 2,500.00 USD + 1,000.00 EUR at 1.1.
      won: {
        totals: [
          { currency: 'EUR', count: 1, sum: '100000' },
          { currency: 'USD', count: 1, sum: '250000' },
        ],
        converted: { sum: '360000', missingRates: [] },
      },
    });
    expect(row(res.body, null)).toMatchObject({ leads: 0, deals: 1, openDeals: 1 });
  });

  it('counts only what a rep may see: their own leads and deals', async () => {
    const mine = await send(rep, 'GET', '/reports/campaigns');
    expect(row(mine.body, fair)).toMatchObject({ leads: 3, convertedLeads: 1 });
    const theirs = await send(rep2, 'GET', '/reports/campaigns');
    expect(row(theirs.body, fair)).toMatchObject({ leads: 1, convertedLeads: 0, deals: 0 });
    expect(row(theirs.body, ads)).toMatchObject({ leads: 0, deals: 0 });
  });

  it('counts by the day a lead or deal was created, within the period', async () => {
    await get().db.execute(
      sql`update crm.leads set created_at = '2025-01-15T12:00:00Z' where org_id = ${kit.acme.id} and name = 'Di Ng'`,
    );
    const january = await send(admin, 'GET', '/reports/campaigns?from=2025-01-01&to=2025-01-31');
    expect(row(january.body, fair)).toMatchObject({ leads: 1, deals: 0 });
    expect(january.body).toMatchObject({ from: '2025-01-01', to: '2025-01-31' });
    const since = await send(admin, 'GET', '/reports/campaigns?from=2025-02-01');
    expect(row(since.body, fair)).toMatchObject({ leads: 3, deals: 1 });
  });

  it("never counts another organization's leads, and refuses bad days by name", async () => {
    const other = await send(kit.globex.users.admin, 'GET', '/reports/campaigns');
    expect(other.status).toBe(200);
    expect((other.body.campaigns as Json[]).map((c) => c.campaignId)).toEqual([null]);
    expect(row(other.body, null)).toMatchObject({ leads: 0, deals: 0 });
    const bad = await send(admin, 'GET', '/reports/campaigns?from=yesterday&pipeline=x');
    expect(bad.status).toBe(400);
    expect((bad.body.errors as Json[]).map((e) => e.path).sort()).toEqual(['from', 'pipeline']);
  });
});
