import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgPolicy, pgRole, pgSchema, timestamp, uuid, type PgColumn } from 'drizzle-orm/pg-core';

/** Every table of the kit lives in this Postgres schema, so it can share the host's database. */
export const crm = pgSchema('crm');

/** The non-owner role request queries run as, so row-level security applies to them. */
export const crmApp = pgRole('crm_app').existing();

/** The organization of the current transaction, set with `set_config('crm.org_id', …, true)`. */
export const currentOrg = sql`nullif(current_setting('crm.org_id', true), '')::uuid`;

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Columns of every tenant record: its organization, id, times, version and trash mark. */
export function recordColumns() {
  return {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    deletedAt: timestamptz('deleted_at'),
  };
}

/** The row-level security policy every tenant table carries: rows of the current organization only. */
export function tenantPolicy(table: string) {
  return pgPolicy(`${table}_tenant`, {
    as: 'permissive',
    for: 'all',
    to: crmApp,
    using: sql`org_id = ${currentOrg}`,
    withCheck: sql`org_id = ${currentOrg}`,
  });
}

/**
 * A copy of a parent record's owner (e.g. an order's customer's owner) that row-level security
 * reads instead of the parent: written only by the triggers of migration 0012 (on the row's
 * insert or change of parent, and on the parent's change of owner), never by the kit or the API.
 */
export const parentOwner = (name: string) => uuid(name);

/**
 * The index of a list's sort: the organization's live rows in (column, id) order, the keyset
 * order of its pages, read forwards or backwards. Partial, so the trash takes no room in it.
 */
export function sortIndex(name: string, t: { orgId: PgColumn; id: PgColumn }, column: PgColumn) {
  return index(name)
    .on(t.orgId, column, t.id)
    .where(sql`deleted_at is null`);
}

/**
 * The collations a list may sort text in, by the reader's language (`Accept-Language`): Traditional
 * Chinese by stroke count, Simplified by pinyin, as readers of each expect. Migration 0033 makes them
 * ICU collations where the server has ICU, and plain code point order (`"C"`) where it has not.
 */
export const SORT_COLLATIONS = { 'zh-Hant': 'crm.zh_hant', 'zh-Hans': 'crm.zh_hans' } as const;
export type SortLanguage = keyof typeof SORT_COLLATIONS;

/** {@link sortIndex} in a language's order: one per {@link SORT_COLLATIONS}. */
export function collatedSortIndexes(table: string, t: { orgId: PgColumn; id: PgColumn }, column: PgColumn) {
  return Object.entries(SORT_COLLATIONS).map(([language, collation]) =>
    index(`${table}_${column.name}_${language.replace('-', '_').toLowerCase()}_idx`)
      .on(t.orgId, sql`${column} collate ${sql.raw(collation)}`, t.id)
      .where(sql`deleted_at is null`),
  );
}

/** The organization's trashed rows: the few a trash list reads (then sorts). */
export function trashIndex(table: string, t: { orgId: PgColumn; deletedAt: PgColumn }) {
  return index(`${table}_trash_idx`)
    .on(t.orgId, t.deletedAt)
    .where(sql`deleted_at is not null`);
}

/**
 * A record's custom field values by key (`customFields`), checked against the organization's
 * definitions (`custom_fields`) on every write.
 */
export const customFieldValues = () => jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({});

/**
 * The index of the lists' custom field filters: `customFields.<key>=value` is a containment
 * (`custom_fields @> '{"key": value}'`), which a `jsonb_path_ops` GIN answers.
 */
export const customFieldIndex = (table: string, t: { customFields: PgColumn }) =>
  index(`${table}_custom_fields_idx`).using('gin', sql`${t.customFields} jsonb_path_ops`);
