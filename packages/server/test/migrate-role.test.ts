// The first `migrate()` on a host's own PostgreSQL, as a role without CREATEROLE and without
// superuser (what a host's application role usually is): it stops with the SQL a DBA runs once,
// and once that ran it migrates and serves. The role and its database are made here and dropped.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createOrganization, createUser } from '../src/admin.js';
import { migrate, migrationScript } from '../src/db/migrate.js';
import { migrations } from '../src/db/migrations.gen.js';
import { openPglite } from '../src/db/pglite.js';
import { connectPostgres } from '../src/db/postgres.js';
import { MigrationSetupError, oneTimeSql, type RoleFacts } from '../src/db/request-role.js';
import { createTestKit } from './kit.js';

const url = process.env.DATABASE_URL;

describe('the SQL a DBA runs once', () => {
  const facts: RoleFacts = {
    user: 'shop',
    database: 'shop',
    managesRoles: false,
    roleExists: false,
    member: false,
    schemaExists: false,
    mayCreateSchema: true,
  };

  it('creates and grants the request role when the migrating role may not', () => {
    expect(oneTimeSql(facts)).toEqual(['CREATE ROLE crm_app NOLOGIN NOINHERIT;', 'GRANT crm_app TO "shop";']);
    expect(oneTimeSql({ ...facts, roleExists: true })).toEqual(['GRANT crm_app TO "shop";']);
    expect(oneTimeSql({ ...facts, roleExists: true, member: true })).toEqual([]);
  });

  it('asks for nothing of a role with CREATEROLE, and for CREATE on a database it may not create schemas in', () => {
    expect(oneTimeSql({ ...facts, managesRoles: true })).toEqual([]);
    expect(oneTimeSql({ ...facts, managesRoles: true, mayCreateSchema: false, user: 'a"b' })).toEqual([
      'GRANT CREATE ON DATABASE "shop" TO "a""b";',
    ]);
  });
});

describe('migrate --print-sql', () => {
  it('records every migration as migrate() does, so the kit finds them applied', () => {
    const script = migrationScript();
    for (const m of migrations) expect(script).toContain(`values ('${m.tag}', '${m.hash}')`);
    expect(script).toContain('CREATE ROLE crm_app NOLOGIN NOINHERIT;');
    expect(migrationScript(migrations.at(-2)!.tag)).not.toContain(`'${migrations.at(-2)!.tag}'`);
    expect(() => migrationScript('no_such_tag')).toThrow(/No migration/);
  });

  it('applied by hand on PGlite, leaves migrate() nothing to do', async () => {
    const database = await openPglite();
    try {
      await database.withSession((s) => s.exec(migrationScript()));
      expect((await migrate(database)).applied).toEqual([]);
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe('migrate() on a database that applied the earlier text of 0000_bootstrap', () => {
  it('finds it up to date', async () => {
    const database = await openPglite();
    try {
      await migrate(database);
      await database.withSession((s) =>
        s.exec(
          "update crm.__migrations set hash = 'f9aef288ae8a620499a19b81da43633588e2d43a41dc0167044b2eff6eb40d92' where tag = '0000_bootstrap'",
        ),
      );
      expect((await migrate(database)).applied).toEqual([]);
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe.runIf(url)('migrate() as a role without CREATEROLE on postgres', () => {
  it('stops with the SQL to run once, then migrates and serves once a DBA ran it', async () => {
    const name = `crmkit_norole_${randomUUID().slice(0, 8)}`;
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create role ${name} login nocreaterole nosuperuser`);
    await admin.unsafe(`create database ${name} owner ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    target.username = name;
    const database = connectPostgres({ url: target.toString(), max: 2 });
    try {
      const refused = await migrate(database).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(MigrationSetupError);
      const { sql, message } = refused as MigrationSetupError;
      // The cluster may hold crm_app already (other databases); then only the grant is asked for.
      expect(sql.at(-1)).toBe(`GRANT crm_app TO "${name}";`);
      expect(message).toContain(`GRANT crm_app TO "${name}";`);
      expect(message).toContain('--print-sql');
      // Nothing was applied.
      const [schema] = await admin.unsafe(
        `select count(*)::int as n from pg_namespace where nspname = 'crm' and nspowner = (select oid from pg_roles where rolname = '${name}')`,
      );
      expect(schema!.n).toBe(0);

      for (const statement of sql) await admin.unsafe(statement);
      expect((await migrate(database)).applied).toEqual(migrations.map((m) => m.tag));
      expect((await migrate(database)).applied).toEqual([]);

      // Requests run as crm_app under row-level security: each organization sees its own records only.
      const kit = await createTestKit(database);
      const created = await kit.request(kit.acme.users.admin, 'POST', '/customers', {
        name: 'Own PG Co',
        kind: 'company',
      });
      expect(created.status).toBe(201);
      const theirs = await kit.request(kit.globex.users.admin, 'GET', '/customers');
      expect(((await theirs.json()) as { items: unknown[] }).items).toEqual([]);
      const org = await createOrganization(database.db, { slug: `${name.replaceAll('_', '-')}-x`, name: 'X' });
      await createUser(database.db, org.id, { email: 'x@x.test', name: 'X', role: 'owner' });
    } finally {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`drop role if exists ${name}`);
      await admin.end();
    }
  }, 120_000);
});
