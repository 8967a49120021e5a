import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** Runs raw SQL on one dedicated connection: what migrations need. */
export interface SqlSession {
  /** Runs one or more statements without parameters. */
  exec(text: string): Promise<void>;
  /** Runs one statement with parameters and returns its rows. */
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** A database the kit runs on: embedded PGlite or a PostgreSQL server. */
export interface CrmDatabase {
  readonly kind: 'pglite' | 'postgres';
  /** The drizzle handle used by requests (as the table owner: scope it with {@link inOrg}). */
  readonly db: Db;
  /** Lends one connection for the duration of `fn` (migrations run on it). */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; resolves to the unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** How busy the connection pool is, for metrics (PostgreSQL only). */
  pool?(): { max: number; busy: number; waiting: number };
}

/** Whose transaction this is: an organization, and the member acting in it if any. */
export interface Scope {
  orgId: string;
  userId?: string | null;
  /** Without a role (provisioning, seeding) the scope sees the whole organization. */
  role?: 'owner' | 'admin' | 'manager' | 'rep' | 'viewer' | 'support';
}

export interface TransactionOptions {
  /**
   * Only reads: the transaction is READ ONLY (a write in it fails), and a driver may answer
   * before COMMIT completes, as a read has nothing to lose there.
   */
  readOnly?: boolean;
}

/**
 * How a driver runs a scoped transaction: `setup` (one statement without parameters) must run
 * right after BEGIN and before anything `fn` sends. A driver registers one to save round trips.
 */
export type ScopedTransaction = <T>(
  setup: string,
  fn: (tx: Tx) => Promise<T>,
  options: TransactionOptions,
) => Promise<T>;

const scopedTransactions = new WeakMap<Db, ScopedTransaction>();

/** Lets a driver run {@link inOrg}'s transactions for `db` its own, faster way. */
export function useScopedTransaction(db: Db, run: ScopedTransaction): void {
  scopedTransactions.set(db, run);
}

/**
 * Runs `fn` in a transaction scoped to one organization and member: as the non-owner role
 * `crm_app`, so row-level security applies, with the organization, the member and what the
 * member's role lets them see set for this transaction only. Reps see their own records,
 * managers those of everyone in the teams they manage (down the team tree), everyone else all.
 */
export async function inOrg<T>(
  db: Db,
  scope: Scope,
  fn: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const setup = scopeStatement(scope);
  const hooks: CommitHook[] = [];
  const tracked = (tx: Tx) => {
    commitHooks.set(tx, hooks);
    transactionDbs.set(tx, db);
    return fn(tx);
  };
  const run = scopedTransactions.get(db);
  const result = run
    ? await run(setup, tracked, options)
    : await db.transaction(
        async (tx) => {
          await tx.execute(sql.raw(setup));
          return tracked(tx);
        },
        options.readOnly ? { accessMode: 'read only' } : undefined,
      );
  for (const hook of hooks) hook(db);
  return result;
}

/** Work to do once a transaction has committed, given the database handle it ran on. */
export type CommitHook = (db: Db) => void;

const commitHooks = new WeakMap<Tx, CommitHook[]>();

/**
 * Runs `hook` once the {@link inOrg} transaction `tx` has committed, and never if it rolls back:
 * for what must follow a write but not before others can see it (e.g. forgetting a cached copy
 * of the record). Every request writes in such a transaction.
 */
export function afterCommit(tx: Tx, hook: CommitHook): void {
  const hooks = commitHooks.get(tx);
  if (!hooks) throw new Error('afterCommit needs a transaction of inOrg');
  hooks.push(hook);
}

const transactionDbs = new WeakMap<Tx, Db>();

/** The database handle an {@link inOrg} transaction runs on (undefined for any other transaction). */
export const dbOf = (tx: Tx): Db | undefined => transactionDbs.get(tx);

/** {@link inOrg} for requests that only read. */
export const readInOrg = <T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> =>
  inOrg(db, scope, fn, { readOnly: true });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = new Set(['owner', 'admin', 'manager', 'rep', 'viewer', 'support']);

/** A UUID as an SQL literal; anything else is refused, as it would be inlined into SQL. */
function uuid(value: string): string {
  if (!UUID.test(value)) throw new TypeError(`Not a UUID: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/** What a member sees, as the policies of `db/schema/policies.ts` read it from `crm.visibility`. */
export type Visibility = 'all' | 'team' | 'own' | 'service';

/**
 * What a role sees: everything, its teams' records (a manager), its own (a rep), or the service
 * desk's records of every owner and no sales records (a support agent).
 */
export const visibilityOf = (role: string | undefined): Visibility =>
  role === 'rep' ? 'own' : role === 'manager' ? 'team' : role === 'support' ? 'service' : 'all';

/**
 * The statement that scopes a transaction, with its values inlined as literals (validated UUIDs
 * and a closed set of words), so that a driver can send it together with BEGIN in one message.
 */
export function scopeStatement(scope: Scope): string {
  const role = scope.role ?? '';
  if (role && !ROLES.has(role)) throw new TypeError(`Not a role: ${JSON.stringify(role)}`);
  const visibility = visibilityOf(role);
  const org = uuid(scope.orgId);
  const user = scope.userId ? uuid(scope.userId) : "''";
  const members = visibility === 'team' && scope.userId ? teamMembers(org, user) : "''";
  // A member acting is checked against their record here (active, with this role), at no extra
  // round trip: a kit acting on a stale memory of them fails with SQLSTATE CK001 (migration 0008).
  const checkedRole = scope.userId && role ? `crm.assert_member(${org}, ${user}, '${role}')` : `'${role}'`;
  return `select set_config('crm.org_id', ${org}, true),
       set_config('crm.user_id', ${user}, true),
       set_config('crm.role', ${checkedRole}, true),
       set_config('crm.visibility', '${visibility}', true),
       set_config('crm.team_members', ${members}, true),
       set_config('role', 'crm_app', true)`;
}

/** The ids of the members of every team a manager manages, down the team tree, and the manager. */
function teamMembers(org: string, manager: string): string {
  return `(
    with recursive managed as (
      select id from crm.teams where org_id = ${org} and manager_id = ${manager}::uuid and deleted_at is null
      union
      select t.id from crm.teams t join managed m on t.parent_id = m.id where t.org_id = ${org} and t.deleted_at is null
    )
    select coalesce(string_agg(id::text, ','), '') from (
      select u.id from crm.users u where u.org_id = ${org} and u.team_id in (select id from managed)
      union select ${manager}::uuid
    ) members)`;
}
