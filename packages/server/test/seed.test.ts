import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../src/db/rows.js';
import * as t from '../src/db/schema/index.js';
import { seedSample } from '../src/seed/sample.js';
import { scalePlan, seedScale, type ScalePlan } from '../src/seed/scale.js';
import { testDatabases } from './databases.js';

describe.each(testDatabases())('seeding on $name', ({ get }) => {
  it('seeds the two sample organizations with data in every table the demo shows', async () => {
    const { organizations } = await seedSample(get().db);
    expect(organizations.map((o) => o.slug).sort()).toEqual(['acme', 'formosa']);
    const db = get().db;
    for (const org of organizations) {
      const tally = async (
        table:
          | typeof t.customers
          | typeof t.contacts
          | typeof t.opportunities
          | typeof t.activities
          | typeof t.orders
          | typeof t.quotas
          | typeof t.users,
      ) => (await db.select({ n: count() }).from(table).where(eq(table.orgId, org.id)))[0]!.n;
      expect(await tally(t.users)).toBeGreaterThanOrEqual(4);
      expect(await tally(t.customers)).toBeGreaterThanOrEqual(20);
      expect(await tally(t.contacts)).toBeGreaterThanOrEqual(20);
      expect(await tally(t.opportunities)).toBeGreaterThanOrEqual(40);
      expect(await tally(t.activities)).toBeGreaterThanOrEqual(60);
      expect(await tally(t.orders)).toBeGreaterThan(0);
      // A quarter's and a year's quota for every seller and team.
      expect(await tally(t.quotas)).toBeGreaterThanOrEqual(8);
      const stagesUsed = await db
        .selectDistinct({ stage: t.opportunities.stageId })
        .from(t.opportunities)
        .where(eq(t.opportunities.orgId, org.id));
      expect(stagesUsed.length).toBe(6);
      await expectFiledAsTheKitFiles(org.id);
      // Each deal has its history, as the kit would have written it: created, then one entry per move.
      const histories = await rows<{ moves: number; entries: number; creates: number; moved: number }>(
        db,
        sql`select (select count(*)::int from crm.stage_history h where h.org_id = o.org_id and h.opportunity_id = o.id) as moves,
                   count(a.id)::int as entries,
                   count(a.id) filter (where a.action = 'create')::int as creates,
                   count(a.id) filter (where a.action = 'update' and a.after ? 'stageId')::int as moved
            from crm.opportunities o
            left join crm.audit_log a on a.org_id = o.org_id and a.entity = 'opportunity' and a.entity_id = o.id
            where o.org_id = ${org.id} group by o.org_id, o.id`,
      );
      expect(histories.length).toBeGreaterThanOrEqual(40);
      for (const h of histories)
        expect(h).toEqual({ moves: h.entries, entries: h.moves, creates: 1, moved: h.moves - 1 });
      // Every customer and contact begins its history: created by its owner when it was.
      for (const table of ['customers', 'contacts'] as const) {
        const entity = table === 'customers' ? 'customer' : 'contact';
        const [begun] = await rows<{ records: number; created: number }>(
          db,
          sql`select count(*)::int as records,
                     count(*) filter (where exists (select 1 from crm.audit_log a
                       where a.org_id = r.org_id and a.entity = ${entity} and a.entity_id = r.id and a.action = 'create'
                         and a.actor_id is not distinct from r.owner_id and a.at = r.created_at))::int as created
              from ${sql.raw(`crm.${table}`)} r where r.org_id = ${org.id}`,
        );
        expect(begun!.records).toBeGreaterThan(0);
        expect(begun!.created).toBe(begun!.records);
      }
    }
    // A few leads converted by their owners through the kit's conversion: each linked to the customer,
    // contact and deal it made, which its owner created, and its history says so.
    for (const org of organizations) {
      const converted = await rows<{ owner_id: string; made: number; by_owner: number; history: number }>(
        db,
        sql`select l.owner_id,
              (select count(*)::int from crm.customers c where c.org_id = l.org_id and c.id = l.converted_customer_id)
              + (select count(*)::int from crm.contacts c where c.org_id = l.org_id and c.id = l.converted_contact_id
                   and c.customer_id = l.converted_customer_id)
              + (select count(*)::int from crm.opportunities o where o.org_id = l.org_id and o.id = l.converted_opportunity_id
                   and o.customer_id = l.converted_customer_id and o.owner_id = l.owner_id) as made,
              (select count(*)::int from crm.audit_log a where a.org_id = l.org_id and a.action = 'create'
                 and a.entity_id in (l.converted_customer_id, l.converted_contact_id, l.converted_opportunity_id)
                 and a.actor_id = l.owner_id) as by_owner,
              (select count(*)::int from crm.audit_log a where a.org_id = l.org_id and a.entity = 'lead'
                 and a.entity_id = l.id and a.after->>'status' = 'converted') as history
            from crm.leads l where l.org_id = ${org.id} and l.status = 'converted'`,
      );
      expect(converted).toHaveLength(2);
      for (const lead of converted) expect(lead).toEqual({ owner_id: lead.owner_id, made: 3, by_owner: 3, history: 1 });
    }
    const [formosa] = await db
      .select()
      .from(t.customers)
      .where(eq(t.customers.orgId, organizations.find((o) => o.slug === 'formosa')!.id))
      .limit(1);
    expect(formosa!.name).toMatch(/[\u4e00-\u9fff]/u);
  });

  /** The keys, indexes and triggers of the crm schema, which a scale seed sets aside while it writes. */
  const catalog = () =>
    rows<{ kind: string; name: string; definition: string }>(
      get().db,
      sql`select 'key' as kind, conname as name, pg_get_constraintdef(oid) || case when convalidated then '' else ' (not valid)' end as definition
            from pg_constraint where connamespace = 'crm'::regnamespace
          union all
          select 'index', indexrelid::regclass::text, pg_get_indexdef(indexrelid)
            from pg_index where indrelid in (select oid from pg_class where relnamespace = 'crm'::regnamespace)
          union all
          select 'trigger', tgname, tgenabled::text from pg_trigger
            where not tgisinternal and tgrelid in (select oid from pg_class where relnamespace = 'crm'::regnamespace)
          order by 1, 2, 3`,
    );

  /** Checks a scale organization against its plan: counts, histories, copied owners and summaries. */
  /** Every seeded deal is in the forecast category the kit gives a deal in its stage: won closed, lost omitted. */
  async function expectFiledAsTheKitFiles(orgId: string) {
    const filed = await rows<{ kind: string; category: string }>(
      get().db,
      sql`select distinct s.kind::text as kind, o.forecast_category::text as category
          from crm.opportunities o join crm.stages s on s.id = o.stage_id where o.org_id = ${orgId}`,
    );
    for (const { kind, category } of filed) {
      if (kind === 'won') expect(category, 'a won deal').toBe('closed');
      else if (kind === 'lost') expect(category, 'a lost deal').toBe('omitted');
      else expect(['pipeline', 'best_case', 'commit'], 'an open deal').toContain(category);
    }
    expect(new Set(filed.map((f) => f.kind))).toEqual(new Set(['open', 'won', 'lost']));
  }

  async function expectWhole(orgId: string, n: number, plan: ScalePlan) {
    await expectFiledAsTheKitFiles(orgId);
    const db = get().db;
    const tally = async (
      table: typeof t.customers | typeof t.opportunities | typeof t.activities | typeof t.orders | typeof t.contacts,
    ) => (await db.select({ n: count() }).from(table).where(eq(table.orgId, orgId)))[0]!.n;
    expect(await tally(t.opportunities)).toBe(n);
    expect(await tally(t.customers)).toBe(plan.customers);
    expect(await tally(t.contacts)).toBe(plan.contacts);
    expect(await tally(t.activities)).toBe(plan.activities);
    expect(await tally(t.orders)).toBe(plan.orders);
    // Every deal's history ends in the stage it is in.
    const [mismatched] = await rows<{ n: number }>(
      db,
      sql`
      select count(*)::int as n from crm.opportunities o
      where o.org_id = ${orgId} and o.stage_id <> (
        select h.to_stage_id from crm.stage_history h
        where h.org_id = o.org_id and h.opportunity_id = o.id order by h.changed_at desc limit 1)`,
    );
    expect(mismatched!.n).toBe(0);
    // The owners copied from the parents (which the triggers set aside would have copied) match them.
    const [strayOwners] = await rows<{ n: number }>(
      db,
      sql`select (select count(*) from crm.contacts x join crm.customers c on c.org_id = x.org_id and c.id = x.customer_id
                  where x.org_id = ${orgId} and x.customer_owner_id is distinct from c.owner_id)
               + (select count(*) from crm.activities x join crm.customers c on c.org_id = x.org_id and c.id = x.customer_id
                  where x.org_id = ${orgId} and x.customer_owner_id is distinct from c.owner_id)
               + (select count(*) from crm.orders x join crm.customers c on c.org_id = x.org_id and c.id = x.customer_id
                  where x.org_id = ${orgId} and x.customer_owner_id is distinct from c.owner_id) as n`,
    );
    expect(Number(strayOwners!.n)).toBe(0);
    // The summaries, rebuilt once at the end, hold what the deals say.
    type Tally = { k: string; n: number };
    const byStage = (tallies: Tally[]) => new Map(tallies.map((r) => [r.k, Number(r.n)]));
    expect(
      byStage(
        await rows<Tally>(
          db,
          sql`select stage_id::text as k, sum(deals)::int as n from crm.stage_totals where org_id = ${orgId} group by 1`,
        ),
      ),
    ).toEqual(
      byStage(
        await rows<Tally>(
          db,
          sql`select stage_id::text as k, count(*)::int as n from crm.opportunities
              where org_id = ${orgId} and deleted_at is null group by 1`,
        ),
      ),
    );
    const [funnel] = await rows<Tally>(
      db,
      sql`select 'all' as k, coalesce(sum(deals), 0)::int as n from crm.funnel_totals where org_id = ${orgId}`,
    );
    expect(funnel!.n).toBe(n);
  }

  it('seeds a scale organization in proportion, the same way every time', async () => {
    const n = 400 + Math.floor(Math.random() * 100);
    const before = await catalog();
    const { orgId, created, plan, inBulk } = await seedScale(get().db, { opportunities: n });
    expect(created).toBe(true);
    expect(plan).toEqual(scalePlan(n));
    // It outnumbers the sample's deals, so it wrote in bulk; the keys, indexes and triggers are
    // back as they were, every key validated.
    expect(inBulk).toBe(true);
    expect(await catalog()).toEqual(before);
    await expectWhole(orgId, n, plan);
    const again = await seedScale(get().db, { opportunities: n });
    expect(again).toMatchObject({ orgId, created: false });
  });

  it('writes a small scale seed beside a larger organization in place, just as whole', async () => {
    const n = 20 + Math.floor(Math.random() * 20);
    const before = await catalog();
    const { orgId, plan, inBulk } = await seedScale(get().db, { opportunities: n });
    expect(inBulk).toBe(false);
    expect(await catalog()).toEqual(before);
    await expectWhole(orgId, n, plan);
  });

  it('leaves nothing behind when a scale seed is cut off, so running it again completes it', async () => {
    const n = 300 + Math.floor(Math.random() * 100);
    const before = await catalog();
    const cutOff = seedScale(get().db, {
      opportunities: n,
      onProgress: (done) => {
        if (done > 0) throw new Error('cut off');
      },
    });
    await expect(cutOff).rejects.toThrow('cut off');
    const db = get().db;
    const slug = `scale-${n}`;
    expect(await db.select().from(t.organizations).where(eq(t.organizations.slug, slug))).toEqual([]);
    expect(await catalog()).toEqual(before);
    const { orgId, created, plan } = await seedScale(db, { opportunities: n });
    expect(created).toBe(true);
    const [deals] = await db.select({ n: count() }).from(t.opportunities).where(eq(t.opportunities.orgId, orgId));
    expect(deals!.n).toBe(plan.opportunities);
  });
});
