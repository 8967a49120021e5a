import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inOrg, type CrmDatabase } from '../src/db/database.js';
import { connectPostgres } from '../src/db/postgres.js';
import { rows } from '../src/db/rows.js';
import { webhookEndpoints } from '../src/db/schema/index.js';
import { createRecord } from '../src/resources/crud.js';
import { resources } from '../src/resources/index.js';
import { isPrivateAddress } from '../src/webhooks/addresses.js';
import { nodeTransport } from '../src/webhooks/node-transport.js';
import { retryDelay, WebhookWorker, type WebhookOptions } from '../src/webhooks/worker.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type TestKit } from './kit.js';
import { subscribe } from './support/event-stream.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const quiet = { info() {}, warn() {}, error() {} };

/** A second connection pool to the same PostgreSQL database: what another kit process would open. */
async function ownPool(database: CrmDatabase): Promise<CrmDatabase> {
  const [{ name }] = (await rows<{ name: string }>(database.db, sql`select current_database() as name`)) as [
    { name: string },
  ];
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return connectPostgres({ url: url.toString(), max: 4 });
}

/** Sends until nothing is due: what a running worker would do, step by step. */
async function drain(worker: WebhookWorker): Promise<number> {
  let total = 0;
  for (let n = await worker.runOnce(); n > 0; n = await worker.runOnce()) total += n;
  return total;
}

function verify(secret: string, r: { headers: Record<string, string>; body: string }) {
  return new Webhook(secret).verify(r.body, {
    'webhook-id': r.headers['webhook-id']!,
    'webhook-timestamp': r.headers['webhook-timestamp']!,
    'webhook-signature': r.headers['webhook-signature']!,
  }) as Json;
}

const customers = resources.find((r) => r.path === 'customers')!;

describe('private addresses', () => {
  it('refuses loopback, link-local, private and reserved IPv4 and IPv6, also inside IPv6', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '64:ff9b::10.0.0.1',
      '2002:7f00:1::',
      '[::1]',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('backs off exponentially with jitter, up to 6 hours', () => {
    expect(retryDelay(1, () => 0.5)).toBe(30);
    expect(retryDelay(2, () => 0.5)).toBe(60);
    expect(retryDelay(5, () => 0.5)).toBe(480);
    expect(retryDelay(30, () => 0.5)).toBe(6 * 3600);
    expect(retryDelay(1, () => 0)).toBe(24);
    expect(retryDelay(1, () => 0.999)).toBe(36);
  });
});

describe.each(testDatabases())('webhooks on $name', ({ get }) => {
  let kit: TestKit;
  let receiver: Receiver;
  let database: CrmDatabase;
  const options: WebhookOptions = { allowPrivateNetworks: true, timeoutMs: 2000 };
  const worker = () => new WebhookWorker(Promise.resolve(database), options, quiet);
  let n = 0;

  beforeAll(async () => {
    database = get();
    kit = await createTestKit(database, { webhooks: { allowPrivateNetworks: true } });
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  afterEach(async () => {
    // Each test leaves no endpoint behind for the next one's writes to queue deliveries for.
    await database.db.delete(webhookEndpoints);
  });

  /** A new endpoint of Acme at its own receiver path. */
  async function endpoint(body: Json = {}) {
    const path = `/hook-${++n}`;
    const reply = await kit.send(kit.acme.users.admin, 'POST', '/webhook-endpoints', {
      url: `${receiver.origin}${path}`,
      ...body,
    });
    expect(reply.status).toBe(201);
    return { path, id: String(reply.body.id), secret: String(reply.body.secret) };
  }
  const newCustomer = async (name: string) => {
    const reply = await kit.send(kit.acme.users.admin, 'POST', '/customers', { name });
    expect(reply.status).toBe(201);
    return String(reply.body.id);
  };
  const sqlRows = <T>(query: ReturnType<typeof sql>) => rows<T>(database.db, query);

  it('manages endpoints: owners and admins only, the secret shown once, bad input named field by field', async () => {
    const { admin, rep, manager } = kit.acme.users;
    for (const who of [rep, manager]) expect((await kit.send(who, 'GET', '/webhook-endpoints')).status).toBe(403);
    const bad = await kit.send(admin, 'POST', '/webhook-endpoints', {
      url: 'ftp://x',
      eventTypes: ['customer.exploded'],
      active: 'yes',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.res.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors!.map((e) => e.path).sort()).toEqual(['active', 'eventTypes.0', 'extra', 'url']);

    const created = await kit.send(admin, 'POST', '/webhook-endpoints', {
      url: `${receiver.origin}/crud`,
      description: 'ERP',
      eventTypes: ['customer.*'],
    });
    expect(created.status).toBe(201);
    expect(String(created.body.secret)).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const id = String(created.body.id);
    const read = await kit.send(admin, 'GET', `/webhook-endpoints/${id}`);
    expect(read.body).toMatchObject({ url: `${receiver.origin}/crud`, description: 'ERP', eventTypes: ['customer.*'] });
    expect(read.body.secret).toBeUndefined();
    expect(JSON.stringify((await kit.send(admin, 'GET', '/webhook-endpoints')).body)).not.toContain('whsec_');

    const patched = await kit.send(
      admin,
      'PATCH',
      `/webhook-endpoints/${id}`,
      { active: false },
      { 'if-match': '"1"' },
    );
    expect(patched.body).toMatchObject({ active: false, description: 'ERP', version: 2 });
    expect(
      (await kit.send(admin, 'PATCH', `/webhook-endpoints/${id}`, { active: true }, { 'if-match': '"1"' })).status,
    ).toBe(412);
    expect((await kit.send(admin, 'DELETE', `/webhook-endpoints/${id}`)).status).toBe(204);
    expect((await kit.send(admin, 'GET', `/webhook-endpoints/${id}`)).status).toBe(404);
  });

  it('refuses http, local names and private addresses unless the host allows private networks', async () => {
    const strict = await createTestKit(database);
    const { admin } = strict.acme.users;
    for (const url of [
      'http://erp.example.com/hook',
      'https://localhost/hook',
      'https://api.localhost/hook',
      'https://127.0.0.1/hook',
      'https://10.0.0.7/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[fd00::1]/hook',
    ]) {
      const reply = await strict.send(admin, 'POST', '/webhook-endpoints', { url });
      expect(reply.status, url).toBe(400);
      expect(reply.body.errors, url).toEqual([expect.objectContaining({ path: 'url', code: 'invalid_value' })]);
    }
    expect(
      (await strict.send(admin, 'POST', '/webhook-endpoints', { url: 'https://erp.example.com/hook' })).status,
    ).toBe(201);
  });

  it('refuses, at send time, names that resolve to private addresses, IP literals, redirects, and slow receivers', async () => {
    const request = { url: '', headers: { 'content-type': 'application/json' }, body: '{}' };
    const strict = { allowPrivateNetworks: false, timeoutMs: 2000 };
    receiver.on('/ssrf', (_req, res) => res.writeHead(204).end());
    const literal = await nodeTransport({ ...request, url: `${receiver.origin}/ssrf` }, strict);
    expect(literal).toMatchObject({ status: null, error: expect.stringMatching(/^Refused/) });
    // A name that is not "localhost" (refused by name) but resolves to this machine's own address:
    // refused in the name lookup, on the very addresses the socket would connect to.
    const name = hostname();
    const addresses = await lookup(name, { all: true });
    expect(
      addresses.every((a) => isPrivateAddress(a.address)),
      JSON.stringify(addresses),
    ).toBe(true);
    const resolved = await nodeTransport({ ...request, url: `http://${name}:1/ssrf` }, strict);
    expect(resolved).toMatchObject({ status: null, error: expect.stringMatching(/^Refused: .* resolves to /) });
    expect(receiver.at('/ssrf')).toHaveLength(0);

    receiver.on('/redirect', (_req, res) => res.writeHead(307, { location: '/ssrf' }).end());
    const redirected = await nodeTransport({ ...request, url: `${receiver.origin}/redirect` }, options as never);
    expect(redirected.status).toBe(307);
    expect(receiver.at('/ssrf')).toHaveLength(0);

    receiver.on('/slow', () => {});
    const started = Date.now();
    const slow = await nodeTransport(
      { ...request, url: `${receiver.origin}/slow` },
      { allowPrivateNetworks: true, timeoutMs: 300 },
    );
    expect(slow).toMatchObject({ status: null, error: 'Timed out' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('signs each change (Standard Webhooks) with the id /events and the history give it', async () => {
    const hook = await endpoint();
    const feed = await subscribe(kit, kit.acme.users.admin);
    const id = await newCustomer('Signed Tea');
    await feed.received((c) => c.id === id);
    await feed.close();
    expect(await drain(worker())).toBeGreaterThanOrEqual(1);
    const [got] = receiver.at(hook.path);
    expect(got).toBeDefined();
    const payload = verify(hook.secret, got!);
    expect(payload).toMatchObject({
      type: 'customer.created',
      data: { entity: 'customer', id, action: 'create', version: 1 },
    });
    expect((payload.data as Json).record).toMatchObject({ id, name: 'Signed Tea' });
    const history = await kit.send(kit.acme.users.admin, 'GET', `/customers/${id}/history`);
    expect(got!.headers['webhook-id']).toBe((history.body.items as Json[])[0]!.id);
    expect(got!.headers['webhook-id']).toBe(feed.changes.find((c) => c.id === id)!.eventId);
    expect(Math.abs(Number(got!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    // A wrong secret does not verify: the check is real.
    expect(() => verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, got!)).toThrow();
  });

  it('sends only the event types an endpoint asks for', async () => {
    const contactsOnly = await endpoint({ eventTypes: ['contact.*'] });
    const updatesOnly = await endpoint({ eventTypes: ['customer.updated'] });
    const id = await newCustomer('Filtered Ltd');
    await kit.send(kit.acme.users.admin, 'PATCH', `/customers/${id}`, { name: 'Filtered Co' });
    await drain(worker());
    expect(receiver.at(contactsOnly.path)).toHaveLength(0);
    expect(receiver.at(updatesOnly.path).map((r) => (JSON.parse(r.body) as Json).type)).toEqual(['customer.updated']);
  });

  it('sends nothing for a write that rolls back', async () => {
    const hook = await endpoint();
    await expect(
      inOrg(database.db, kit.acme.users.admin, async (tx) => {
        await createRecord(tx, customers, kit.acme.users.admin, { name: 'Never Was' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // A write refused by the database rolls back too.
    expect(
      (await kit.send(kit.acme.users.admin, 'POST', '/contacts', { customerId: crypto.randomUUID(), name: 'x' }))
        .status,
    ).toBe(400);
    await drain(worker());
    expect(receiver.at(hook.path)).toHaveLength(0);
    const [count] = await sqlRows<{ n: number }>(
      sql`select count(*)::int as n from crm.webhook_deliveries where endpoint_id = ${hook.id}`,
    );
    expect(count!.n).toBe(0);
  });

  it('retries after failures with backoff, keeps the first 1 KB of each answer, and sends in order per record', async () => {
    const hook = await endpoint();
    let failing = true;
    receiver.on(hook.path, (_req, res) => {
      if (failing) res.writeHead(503, { 'content-type': 'text/plain' }).end('x'.repeat(3000));
      else res.writeHead(200).end('ok');
    });
    const id = await newCustomer('Retry Co');
    await kit.send(kit.acme.users.admin, 'PATCH', `/customers/${id}`, { name: 'Retry Co 2' });
    await kit.send(kit.acme.users.admin, 'PATCH', `/customers/${id}`, { name: 'Retry Co 3' });
    const other = await newCustomer('Independent Co');

    const w = worker();
    await drain(w);
    // The first change of each record was tried; the later changes of Retry Co wait behind its first.
    expect(receiver.at(hook.path).map((r) => (JSON.parse(r.body) as { data: Json }).data.id)).toEqual([id, other]);
    const page = await kit.send(kit.acme.users.admin, 'GET', `/webhook-endpoints/${hook.id}/deliveries?status=pending`);
    expect(page.status).toBe(200);
    const items = page.body.items as Json[];
    expect(items).toHaveLength(4);
    const tried = items.filter((d) => (d.attempts as Json[]).length > 0);
    expect(tried).toHaveLength(2);
    const attempt = (tried[0]!.attempts as Json[])[0]!;
    expect(attempt).toMatchObject({ statusCode: 503, error: null });
    expect(String(attempt.response)).toHaveLength(1024);
    const wait = (new Date(String(tried[0]!.nextAttemptAt)).getTime() - Date.now()) / 1000;
    expect(wait).toBeGreaterThan(15);
    expect(wait).toBeLessThan(40);
    const [endpointRow] = await sqlRows<{ consecutive_failures: number; failing: boolean }>(
      sql`select consecutive_failures, failing_since is not null as failing from crm.webhook_endpoints where id = ${hook.id}`,
    );
    expect(endpointRow).toEqual({ consecutive_failures: 2, failing: true });

    // Nothing more is due until the backoff passes; then the receiver is back.
    expect(await w.runOnce()).toBe(0);
    failing = false;
    const due = async () => {
      await database.db.execute(
        sql`update crm.webhook_deliveries set next_attempt_at = now() where endpoint_id = ${hook.id} and status = 'pending'`,
      );
      return drain(w);
    };
    await due();
    const versions = receiver
      .at(hook.path)
      .map((r) => (JSON.parse(r.body) as { data: Json }).data)
      .filter((d) => d.id === id)
      .map((d) => d.version);
    expect(versions).toEqual([1, 1, 2, 3]);
    const [left] = await sqlRows<{ n: number }>(
      sql`select count(*)::int as n from crm.webhook_deliveries where endpoint_id = ${hook.id} and status <> 'delivered'`,
    );
    expect(left!.n).toBe(0);
    const [healed] = await sqlRows<{ consecutive_failures: number }>(
      sql`select consecutive_failures from crm.webhook_endpoints where id = ${hook.id}`,
    );
    expect(healed!.consecutive_failures).toBe(0);
  });

  it('gives a delivery up after 3 days, lets the next change of the record go, and turns off an endpoint failing for 5 days', async () => {
    const hook = await endpoint();
    receiver.on(hook.path, (_req, res) => res.writeHead(500).end());
    const id = await newCustomer('Given Up Ltd');
    await database.db.execute(
      sql`update crm.webhook_deliveries set created_at = now() - interval '3 days' where endpoint_id = ${hook.id}`,
    );
    await kit.send(kit.acme.users.admin, 'PATCH', `/customers/${id}`, { name: 'Given Up Ltd 2' });
    const w = worker();
    await drain(w);
    const states = await sqlRows<{ status: string; version: number }>(
      sql`select status, (payload->'data'->>'version')::int as version from crm.webhook_deliveries
          where endpoint_id = ${hook.id} order by seq`,
    );
    // The first was given up at its attempt; the second was then free to go (and failed once).
    expect(states).toEqual([
      { status: 'failed', version: 1 },
      { status: 'pending', version: 2 },
    ]);
    expect(receiver.at(hook.path)).toHaveLength(2);

    await database.db.execute(
      sql`update crm.webhook_endpoints set failing_since = now() - interval '5 days 1 minute' where id = ${hook.id}`,
    );
    await database.db.execute(
      sql`update crm.webhook_deliveries set next_attempt_at = now() where endpoint_id = ${hook.id}`,
    );
    await drain(w);
    const off = await kit.send(kit.acme.users.admin, 'GET', `/webhook-endpoints/${hook.id}`);
    expect(off.body).toMatchObject({ active: false, disabledReason: expect.stringContaining('5 days') });
    expect(off.body.disabledAt).not.toBeNull();
    // Off: nothing is queued for it or sent to it.
    await newCustomer('Unheard Co');
    await database.db.execute(
      sql`update crm.webhook_deliveries set next_attempt_at = now() where endpoint_id = ${hook.id}`,
    );
    const before = receiver.at(hook.path).length;
    await drain(w);
    expect(receiver.at(hook.path)).toHaveLength(before);

    // Turned on again, the waiting delivery goes out.
    receiver.on(hook.path, (_req, res) => res.writeHead(200).end());
    const on = await kit.send(kit.acme.users.admin, 'PATCH', `/webhook-endpoints/${hook.id}`, { active: true });
    expect(on.body).toMatchObject({ active: true, disabledAt: null, failingSince: null });
    await drain(w);
    expect(receiver.at(hook.path)).toHaveLength(before + 1);
  });

  it('pings, logs, and replays a delivery with the same id', async () => {
    const hook = await endpoint();
    const ping = await kit.send(kit.acme.users.admin, 'POST', `/webhook-endpoints/${hook.id}/ping`);
    expect(ping.status).toBe(202);
    await drain(worker());
    const [got] = receiver.at(hook.path);
    expect(verify(hook.secret, got!)).toMatchObject({ type: 'webhook.ping', data: { endpointId: hook.id } });
    const log = await kit.send(kit.acme.users.admin, 'GET', `/webhook-endpoints/${hook.id}/deliveries`);
    const [delivery] = log.body.items as Json[];
    expect(delivery).toMatchObject({
      status: 'delivered',
      eventType: 'webhook.ping',
      eventId: got!.headers['webhook-id'],
    });
    expect((delivery!.attempts as Json[])[0]).toMatchObject({ statusCode: 204, response: '' });
    expect(Number((delivery!.attempts as Json[])[0]!.durationMs)).toBeGreaterThanOrEqual(0);

    const replay = await kit.send(kit.acme.users.admin, 'POST', `/webhook-deliveries/${String(delivery!.id)}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ replayOf: delivery!.id, status: 'pending' });
    await drain(worker());
    const [, again] = receiver.at(hook.path);
    expect(again!.headers['webhook-id']).toBe(got!.headers['webhook-id']);
    expect(again!.body).toBe(got!.body);
  });

  it('signs with both secrets for 24 hours after a rotation, then with the new one', async () => {
    const hook = await endpoint();
    const rotated = await kit.send(kit.acme.users.admin, 'POST', `/webhook-endpoints/${hook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const fresh = String(rotated.body.secret);
    expect(fresh).not.toBe(hook.secret);
    const overlap = new Date(String(rotated.body.previousSecretExpiresAt)).getTime() - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3600_000);
    await newCustomer('Rotated Inc');
    await drain(worker());
    const [during] = receiver.at(hook.path);
    expect(during!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    verify(fresh, during!);
    verify(hook.secret, during!);

    await database.db.execute(
      sql`update crm.webhook_endpoints set previous_secret_expires_at = now() - interval '1 second' where id = ${hook.id}`,
    );
    await newCustomer('Rotated Later Inc');
    await drain(worker());
    const [, after] = receiver.at(hook.path);
    expect(after!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    verify(fresh, after!);
    expect(() => verify(hook.secret, after!)).toThrow();
  });

  it('keeps endpoints and deliveries to their organization (404 elsewhere)', async () => {
    const hook = await endpoint();
    await kit.send(kit.acme.users.admin, 'POST', `/webhook-endpoints/${hook.id}/ping`);
    const log = await kit.send(kit.acme.users.owner, 'GET', `/webhook-endpoints/${hook.id}/deliveries`);
    const deliveryId = String((log.body.items as Json[])[0]!.id);
    const stranger = kit.globex.users.admin;
    expect((await kit.send(stranger, 'GET', `/webhook-endpoints/${hook.id}`)).status).toBe(404);
    expect((await kit.send(stranger, 'GET', `/webhook-endpoints/${hook.id}/deliveries`)).status).toBe(404);
    expect((await kit.send(stranger, 'PATCH', `/webhook-endpoints/${hook.id}`, { active: false })).status).toBe(404);
    expect((await kit.send(stranger, 'POST', `/webhook-endpoints/${hook.id}/rotate-secret`)).status).toBe(404);
    expect((await kit.send(stranger, 'POST', `/webhook-endpoints/${hook.id}/ping`)).status).toBe(404);
    expect((await kit.send(stranger, 'POST', `/webhook-deliveries/${deliveryId}/replay`)).status).toBe(404);
    expect((await kit.send(stranger, 'DELETE', `/webhook-endpoints/${hook.id}`)).status).toBe(404);
    expect((await kit.send(stranger, 'GET', '/webhook-endpoints')).body.items).toEqual([]);
    // Globex's writes queue nothing for Acme's endpoint.
    await kit.send(stranger, 'POST', '/customers', { name: 'Globex Only' });
    const [count] = await sqlRows<{ n: number }>(
      sql`select count(*)::int as n from crm.webhook_deliveries where endpoint_id = ${hook.id}`,
    );
    expect(count!.n).toBe(1);
  });

  it('loses nothing when a worker dies mid-delivery: another takes it over once its lease lapses', async () => {
    const hook = await endpoint();
    const id = await newCustomer('Crash Test Co');
    // A process that claims the delivery and never finishes (its fetch never answers).
    const dying = new WebhookWorker(
      Promise.resolve(database),
      { ...options, fetch: () => new Promise<Response>(() => {}) },
      quiet,
    );
    void dying.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [held] = await sqlRows<{ leased: boolean }>(
      sql`select lease_until > now() as leased from crm.webhook_deliveries where endpoint_id = ${hook.id}`,
    );
    expect(held!.leased).toBe(true);
    // While its lease holds, the restarted process leaves it alone …
    const restarted = worker();
    expect(await restarted.runOnce()).toBe(0);
    // … and takes it once the lease has lapsed (as it would after timeoutMs + 30 s).
    await database.db.execute(
      sql`update crm.webhook_deliveries set lease_until = now() - interval '1 second' where endpoint_id = ${hook.id}`,
    );
    await drain(restarted);
    const got = receiver.at(hook.path);
    expect(got).toHaveLength(1);
    expect((JSON.parse(got[0]!.body) as { data: Json }).data.id).toBe(id);
  });

  it('delivers every event once, in order per record, with two kits sending from one database', async () => {
    const hook = await endpoint();
    // A receiver that takes a little while, so the two workers overlap.
    receiver.on(hook.path, (_req, res) => setTimeout(() => res.writeHead(200).end(), 5));
    const first = await createTestKit(database, {
      webhooks: { deliver: true, allowPrivateNetworks: true, pollMs: 50 },
    });
    // On PostgreSQL the second kit has its own pool, as another process would; PGlite has one connection.
    const own = database.kind === 'postgres' ? await ownPool(database) : undefined;
    const second = await createTestKit(own ?? database, {
      webhooks: { deliver: true, allowPrivateNetworks: true, pollMs: 50 },
    });
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => newCustomer(`Busy ${i}`)));
    for (let round = 2; round <= 5; round++)
      await Promise.all(
        ids.map((id) => kit.send(kit.acme.users.admin, 'PATCH', `/customers/${id}`, { name: `v${round} ${id}` })),
      );
    const expected = ids.length * 5;
    const deadline = Date.now() + 30_000;
    while (receiver.at(hook.path).length < expected && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await Promise.all([first.shutdown(), second.shutdown()]);
    await own?.close();
    const got = receiver.at(hook.path);
    const eventIds = got.map((r) => r.headers['webhook-id']);
    const duplicates = eventIds.length - new Set(eventIds).size;
    console.log(
      `two workers on ${database.kind}: ${got.length} requests for ${expected} events, ${duplicates} duplicates`,
    );
    expect(new Set(eventIds).size).toBe(expected);
    expect(duplicates).toBe(0);
    for (const id of ids) {
      const versions = got
        .map((r) => (JSON.parse(r.body) as { data: Json }).data)
        .filter((d) => d.id === id)
        .map((d) => d.version);
      expect(versions, id).toEqual([1, 2, 3, 4, 5]);
    }
  });
});
