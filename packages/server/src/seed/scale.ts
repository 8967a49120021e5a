import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.js';
import { inOrg } from '../db/database.js';
import { rows } from '../db/rows.js';
import { organizations } from '../db/schema/index.js';
import { Random } from './random.js';

export interface ScaleOptions {
  /** How many opportunities; customers, contacts, activities and orders follow in proportion. */
  opportunities: number;
  /** Called as rows are written, with the rows done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

export interface ScalePlan {
  users: number;
  customers: number;
  contacts: number;
  opportunities: number;
  activities: number;
  orders: number;
}

export interface ScaleResult {
  orgId: string;
  /** False when the organization was there already (nothing written). */
  created: boolean;
  plan: ScalePlan;
  /** Whether the rows went in with the tables' keys, indexes and triggers set aside (see setAside). */
  inBulk: boolean;
}

const BATCH = 50_000;
const STAGES = [
  { name: 'Initial contact', probability: 10, kind: 'open' },
  { name: 'Needs analysis', probability: 25, kind: 'open' },
  { name: 'Proposal', probability: 50, kind: 'open' },
  { name: 'Negotiation', probability: 75, kind: 'open' },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
] as const;

/** The tables the scale seed writes, each of their rows in one `insert … select` per batch. */
const TABLES = ['customers', 'contacts', 'opportunities', 'stage_history', 'activities', 'orders'] as const;

/**
 * Sets aside the foreign keys, secondary indexes and triggers of `tables` for a bulk load, as
 * PostgreSQL's manual advises ("Populating a Database"): checking a key, updating a dozen indexes
 * (trigram ones among them) and running the parent-owner trigger row by row made a million-deal
 * seed take 17 minutes. Returns the statements that bring them back (each index built by one
 * sort, each key validated by one join), to run once the rows are in. Transactional like all of
 * PostgreSQL's DDL: if the seed fails, they come back by themselves. The tables are locked
 * meanwhile, which a benchmark database can afford; the rows written must keep the invariants
 * the triggers would have kept (the seed sets the parents' owners itself, and rebuilds the
 * summaries at the end).
 */
async function setAside(tx: Tx, tables: readonly string[]): Promise<string[]> {
  const names = `array[${tables.map((t) => `'crm.${t}'`).join(', ')}]::regclass[]`;
  const keys = await rows<{ table: string; name: string; definition: string }>(
    tx,
    sql.raw(`select conrelid::regclass::text as table, quote_ident(conname) as name, pg_get_constraintdef(oid) as definition
      from pg_constraint where contype = 'f' and conrelid = any(${names}) order by conrelid, conname`),
  );
  // Unique indexes stay: they keep the ids unique, and the keys coming back need them.
  const indexes = await rows<{ name: string; definition: string }>(
    tx,
    sql.raw(`select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as definition
      from pg_index where indrelid = any(${names}) and not indisunique
        and not exists (select from pg_constraint c where c.conindid = indexrelid)
      order by indrelid, indexrelid`),
  );
  const statements = [
    `lock table ${tables.map((t) => `crm.${t}`).join(', ')} in access exclusive mode`,
    ...keys.map((k) => `alter table ${k.table} drop constraint ${k.name}`),
    ...indexes.map((i) => `drop index ${i.name}`),
    ...tables.map((t) => `alter table crm.${t} disable trigger user`),
  ];
  for (const statement of statements) await tx.execute(sql.raw(statement));
  return [
    ...indexes.map((i) => i.definition),
    ...keys.map((k) => `alter table ${k.table} add constraint ${k.name} ${k.definition}`),
    ...tables.map((t) => `alter table crm.${t} enable trigger user`),
  ];
}

/**
 * Whether `deals` new deals outnumber a quarter of those in the database, so that rebuilding
 * every index of the seeded tables costs less than keeping them in step row by row. Measured at a
 * million: about 0.1 ms a deal (with its share of customers, history and activities) to rebuild,
 * 1 ms a deal to write in place. A small seed beside a million deals writes in place.
 */
async function outnumbers(tx: Tx, deals: number): Promise<boolean> {
  const [estimate] = await rows<{ n: number }>(
    tx,
    sql.raw(`select greatest(reltuples, 0)::float8 as n from pg_class where oid = 'crm.opportunities'::regclass`),
  );
  return 4 * deals >= Number(estimate?.n ?? 0);
}

/** How many rows of each kind a scale seed of `opportunities` writes. */
export function scalePlan(opportunities: number): ScalePlan {
  const customers = Math.max(10, Math.ceil(opportunities / 4));
  return {
    users: Math.min(200, Math.max(5, Math.ceil(opportunities / 5_000))),
    customers,
    contacts: customers,
    opportunities,
    activities: opportunities * 2,
    orders: customers,
  };
}

/**
 * A UUIDv7 computed in SQL from a time (ms since the epoch) and a key: deterministic, so the
 * same seed gives the same ids on every machine.
 */
const uuid7 = (ms: string, key: string) =>
  `(lpad(to_hex((${ms})::bigint), 12, '0') || '7' || substr(md5(${key}), 1, 3) || ` +
  `substr('89ab', 1 + (get_byte(decode(substr(md5(${key}), 4, 2), 'hex'), 0) % 4), 1) || substr(md5(${key}), 6, 15))::uuid`;

/**
 * Seeds one large organization (`scale-N`) for benchmarks, entirely inside PostgreSQL with
 * `insert … select generate_series` in batches: minutes for a million opportunities.
 * Deterministic; does nothing when that organization exists.
 */
export async function seedScale(db: Db, options: ScaleOptions): Promise<ScaleResult> {
  const plan = scalePlan(options.opportunities);
  const slug = `scale-${options.opportunities}`;
  const rng = new Random(options.opportunities);
  const now = options.now ?? new Date('2026-11-01T00:00:00Z');
  const orgId = rng.uuid(new Date(now.getTime() - 400 * 86_400_000));
  const existing = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(sql`${organizations.slug} = ${slug}`);
  if (existing.length > 0) return { orgId: existing[0]!.id, created: false, plan, inBulk: false };

  // Rows written, then (weighed as many rows as there are deals) the indexes, keys and summaries rebuilt.
  const total = plan.customers + plan.contacts + plan.opportunities * 3 + plan.activities + plan.orders;
  let done = 0;
  const nowMs = now.getTime();
  const key = (kind: string) => `'${orgId}:${kind}:' || g`;
  const exec = (tx: Tx, text: string) => tx.execute(sql.raw(text));

  /** The organization, its members, pipeline and stages. */
  const setup = [
    `insert into crm.organizations (id, slug, name, base_currency, exchange_rates, locale, time_zone)
       values ('${orgId}', '${slug}', 'Scale test (${options.opportunities} opportunities)', 'USD', '{"EUR":1.08}', 'en', 'UTC')`,
    `insert into crm.users (org_id, id, email, name, role)
       select '${orgId}', ${uuid7(`${nowMs} - 400 * 86400000::bigint`, key('u'))}, 'rep' || g || '@scale.test', 'Rep ' || g,
              case when g = 1 then 'admin'::crm.role when g % 10 = 2 then 'manager'::crm.role else 'rep'::crm.role end
       from generate_series(1, ${plan.users}) g`,
    `insert into crm.pipelines (org_id, id, name, is_default, lost_reasons) values ('${orgId}', ${uuid7(String(nowMs), `'${orgId}:pipeline'`)}, 'Sales', true, '{Price,Timing}')`,
    `insert into crm.stages (org_id, id, pipeline_id, name, position, probability, kind, requires)
       select '${orgId}', ${uuid7(String(nowMs), `'${orgId}:stage:' || s.position`)}, p.id, s.name, s.position, s.probability, s.kind::crm.stage_kind,
              case when s.kind = 'lost' then '["lostReason"]'::jsonb else '[]'::jsonb end
       from crm.pipelines p, (values ${STAGES.map((s, i) => `('${s.name}', ${i}, ${s.probability}, '${s.kind}')`).join(', ')}) s(name, position, probability, kind)
       where p.org_id = '${orgId}'`,
  ];

  /** Users by number (1-based), stages by position, as SQL arrays to index into. */
  const users = `(select array_agg(id order by email) from crm.users where org_id = '${orgId}')`;
  const stages = `(select array_agg(id order by position) from crm.stages where org_id = '${orgId}')`;
  const owner = (g: string) => `${users}[1 + ((${g}) % ${plan.users})]`;
  const customerId = (n: string) => uuid7(`${nowMs} - 400 * 86400000::bigint + ${n}`, `'${orgId}:c:' || ${n}`);

  const batches: { table: string; rows: number; text: (from: number, to: number) => string }[] = [
    {
      table: 'customers',
      rows: plan.customers,
      text: (
        from,
        to,
      ) => `insert into crm.customers (org_id, id, kind, name, emails, phones, industry, region, source, lifecycle_stage, tags, owner_id, created_at, updated_at)
        select '${orgId}', ${customerId('g')}, 'company', 'Customer ' || g || ' ' || (array['Traders','Logistics','Foods','Labs','Supply','Health'])[1 + g % 6],
          array['buyer' || g || '@customer' || g || '.example'], array['+1 555 ' || lpad(g::text, 7, '0')],
          (array['Retail','Manufacturing','Healthcare','Software','Logistics'])[1 + g % 5], (array['North','South','East','West'])[1 + g % 4],
          (array['Web form','Referral','Trade show','Partner'])[1 + g % 4], (array['lead','prospect','customer','customer'])[1 + g % 4]::crm.lifecycle_stage,
          case when g % 7 = 0 then array['key-account'] else '{}' end, ${owner('g')},
          to_timestamp((${nowMs} - 400 * 86400000::bigint + g) / 1000.0), to_timestamp((${nowMs} - 400 * 86400000::bigint + g) / 1000.0)
        from generate_series(${from}, ${to}) g`,
    },
    {
      table: 'contacts',
      rows: plan.contacts,
      text: (
        from,
        to,
      ) => `insert into crm.contacts (org_id, id, customer_id, name, emails, phones, is_primary, owner_id, customer_owner_id)
        select '${orgId}', ${uuid7(`${nowMs} - 399 * 86400000::bigint + g`, key('k'))}, ${customerId('g')}, 'Contact ' || g,
          array['contact' || g || '@customer' || g || '.example'], array['+1 555 9' || lpad(g::text, 6, '0')], true, ${owner('g')}, ${owner('g')}
        from generate_series(${from}, ${to}) g`,
    },
    {
      table: 'opportunities',
      rows: plan.opportunities,
      // Stage by a hash of g: about 70% open across four stages, 15% won, 15% lost.
      text: (
        from,
        to,
      ) => `insert into crm.opportunities (org_id, id, name, customer_id, pipeline_id, stage_id, position, amount, currency,
          expected_close_date, owner_id, source, lost_reason, forecast_category, stage_entered_at, closed_at, created_at, updated_at)
        select '${orgId}', ${uuid7(`${nowMs} - 300 * 86400000::bigint + g`, key('o'))}, 'Deal ' || g, ${customerId(`1 + (g % ${plan.customers})`)},
          (select id from crm.pipelines where org_id = '${orgId}'), ${stages}[1 + st], g, (1 + (g::bigint * 7919) % 500) * 10000, case when g % 20 = 0 then 'EUR' else 'USD' end,
          (date '${now.toISOString().slice(0, 10)}' + ((g % 180) - 30))::date, ${owner('g')}, (array['Web form','Referral','Trade show','Partner'])[1 + g % 4],
          case when st = 5 then 'Price' end,
          (case when st = 4 then 'closed' when st = 5 then 'omitted' when st = 3 then 'commit' when st = 2 then 'best_case' else 'pipeline' end)::crm.forecast_category,
          to_timestamp((${nowMs} - (g % 90) * 86400000::bigint) / 1000.0), case when st >= 4 then to_timestamp((${nowMs} - (g % 90) * 86400000::bigint) / 1000.0) end,
          to_timestamp((${nowMs} - 300 * 86400000::bigint + g) / 1000.0), to_timestamp((${nowMs} - (g % 90) * 86400000::bigint) / 1000.0)
        from (select g, case when h < 15 then 4 when h < 30 then 5 else (h - 30) % 4 end as st
              from (select g, abs(hashint4(g)) % 100 as h from generate_series(${from}, ${to}) g) x) y`,
    },
    {
      table: 'stage_history',
      rows: plan.opportunities,
      // Each deal's path through the open stages to where it is (a lost deal dropped out at a
      // stage of its own), then the close for won and lost deals: about three rows a deal.
      text: (
        from,
        to,
      ) => `insert into crm.stage_history (org_id, id, opportunity_id, from_stage_id, to_stage_id, changed_at, changed_by)
        select '${orgId}', ${uuid7(`${nowMs} - 300 * 86400000::bigint + g`, `'${orgId}:h:' || g || ':' || p.s`)}, y.deal,
          p.from_stage, p.to_stage, to_timestamp((${nowMs} - 300 * 86400000::bigint + g + p.s * 86400000::bigint) / 1000.0), y.owner
        from (select g, case when h < 15 then 4 when h < 30 then 5 else (h - 30) % 4 end as st, g % 4 as drop_at,
                ${uuid7(`${nowMs} - 300 * 86400000::bigint + g`, key('o'))} as deal, ${owner('g')} as owner
              from (select g, abs(hashint4(g)) % 100 as h from generate_series(${from}, ${to}) g) x) y
        cross join lateral (
          select s, case when s = 0 then null else ${stages}[s] end as from_stage, ${stages}[1 + s] as to_stage
          from generate_series(0, case when st = 4 then 3 when st = 5 then drop_at else st end) s
          union all
          select 9, ${stages}[1 + case when st = 4 then 3 else drop_at end], ${stages}[1 + st] where st >= 4
        ) p`,
    },
    {
      table: 'activities',
      rows: plan.activities,
      text: (
        from,
        to,
      ) => `insert into crm.activities (org_id, id, type, subject, direction, duration_seconds, occurred_at, customer_id, owner_id, customer_owner_id)
        select '${orgId}', ${uuid7(`${nowMs} - 200 * 86400000::bigint + g`, key('a'))}, (array['call','email','meeting','note'])[1 + g % 4]::crm.activity_type,
          (array['Intro call','Sent proposal','On-site demo','Prefers email'])[1 + g % 4], case when g % 4 < 2 then 'outbound' end,
          case when g % 4 = 0 then 60 * (1 + g % 30) end, to_timestamp((${nowMs} - (g % 200) * 86400000::bigint) / 1000.0),
          ${customerId(`1 + (g % ${plan.customers})`)}, ${owner('g')}, ${owner(`1 + (g % ${plan.customers})`)}
        from generate_series(${from}, ${to}) g`,
    },
    {
      table: 'orders',
      rows: plan.orders,
      text: (
        from,
        to,
      ) => `insert into crm.orders (org_id, id, customer_id, customer_owner_id, external_id, number, status, total_amount, currency, placed_at, lines)
        select '${orgId}', ${uuid7(`${nowMs} - 360 * 86400000::bigint + g`, key('r'))}, ${customerId('g')}, ${owner('g')}, 'SCALE-' || g, g::text, 'fulfilled',
          (1 + g % 50) * 1000, 'USD', to_timestamp((${nowMs} - (g % 360) * 86400000::bigint) / 1000.0),
          jsonb_build_array(jsonb_build_object('sku', null, 'name', 'Item', 'quantity', 1 + g % 5, 'unitAmount', 1000))
        from generate_series(${from}, ${to}) g`,
    },
  ];

  // One transaction for the whole seed: a seed cut off leaves nothing behind, so running it again
  // starts afresh instead of finding a half-written organization and calling it done.
  let inBulk = false;
  await inOrg(db, { orgId }, async (tx) => {
    // As the tables' owner (the role that migrates): the rows are written around row-level
    // security and, when the seed writes most of the tables' rows, in bulk (see setAside).
    await exec(tx, 'reset role');
    for (const statement of setup) await exec(tx, statement);
    inBulk = await outnumbers(tx, plan.opportunities);
    const restore = inBulk ? await setAside(tx, TABLES) : [];
    // Written in place, the summaries are still rebuilt once at the end, not kept in step batch by batch.
    if (!inBulk) await exec(tx, `select set_config('crm.bulk_load', 'on', true)`);
    const finishing = restore.length + 2;
    const report = (count: number) => {
      done += count;
      options.onProgress?.(Math.min(done, total), total);
    };
    for (const batch of batches) {
      for (let from = 1; from <= batch.rows; from += BATCH) {
        const to = Math.min(batch.rows, from + BATCH - 1);
        await exec(tx, batch.text(from, to));
        report(to - from + 1);
      }
      // Written in place, the keys and triggers of the next table look rows of this one up: the
      // planner must know of them, or a large seed takes hours.
      if (!inBulk) await exec(tx, `analyze crm.${batch.table}`);
    }
    // Sorting once per index is what makes a bulk load fast; give it room for this transaction.
    await exec(tx, `set local maintenance_work_mem = '256MB'`);
    for (const statement of restore) {
      await exec(tx, statement);
      report(plan.opportunities / finishing);
    }
    if (inBulk) await exec(tx, `analyze ${TABLES.map((t) => `crm.${t}`).join(', ')}`);
    report(plan.opportunities / finishing);
    await exec(tx, `select crm.summaries_rebuild('${orgId}'::uuid)`);
    // The win rates' totals have their own rebuild (migration 0035).
    await exec(tx, `select crm.win_totals_rebuild('${orgId}'::uuid)`);
  });
  options.onProgress?.(total, total);
  return { orgId, created: true, plan, inBulk };
}
