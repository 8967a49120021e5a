import type { CrmDatabase, SqlSession } from './database.js';
import { migrations } from './migrations.gen.js';

export interface MigrateResult {
  applied: string[];
}

/** An arbitrary fixed key, so that two processes migrating one database take turns. */
const LOCK_KEY = 7_301_944_211;

/**
 * Applies the kit's migrations that the database has not seen, each in its own transaction,
 * recorded in the kit's own table `crm.__migrations` (never shared with a host's migrator).
 * Refuses to run when an applied migration was changed afterwards.
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
  await session.exec(`
    create schema if not exists crm;
    create table if not exists crm.__migrations (
      tag text primary key,
      hash text not null,
      applied_at timestamptz not null default now()
    );`);
  const done = new Map(
    (await session.query<{ tag: string; hash: string }>('select tag, hash from crm.__migrations')).map((r) => [
      r.tag,
      r.hash,
    ]),
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    const seen = done.get(migration.tag);
    if (seen === migration.hash) continue;
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
  await session.exec(`
    grant select, insert, update, delete on all tables in schema crm to crm_app;
    revoke all on crm.__migrations from crm_app;
    revoke all on crm.auth_throttle from crm_app;
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
    end $$;`);
}
