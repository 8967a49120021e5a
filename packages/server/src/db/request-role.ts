import type { SqlSession } from './database.js';

/**
 * The role requests run as (`SET LOCAL ROLE crm_app`, see `scopeStatement`), so that row-level
 * security applies to them. Its name is fixed: the migrations' policies name it.
 */
export const REQUEST_ROLE = 'crm_app';

/** What the migrating role may do about the request role and the kit's schema. */
export interface RoleFacts {
  /** The migrating role (the one the kit connects as). */
  user: string;
  database: string;
  /** Superuser or CREATEROLE: it may create and grant roles itself. */
  managesRoles: boolean;
  roleExists: boolean;
  /** Already a member of the request role (a superuser counts as one). */
  member: boolean;
  schemaExists: boolean;
  /** May create schemas (and trusted extensions such as pg_trgm) in the database. */
  mayCreateSchema: boolean;
}

export async function roleFacts(session: SqlSession): Promise<RoleFacts> {
  const [facts] = await session.query<{
    user: string;
    database: string;
    manages_roles: boolean;
    role_exists: boolean;
    member: boolean | null;
    schema_exists: boolean;
    may_create_schema: boolean;
  }>(
    `select current_user as user, current_database() as database,
            (r.rolsuper or r.rolcreaterole) as manages_roles,
            exists (select from pg_roles where rolname = $1) as role_exists,
            (select pg_has_role(current_user, oid, 'MEMBER') from pg_roles where rolname = $1) as member,
            exists (select from pg_namespace where nspname = 'crm') as schema_exists,
            has_database_privilege(current_database(), 'CREATE') as may_create_schema
     from pg_roles r where r.rolname = current_user`,
    [REQUEST_ROLE],
  );
  return {
    user: facts!.user,
    database: facts!.database,
    managesRoles: facts!.manages_roles,
    roleExists: facts!.role_exists,
    member: facts!.member ?? false,
    schemaExists: facts!.schema_exists,
    mayCreateSchema: facts!.may_create_schema,
  };
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The statements a DBA must run once before the migrating role can migrate: nothing when it may
 * do everything itself. Creating a role, and granting one (in PostgreSQL 15 even to a member
 * already), takes CREATEROLE; the migrations skip both once done.
 */
export function oneTimeSql(facts: RoleFacts): string[] {
  const statements: string[] = [];
  if (!facts.roleExists && !facts.managesRoles) statements.push(`CREATE ROLE ${REQUEST_ROLE} NOLOGIN NOINHERIT;`);
  if (!facts.member && !facts.managesRoles) statements.push(`GRANT ${REQUEST_ROLE} TO ${ident(facts.user)};`);
  if (!facts.schemaExists && !facts.mayCreateSchema)
    statements.push(`GRANT CREATE ON DATABASE ${ident(facts.database)} TO ${ident(facts.user)};`);
  return statements;
}

/** Thrown by `migrate()` when the connecting role lacks what only a DBA can give it; `sql` says what. */
export class MigrationSetupError extends Error {
  readonly code = 'CRMKIT_SETUP_REQUIRED';
  constructor(
    readonly role: string,
    readonly sql: string[],
  ) {
    super(
      `crmkit cannot migrate as role ${ident(role)}: requests run as the role ${REQUEST_ROLE} (so that ` +
        'row-level security applies to them), which this role may not create or take on. Ask a database ' +
        'administrator (a superuser, or a role with CREATEROLE) to run this once, then migrate again:\n\n' +
        sql.map((s) => `  ${s}`).join('\n') +
        '\n\n(`crmkit migrate --print-sql` prints every migration, for DBAs who apply them themselves.)',
    );
  }
}

/** Refuses, with the SQL to run once, when the migrating role cannot set up what it needs. */
export async function checkRequestRole(session: SqlSession): Promise<void> {
  const facts = await roleFacts(session);
  const sql = oneTimeSql(facts);
  if (sql.length) throw new MigrationSetupError(facts.user, sql);
}
