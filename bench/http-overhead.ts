// Kit overhead over real HTTP: `GET /customers/:id` through the kit, against a bare Hono handler
// running the same query, both served by @hono/node-server (the kit's serveNode) from one Node
// process on one database pool, driven by autocannon from another process at 1 and at 20
// connections. The variants alternate in short rounds so that load on the shared machine falls
// on them alike. A third variant, the bare handler with the query inside the kit's scoped
// read-only transaction (`readInOrg`: scope statement, role, row-level security), shows how much
// of the difference is the database's part and how much the kit's own code.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/http-overhead.ts \
//     [--rounds 5] [--seconds 4] [--connections 1,20] [--scale 1000000] [--pool 10]
//
// Prints req/s (mean over rounds), p50 and p99 (median over rounds; autocannon's whole ms), mean
// latency, and the kit ÷ bare ratios (by throughput and by mean latency). Budget: at most 1.3×.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createCrm, readInOrg, tables } from '@crmkit/server';
import { serveNode } from '@crmkit/server/node';
import { connectPostgres } from '@crmkit/server/postgres';
import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { databaseUrl, flag, loadAverage, machine, openBenchDatabase, ownerRows } from './lib.js';

const scale = flag('scale', '1000000');
const PORTS = { kit: 3301, bare: 3302, scoped: 3303 } as const;
type Variant = keyof typeof PORTS;
const NAMES: Record<Variant, string> = {
  kit: 'the kit: GET /customers/:id',
  bare: 'bare Hono handler, the same query',
  scoped: 'bare Hono handler, the query in readInOrg',
};

async function admin(database: ReturnType<typeof openBenchDatabase>) {
  const [row] = await ownerRows<{ id: string; org_id: string }>(
    database,
    sql`select u.id, u.org_id from crm.users u join crm.organizations o on o.id = u.org_id
        where o.slug = ${`scale-${scale}`} and u.role = 'admin' order by u.email limit 1`,
  );
  if (!row) throw new Error(`No organization scale-${scale}: seed it first`);
  return { orgId: row.org_id, userId: row.id, role: 'admin' as const };
}

if (process.argv.includes('--serve')) {
  // The server process: three apps on three ports, one database pool.
  const database = connectPostgres({ url: databaseUrl(), max: Number(flag('pool', '10')) });
  const caller = await admin(database);
  const { customers } = tables;
  const db = database.db;
  const byId = (id: string) => and(eq(customers.orgId, caller.orgId), eq(customers.id, id));
  const crm = createCrm({
    database,
    identify: (c) => (c.req.header('x-bench-user') === caller.userId ? caller : null),
  });
  const kit = new Hono().route('/api/crm', crm);
  const bare = new Hono().get('/api/crm/customers/:id', async (c) => {
    const [row] = await db
      .select()
      .from(customers)
      .where(byId(c.req.param('id')));
    return row ? c.json(row) : c.json({ title: 'Not found' }, 404);
  });
  const scoped = new Hono().get('/api/crm/customers/:id', async (c) => {
    const [row] = await readInOrg(db, caller, (tx) =>
      tx
        .select()
        .from(customers)
        .where(byId(c.req.param('id'))),
    );
    return row ? c.json(row) : c.json({ title: 'Not found' }, 404);
  });
  const running = [
    serveNode({ fetch: kit.fetch, port: PORTS.kit, kits: [crm] }),
    serveNode({ fetch: bare.fetch, port: PORTS.bare }),
    serveNode({ fetch: scoped.fetch, port: PORTS.scoped }),
  ];
  console.log('ready');
  process.once(
    'SIGTERM',
    () =>
      void Promise.all(running.map((r) => r.close()))
        .then(() => database.close())
        .then(() => process.exit(0)),
  );
} else {
  await main();
}

async function main() {
  const rounds = Number(flag('rounds', '5'));
  const seconds = Number(flag('seconds', '4'));
  const connectionCounts = flag('connections', '1,20').split(',').map(Number);
  const database = openBenchDatabase();
  const caller = await admin(database);
  const ids = (
    await ownerRows<{ id: string }>(
      database,
      sql`select id from crm.customers where org_id = ${caller.orgId} order by md5(id::text) limit 1000`,
    )
  ).map((r) => r.id);
  await database.close();

  const server = spawn(
    fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url)),
    [fileURLToPath(import.meta.url), '--serve', '--scale', scale, '--pool', flag('pool', '10')],
    { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
  );
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });

  let next = 0;
  const run = (variant: Variant, connections: number, duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${PORTS[variant]}`,
      connections,
      duration,
      headers: { 'x-bench-user': caller.userId },
      requests: [{ setupRequest: (req) => ({ ...req, path: `/api/crm/customers/${ids[next++ % ids.length]}` }) }],
    });

  const loads: string[] = [loadAverage()];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rows: string[] = [];
  const variants = Object.keys(PORTS) as Variant[];
  try {
    for (const connections of connectionCounts) {
      for (const v of variants) await run(v, connections, 2); // warm up
      const results = new Map<Variant, autocannon.Result[]>(variants.map((v) => [v, []]));
      for (let round = 0; round < rounds; round++) {
        // Each round in another order, so no variant always runs right after another.
        const order = round % 2 ? [...variants].reverse() : variants;
        for (const v of order) {
          const result = await run(v, connections, seconds);
          if (result.non2xx || result.errors || result.timeouts)
            throw new Error(`${v}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
          results.get(v)!.push(result);
        }
        console.error(`${connections} connections, round ${round + 1}/${rounds}: load ${loadAverage()}`);
      }
      loads.push(loadAverage());
      const summary = new Map(
        variants.map((v) => {
          const rs = results.get(v)!;
          const rps = rs.reduce((a, r) => a + r.requests.average, 0) / rs.length;
          const mean = rs.reduce((a, r) => a + r.latency.average, 0) / rs.length;
          return [
            v,
            { rps, mean, p50: median(rs.map((r) => r.latency.p50)), p99: median(rs.map((r) => r.latency.p99)) },
          ];
        }),
      );
      const bare = summary.get('bare')!;
      for (const v of variants) {
        const s = summary.get(v)!;
        rows.push(
          `| ${connections} | ${NAMES[v]} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.mean.toFixed(2)} | ` +
            `${(bare.rps / s.rps).toFixed(2)} | ${(s.mean / bare.mean).toFixed(2)} |`,
        );
      }
    }
  } finally {
    server.kill('SIGTERM');
  }
  console.log(
    `\n${machine()}; PostgreSQL, scale-${scale}, pool of ${flag('pool', '10')}; ${rounds} rounds of ${seconds} s per variant and connection count, ` +
      `variants alternating; load average ${loads.join(' → ')}.\n`,
  );
  console.log('| connections | variant | req/s | p50 ms | p99 ms | mean ms | ÷ bare (req/s) | ÷ bare (mean latency) |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
}
