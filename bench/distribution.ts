// 1,000 public form submissions at once from 50 clients, for each of round robin and weighted
// shares: is the distribution exactly what the rule says (no lead assigned twice, no member skipped,
// every full cycle of the weights exact)? On organization `scale-1000000` with the team
// bench/matrix-setup.ts adds; the kit in this process (`app.request`, as a host mounts it, with
// `trustProxy: 1` so that each submission names a client address of its own). Each strategy gets a
// rule of its own (`Bench distribution …`), ahead of the others, matching the source of its forms;
// the forms' rate-limit counters are reset first. A 503 (the kit's pool busy past its wait) is sent
// again after its Retry-After, as a client does. Prints the shares and exits 1 if one is off.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/distribution.ts [--submissions 1000] [--clients 50]
import { createCrm } from '@crmkit/server';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { issueFormToken } from '../packages/server/src/leads/form-token.js';
import { weightedTurns } from '../packages/server/src/leads/assignment.js';
import { connectPostgres } from '@crmkit/server/postgres';
import { benchKit, databaseUrl, flag, loadAverage, machine, openBenchDatabase, ownerRows, scaleAdmin } from './lib.js';

const submissions = Number(flag('submissions', '1000'));
const clients = Number(flag('clients', '50'));
const database = openBenchDatabase();
// The kit's own pool, as a server's (the bench's reads use the small one above).
const kitDatabase = connectPostgres({ url: databaseUrl(), max: Number(flag('pool', '10')) });
const admin = await scaleAdmin(database, flag('scale', '1000000'));
const send = benchKit(database, [admin]);
const host = new Hono().route('/api/crm', createCrm({ database: kitDatabase, identify: () => null, trustProxy: 1 }));

const [team] = await ownerRows<{ id: string }>(
  database,
  sql`select id from crm.teams where org_id = ${admin.orgId} and deleted_at is null order by created_at limit 1`,
);
if (!team) throw new Error('No team: run bench/matrix-setup.ts first');
const seats = (
  await ownerRows<{ id: string }>(
    database,
    sql`select id from crm.users where org_id = ${admin.orgId} and team_id = ${team.id} and active
        and deleted_at is null and (away_until is null or away_until <= now()) order by id`,
  )
).map((u) => u.id);
const weights = seats.slice(0, 4).map((userId, i) => ({ userId, weight: i + 1 }));

/** The rule and the forms of a strategy (made on the first run): a form takes 600 an hour. */
async function setUp(strategy: 'round_robin' | 'weighted') {
  const source = `Bench distribution ${strategy}`;
  const [rule] = await ownerRows<{ id: string }>(
    database,
    sql`select id from crm.assignment_rules where org_id = ${admin.orgId} and name = ${source} and deleted_at is null`,
  );
  if (!rule)
    await send(admin, 'POST', '/assignment-rules', {
      name: source,
      position: 0,
      strategy,
      conditions: [{ field: 'source', values: [source] }],
      ...(strategy === 'weighted' ? { weights } : { teamId: team!.id }),
    });
  const forms = async () =>
    ownerRows<{ id: string; public_key: string; secret: string }>(
      database,
      sql`select id, public_key, secret from crm.lead_forms
          where org_id = ${admin.orgId} and source = ${source} and deleted_at is null order by created_at`,
    );
  const needed = Math.ceil(submissions / 500);
  for (let i = (await forms()).length; i < needed; i++)
    await send(admin, 'POST', '/lead-forms', {
      name: `${source} ${i + 1}`,
      source,
      fields: [
        { name: 'name', label: 'Name', required: true },
        { name: 'email', label: 'Email', required: true },
      ],
      minFillSeconds: 0,
    });
  const found = await forms();
  await ownerRows(
    database,
    sql`delete from crm.rate_limits where org_id = ${admin.orgId}
        and split_part(key, ':', 2) = any(${`{${found.map((f) => f.id).join(',')}}`}::text[])`,
  );
  const opened = Date.now() - 60_000;
  return {
    source,
    forms: await Promise.all(
      found.map(async (f) => ({ key: f.public_key, token: await issueFormToken(f.secret, opened) })),
    ),
  };
}

let serial = 0;
async function run(strategy: 'round_robin' | 'weighted') {
  const { source, forms } = await setUp(strategy);
  const [{ since }] = (await ownerRows<{ since: string }>(database, sql`select now()::text as since`)) as [
    { since: string },
  ];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < submissions) {
        const n = next++;
        const form = forms[n % forms.length]!;
        // A 503 (the pool busy past its wait) wrote nothing: the client sends it again after Retry-After.
        for (;;) {
          const address = ++serial;
          const res = await host.request(`/api/crm/public/lead-forms/${form.key}/submissions`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
            },
            body: JSON.stringify({
              name: `Distributed ${n}`,
              email: `d-${Date.now().toString(36)}-${n}@dist.example`,
              _token: form.token,
            }),
          });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status !== 503) break;
          await new Promise((resolve) => setTimeout(resolve, 1000 * Number(res.headers.get('retry-after') ?? 1)));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const leads = await ownerRows<{ owner_id: string; reason: string }>(
    database,
    sql`select owner_id, assignment_reason as reason from crm.leads
        where org_id = ${admin.orgId} and source = ${source} and created_at >= ${since}::timestamptz`,
  );
  const counts = new Map<string, number>();
  for (const lead of leads) counts.set(lead.owner_id, (counts.get(lead.owner_id) ?? 0) + 1);
  const turns = leads.map((l) => Number(/turn (\d+)\)?$/.exec(l.reason)?.[1]));
  const distinctTurns = new Set(turns).size;

  // What the rule says: round robin gives every seat ⌊n/k⌋ or ⌈n/k⌉; the weights give each member their
  // share of every full cycle, and of the last partial cycle what the rotation's order gives.
  const expected = new Map<string, number>();
  const order = strategy === 'weighted' ? weightedTurns(weights) : seats;
  const firstTurn = Math.min(...turns);
  for (let t = firstTurn; t < firstTurn + leads.length; t++) {
    const seat = order[(t - 1) % order.length]!;
    expected.set(seat, (expected.get(seat) ?? 0) + 1);
  }
  const exact =
    leads.length === submissions &&
    distinctTurns === leads.length &&
    [...expected].every(([seat, n]) => counts.get(seat) === n) &&
    [...counts.keys()].every((seat) => expected.has(seat));
  console.log(
    `${strategy}: ${submissions} submissions from ${clients} clients in ${seconds.toFixed(1)} s; answers ${JSON.stringify(Object.fromEntries(statuses))}; ` +
      `${leads.length} leads, ${distinctTurns} distinct turns`,
  );
  console.log(
    `  per member: ${[...expected.keys()].map((s) => `${counts.get(s) ?? 0}/${expected.get(s)}`).join(', ')} (got/expected)`,
  );
  console.log(`  ${exact ? 'exact' : 'NOT EXACT'}`);
  return exact;
}

console.log(`${machine()}; load ${loadAverage()}`);
const results = [await run('round_robin'), await run('weighted')];
await Promise.all([database.close(), kitDatabase.close()]);
process.exit(results.every(Boolean) ? 0 : 1);
