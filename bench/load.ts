// Load: the kit under autocannon on PostgreSQL with the 1M-opportunity seed, as a host serves it
// (its own Node process, the node server helper, a pool of 10). Five kinds of request, each alone
// at 10 and 50 connections, then all five mixed: record reads (GET /customers/:id), searched
// lists (GET /customers?q=<common word>), rare searches (one customer's number, or a text that
// matches nothing), the board (GET /pipelines/:id/board) and writes (POST /activities). Prints req/s, p50, p99 and the answers by status class, with the load average.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/load.ts [--duration 10] [--connections 10,50] [--scale 1000000] [--pool 10] [--only searched,board,mixed] [--profile DIR]
//
// `--profile DIR` writes a V8 CPU profile of the kit's process into DIR (open it in Chrome's DevTools).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createCrm } from '@crmkit/server';
import { serveNode } from '@crmkit/server/node';
import { connectPostgres } from '@crmkit/server/postgres';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import {
  databaseUrl,
  flag,
  loadAverage,
  machine,
  openBenchDatabase,
  ownerRows,
  sampleCustomerIds,
  scaleAdmin,
} from './lib.js';

const port = Number(flag('port', '3199'));

if (process.argv.includes('--serve')) {
  // The server process: the kit with the caller named by `x-bench-user` (an admin of the seed).
  const database = connectPostgres({ url: databaseUrl(), max: Number(flag('pool', '10')) });
  const caller = await scaleAdmin(database, flag('scale', '1000000'));
  const crm = createCrm({
    database,
    identify: (c) => (c.req.header('x-bench-user') === caller.userId ? caller : null),
  });
  const running = serveNode({
    fetch: new Hono().route('/api/crm', crm).fetch,
    port,
    kits: [crm],
    onListen: () => console.log('ready'),
  });
  process.once(
    'SIGTERM',
    () =>
      void running
        .close()
        .then(() => database.close())
        .then(() => process.exit(0)),
  );
} else {
  await main();
}

async function main() {
  const duration = Number(flag('duration', '10'));
  const connectionCounts = flag('connections', '10,50').split(',').map(Number);
  const scale = flag('scale', '1000000');
  // `--only searched,board`: just the kinds whose names contain one of these words ("mixed" for the mix).
  const only = process.argv.includes('--only') ? flag('only', '').split(',') : undefined;
  const database = openBenchDatabase();
  const admin = await scaleAdmin(database, scale);
  const customers = await sampleCustomerIds(database, admin.orgId, 2000);
  const [pipeline] = await ownerRows<{ id: string }>(
    database,
    sql`select id from crm.pipelines where org_id = ${admin.orgId} and deleted_at is null order by created_at limit 1`,
  );
  await database.close();

  const server = spawn(
    fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url)),
    [
      ...(process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${flag('profile', '.')}`] : []),
      fileURLToPath(import.meta.url),
      ...['--serve', '--port', String(port), '--scale', scale, '--pool', flag('pool', '10')],
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });

  const words = ['Traders', 'Health', 'Supply', 'Logistics', 'Customer 12'];
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  // The scale seed names its customers "Customer <n> <word>": one number finds one customer.
  const rare = () =>
    Math.random() < 0.5
      ? `Customer ${100_000 + Math.floor(Math.random() * 150_000)} `
      : `${pick(['x9z', 'qqj', 'zzv', 'jxq'])}${Math.floor(Math.random() * 10)}`;
  const kinds: Record<string, () => autocannon.Request> = {
    'record read (GET /customers/:id)': () => ({ method: 'GET', path: `/api/crm/customers/${pick(customers)}` }),
    'searched list (GET /customers?q=…)': () => ({
      method: 'GET',
      path: `/api/crm/customers?q=${encodeURIComponent(pick(words))}&limit=25`,
    }),
    'rare search (GET /customers?q=…)': () => ({
      method: 'GET',
      path: `/api/crm/customers?q=${encodeURIComponent(rare())}&limit=25`,
    }),
    'board (GET /pipelines/:id/board)': () => ({ method: 'GET', path: `/api/crm/pipelines/${pipeline!.id}/board` }),
    'write (POST /activities)': () => ({
      method: 'POST',
      path: '/api/crm/activities',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'call', subject: 'Load test call', customerId: pick(customers) }),
    }),
  };
  const run = async (name: string, connections: number, make: (() => autocannon.Request)[]) => {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration,
      headers: { 'x-bench-user': admin.userId },
      requests: [
        {
          setupRequest: (req) => {
            const next = pick(make)();
            return { ...req, ...next, headers: { ...req.headers, ...next.headers } };
          },
        },
      ],
    });
    const l = result.latency;
    const classes = `2xx ${result['2xx']}, 4xx ${result['4xx']}, 5xx ${result['5xx']}, errors ${result.errors}, timeouts ${result.timeouts}`;
    console.log(
      `| ${name} | ${connections} | ${result.requests.average.toFixed(0)} | ${l.p50} | ${l.p99} | ${classes} | ${loadAverage()} |`,
    );
  };

  console.log(`Machine: ${machine()}; ${duration} s a run; pool of ${flag('pool', '10')}\n`);
  console.log('| Requests | Connections | req/s | p50 ms | p99 ms | Answers | Load average (1/5/15 min) |');
  console.log('|---|---|---|---|---|---|---|');
  try {
    for (const connections of connectionCounts) {
      for (const [name, make] of Object.entries(kinds))
        if (!only || only.some((word) => name.includes(word))) await run(name, connections, [make]);
      if (!only || only.includes('mixed')) await run('mixed: all five alike', connections, Object.values(kinds));
    }
  } finally {
    server.kill('SIGTERM');
  }
}
