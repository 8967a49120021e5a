// Every list's sorts and filters are served by an index, for an admin, a rep and a manager, as
// the kit's role under row-level security: the plans of the queries `listRecords` runs, on an
// organization large enough (20,000 rows per list) that the planner would rather scan than use
// an index it could not use well. A regression fails here, not in a benchmark nobody runs.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBoard } from '../src/board/board.js';
import { inOrg, type Tx } from '../src/db/database.js';
import { rows } from '../src/db/rows.js';
import type { Caller } from '../src/http/env.js';
import { forecastReport } from '../src/forecast/forecast.js';
import { listRecords } from '../src/resources/crud.js';
import { CANDIDATE_CAP, COMMON_ESTIMATE } from '../src/resources/search.js';
import { contactResource, customerResource } from '../src/resources/customers.js';
import type { Resource } from '../src/resources/resource.js';
import { leadResource, opportunityResource } from '../src/resources/sales.js';
import { activityResource, caseResource, orderResource } from '../src/resources/service.js';
import { testDatabases } from './databases.js';
import { explaining, observing } from './support/plans.js';
import { createTestKit, type TestOrg } from './kit.js';

const ROWS = 20_000;

/** A sequential scan of one of the large tables (the lists' own, or a parent read through a policy). */
const LARGE_SCAN = /Seq Scan on (customers|contacts|leads|opportunities|activities|orders|cases)\b/;

/** Fills `org` with ROWS rows per list, spread over 27 owners, 1% of them in the trash. */
async function fill(tx: Tx, org: TestOrg, pipelineId: string, stageIds: string[]) {
  const o = sql`${org.id}::uuid`;
  const owners = sql`(select array_agg(id order by id) from crm.users where org_id = ${o})`;
  const owner = (n: string) => sql.raw(`(owners[1 + ${n} % array_length(owners, 1)])`);
  const trashed = sql.raw(`case when n % 100 = 0 then now() end`);
  await tx.execute(sql`insert into crm.users (org_id, id, email, name, role)
    select ${o}, gen_random_uuid(), 'rep' || n || '@plans.test', 'Rep ' || n, 'rep' from generate_series(1, 20) n`);
  await tx.execute(sql`insert into crm.campaigns (org_id, id, name)
    select ${o}, gen_random_uuid(), 'Campaign ' || n from generate_series(1, 20) n`);
  const campaigns = sql`(select array_agg(id order by id) from crm.campaigns where org_id = ${o})`;
  await tx.execute(sql`insert into crm.customers (org_id, id, name, kind, lifecycle_stage, region, tags, owner_id, external_id, deleted_at)
    select ${o}, gen_random_uuid(), 'Customer ' || n, (array['company', 'person'])[1 + n % 2]::crm.customer_kind,
      (array['lead', 'prospect', 'customer', 'churned'])[1 + n % 4]::crm.lifecycle_stage, 'Region ' || n % 50,
      case when n % 10 = 0 then array['vip'] else '{}' end, ${owner('n')}, 'c-' || n, ${trashed}
    from generate_series(1, ${ROWS}) n, ${owners} u(owners)`);
  const customers = sql`(select array_agg(id order by id) from crm.customers where org_id = ${o})`;
  await tx.execute(sql`insert into crm.contacts (org_id, id, customer_id, name, owner_id, external_id, deleted_at)
    select ${o}, gen_random_uuid(), c[1 + n % ${ROWS}], 'Contact ' || n, ${owner('n')}, 'p-' || n, ${trashed}
    from generate_series(1, ${ROWS}) n, ${owners} u(owners), ${customers} cs(c)`);
  await tx.execute(sql`insert into crm.leads (org_id, id, name, status, score, campaign_id, owner_id, external_id, deleted_at)
    select ${o}, gen_random_uuid(), 'Lead ' || n, (array['new', 'working', 'qualified', 'nurturing'])[1 + n % 4]::crm.lead_status,
      n % 100, k[1 + n % 20], ${owner('n')}, 'l-' || n, ${trashed}
    from generate_series(1, ${ROWS}) n, ${owners} u(owners), ${campaigns} ks(k)`);
  await tx.execute(sql`insert into crm.opportunities (org_id, id, name, customer_id, pipeline_id, stage_id, amount, currency,
      expected_close_date, campaign_id, forecast_category, owner_id, external_id, deleted_at)
    select ${o}, gen_random_uuid(), 'Deal ' || n, c[1 + n % ${ROWS}], ${pipelineId}::uuid,
      (${`{${stageIds.join(',')}}`}::uuid[])[1 + n % ${stageIds.length}], n * 100, 'USD', date '2026-01-01' + n % 365,
      k[1 + n % 20], (array['pipeline', 'best_case', 'commit'])[1 + n % 3]::crm.forecast_category, ${owner('n')}, 'o-' || n, ${trashed}
    from generate_series(1, ${ROWS}) n, ${owners} u(owners), ${customers} cs(c), ${campaigns} ks(k)`);
  await tx.execute(sql`insert into crm.cases (org_id, id, subject, status, priority, customer_id, owner_id, due_by, deleted_at)
    select ${o}, gen_random_uuid(), 'Case ' || n, (array['new', 'open', 'pending', 'resolved'])[1 + n % 4]::crm.case_status,
      (array['low', 'normal', 'high'])[1 + n % 3]::crm.case_priority, c[1 + n % ${ROWS}], ${owner('n')},
      now() + n * interval '1 hour', ${trashed}
    from generate_series(1, ${ROWS}) n, ${owners} u(owners), ${customers} cs(c)`);
  await tx.execute(sql`insert into crm.orders (org_id, id, customer_id, external_id, status, total_amount, currency, placed_at, deleted_at)
    select ${o}, gen_random_uuid(), c[1 + n % ${ROWS}], 'x-' || n, (array['placed', 'paid', 'shipped'])[1 + n % 3],
      n * 10, 'USD', now() - n * interval '1 hour', ${trashed}
    from generate_series(1, ${ROWS}) n, ${customers} cs(c)`);
  await tx.execute(sql`insert into crm.activities (org_id, id, type, subject, occurred_at, done_at, customer_id, owner_id, deleted_at)
    select ${o}, gen_random_uuid(), (array['call', 'email', 'meeting', 'note', 'task'])[1 + n % 5]::crm.activity_type,
      'Activity ' || n, now() - n * interval '1 minute', case when n % 10 < 5 then now() end, c[1 + n % ${ROWS}],
      ${owner('n')}, ${trashed}
    from generate_series(1, ${ROWS}) n, ${owners} u(owners), ${customers} cs(c)`);
}

describe.each(testDatabases())('list plans on $name', ({ get }) => {
  let org: TestOrg;
  let callers: Record<'admin' | 'rep' | 'manager', Caller>;
  /** Filter values of each list, as the parsed query holds them (one filter at a time). */
  let filters: Record<string, Record<string, unknown>[]>;
  let pipelineId: string;

  beforeAll(async () => {
    const database = get();
    const kit = await createTestKit(database);
    org = kit.globex;
    const { admin, rep, manager } = org.users;
    callers = { admin, rep, manager };
    const pipeline = (await (
      await kit.request(admin, 'POST', '/pipelines', {
        name: 'Sales',
        stages: [
          { name: 'New', probability: 10 },
          { name: 'Proposal', probability: 50 },
          { name: 'Won', probability: 100, kind: 'won' },
        ],
      })
    ).json()) as { id: string; stages: { id: string }[] };
    const stageIds = pipeline.stages.map((s) => s.id);
    pipelineId = pipeline.id;
    await inOrg(database.db, { orgId: org.id }, (tx) => fill(tx, org, pipeline.id, stageIds));
    // The manager manages a team of the rep and three others.
    await inOrg(database.db, { orgId: org.id }, async (tx) => {
      await tx.execute(sql`with team as (insert into crm.teams (org_id, id, name, manager_id)
          values (${org.id}, gen_random_uuid(), 'Plans', ${manager.userId}) returning id)
        update crm.users set team_id = (select id from team)
        where org_id = ${org.id} and (id = ${rep.userId} or id in
          (select id from crm.users where org_id = ${org.id} and email like 'rep%@plans.test' order by email limit 3))`);
    });
    await database.db.execute(
      sql`analyze crm.customers, crm.contacts, crm.leads, crm.opportunities, crm.cases, crm.orders, crm.activities`,
    );
    const [ids] = await inOrg(database.db, { orgId: org.id }, (tx) =>
      rows<Record<string, string>>(
        tx,
        sql`select (select id::text from crm.customers where org_id = ${org.id} and owner_id = ${rep.userId} limit 1) as customer,
                   (select id::text from crm.campaigns where org_id = ${org.id} limit 1) as campaign`,
      ),
    );
    const { customer, campaign } = ids!;
    const owner = { ownerId: rep.userId };
    filters = {
      customers: [
        owner,
        { kind: 'person' },
        { lifecycleStage: 'churned' },
        { region: 'Region 7' },
        { externalId: 'c-77' },
        { tag: 'vip' },
        // A common text (every row: the row-by-row path) and a rare one (the candidates' path).
        { q: 'customer' },
        { q: 'customer 1234' },
      ],
      contacts: [{ customerId: customer }, owner, { externalId: 'p-77' }, { q: 'contact' }, { q: 'contact 1234' }],
      leads: [
        { status: 'qualified' },
        owner,
        { campaignId: campaign },
        { externalId: 'l-77' },
        { q: 'lead' },
        { q: 'lead 1234' },
      ],
      opportunities: [
        { customerId: customer },
        { pipelineId: pipeline.id },
        { stageId: stageIds[1] },
        owner,
        { campaignId: campaign },
        { forecastCategory: 'commit' },
        { closeFrom: '2026-03-01', closeTo: '2026-03-14' },
        { externalId: 'o-77' },
        { q: 'deal' },
        { q: 'deal 1234' },
      ],
      activities: [
        { type: 'call' },
        { customerId: customer },
        owner,
        { open: true },
        { doneSince: '2026-03-01T00:00:00Z' },
        { q: 'activity' },
      ],
      orders: [{ customerId: customer }, { status: 'paid' }, { externalId: 'x-77' }],
      cases: [{ status: 'open' }, { priority: 'high' }, { customerId: customer }, owner, { q: 'case' }],
    };
  }, 180_000);

  const lists: Resource[] = [
    customerResource,
    contactResource,
    leadResource,
    opportunityResource,
    activityResource,
    orderResource,
    caseResource,
  ] as Resource[];

  it.each(lists.map((resource) => [resource.path, resource] as const))(
    'uses an index for every sort, filter and the trash of %s',
    async (table, resource) => {
      const database = get();
      // Each sort both ways, the trash, and each filter in the list's default order.
      const sorts = Object.keys(resource.sorts).flatMap((key) => [key, `-${key}`]);
      const queries: Record<string, unknown>[] = [
        ...sorts.map((sort) => ({ sort })),
        { sort: sorts[0]!, trash: true },
        ...filters[table]!.map((filter) => ({ sort: sorts[0]!, ...filter })),
      ];
      // Sorts in a reader's language, both ways, also with a common and a rare text.
      for (const key of resource.languageSorts ?? [])
        for (const language of ['zh-Hant', 'zh-Hans'])
          for (const sort of [key, `-${key}`])
            queries.push(...[{}, ...filters[table]!.filter((f) => 'q' in f)].map((f) => ({ sort, language, ...f })));
      const misses: string[] = [];
      for (const [role, caller] of Object.entries(callers)) {
        for (const { language, ...query } of queries) {
          const plans: string[] = [];
          await inOrg(database.db, caller, (tx) =>
            listRecords(explaining(tx, plans), resource, caller, { limit: 50, ...query } as never, {
              language: language as string | undefined,
            }),
          );
          expect(plans).toHaveLength(1);
          // Nor a scan of the parent table: contacts, cases, activities and orders are seen through their customer.
          if (LARGE_SCAN.test(plans[0]!))
            misses.push(`${role} ${language ?? ''} ${JSON.stringify(query)}:\n${plans[0]}`);
        }
      }
      expect(misses).toEqual([]);
    },
    60_000,
  );
  it("tells a common search text from a rare one by the column's statistics, as the kit's role", async () => {
    const database = get();
    const estimate = (pattern: string) =>
      inOrg(database.db, callers.rep, async (tx) => {
        const [row] = await rows<{ rows: number }>(
          tx,
          sql`select crm.search_estimate('customers', ${pattern}) as rows`,
        );
        return Number(row!.rows);
      });
    // Every one of the 20,000 customers is a "Customer …"; one is "Customer 1234" (and ten "Customer 1234x").
    expect(await estimate('%customer%')).toBeGreaterThan(COMMON_ESTIMATE);
    expect(await estimate('%customer 1234%')).toBeLessThan(COMMON_ESTIMATE);
    // Outside an organization, or for a table it does not know, nothing is common.
    const [outside] = await rows<{ rows: number }>(
      database.db,
      sql`select crm.search_estimate('customers', '%customer%') as rows`,
    );
    expect(Number(outside!.rows)).toBe(0);
  });

  it('reads the index of a text of several words by its rarest word, when one is rare', async () => {
    const database = get();
    const narrowest = (folded: string) =>
      inOrg(database.db, callers.rep, async (tx) => {
        const [row] = await rows<{ pattern: string | null }>(
          tx,
          sql`select crm.search_narrowest('customers', ${folded}, ${CANDIDATE_CAP}) as pattern`,
        );
        return row!.pattern;
      });
    // "customer" is in every row: the index is read for "1234" alone (the whole text is tested after).
    expect(await narrowest('customer 1234')).toBe('%1234%');
    expect(await narrowest('1234 customer')).toBe('%1234%');
    // One word, words too short to have trigrams, or only common words: the whole text reads the index.
    expect(await narrowest('customer')).toBeNull();
    expect(await narrowest('customer 12')).toBeNull();
    expect(await narrowest('customer customer')).toBeNull();
  });

  it('reads the forecast from the owner-keyed summaries, not the deals of the period, for every role', async () => {
    const database = get();
    for (const [role, caller] of Object.entries(callers)) {
      const plans: string[] = [];
      const forecast = await inOrg(database.db, caller, (tx) =>
        forecastReport(observing(tx, plans), caller, { period: 'year', startsOn: '2026-01-01' }),
      );
      if (role === 'rep') expect(forecast.members.map((m) => m.ownerId)).toEqual([caller.userId]);
      expect(
        plans.filter((plan) => /\bon opportunities\b/.test(plan)),
        role,
      ).toEqual([]);
      const totals = plans.filter((plan) => /stage_owner_closed?_totals/.test(plan));
      expect(totals, `${role}: the plan of the totals query`).toHaveLength(1);
      expect(totals[0], role).not.toMatch(LARGE_SCAN);
      expect(totals[0], role).toMatch(/stage_owner_close_totals_pk/);
    }
  });

  it("uses indexes for the board's tag filter, for every role", async () => {
    const database = get();
    const misses: string[] = [];
    for (const [role, caller] of Object.entries(callers)) {
      const plans: string[] = [];
      const board = await inOrg(database.db, caller, (tx) =>
        loadBoard(observing(tx, plans), caller, pipelineId, { limit: 20, tag: 'vip' }),
      );
      // The fill's deals rarely have a customer of their own owner: only the admin's board is sure to hold some.
      if (role === 'admin') expect(board.count).toBeGreaterThan(0);
      for (const plan of plans) if (LARGE_SCAN.test(plan)) misses.push(`${role}:\n${plan}`);
      // An admin's figures come from the tag totals (not from every deal of a tenth of the customers),
      // and its cards from a walk of the columns testing each deal's customer.
      if (role === 'admin') {
        expect(
          plans.filter((plan) => /stage_tag_totals/.test(plan)),
          role,
        ).toHaveLength(1);
        expect(
          plans.some((plan) => /\bon opportunities\b/.test(plan) && /Group Key/.test(plan)),
          role,
        ).toBe(false);
        expect(
          plans.some((plan) => /customer_has_tag/.test(plan)),
          role,
        ).toBe(true);
      }
    }
    expect(misses).toEqual([]);
  }, 60_000);
});
