// Merging two customers with 1,000 links each (200 each of contacts, deals, activities, orders and
// cases) through `POST /customers/{id}/merge`, in a fresh organization: every link of the duplicate
// moves (one UPDATE per linking column, a history entry and a change event per moved record), the
// duplicate goes to the trash. Budget: at most 1 s on PostgreSQL here.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/merge.ts [--children 1000] [--rounds 5]
import { createCrm, createOrganization, createUser, migrate } from '@crmkit/server';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import { flag, loadAverage, machine, openBenchDatabase, ownerRows, stats } from './lib.js';

const children = Number(flag('children', '1000'));
const rounds = Number(flag('rounds', '5'));
const database = openBenchDatabase();
await migrate(database);

const run = Date.now().toString(36);
const org = await createOrganization(database.db, { slug: `merge-${run}`, name: 'Merge bench' });
const admin = await createUser(database.db, org.id, { email: 'admin@merge.test', name: 'Admin', role: 'admin' });
const caller = { orgId: org.id, userId: admin.id, role: 'admin' as const };
const host = new Hono().route('/api/crm', createCrm({ database, identify: () => caller }));

const KINDS = ['contacts', 'opportunities', 'activities', 'orders', 'cases'] as const;
const perKind = Math.floor(children / KINDS.length);

const [pipeline] = await ownerRows<{ id: string }>(
  database,
  sql`insert into crm.pipelines (org_id, id, name) values (${org.id}, ${uuidv7()}, 'Sales') returning id`,
);
const [stage] = await ownerRows<{ id: string }>(
  database,
  sql`insert into crm.stages (org_id, id, pipeline_id, name, position, probability)
      values (${org.id}, ${uuidv7()}, ${pipeline!.id}, 'Discovery', 0, 10) returning id`,
);

/** A customer with `perKind` rows of each kind linked to it, written set-based as the owner. */
async function customerWithChildren(name: string): Promise<string> {
  const id = uuidv7();
  await ownerRows(
    database,
    sql`insert into crm.customers (org_id, id, name, owner_id, tags, emails)
        values (${org.id}, ${id}, ${name}, ${admin.id}, ${sql.param([name])}, ${sql.param([`${id}@x.test`])})`,
  );
  const ids = (kind: string) =>
    sql`(select gen_random_uuid() as id, n from generate_series(1, ${perKind}) n) ${sql.raw(kind)}`;
  await ownerRows(
    database,
    sql`insert into crm.contacts (org_id, id, customer_id, name, owner_id)
        select ${org.id}::uuid, c.id, ${id}::uuid, 'Contact ' || c.n, ${admin.id}::uuid from ${ids('c')}`,
  );
  await ownerRows(
    database,
    sql`insert into crm.opportunities (org_id, id, name, customer_id, pipeline_id, stage_id, amount, currency, owner_id)
        select ${org.id}::uuid, d.id, 'Deal ' || d.n, ${id}::uuid, ${pipeline!.id}::uuid, ${stage!.id}::uuid, 1000 * d.n, 'USD', ${admin.id}::uuid
        from ${ids('d')}`,
  );
  await ownerRows(
    database,
    sql`insert into crm.activities (org_id, id, type, subject, customer_id, owner_id)
        select ${org.id}::uuid, a.id, 'note', 'Note ' || a.n, ${id}::uuid, ${admin.id}::uuid from ${ids('a')}`,
  );
  await ownerRows(
    database,
    sql`insert into crm.orders (org_id, id, customer_id, total_amount, currency, placed_at)
        select ${org.id}::uuid, o.id, ${id}::uuid, 500 * o.n, 'USD', now() - o.n * interval '1 day' from ${ids('o')}`,
  );
  await ownerRows(
    database,
    sql`insert into crm.cases (org_id, id, subject, customer_id, owner_id)
        select ${org.id}::uuid, s.id, 'Case ' || s.n, ${id}::uuid, ${admin.id}::uuid from ${ids('s')}`,
  );
  return id;
}

console.log(`merge of two customers with ${perKind * KINDS.length} links each — ${machine()} — load ${loadAverage()}`);
const samples: number[] = [];
// One round more than asked: the first warms the connections and the plans, and is not counted.
for (let r = 0; r <= rounds; r++) {
  const kept = await customerWithChildren(`Kept ${r}`);
  const duplicate = await customerWithChildren(`Duplicate ${r}`);
  const started = performance.now();
  const res = await host.request(`/api/crm/customers/${kept}/merge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: duplicate }),
  });
  const elapsed = performance.now() - started;
  const body = (await res.json()) as { moved?: Record<string, number> };
  if (res.status !== 200) throw new Error(`merge failed: ${res.status} ${JSON.stringify(body)}`);
  const moved = KINDS.map((kind) => body.moved?.[kind] ?? 0);
  if (moved.some((n) => n !== perKind)) throw new Error(`moved ${JSON.stringify(body.moved)}`);
  console.log(`  round ${r}${r ? '' : ' (warm-up)'}: ${elapsed.toFixed(0)} ms — load ${loadAverage()}`);
  if (r) samples.push(elapsed);
}
const s = stats(samples);
console.log(
  `merge, ${perKind * KINDS.length} links moved: median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${Math.max(...samples).toFixed(0)} ms (n=${s.n}; budget 1000 ms)`,
);
await database.close();
