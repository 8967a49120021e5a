import type { CrmDatabase, SqlSession } from './database.js';
import { migrations } from './migrations.gen.js';
import { checkRequestRole, REQUEST_ROLE } from './request-role.js';

export interface MigrateResult {
  applied: string[];
}

/** An arbitrary fixed key, so that two processes migrating one database take turns. */
const LOCK_KEY = 7_301_944_211;

/**
 * Hashes of earlier texts of a migration that leave a database the same as its text now: a
 * database that applied one of them is up to date. 0000 once granted the request role
 * unconditionally, which needs CREATEROLE even when the role is a member already.
 */
const EQUIVALENT_HASHES: Readonly<Record<string, readonly string[]>> = {
  '0000_bootstrap': ['f9aef288ae8a620499a19b81da43633588e2d43a41dc0167044b2eff6eb40d92'],
};

const MIGRATIONS_TABLE = `
    create schema if not exists crm;
    create table if not exists crm.__migrations (
      tag text primary key,
      hash text not null,
      applied_at timestamptz not null default now()
    );`;

/**
 * Applies the kit's migrations that the database has not seen, each in its own transaction,
 * recorded in the kit's own table `crm.__migrations` (never shared with a host's migrator).
 * Refuses to run when an applied migration was changed afterwards, and, with a
 * {@link MigrationSetupError} naming the SQL a DBA runs once, when the connecting role may not
 * create or take on the request role (it lacks CREATEROLE and nobody set the role up yet).
 */
export async function migrate(database: CrmDatabase): Promise<MigrateResult> {
  return database.withSession(async (session) => {
    if (database.kind === 'postgres') await session.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      return await applyPending(session);
    } finally {
      if (database.kind === 'postgres') await session.query('select pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  });
}

async function applyPending(session: SqlSession): Promise<MigrateResult> {
  await checkRequestRole(session);
  await session.exec(MIGRATIONS_TABLE);
  const done = new Map(
    (await session.query<{ tag: string; hash: string }>('select tag, hash from crm.__migrations')).map((r) => [
      r.tag,
      r.hash,
    ]),
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    const seen = done.get(migration.tag);
    if (seen === migration.hash || (seen && EQUIVALENT_HASHES[migration.tag]?.includes(seen))) continue;
    if (seen) throw new Error(`Migration ${migration.tag} was changed after it was applied`);
    await session.exec('begin');
    try {
      for (const statement of migration.statements) await session.exec(statement);
      await session.query('insert into crm.__migrations (tag, hash) values ($1, $2)', [migration.tag, migration.hash]);
      await session.exec('commit');
    } catch (error) {
      await session.exec('rollback');
      throw error;
    }
    applied.push(migration.tag);
  }
  await secureTenantTables(session);
  return { applied };
}

/**
 * Gives the request role access to the kit's tables, forces row-level security on each table
 * that has it (so even the tables' owner is held to policies), and gives the migrating role a
 * policy of its own on each: provisioning (creating organizations, signing in, seeding) runs as
 * that role, never as a request. Idempotent; runs after every migration so that new tables
 * cannot be forgotten.
 */
async function secureTenantTables(session: SqlSession): Promise<void> {
  await session.exec(SECURE_TENANT_TABLES);
}

const SECURE_TENANT_TABLES = `
    grant select, insert, update, delete on all tables in schema crm to ${REQUEST_ROLE};
    revoke all on crm.__migrations from ${REQUEST_ROLE};
    revoke all on crm.auth_throttle from ${REQUEST_ROLE};
    do $$
    declare t record;
    begin
      for t in select c.relname, c.relforcerowsecurity as forced,
                      exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'kit_provisioning') as provisioned
               from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = 'crm' and c.relkind = 'r' and c.relrowsecurity
      loop
        if not t.forced then
          execute format('alter table crm.%I force row level security', t.relname);
        end if;
        if not t.provisioned then
          execute format('create policy kit_provisioning on crm.%I for all to current_user using (true) with check (true)', t.relname);
        end if;
      end loop;
    end $$;`;

/**
 * Every migration as one SQL script, for DBAs who apply migrations themselves (`crmkit migrate
 * --print-sql`): each in its own transaction, recorded in `crm.__migrations` as `migrate()`
 * records it (so the kit finds them applied), then what `migrate()` does after each run. With
 * `after`, only the migrations after that tag.
 */
export function migrationScript(after?: string): string {
  const start = after === undefined ? 0 : migrations.findIndex((m) => m.tag === after) + 1;
  if (start === 0 && after !== undefined) throw new Error(`No migration is named ${after}`);
  const header = [
    '-- crmkit migrations. Apply with: psql -v ON_ERROR_STOP=1 -f <this file>',
    '-- connected as (or after SET ROLE to) the role the kit connects as: it owns the crm schema.',
    '-- Once, as a superuser or a role with CREATEROLE, unless that role has CREATEROLE itself:',
    `--   CREATE ROLE ${REQUEST_ROLE} NOLOGIN NOINHERIT;`,
    `--   GRANT ${REQUEST_ROLE} TO <the role the kit connects as>;`,
  ];
  const parts = [header.join('\n'), MIGRATIONS_TABLE.trim()];
  for (const migration of migrations.slice(start)) {
    // A statement may end in a comment: its semicolon goes on a line of its own.
    const statements = migration.statements.map((s) => (s.trimEnd().endsWith(';') ? s : `${s}\n;`));
    parts.push(
      `-- ${migration.tag}\nbegin;\n${statements.join('\n')}\n` +
        `insert into crm.__migrations (tag, hash) values ('${migration.tag}', '${migration.hash}');\ncommit;`,
    );
  }
  parts.push(
    `-- After every run: the request role's grants, FORCE row-level security, provisioning policies.${SECURE_TENANT_TABLES}`,
  );
  return `${parts.join('\n\n')}\n`;
}
