import { describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.js';
import { testDatabases } from './databases.js';

/** Constraints in schema `crm` of tables that carry org_id, with whether each includes org_id. */
const CONSTRAINTS = `
  select c.relname as table, con.conname as name, con.contype as type,
         exists (select 1 from unnest(con.conkey) k join pg_attribute a
                 on a.attrelid = c.oid and a.attnum = k where a.attname = 'org_id') as has_org,
         ft.relname as references
  from pg_constraint con
  join pg_class c on c.oid = con.conrelid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_class ft on ft.oid = con.confrelid
  where n.nspname = 'crm' and con.contype in ('p', 'u', 'f')
    and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id')`;

const TENANT_TABLES = `
  select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
         (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'crm' and c.relkind = 'r'
    and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id')
         or c.relname = 'organizations')`;

describe.each(testDatabases())('schema on $name', ({ get }) => {
  it('keys every primary key, unique constraint and foreign key of a tenant table by org_id', async () => {
    const rows = await get().withSession((s) =>
      s.query<{ table: string; name: string; type: string; has_org: boolean }>(CONSTRAINTS),
    );
    expect(rows.length).toBeGreaterThan(20);
    const offenders = rows.filter((r) => !r.has_org).map((r) => `${r.table}.${r.name}`);
    expect(offenders).toEqual([]);
  });

  it('forces row-level security with a policy on every tenant table', async () => {
    const rows = await get().withSession((s) =>
      s.query<{ table: string; rls: boolean; forced: boolean; policies: number }>(TENANT_TABLES),
    );
    expect(rows.map((r) => r.table)).toContain('customers');
    const offenders = rows.filter((r) => !r.rls || !r.forced || r.policies < 1).map((r) => r.table);
    expect(offenders).toEqual([]);
  });

  it('records applied migrations in its own table and applies nothing twice', async () => {
    const again = await migrate(get());
    expect(again.applied).toEqual([]);
    const rows = await get().withSession((s) =>
      s.query<{ tag: string }>('select tag from crm.__migrations order by tag'),
    );
    expect(rows.map((r) => r.tag)).toEqual(expect.arrayContaining(['0000_bootstrap', '0001_schema']));
  });
});
