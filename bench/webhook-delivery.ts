// Webhook delivery throughput: N customers written through `POST /bulk` (each queues one delivery
// in its writing transaction), then a kit with `webhooks: { deliver: true }` sends them to a local
// receiver (node:http on 127.0.0.1, answering 204 at once). Reports deliveries per second from
// the first delivery to the last, and the duplicates (expected 0).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/crmkit_bench npx tsx bench/webhook-delivery.ts [--records 2000] [--concurrency 16]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCrm, createOrganization, createUser, migrate } from '@crmkit/server';
import { Hono } from 'hono';
import { flag, machine, openBenchDatabase } from './lib.js';

const records = Number(flag('records', '2000'));
const concurrency = Number(flag('concurrency', '16'));
const database = openBenchDatabase();
await migrate(database);

const ids: string[] = [];
let first = 0;
let last = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    ids.push(String(req.headers['webhook-id']));
    first ||= performance.now();
    last = performance.now();
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const run = Date.now().toString(36);
const org = await createOrganization(database.db, { slug: `hooks-${run}`, name: 'Webhook bench' });
const admin = await createUser(database.db, org.id, { email: 'admin@hooks.test', name: 'Admin', role: 'admin' });
const caller = { orgId: org.id, userId: admin.id, role: 'admin' as const };
const writer = new Hono().route(
  '/api/crm',
  createCrm({ database, identify: () => caller, webhooks: { allowPrivateNetworks: true } }),
);
const created = await writer.request('/api/crm/webhook-endpoints', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook` }),
});
if (created.status !== 201) throw new Error(`endpoint: ${created.status} ${await created.text()}`);
const body = Array.from({ length: records }, (_, i) =>
  JSON.stringify({ resource: 'customers', data: { name: `Hook ${run} ${i}` } }),
).join('\n');
const bulk = await writer.request('/api/crm/bulk', {
  method: 'POST',
  headers: { 'content-type': 'application/x-ndjson' },
  body,
});
await bulk.text();

const sender = createCrm({
  database,
  identify: () => caller,
  webhooks: { deliver: true, allowPrivateNetworks: true, concurrency },
});
const deadline = Date.now() + 600_000;
while (ids.length < records && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
await sender.shutdown();
const seconds = (last - first) / 1000;
console.log(
  JSON.stringify({
    machine: machine(),
    database: database.kind,
    records,
    concurrency,
    delivered: new Set(ids).size,
    duplicates: ids.length - new Set(ids).size,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(records / seconds),
  }),
);
server.close();
await database.close();
