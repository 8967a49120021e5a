// Forecast and performance report times through the kit (in-process `app.request`), on the
// scale organizations of the benchmark database:
//
//   DATABASE_URL=postgres://… npx crmkit seed --scale 10000   # and 100000
//   DATABASE_URL=postgres://… npx tsx bench/setup.ts
//   DATABASE_URL=postgres://… npx tsx bench/forecast.ts [--iterations 100] [--warmup 10] [--scales 10000,100000]
//
// Prints a Markdown table: median and p95 per request and scale, and the ratio of the largest
// scale to the smallest. These reports read the deals of their period (no summary table yet).
import type { Caller } from '@crmkit/server';
import { sql } from 'drizzle-orm';
import os from 'node:os';
import { benchKit, flag, machine, ms, openBenchDatabase, ownerRows, stats, type Stats } from './lib.js';

const iterations = Number(flag('iterations', '100'));
const warmup = Number(flag('warmup', '10'));
const scales = flag('scales', '10000,100000').split(',').map(Number);
const database = openBenchDatabase();

interface Org {
  scale: number;
  admin: Caller;
  rep: Caller;
}

async function org(scale: number): Promise<Org | undefined> {
  const users = await ownerRows<{ id: string; role: Caller['role']; org_id: string }>(
    database,
    sql`select u.id, u.role, u.org_id from crm.users u join crm.organizations o on o.id = u.org_id
        where o.slug = ${`scale-${scale}`} order by u.email`,
  );
  const admin = users.find((u) => u.role === 'admin');
  const rep = users.find((u) => u.role === 'rep');
  if (!admin || !rep) return undefined;
  return {
    scale,
    admin: { orgId: admin.org_id, userId: admin.id, role: 'admin' },
    rep: { orgId: rep.org_id, userId: rep.id, role: 'rep' },
  };
}

const orgs = (await Promise.all(scales.map(org))).filter((o): o is Org => Boolean(o));
const request = benchKit(
  database,
  orgs.flatMap((o) => [o.admin, o.rep]),
);
const [today] = await ownerRows<{ q: string; y: string }>(
  database,
  sql`select to_char(date_trunc('quarter', now()), 'YYYY-MM-DD') as q, to_char(date_trunc('year', now()), 'YYYY-MM-DD') as y`,
);
const quarter = today!.q;
const year = today!.y;

type Case = [name: string, run: (o: Org) => () => Promise<unknown>];
const cases: Case[] = [
  ['forecast, this quarter (admin)', (o) => () => request(o.admin, 'GET', `/reports/forecast?start=${quarter}`)],
  ['forecast, 4 quarters (admin)', (o) => () => request(o.admin, 'GET', `/reports/forecast?start=${year}&periods=4`)],
  ['forecast, this quarter (rep)', (o) => () => request(o.rep, 'GET', `/reports/forecast?start=${quarter}`)],
  [
    'performance, a year with comparison (admin)',
    (o) => () =>
      request(
        o.admin,
        'GET',
        `/reports/performance?from=${year}&to=${quarter}&compareFrom=2024-01-01&compareTo=2024-12-31`,
      ),
  ],
  ['performance, a year (rep)', (o) => () => request(o.rep, 'GET', `/reports/performance?from=${year}&to=${quarter}`)],
];

const results = new Map<string, Map<number, Stats>>();
for (const [name, make] of cases) {
  const runs = orgs.map((o) => make(o));
  const samples = orgs.map(() => [] as number[]);
  // Scales take turns request by request, so that load on the machine falls on all of them alike.
  for (let i = 0; i < iterations + warmup; i++) {
    for (const [k, run] of runs.entries()) {
      const t = performance.now();
      await run();
      if (i >= warmup) samples[k]!.push(performance.now() - t);
    }
  }
  const byScale = new Map(orgs.map((o, k) => [o.scale, stats(samples[k]!)]));
  results.set(name, byScale);
  console.error(`${name}: ${orgs.map((o) => `${o.scale} ${ms(byScale.get(o.scale)!.median)} ms`).join(', ')}`);
}

const smallest = orgs[0]!.scale;
const largest = orgs.at(-1)!.scale;
console.log(
  `\n${machine()}; load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}\n`,
);
console.log(`| request | ${orgs.map((o) => `${o.scale} p50 / p95 ms`).join(' | ')} | ${largest} / ${smallest} (p50) |`);
console.log(`| --- | ${orgs.map(() => '---').join(' | ')} | --- |`);
for (const [name, byScale] of results) {
  const cells = orgs.map((o) => `${ms(byScale.get(o.scale)!.median)} / ${ms(byScale.get(o.scale)!.p95)}`);
  const ratio = byScale.get(largest)!.median / byScale.get(smallest)!.median;
  console.log(`| ${name} | ${cells.join(' | ')} | ${ratio.toFixed(2)} |`);
}
await database.close();
