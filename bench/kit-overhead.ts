// Kit overhead: `GET /customers/:id` through the kit, against a bare Hono handler running the
// same single query on the same database (same pool), and, to show where the difference goes,
// the bare handler with the query inside the kit's row-level-security transaction (`inOrg`).
// Requests alternate between the variants, so load on the machine hits all of them alike.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/crmkit_bench npx tsx bench/kit-overhead.ts [--iterations 3000] [--scale 1000000]
import { inOrg, readInOrg, tables } from '@crmkit/server';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { benchKit, flag, machine, ms, openBenchDatabase, sampleCustomerIds, scaleAdmin, stats } from './lib.js';

const iterations = Number(flag('iterations', '3000'));
const scale = Number(flag('scale', '1000000'));
const database = openBenchDatabase();
const { customers } = tables;

const caller = await scaleAdmin(database, scale);
const ids = await sampleCustomerIds(database, caller.orgId, 1000);

const kit = benchKit(database, [caller]);
const db = database.db;
const byId = (id: string) => and(eq(customers.orgId, caller.orgId), eq(customers.id, id));
const bare = new Hono()
  .get('/customers/:id', async (c) => {
    const [row] = await db
      .select()
      .from(customers)
      .where(byId(c.req.param('id')));
    return row ? c.json(row) : c.json({ title: 'Not found' }, 404);
  })
  .get('/scoped/customers/:id', async (c) => {
    const [row] = await inOrg(db, caller, (tx) =>
      tx
        .select()
        .from(customers)
        .where(byId(c.req.param('id'))),
    );
    return row ? c.json(row) : c.json({ title: 'Not found' }, 404);
  })
  .get('/read/customers/:id', async (c) => {
    const [row] = await readInOrg(db, caller, (tx) =>
      tx
        .select()
        .from(customers)
        .where(byId(c.req.param('id'))),
    );
    return row ? c.json(row) : c.json({ title: 'Not found' }, 404);
  });
const bareGet = async (path: string) => {
  const res = await bare.request(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return res.json();
};

const variants: [string, (id: string) => Promise<unknown>][] = [
  ['bare Hono handler, the single query', (id) => bareGet(`/customers/${id}`)],
  ['bare Hono handler, the query in inOrg (RLS transaction, read-write)', (id) => bareGet(`/scoped/customers/${id}`)],
  ['bare Hono handler, the query in readInOrg (RLS, read only)', (id) => bareGet(`/read/customers/${id}`)],
  ['the kit: GET /customers/:id', (id) => kit(caller, 'GET', `/customers/${id}`)],
];
const samples = variants.map(() => [] as number[]);
for (let i = 0; i < iterations + 200; i++) {
  const id = ids[i % ids.length]!;
  for (const [v, [, run]] of variants.entries()) {
    const t = performance.now();
    await run(id);
    if (i >= 200) samples[v]!.push(performance.now() - t);
  }
}
const results = variants.map(([name], v) => [name, stats(samples[v]!)] as const);
const base = results[0]![1];
console.log(
  `\n${machine()}; ${iterations} requests per variant (interleaved) after 200 warm-up rounds; scale-${scale}.\n`,
);
console.log('| variant | median (ms) | p95 (ms) | median ÷ bare |');
console.log('|---|---:|---:|---:|');
for (const [name, s] of results)
  console.log(`| ${name} | ${ms(s.median)} | ${ms(s.p95)} | ${(s.median / base.median).toFixed(2)} |`);
await database.close();
