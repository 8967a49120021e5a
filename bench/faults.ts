// Faults: PostgreSQL restarted (pg_ctl restart -m fast) while writers keep the kit busy. Counts
// every answer by status, checks each 503 carries Retry-After and that nothing hangs (a request
// over 10 s counts as a hang) or answers 500, measures how long the kit takes to write again
// after each restart, and then looks up every acknowledged (201) write by id in the database.
// Run it against a throwaway server of your own: it restarts the server at DATABASE_URL.
//
//   initdb into /tmp/opspg as user postgres, start it on port 5434 (see docs/performance.md), then
//   DATABASE_URL=postgres://postgres@127.0.0.1:5434/crmkit_faults npx tsx bench/faults.ts \
//     --pgdata /tmp/opspg/data [--restarts 3] [--writers 20] [--pgoptions "-p 5434 -k /tmp/opspg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"]
import { exec, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createCrm, createOrganization, createUser, migrate } from '@crmkit/server';
import { serveNode } from '@crmkit/server/node';
import { connectPostgres } from '@crmkit/server/postgres';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { databaseUrl, flag, loadAverage, machine, ownerRows } from './lib.js';

const port = Number(flag('port', '3198'));

if (process.argv.includes('--serve')) {
  const database = connectPostgres({ url: databaseUrl(), max: 10 });
  const caller = { orgId: flag('org', ''), userId: flag('user', ''), role: 'admin' as const };
  const crm = createCrm({ database, identify: () => caller });
  serveNode({
    fetch: new Hono().route('/api/crm', crm).fetch,
    port,
    kits: [crm],
    onListen: () => console.log('ready'),
  });
} else {
  await main();
}

async function main() {
  const restarts = Number(flag('restarts', '3'));
  const writers = Number(flag('writers', '20'));
  const pgdata = flag('pgdata', '/tmp/opspg/data');
  const pgoptions = flag(
    'pgoptions',
    '-p 5434 -k /tmp/opspg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200',
  );
  const restart = () =>
    promisify(exec)(
      `su postgres -s /bin/sh -c "cd / && /usr/lib/postgresql/15/bin/pg_ctl -D ${pgdata} -l ${pgdata}/../log -m fast restart -w -o \\"${pgoptions}\\""`,
    );

  const setup = connectPostgres({ url: databaseUrl(), max: 2 });
  await migrate(setup);
  const slug = `faults-${Date.now().toString(36)}`;
  const org = await createOrganization(setup.db, { slug, name: slug, baseCurrency: 'USD' });
  const user = await createUser(setup.db, org.id, { email: `admin@${slug}.test`, name: 'Admin', role: 'admin' });
  const [customer] = await ownerRows<{ id: string }>(
    setup,
    sql`insert into crm.customers (id, org_id, name, owner_id) values (gen_random_uuid(), ${org.id}, 'Fault Co', ${user.id}) returning id`,
  );
  await setup.close();

  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const args = [fileURLToPath(import.meta.url), '--serve', '--port', String(port), '--org', org.id, '--user', user.id];
  const server = spawn(tsx, args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });

  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const acknowledged: string[] = [];
  let slowestFailure = 0;
  let lastCreated = 0;
  let running = true;
  const writer = async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/crm/activities`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'note', subject: 'Written during a restart', customerId: customer!.id }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await res.json()) as { id?: string };
        if (res.status === 201) {
          acknowledged.push(body.id!);
          lastCreated = performance.now();
        } else {
          slowestFailure = Math.max(slowestFailure, performance.now() - started);
        }
        count(
          res.status === 503
            ? `503 ${res.headers.get('retry-after') ? 'with' : 'without'} Retry-After`
            : String(res.status),
        );
        if (res.status === 503) await new Promise((r) => setTimeout(r, 100));
      } catch (error) {
        count(
          (error as Error).name === 'TimeoutError' ? 'hang (over 10 s)' : `network error (${(error as Error).message})`,
        );
      }
    }
  };

  console.log(`Machine: ${machine()}; ${writers} writers; load average ${loadAverage()}`);
  const load = Array.from({ length: writers }, writer);
  const recoveries: number[] = [];
  for (let i = 0; i < restarts; i++) {
    await new Promise((r) => setTimeout(r, 3000));
    const t = performance.now();
    await restart();
    const back = performance.now();
    // Recovered: the first write acknowledged after the server is back.
    while (lastCreated < back && performance.now() - back < 30_000) await new Promise((r) => setTimeout(r, 20));
    recoveries.push(Math.round(lastCreated - back));
    console.log(
      `restart ${i + 1}: pg_ctl restart took ${Math.round(back - t)} ms; writing again ${Math.round(lastCreated - back)} ms after`,
    );
  }
  await new Promise((r) => setTimeout(r, 2000));
  running = false;
  await Promise.all(load);
  server.kill('SIGTERM');

  const check = connectPostgres({ url: databaseUrl(), max: 1 });
  const [found] = await ownerRows<{ n: number }>(
    check,
    sql`select count(*)::int as n from crm.activities where org_id = ${org.id} and id = any(${`{${acknowledged.join(',')}}`}::uuid[])`,
  );
  await check.close();
  console.log(`answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`slowest failed request: ${Math.round(slowestFailure)} ms`);
  console.log(`acknowledged writes (201): ${acknowledged.length}; found in the database afterwards: ${found!.n}`);
  console.log(`load average after: ${loadAverage()}`);
  process.exit(
    found!.n === acknowledged.length && ![...statuses.keys()].some((k) => /^5(?!03 with)|hang|network/.test(k)) ? 0 : 1,
  );
}
