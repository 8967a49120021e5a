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
  close(): Promise<void>;
}

/**
 * Runs `fn` in a transaction scoped to one organization: as the non-owner role `crm_app`, so
 * row-level security applies, with the organization set for this transaction only.
 */
export function inOrg<T>(db: Db, orgId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('crm.org_id', ${orgId}, true), set_config('role', 'crm_app', true)`);
    return fn(tx);
  });
}
