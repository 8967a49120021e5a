// Drift between the drizzle schema, the committed migrations and a migrated database: the schema
// holds no change that no migration generates, the bundled migrations are the .sql files, and a
// freshly migrated database has exactly the indexes, row-level security policies and functions
// the schema (and src/db/functions.ts) declares, with the same definitions.
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleMigrations } from '../scripts/bundle-migrations.js';
import type { CrmDatabase, SqlSession } from '../src/db/database.js';
import { crmFunctions } from '../src/db/functions.js';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { connectPostgres } from '../src/db/postgres.js';
import * as schema from '../src/db/schema/index.js';

const root = new URL('..', import.meta.url);
const schemaJson = () => generateDrizzleJson(schema as Record<string, unknown>, undefined, ['crm']);

/** The CREATE INDEX and CREATE POLICY statements drizzle-kit makes of the schema, from nothing. */
async function declaredStatements(): Promise<string[]> {
  const statements = await generateMigration(generateDrizzleJson({}, undefined, ['crm']), schemaJson());
  return statements.filter((s) => /^CREATE (UNIQUE )?INDEX|^CREATE POLICY/.test(s));
}

// Indexes that back a primary key or unique constraint are made with their table: left out here.
const INDEXES = `
  select indexname as name, tablename || ': ' || indexdef as definition from pg_indexes
  where schemaname = 'crm' and indexname not in (select conname from pg_constraint where connamespace = 'crm'::regnamespace)`;
// kit_provisioning is the migrating role's own policy on every table (db/migrate.ts), not the schema's.
const POLICIES = `
  select tablename || '.' || policyname as name,
         concat_ws(' | ', permissive, cmd, array_to_string(roles, ','), qual, with_check) as definition
  from pg_policies where schemaname = 'crm' and policyname <> 'kit_provisioning'`;
const FUNCTIONS = `
  select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as name
  from pg_proc p where p.pronamespace = 'crm'::regnamespace`;

type Definitions = Record<string, string>;
const definitions = async (session: SqlSession, query: string): Promise<Definitions> =>
  Object.fromEntries(
    (await session.query<{ name: string; definition: string }>(query)).map((r) => [r.name, r.definition]),
  );

/**
 * The migrated database's indexes and policies, and the same objects made again from the schema's
 * statements in their place (in a transaction that is rolled back), as PostgreSQL spells both.
 */
async function migratedAndDeclared(session: SqlSession) {
  const migrated = { indexes: await definitions(session, INDEXES), policies: await definitions(session, POLICIES) };
  const statements = await declaredStatements();
  await session.exec('begin');
  try {
    for (const name of Object.keys(migrated.indexes)) await session.exec(`drop index crm."${name}"`);
    for (const name of Object.keys(migrated.policies)) {
      const [table, policy] = name.split('.');
      await session.exec(`drop policy "${policy}" on crm."${table}"`);
    }
    for (const statement of statements) await session.exec(statement);
    const declared = { indexes: await definitions(session, INDEXES), policies: await definitions(session, POLICIES) };
    return { migrated, declared, statements };
  } finally {
    await session.exec('rollback');
  }
}

/** A database of its own, freshly migrated: PGlite, and a new database on the PostgreSQL server if set. */
function freshDatabases(): { name: string; get: () => CrmDatabase }[] {
  const kinds: [string, () => Promise<{ database: CrmDatabase; drop?: () => Promise<void> }>][] = [
    ['pglite', async () => ({ database: await openPglite() })],
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    kinds.push([
      'postgres',
      async () => {
        // Not the shared test database: the check drops and makes indexes, which other files' writes would wait for.
        const name = `crmkit_drift_${process.pid}_${Date.now()}`;
        const server = postgres(url, { max: 1, onnotice: () => {} });
        await server.unsafe(`create database ${name}`);
        const fresh = new URL(url);
        fresh.pathname = `/${name}`;
        const database = connectPostgres({ url: fresh.toString(), max: 2 });
        return {
          database,
          drop: async () => {
            await database.close();
            await server.unsafe(`drop database ${name}`);
            await server.end();
          },
        };
      },
    ]);
  }
  return kinds.map(([name, open]) => {
    let opened: { database: CrmDatabase; drop?: () => Promise<void> } | undefined;
    beforeAll(async () => {
      opened = await open();
      await migrate(opened.database);
    }, 120_000);
    afterAll(async () => {
      if (opened?.drop) await opened.drop();
      else await opened?.database.close();
    });
    return { name, get: () => opened!.database };
  });
}

describe('migrations', () => {
  it('hold every change of the schema (drizzle-kit would generate nothing)', async () => {
    const journal = JSON.parse(readFileSync(new URL('drizzle/meta/_journal.json', root), 'utf8')) as {
      entries: { idx: number; tag: string }[];
    };
    const last = journal.entries.at(-1)!;
    const snapshot = JSON.parse(
      readFileSync(new URL(`drizzle/meta/${String(last.idx).padStart(4, '0')}_snapshot.json`, root), 'utf8'),
    ) as Parameters<typeof generateMigration>[0];
    expect(await generateMigration(snapshot, schemaJson())).toEqual([]);
  });

  it('are bundled as they are written (migrations.gen.ts equals the .sql files)', () => {
    expect(readFileSync(new URL('src/db/migrations.gen.ts', root), 'utf8')).toBe(bundleMigrations());
  });
});

describe.each(freshDatabases())('a freshly migrated database on $name', ({ get }) => {
  it('has exactly the indexes and policies the schema declares, defined alike', async () => {
    const { migrated, declared, statements } = await get().withSession(migratedAndDeclared);
    expect(statements.length).toBeGreaterThan(100);
    expect(Object.keys(migrated.policies)).toContain('customers.customers_visible');
    expect(Object.keys(migrated.indexes)).toContain('customers_search_bigrams_idx');
    expect(migrated).toEqual(declared);
  });

  it('has exactly the functions src/db/functions.ts lists', async () => {
    const names = await get().withSession((s) => s.query<{ name: string }>(FUNCTIONS));
    expect(names.map((r) => r.name).sort()).toEqual(Object.keys(crmFunctions).sort());
  });
});
