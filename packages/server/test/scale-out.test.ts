// Two kit instances (two processes behind a load balancer, in effect) on one PostgreSQL: each has
// its own pool and its own LISTEN connection, and a write through one reaches `/events` on the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { connectPostgres } from '../src/db/postgres.js';
import { adminOf, opsKit, until } from './ops-kit.js';
import { changesOf } from './support/event-stream.js';

const url = process.env.DATABASE_URL;
if (!url)
  console.log(
    'scale-out.test.ts: skipped, it needs two connections to one PostgreSQL server (set DATABASE_URL); PGlite is one process',
  );

describe.skipIf(!url)('two kit instances on one PostgreSQL', () => {
  let one: CrmDatabase;
  let two: CrmDatabase;
  beforeAll(async () => {
    one = connectPostgres({ url: url!, max: 2 });
    two = connectPostgres({ url: url!, max: 2 });
    await migrate(one);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  it('streams a change written through one instance to a subscriber of the other', async () => {
    const admin = await adminOf(one);
    const writer = opsKit({ database: one }, admin);
    const reader = opsKit({ database: two }, admin);
    const stream = changesOf(await reader.request('GET', '/events'));
    await stream.ready;

    const res = await writer.request('POST', '/customers', { name: 'Written on instance one' });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(await until(() => stream.changes.some((c) => c.id === id))).toBe(true);
    expect(stream.changes.find((c) => c.id === id)).toMatchObject({ entity: 'customer', action: 'create' });
    // And the record reads the same through either instance.
    expect((await reader.request('GET', `/customers/${id}`)).status).toBe(200);
    await stream.close();
  });
});
