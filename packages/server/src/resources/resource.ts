import { RESOURCE_SCHEMAS, type ResourceName, type ResourceSchemas } from '@crmkit/core';
import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/database.js';
import type { Caller, Role } from '../http/env.js';

/** The columns every tenant record table has. */
export type RecordTable = PgTable & {
  orgId: PgColumn;
  id: PgColumn;
  createdAt: PgColumn;
  updatedAt: PgColumn;
  version: PgColumn;
  deletedAt: PgColumn;
};

export type Row = Record<string, unknown>;

/** What a write hook gets: the transaction, the caller, and the record before and after. */
export interface WriteContext {
  tx: Tx;
  caller: Caller;
  /** The stored row before the write; undefined on create. */
  before: Row | undefined;
  /** The fields the write sets: on create all of them, on update those whose value changes. */
  input: Row;
  /** Every field the caller sent, changed or not (a PATCH may repeat a value it means to keep). */
  sent: Row;
}

/**
 * One resource of the HTTP contract, declared once: its table, its schemas from `@crmkit/core`,
 * and the few rules that differ from resource to resource. The routes, data access, audit log,
 * versions and idempotency are the same for all (see `crud.ts` and `routes.ts`).
 */
export interface Resource<T extends RecordTable = RecordTable> {
  /** The path segment, e.g. `customers`: the resource's key in the contract's table. */
  path: ResourceName;
  /** The audit log's entity name, e.g. `customer`. */
  entity: string;
  /** The OpenAPI tag. */
  tag: string;
  table: T;
  /** Its schemas: the contract's table in `@crmkit/core` (`RESOURCE_SCHEMAS`) under its path, filled in by {@link defineResource}. */
  schemas: ResourceSchemas;
  /** Sort keys of the list route and their columns. */
  sorts: Record<string, PgColumn>;
  /** Sort keys of text that follow the reader's language (each has `collatedSortIndexes`). */
  languageSorts?: readonly string[];
  /**
   * What `q` searches: the table's folded, trigram-indexed `search` column (large tables: found
   * through the index under row-level security, see `search.ts`), or an expression matched row
   * by row (small tables).
   */
  search?: PgColumn | SQL;
  /** Roles allowed to write; by default every role but viewer. */
  writeRoles?: Role[];
  /** Extra list filters from the parsed query (read in the list's transaction, e.g. a segment's rules). */
  filters?: (
    query: Record<string, unknown>,
    tx: Tx,
    caller: Caller,
  ) => (SQL | undefined)[] | Promise<(SQL | undefined)[]>;
  /** Turns a stored row into its API form, beyond the generic copy of fields. */
  toApi?: (row: Row, tx: Tx) => Row | Promise<Row>;
  /** Checks and completes a record about to be written (cross-field rules); may throw a problem. */
  beforeWrite?: (values: Row, context: WriteContext) => Promise<Row | void> | Row | void;
  /**
   * Checks a move of the stored record to the trash (`trashed`) or out of it before it is
   * written (e.g. who may do it); may throw a problem, or return fields to change with it.
   */
  beforeTrash?: (stored: Row, trashed: boolean, context: WriteContext) => Promise<Row | void> | Row | void;
  /** Writes what follows from a write in the same transaction (e.g. stage history). */
  afterWrite?: (row: Row, context: WriteContext) => Promise<void> | void;
  /** Fields that are stored elsewhere and not columns of the table (handled by the hooks). */
  virtualFields?: string[];
  /**
   * For creates of an import or a bulk request that name no external id: the live stored records
   * (each its `id` and `version`) that each one duplicates, as the caller may see them; none, one
   * or several (which an import refuses to choose between). What an import does with a duplicate
   * is its `onDuplicate` choice (e.g. a lead with an open lead's email or phone number is matched).
   */
  duplicateOf?: (tx: Tx, caller: Caller, creates: Row[]) => Promise<Row[][]>;
  /**
   * What {@link duplicateOf} compares a create by (e.g. a lead's folded email and phone key): a
   * create sharing one with an earlier create of the same batch is written after it, so it
   * matches that record instead of becoming its twin.
   */
  duplicateKeys?: (create: Row) => string[];
}

/** A resource with its schemas from the contract's table, found by its path. */
export function defineResource<T extends RecordTable>(resource: Omit<Resource<T>, 'schemas'>): Resource<T> {
  return { ...resource, schemas: RESOURCE_SCHEMAS[resource.path] };
}
