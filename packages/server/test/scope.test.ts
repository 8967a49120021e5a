// inOrg(): the transaction every request runs in. On PostgreSQL it is pipelined (BEGIN and the
// scope in one message, the first query right behind), so these check what must hold anyway:
// bad scopes are refused before anything is sent, a failure rolls everything back, the
// connection goes back to the pool unscoped, and concurrent scopes never mix.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../src/admin.js';
import { inOrg, readInOrg, scopeStatement, type CrmDatabase } from '../src/db/database.js';
import { customers } from '../src/db/schema/index.js';
import { rows } from '../src/db/rows.js';
import { testDatabases } from './databases.js';

describe('scopeStatement', () => {
  it('refuses anything but UUIDs and known roles, since it inlines them', () => {
    const orgId = randomUUID();
    expect(() => scopeStatement({ orgId: "x'; drop table crm.customers; --" })).toThrow(TypeError);
    expect(() => scopeStatement({ orgId, userId: 'not-a-uuid' })).toThrow(TypeError);
    expect(() => scopeStatement({ orgId, role: 'superuser' as never })).toThrow(TypeError);
    expect(scopeStatement({ orgId, userId: randomUUID(), role: 'manager' })).toContain("'team'");
  });
});

describe.each(testDatabases())('inOrg on $name', ({ name, get }) => {
  let database: CrmDatabase;
  let orgs: string[];

  beforeAll(async () => {
    database = get();
    orgs = [];
    for (const name of ['Scope One', 'Scope Two']) {
      orgs.push((await createOrganization(database.db, { slug: `scope-${randomUUID()}`, name })).id);
    }
  });

  const settings = (orgId: string) =>
    inOrg(database.db, { orgId }, async (tx) => {
      const [row] = await rows<{ org: string; who: string }>(
        tx,
        sql`select current_setting('crm.org_id') as org, current_user as who`,
      );
      return row!;
    });

  it('runs as crm_app in the given organization', async () => {
    expect(await settings(orgs[0]!)).toEqual({ org: orgs[0], who: 'crm_app' });
  });

  it('rolls back every write when the work fails, and leaves the connection unscoped', async () => {
    const id = randomUUID();
    await expect(
      inOrg(database.db, { orgId: orgs[0]! }, async (tx) => {
        await tx.insert(customers).values({ orgId: orgs[0]!, id, name: 'Never Saved' });
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    // A failing statement, too: the transaction is aborted and rolled back as a whole.
    await expect(
      inOrg(database.db, { orgId: orgs[0]! }, async (tx) => {
        await tx.insert(customers).values({ orgId: orgs[0]!, id, name: 'Never Saved' });
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow();
    const saved = await inOrg(database.db, { orgId: orgs[0]! }, (tx) =>
      tx.select().from(customers).where(eq(customers.id, id)),
    );
    expect(saved).toEqual([]);
    // Every pooled connection afterwards is back to the owner, with no organization set.
    const after = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const [row] = await rows<{ org: string; scoped: boolean }>(
          database.db,
          sql`select coalesce(current_setting('crm.org_id', true), '') as org, current_user = 'crm_app' as scoped`,
        );
        return row!;
      }),
    );
    expect(after.every((row) => row.org === '' && !row.scoped)).toBe(true);
  });

  it('keeps concurrent transactions of different organizations apart', async () => {
    const asked = Array.from({ length: 40 }, (_, i) => orgs[i % 2]!);
    const seen = await Promise.all(asked.map((orgId) => settings(orgId)));
    expect(seen.map((row) => row.org)).toEqual(asked);
  });

  it('refuses writes in a read-only transaction, and answers reads without waiting on COMMIT', async () => {
    await expect(
      readInOrg(database.db, { orgId: orgs[0]! }, (tx) =>
        tx.insert(customers).values({ orgId: orgs[0]!, id: randomUUID(), name: 'Read Only' }),
      ),
    ).rejects.toThrow();
    // Many reads at once on a small pool: each connection is back (and unscoped) once its COMMIT is through.
    const seen = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        readInOrg(database.db, { orgId: orgs[i % 2]! }, (tx) =>
          rows<{ org: string }>(tx, sql`select current_setting('crm.org_id') as org`),
        ),
      ),
    );
    expect(seen.map(([row]) => row!.org)).toEqual(Array.from({ length: 30 }, (_, i) => orgs[i % 2]));
    const [row] = await rows<{ scoped: boolean }>(database.db, sql`select current_user = 'crm_app' as scoped`);
    expect(row!.scoped).toBe(false);
  });

  it('answers every one of many queries sent at once in a transaction, of several shapes and a failing one', async () => {
    const orgId = orgs[0]!;
    const ids = Array.from({ length: 150 }, () => randomUUID());
    const outcome = await inOrg(database.db, { orgId }, async (tx) => {
      await Promise.all(ids.map((id, i) => tx.insert(customers).values({ orgId, id, name: `Fan-out ${i}` })));
      // Reads of three shapes interleaved (one with a boolean parameter, which postgres.js types on its own).
      const answers = await Promise.all(
        ids.flatMap((id, i) => [
          tx.select({ name: customers.name }).from(customers).where(eq(customers.id, id)),
          rows<{ n: number }>(tx, sql`select ${i}::int as n`),
          rows<{ b: boolean }>(tx, sql`select ${i % 2 === 0}::boolean as b`),
        ]),
      );
      return answers;
    });
    expect(outcome).toHaveLength(450);
    ids.forEach((_, i) => {
      expect(outcome[3 * i]).toEqual([{ name: `Fan-out ${i}` }]);
      expect(outcome[3 * i + 1]).toEqual([{ n: i }]);
      expect(outcome[3 * i + 2]).toEqual([{ b: i % 2 === 0 }]);
    });
    // A failing query among many fails its own promise and rolls the whole transaction back.
    const failing = inOrg(database.db, { orgId }, async (tx) => {
      const settled = await Promise.allSettled([
        ...ids.slice(0, 20).map((id) => tx.update(customers).set({ name: 'Changed' }).where(eq(customers.id, id))),
        tx.execute(sql`select 1 / 0`),
      ]);
      throw new Error(`settled: ${settled.filter((s) => s.status === 'rejected').length > 0}`);
    });
    await expect(failing).rejects.toThrow('settled: true');
    const names = await inOrg(database.db, { orgId }, (tx) =>
      tx.select({ name: customers.name }).from(customers).where(eq(customers.id, ids[0]!)),
    );
    expect(names).toEqual([{ name: 'Fan-out 0' }]);
  });

  it.runIf(name === 'postgres')(
    'sends the queries as prepared statements, each execution planned for its own parameters',
    async () => {
      const [row] = await inOrg(database.db, { orgId: orgs[0]! }, async (tx) => {
        await tx.select({ id: customers.id }).from(customers).where(eq(customers.name, 'Prepared probe'));
        return rows<{ prepared: number; mode: string }>(
          tx,
          sql`select count(*)::int as prepared, current_setting('plan_cache_mode') as mode
                from pg_prepared_statements where statement like '%"customers"."name" = $1%'`,
        );
      });
      expect(row).toEqual({ prepared: expect.any(Number), mode: 'force_custom_plan' });
      expect(row!.prepared).toBeGreaterThan(0);
    },
  );
});
