// EXPLAIN ANALYZE of every query one kit request runs, as the kit runs it (same role, same
// organization and visibility settings, same parameters), in a transaction that is rolled back.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/crmkit_bench npx tsx bench/explain.ts \
//     --scale 1000000 --as admin|rep|manager --path '/pipelines/{pipeline}/board' [--method POST --body '{...}'] [--plans]
//
// `{pipeline}`, `{stage0}`…`{stage5}`, `{rep}` and `{deal}` in the path and body are replaced by
// ids of the scale organization. Without --plans, prints each query's execution time only.
import { createCrm, type Caller, type CrmDatabase } from '@crmkit/server';
import { connectPostgres } from '@crmkit/server/postgres';
import * as schema from '../packages/server/src/db/schema/index.js';
import { drizzle } from 'drizzle-orm/postgres-js';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import postgres from 'postgres';
import { databaseUrl, flag, ownerRows } from './lib.js';

const url = databaseUrl();
const client = postgres(url, { max: 1, onnotice: () => {} });
let captured: { query: string; params: unknown[] }[] | undefined;
// The kit's own PostgreSQL database, with a query log on the handle requests use.
const database: CrmDatabase = {
  ...connectPostgres({ url, max: 1 }),
  db: drizzle(client, { schema, logger: { logQuery: (query, params) => captured?.push({ query, params }) } }),
};

const scale = Number(flag('scale', '1000000'));
const as = flag('as', 'admin');
const [org] = await ownerRows<{ id: string; pipeline: string; stages: string }>(
  database,
  sql`select o.id, p.id as pipeline, (select string_agg(s.id::text, ',' order by s.position) from crm.stages s
                                     where s.org_id = o.id and s.pipeline_id = p.id) as stages
      from crm.organizations o join crm.pipelines p on p.org_id = o.id where o.slug = ${`scale-${scale}`}`,
);
if (!org) throw new Error(`No organization scale-${scale}: seed it first`);
const users = await ownerRows<{ id: string; role: Caller['role'] }>(
  database,
  sql`select id, role from crm.users where org_id = ${org.id} order by email`,
);
const admin = users.find((u) => u.role === 'admin')!;
// The rep the matrix measures (bench/matrix.ts): the first of the team bench/matrix-setup.ts made, else the first rep.
const [benchRep] = await ownerRows<{ id: string }>(
  database,
  sql`select u.id from crm.users u join crm.teams t on t.org_id = u.org_id and t.id = u.team_id
      where u.org_id = ${org.id} and t.name = 'Bench team' and u.role = 'rep' order by u.email limit 1`,
);
const rep = users.find((u) => u.id === benchRep?.id) ?? users.find((u) => u.role === 'rep')!;
// The first manager: the one bench/matrix-setup.ts gives a team.
const manager = users.find((u) => u.role === 'manager');
const stages = org.stages.split(',');
const [deal] = await ownerRows<{ id: string }>(
  database,
  sql`select id from crm.opportunities where org_id = ${org.id} and owner_id = ${rep.id} and stage_id = ${stages[1]!} limit 1`,
);
const fill = (text: string) =>
  text
    .replaceAll('{pipeline}', org.pipeline)
    .replaceAll('{rep}', rep.id)
    .replaceAll('{deal}', deal!.id)
    .replace(/\{stage(\d)\}/g, (_, i: string) => stages[Number(i)]!);
const caller: Caller =
  as === 'rep'
    ? { orgId: org.id, userId: rep.id, role: 'rep' }
    : as === 'manager' && manager
      ? { orgId: org.id, userId: manager.id, role: 'manager' }
      : { orgId: org.id, userId: admin.id, role: 'admin' };
const method = flag('method', 'GET');
const body = flag('body', '');
const path = fill(flag('path', '/pipelines/{pipeline}/board'));

const crm = createCrm({ database, identify: () => caller });
const host = new Hono().route('/api/crm', crm);
const send = () =>
  host.request(`/api/crm${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? fill(body) : undefined,
  });
for (let i = 0; i < 5; i++) await send(); // warm caches
captured = [];
const started = performance.now();
const res = await send();
const took = performance.now() - started;
const queries = captured;
captured = undefined;
console.log(
  `${method} ${path} as ${as} at ${scale}: ${res.status} in ${took.toFixed(2)} ms, ${queries.length} queries\n`,
);

await client
  .begin(async (tx) => {
    for (const [i, { query, params }] of queries.entries()) {
      // The scope and transaction settings run as they are: only plain statements can be explained.
      if (/^\s*select set_config/i.test(query) || !/^\s*(select|insert|update|delete|with)\b/i.test(query)) {
        await tx.unsafe(query, params as never[]);
        continue;
      }
      const plan = (await tx.unsafe(`explain (analyze, buffers) ${query}`, params as never[])) as {
        'QUERY PLAN': string;
      }[];
      const lines = plan.map((r) => r['QUERY PLAN']);
      console.log(`#${i} ${query.replace(/\s+/g, ' ').slice(0, 140)}…`);
      if (process.argv.includes('--plans')) console.log(lines.join('\n'));
      else console.log(lines.filter((l) => /Execution Time|Planning Time/.test(l)).join(' | '));
      const indexes = [
        ...new Set(
          lines.flatMap((l) =>
            [...l.matchAll(/(?:Index|Index Only) Scan(?: Backward)? using (\w+)|Bitmap Index Scan on (\w+)/g)].map(
              (m) => m[1] ?? m[2],
            ),
          ),
        ),
      ];
      const scans = [...new Set(lines.flatMap((l) => [...l.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1])))];
      console.log(
        `indexes: ${indexes.join(', ') || 'none'}${scans.length ? `; sequential scans: ${scans.join(', ')}` : ''}`,
      );
      console.log();
    }
    throw new Error('rollback');
  })
  .catch((error: Error) => {
    if (error.message !== 'rollback') throw error;
  });
await client.end();
await database.close();
