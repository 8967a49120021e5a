// CSV import as a job: 100,000 customers with 1% bad rows (every hundredth has no name and a bad
// size) stored by `POST /imports/customers/jobs`, then run by the kit's import worker in this
// process. Reports the upload time, the job's run time and rows a second, and checks that the
// error report names exactly the bad rows and that every good row was written once.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/import-job.ts [--rows 100000] [--stream]
//
// `--stream` first imports the same rows (under other ids) through the streamed `POST /imports/customers`.
import { createCrm, createOrganization, createUser, migrate } from '@crmkit/server';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { flag, loadAverage, machine, openBenchDatabase } from './lib.js';

const count = Number(flag('rows', '100000'));
const database = openBenchDatabase();
await migrate(database);

const run = Date.now().toString(36);
const org = await createOrganization(database.db, { slug: `import-${run}`, name: 'Import bench' });
const admin = await createUser(database.db, org.id, { email: 'admin@import.test', name: 'Admin', role: 'admin' });
const caller = { orgId: org.id, userId: admin.id, role: 'admin' as const };
const host = new Hono().route('/api/crm', createCrm({ database, identify: () => caller, imports: { pollMs: 200 } }));

const bad = (i: number) => i % 100 === 7;
const lines = Array.from({ length: count }, (_, i) =>
  bad(i) ? `${run}-${i},,buyer${i}@shop.test,Taipei,huge` : `${run}-${i},Customer ${i},buyer${i}@shop.test,Taipei,1-10`,
);
const csv = `\uFEFFShop ID,Company,E-mail,Region,Size\r\n${lines.join('\r\n')}\r\n`;
const query = new URLSearchParams({
  source: 'shop',
  map: 'Shop ID:externalId,Company:name,E-mail:emails,Region:region,Size:size',
});

if (process.argv.includes('--stream')) {
  // For comparison: the same file through the streamed import.
  const t0 = performance.now();
  const streamed = await host.request(`/api/crm/imports/customers?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: csv.replaceAll(`${run}-`, `${run}-s`).replaceAll('Customer ', 'Streamed '),
  });
  const last = (await streamed.text()).trim().split('\n').at(-1);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`streamed import: ${seconds.toFixed(1)} s, ${Math.round(count / seconds)} rows/s; ${last}`);
}
console.log(
  `import job of ${count} customers (${(csv.length / 1e6).toFixed(1)} MB) — ${machine()} — load ${loadAverage()}`,
);
const started = performance.now();
const res = await host.request(`/api/crm/imports/customers/jobs?${query}`, {
  method: 'POST',
  headers: { 'content-type': 'text/csv' },
  body: csv,
});
if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
let job = (await res.json()) as { id: string; status: string; rowsPerSecond: number; summary: Record<string, number> };
const uploaded = performance.now();
console.log(`stored in ${((uploaded - started) / 1000).toFixed(1)} s`);
while (job.status === 'queued' || job.status === 'running') {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  job = (await (await host.request(`/api/crm/import-jobs/${job.id}`)).json()) as typeof job;
  process.stdout.write(`\r${job.summary.rows} rows, ${job.rowsPerSecond} rows/s   `);
}
const ran = (performance.now() - uploaded) / 1000;
console.log(
  `\n${job.status} in ${ran.toFixed(1)} s: ${Math.round(count / ran)} rows/s overall; ${JSON.stringify(job.summary)}`,
);

// Exactly the bad rows are reported, and each good one was written once.
const errors: number[] = [];
for (let cursor = '0'; cursor;) {
  const page = (await (
    await host.request(`/api/crm/import-jobs/${job.id}/errors?limit=1000&cursor=${cursor}`)
  ).json()) as {
    items: { row: number }[];
    nextCursor: string | null;
  };
  errors.push(...page.items.map((e) => e.row));
  cursor = page.nextCursor ?? '';
}
const expected = Array.from({ length: count }, (_, i) => i)
  .filter(bad)
  .map((i) => i + 2);
const [written] = (await database.db.execute(
  sql`select count(*)::int as n, count(distinct name)::int as names from crm.customers where org_id = ${org.id}`,
)) as unknown as { n: number; names: number }[];
console.log(
  `error report: ${errors.length} rows, ${JSON.stringify(errors) === JSON.stringify(expected) ? 'exactly the bad ones' : 'NOT the bad ones'}; ` +
    `customers written: ${written!.n} (${written!.names} distinct names)`,
);
await database.close();
process.exit(0);
