// Bulk upserts: 10,000 customers through `POST /bulk` (NDJSON), each an upsert by the shop's id,
// in a fresh organization: first all new (created), then the same body again (unchanged), then
// every name changed (updated), then the changed body all-or-nothing (`?atomic=true`). Budget:
// 10,000 customers upserted in at most 5 s on PostgreSQL here.
//
// `--hooks` adds host hooks on `customer.created` and `customer.updated` that each run one statement in
// the writing transaction, to measure what hooks cost a bulk write.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/bulk-upsert.ts [--records 10000] [--rounds 3] [--hooks]
import { createOrganization, createUser, migrate } from '@crmkit/server';
import { Hono } from 'hono';
import { createCrm, type CrmHook, type CrmHooks } from '@crmkit/server';
import { sql } from 'drizzle-orm';
import { flag, loadAverage, machine, openBenchDatabase, stats } from './lib.js';

const records = Number(flag('records', '10000'));
const rounds = Number(flag('rounds', '3'));
const withHooks = process.argv.includes('--hooks');
const database = openBenchDatabase();
await migrate(database);

const run = Date.now().toString(36);
const org = await createOrganization(database.db, { slug: `bulk-${run}`, name: 'Bulk bench' });
const admin = await createUser(database.db, org.id, { email: 'admin@bulk.test', name: 'Admin', role: 'admin' });
const caller = { orgId: org.id, userId: admin.id, role: 'admin' as const };
const hook: CrmHook = async ({ tx }) => {
  await tx.execute(sql`select 1`);
};
const hooks: CrmHooks | undefined = withHooks ? { 'customer.created': hook, 'customer.updated': hook } : undefined;
const host = new Hono().route('/api/crm', createCrm({ database, identify: () => caller, hooks }));

const REGIONS = ['Taipei', 'Kaohsiung', 'Taichung', 'Shanghai', 'Shenzhen'];
/** The NDJSON body: one customer a line, as a shop would sync them. */
const body = (round: string, name: (i: number) => string) =>
  Array.from({ length: records }, (_, i) =>
    JSON.stringify({
      resource: 'customers',
      source: 'shop',
      externalId: `${round}-${i}`,
      data: {
        name: name(i),
        emails: [`buyer${i}@shop.test`],
        phones: [`+886 2 ${String(1000_0000 + i).slice(0, 8)}`],
        region: REGIONS[i % REGIONS.length],
        tags: i % 3 ? ['retail'] : ['retail', 'vip'],
        attributes: { tier: i % 4, since: 2020 + (i % 6) },
      },
    }),
  ).join('\n');

async function post(text: string, query = '') {
  const started = performance.now();
  const res = await host.request(`/api/crm/bulk${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: text,
  });
  const lines = (await res.text()).trim().split('\n');
  const elapsed = performance.now() - started;
  const summary = (JSON.parse(lines.at(-1)!) as { summary: Record<string, number> }).summary;
  if (res.status !== 200 || summary.failed) throw new Error(`bulk failed: ${res.status} ${lines.at(-1)}`);
  return { elapsed, summary };
}

console.log(
  `bulk upsert of ${records} customers${withHooks ? ', with hooks' : ''} — ${machine()} — load ${loadAverage()}`,
);
const figures: Record<string, number[]> = { created: [], unchanged: [], updated: [], 'updated (atomic)': [] };
for (let r = 0; r < rounds; r++) {
  const round = `${run}-${r}`;
  const first = body(round, (i) => `Customer ${i}`);
  const changed = body(round, (i) => `Customer ${i} (renamed)`);
  const again = body(round, (i) => `Customer ${i} (again)`);
  for (const [name, text, query] of [
    ['created', first, ''],
    ['unchanged', first, ''],
    ['updated', changed, ''],
    ['updated (atomic)', again, '?atomic=true'],
  ] as const) {
    const { elapsed } = await post(text, query);
    figures[name]!.push(elapsed);
    console.log(`  round ${r + 1} ${name}: ${(elapsed / 1000).toFixed(2)} s — load ${loadAverage()}`);
  }
}
for (const [name, samples] of Object.entries(figures)) {
  const s = stats(samples);
  console.log(
    `${name.padEnd(18)} median ${(s.median / 1000).toFixed(2)} s  (${Math.round(records / (s.median / 1000))} records/s, n=${s.n})`,
  );
}
await database.close();
