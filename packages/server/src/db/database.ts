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
}

/** Whose transaction this is: an organization, and the member acting in it if any. */
export interface Scope {
  orgId: string;
  userId?: string | null;
  /** Without a role (provisioning, seeding) the scope sees the whole organization. */
  role?: 'owner' | 'admin' | 'manager' | 'rep' | 'viewer';
}

/**
 * Runs `fn` in a transaction scoped to one organization and member: as the non-owner role
 * `crm_app`, so row-level security applies, with the organization, the member and what the
 * member's role lets them see set for this transaction only. Reps see their own records,
 * managers those of everyone in the teams they manage (down the team tree), everyone else all.
 */
export function inOrg<T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const visibility = scope.role === 'rep' ? 'own' : scope.role === 'manager' ? 'team' : 'all';
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      select set_config('crm.org_id', ${scope.orgId}, true),
             set_config('crm.user_id', ${scope.userId ?? ''}, true),
             set_config('crm.role', ${scope.role ?? ''}, true),
             set_config('crm.visibility', ${visibility}, true),
             set_config('crm.team_members', ${visibility === 'team' ? teamMembers(scope.orgId, scope.userId ?? '') : sql`''`}, true),
             set_config('role', 'crm_app', true)`);
    return fn(tx);
  });
}

/** The ids of the members of every team a manager manages, down the team tree, and the manager. */
function teamMembers(orgId: string, managerId: string) {
  return sql`(
    with recursive managed as (
      select id from crm.teams where org_id = ${orgId} and manager_id = ${managerId}::uuid and deleted_at is null
      union
      select t.id from crm.teams t join managed m on t.parent_id = m.id where t.org_id = ${orgId} and t.deleted_at is null
    )
    select coalesce(string_agg(id::text, ','), '') from (
      select u.id from crm.users u where u.org_id = ${orgId} and u.team_id in (select id from managed)
      union select ${managerId}::uuid
    ) members)`;
}
