import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/database.js';
import { organizations } from '../src/db/schema/index.js';
import { openPglite } from '../src/db/pglite.js';
import { connectPostgres } from '../src/db/postgres.js';
import { toProblem } from '../src/http/db-errors.js';
import type { Logger } from '../src/http/logging.js';
import { ProblemError } from '../src/http/problem.js';
import { testDatabases } from './databases.js';
import { adminOf, opsKit, until } from './ops-kit.js';
import { changesOf } from './support/event-stream.js';

type Line = { level: string; fields: Record<string, unknown>; message?: string };
function memoryLogger(): Logger & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (fields: object, message?: string) =>
    lines.push({ level, fields: fields as Record<string, unknown>, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** Nothing listens on port 1: every connection is refused at once. */
const unreachable = () =>
  connectPostgres({ url: 'postgres://postgres@127.0.0.1:1/none', connectTimeout: 2, acquireTimeout: 500 });

describe('operations without a database', () => {
  it('answers /health while the database is still opening, /ready and records 503 + Retry-After when it cannot be reached', async () => {
    expect((await opsKit({ database: new Promise(() => {}) }).request('GET', '/health')).status).toBe(200);

    const logger = memoryLogger();
    const database = unreachable();
    const kit = opsKit(
      { database, logger },
      { orgId: '00000000-0000-7000-8000-000000000001', userId: '00000000-0000-7000-8000-000000000002', role: 'admin' },
    );
    for (const path of ['/ready', '/customers']) {
      const started = Date.now();
      const res = await kit.request('GET', path, undefined, { 'x-request-id': `probe-${path.length}` });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      const problem = (await res.json()) as { status: number; requestId: string };
      expect(problem).toMatchObject({ status: 503, requestId: `probe-${path.length}` });
    }
    // Logged as a warning (the default logger prints errors only), with the request id.
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.fields.requestId)).toEqual([
      'probe-6',
      'probe-10',
    ]);
    await database.close();
  });

  it('maps every way of losing the database to a 503', () => {
    const codes = ['57P01', '57P02', '57P03', '08006', '08001', '53300', 'ECONNREFUSED', 'ECONNRESET'];
    for (const code of [...codes, 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', 'POOL_TIMEOUT']) {
      const problem = toProblem(Object.assign(new Error(code), { code }));
      expect(problem, code).toBeInstanceOf(ProblemError);
      expect((problem as ProblemError).status, code).toBe(503);
    }
    // Wrapped by drizzle, as a query error carries its cause.
    const wrapped = toProblem(new Error('Failed query', { cause: Object.assign(new Error(), { code: '57P01' }) }));
    expect((wrapped as ProblemError).status).toBe(503);
    expect(toProblem(Object.assign(new Error('x'), { code: '42703' }))).not.toBeInstanceOf(ProblemError);
  });

  it('says /ready is 503 on a database that misses migrations', async () => {
    const database = await openPglite();
    try {
      const res = await opsKit({ database }).request('GET', '/ready');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/misses migrations: 0000_bootstrap/);
    } finally {
      await database.close();
    }
  }, 60_000);
});

describe.each(testDatabases())('operations on $name', ({ name, get }) => {
  let admin: Awaited<ReturnType<typeof adminOf>>;
  beforeAll(async () => {
    admin = await adminOf(get());
  });

  it('gives every request an id: the caller’s when well-formed, else a new one, in the header, problems and logs', async () => {
    const logger = memoryLogger();
    const kit = opsKit({ database: get(), logger, accessLog: true }, admin);
    const given = await kit.request('GET', '/customers/nope', undefined, { 'x-request-id': 'lb-42=a' });
    expect(given.headers.get('x-request-id')).toBe('lb-42=a');
    expect(((await given.json()) as { requestId: string }).requestId).toBe('lb-42=a');

    const bad = await kit.request('GET', '/no-such-route', undefined, { 'x-request-id': 'two words<script>' });
    const id = bad.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await bad.json()) as { requestId: string }).requestId).toBe(id);

    const ok = await kit.request('GET', '/customers');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // The access log: one line a request, each with its id, route pattern and status.
    expect(logger.lines.map((l) => [l.level, l.fields.requestId, l.fields.route, l.fields.status])).toEqual([
      ['info', 'lb-42=a', '/api/crm/customers/:id', 400],
      ['info', id, '/api/crm/*', 404],
      ['info', ok.headers.get('x-request-id'), '/api/crm/customers', 200],
    ]);
  });

  it('is ready when the database answers and is migrated', async () => {
    const res = await opsKit({ database: get() }).request('GET', '/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('serves Prometheus metrics only when asked, behind the token when one is given', async () => {
    expect((await opsKit({ database: get() }, admin).request('GET', '/metrics')).status).toBe(404);
    const kit = opsKit({ database: get(), metrics: { token: 's3cret' } }, admin);
    await kit.request('GET', '/customers');
    await kit.request('GET', `/customers/${admin.orgId}`);
    expect((await kit.request('GET', '/metrics')).status).toBe(401);
    const res = await kit.request('GET', '/metrics', undefined, { authorization: 'Bearer s3cret' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE crmkit_http_request_duration_seconds histogram');
    expect(text).toMatch(
      /crmkit_http_request_duration_seconds_count\{method="GET",route="\/customers",status="200"\} 1/,
    );
    expect(text).toMatch(
      /crmkit_http_request_duration_seconds_bucket\{method="GET",route="\/customers\/:id",status="404",le="\+Inf"\} 1/,
    );
    expect(text).toMatch(/crmkit_http_errors_total\{status="404"\} 1/);
    if (name === 'postgres') expect(text).toMatch(/crmkit_db_pool_connections\{state="max"\} \d+/);
  });

  it('shuts down gracefully: answers what is in flight, ends /events streams, refuses new requests with 503', async () => {
    const kit = opsKit({ database: get() }, admin);
    const stream = changesOf(await kit.request('GET', '/events'));
    await stream.ready;
    const inFlight = kit.request('POST', '/customers', { name: 'Last one in' });
    const shutdown = kit.crm.shutdown({ timeoutMs: 5000 });
    const refused = await kit.request('GET', '/customers');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await inFlight).status).toBe(201);
    await shutdown;
    await stream.ended; // the stream ended by itself: its client reconnects elsewhere
  });
});

describe.skipIf(!process.env.DATABASE_URL)('faults on PostgreSQL', () => {
  const url = process.env.DATABASE_URL!;

  it('sets a statement timeout on every pooled connection; a statement over it is a 503', async () => {
    const database = connectPostgres({ url, max: 1, statementTimeout: 100 });
    try {
      const [row] = (await database.db.execute(sql`show statement_timeout`)) as unknown as {
        statement_timeout: string;
      }[];
      expect(row!.statement_timeout).toBe('100ms');
      const error = await database.db.execute(sql`select pg_sleep(1)`).catch((e: unknown) => e);
      expect((toProblem(error) as ProblemError).status).toBe(503);
    } finally {
      await database.close();
    }
  });

  it('answers 503 fast when every pooled connection is busy', async () => {
    const database = connectPostgres({ url, max: 1, acquireTimeout: 200 });
    try {
      const admin = await adminOf(database);
      const kit = opsKit({ database }, admin);
      // The kit has read its member already (a plain query, outside the pool's wait bound).
      expect((await kit.request('GET', '/customers')).status).toBe(200);
      const busy = inOrg(database.db, admin, (tx) => tx.execute(sql`select pg_sleep(1.5)`));
      expect(await until(() => database.pool!().busy === 1)).toBe(true);
      const started = Date.now();
      const res = await kit.request('GET', '/customers');
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(1000);
      await busy;
      expect((await kit.request('GET', '/customers')).status).toBe(200);
      // A read gives its connection back once its COMMIT is through, just after it answered.
      expect(await until(() => database.pool!().busy === 0)).toBe(true);
      expect(database.pool!()).toEqual({ max: 1, busy: 0, waiting: 0 });
    } finally {
      await database.close();
    }
  });

  // Statements outside a scoped transaction (credential checks before a request is scoped,
  // sign-in) queued in postgres.js for as long as the pool stayed busy: now bounded the same way.
  it('bounds the wait of statements and transactions outside a scoped transaction', async () => {
    const database = connectPostgres({ url, max: 1, acquireTimeout: 200 });
    try {
      const admin = await adminOf(database);
      const busy = inOrg(database.db, admin, (tx) => tx.execute(sql`select pg_sleep(1.5)`));
      await new Promise((r) => setTimeout(r, 50));
      for (const [name, attempt] of [
        ['a plain statement', () => database.db.execute(sql`select 1`)],
        ['a select', () => database.db.select({ id: organizations.id }).from(organizations).limit(1)],
        ['a transaction', () => database.db.transaction((tx) => tx.execute(sql`select 1`))],
      ] as const) {
        const started = Date.now();
        const error = await (attempt() as Promise<unknown>).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(Date.now() - started, name).toBeLessThan(1000);
        expect((toProblem(error) as ProblemError).status, name).toBe(503);
      }
      await busy;
      expect(await database.db.transaction((tx) => tx.execute(sql`select 1 as one`))).toHaveLength(1);
      expect(await database.db.execute(sql`select 1 as one`)).toEqual([{ one: 1 }]);
      expect(database.pool!()).toEqual({ max: 1, busy: 0, waiting: 0 });
    } finally {
      await database.close();
    }
  });

  it('reconnects by itself and keeps /events subscribed when the server drops every connection', async () => {
    const applicationName = `crmkit-drop-${process.pid}-${Date.now()}`;
    const database = connectPostgres({ url, max: 2, applicationName });
    try {
      const admin = await adminOf(database);
      const kit = opsKit({ database }, admin);
      const stream = changesOf(await kit.request('GET', '/events'));
      await stream.ready;
      // What a restart does to each session (57P01 admin_shutdown), the listening one included.
      await connectPostgres({ url, max: 1 }).withSession((s) =>
        s.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [
          applicationName,
        ]),
      );
      // Requests answer (a 503 at most while a connection is found broken) and then succeed.
      let created: Response | undefined;
      for (let i = 0; i < 20 && created?.status !== 201; i++) {
        created = await kit.request('POST', '/customers', { name: `After the drop ${i}` });
        expect([201, 503]).toContain(created.status);
        if (created.status !== 201) await new Promise((r) => setTimeout(r, 300));
      }
      expect(created!.status).toBe(201);
      const { id } = (await created!.json()) as { id: string };
      // The listener subscribed again (within a second or so) and hears changes.
      for (let i = 0; i < 20 && !stream.changes.some((c) => c.id === id); i++) {
        await new Promise((r) => setTimeout(r, 300));
        await kit.request('PATCH', `/customers/${id}`, { region: `R${i}` });
      }
      expect(stream.changes.some((c) => c.id === id)).toBe(true);
      await stream.close();
    } finally {
      await database.close();
    }
  }, 30_000);
});
