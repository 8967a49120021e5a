// The public lead form under load: `POST /public/lead-forms/{key}/submissions` (JSON, a new lead
// each time: an email no lead or contact has) and `GET /public/lead-forms/{key}` (a page view, a
// start token), on PostgreSQL with the 1M-opportunity seed (organization `scale-1000000`), at 1
// and 20 connections. The kit runs in its own Node process (the node server helper, a pool of
// 10) with `trustProxy: 1`, so each request names its own client address in X-Forwarded-For and
// the per-address limits never refuse; the submissions go round the bench's forms (made once,
// `Bench form 1…`) and their rate-limit counters are reset before each run, so the per-form
// limits (600 an hour) do not either. Start tokens are minted here with the forms' secrets (a
// token is good for a day, so one per form and run), dated a minute back.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/lead-submit.ts \
//     [--seconds 10] [--connections 1,20] [--forms 50] [--scale 1000000] [--pool 10]
//
// A closed loop per connection (keep-alive), timed here; prints req/s, p50, p95 and p99 and the
// answers by status. Budget (issue 14): public submit p95 at most 50 ms on PostgreSQL. Each
// submission has a new email, phone number and company, so it is matched (and found new) by all three.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { createCrm } from '@crmkit/server';
import { serveNode } from '@crmkit/server/node';
import { connectPostgres } from '@crmkit/server/postgres';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { issueFormToken } from '../packages/server/src/leads/form-token.js';
import { benchKit, databaseUrl, flag, loadAverage, machine, openBenchDatabase, ownerRows, scaleAdmin } from './lib.js';

const port = Number(flag('port', '3198'));
const scale = flag('scale', '1000000');

interface Form {
  id: string;
  key: string;
  token: string;
}

/** The bench's forms in the organization (made on the first run), each with a start token. */
async function benchForms(count: number): Promise<{ orgId: string; forms: Form[] }> {
  const database = openBenchDatabase();
  try {
    const admin = await scaleAdmin(database, scale);
    const send = benchKit(database, [admin]);
    const existing = async () =>
      ownerRows<{ id: string; public_key: string; secret: string }>(
        database,
        sql`select id, public_key, secret from crm.lead_forms
            where org_id = ${admin.orgId} and name like 'Bench form %' and deleted_at is null and active
            order by created_at limit ${count}`,
      );
    for (let i = (await existing()).length; i < count; i++)
      await send(admin, 'POST', '/lead-forms', {
        name: `Bench form ${i + 1}`,
        fields: [
          { name: 'name', label: 'Name', required: true },
          { name: 'email', label: 'Email', required: true },
          { name: 'company', label: 'Company' },
        ],
        minFillSeconds: 3,
      });
    const opened = Date.now() - 60_000;
    const forms = await Promise.all(
      (await existing()).map(async (f) => ({
        id: f.id,
        key: f.public_key,
        token: await issueFormToken(f.secret, opened),
      })),
    );
    return { orgId: admin.orgId, forms };
  } finally {
    await database.close();
  }
}

/** Forgets the bench forms' rate-limit counters, so each run starts with the limits' full room. */
async function resetLimits(orgId: string, forms: Form[]): Promise<void> {
  const database = openBenchDatabase();
  try {
    await ownerRows(
      database,
      sql`delete from crm.rate_limits where org_id = ${orgId}
          and split_part(key, ':', 2) = any(${`{${forms.map((f) => f.id).join(',')}}`}::text[])`,
    );
  } finally {
    await database.close();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<number>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let serial = 0;
/** A client address of its own for every request (10.0.0.0/8 holds 16.7 million). */
const nextAddress = () => {
  const n = ++serial;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

type Kind = (forms: Form[]) => Promise<number>;
const KINDS: Record<string, Kind> = {
  'submit (POST …/submissions)': (forms) => {
    const n = serial + 1;
    const form = forms[n % forms.length]!;
    const body = JSON.stringify({
      name: `Bench visitor ${n}`,
      email: `bench-${Date.now().toString(36)}-${n}@submit.example`,
      // A number and a company no record has (each is looked up: an open lead, a contact, a customer).
      phone: `+1 (555) ${String((Date.now() + n) % 10_000_000).padStart(7, '0')}`,
      company: `Bench Co ${n}`,
      _token: form.token,
    });
    return request(
      'POST',
      `/api/crm/public/lead-forms/${form.key}/submissions`,
      { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
      body,
    );
  },
  'page view (GET, a start token)': (forms) => {
    const form = forms[(serial + 1) % forms.length]!;
    return request('GET', `/api/crm/public/lead-forms/${form.key}`, { 'x-forwarded-for': nextAddress() });
  },
};

/** `connections` closed loops for `seconds`: every request's time, and the answers by status. */
async function drive(kind: Kind, forms: Form[], connections: number, seconds: number) {
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        const status = await kind(forms).catch(() => 0);
        times.push(performance.now() - started);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return { times, statuses };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main() {
  const seconds = Number(flag('seconds', '10'));
  const connectionCounts = flag('connections', '1,20').split(',').map(Number);
  const { orgId, forms } = await benchForms(Number(flag('forms', '50')));

  const server = spawn(
    fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url)),
    [fileURLToPath(import.meta.url), '--serve', '--port', String(port), '--pool', flag('pool', '10')],
    { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
  );
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });

  console.log(
    `Machine: ${machine()}; ${seconds} s a run after 2 s of warm-up; ${forms.length} forms; pool of ${flag('pool', '10')}\n`,
  );
  console.log(
    '| Requests | Connections | n | req/s | p50 ms | p95 ms | p99 ms | Answers | Load average (1/5/15 min) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  try {
    for (const connections of connectionCounts)
      for (const [name, kind] of Object.entries(KINDS)) {
        await resetLimits(orgId, forms);
        await drive(kind, forms, connections, 2);
        const { times, statuses } = await drive(kind, forms, connections, seconds);
        const sorted = times.sort((a, b) => a - b);
        const answers = [...statuses].map(([status, n]) => `${status || 'error'}: ${n}`).join(', ');
        console.log(
          `| ${name} | ${connections} | ${sorted.length} | ${(sorted.length / seconds).toFixed(0)} | ` +
            `${percentile(sorted, 0.5).toFixed(1)} | ${percentile(sorted, 0.95).toFixed(1)} | ` +
            `${percentile(sorted, 0.99).toFixed(1)} | ${answers} | ${loadAverage()} |`,
        );
      }
  } finally {
    server.kill('SIGTERM');
    agent.destroy();
  }
}

/** The server process: the kit, mounted as a host would, behind one (pretended) proxy. */
function serve() {
  const database = connectPostgres({ url: databaseUrl(), max: Number(flag('pool', '10')) });
  // One proxy in front: the bench names each request's client in X-Forwarded-For.
  const crm = createCrm({ database, trustProxy: 1 });
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
}

if (process.argv.includes('--serve')) serve();
else await main();
