import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, jsonb, primaryKey, text, unique, uuid, type PgColumn } from 'drizzle-orm/pg-core';
import {
  crm,
  customFieldIndex,
  customFieldValues,
  parentOwner,
  recordColumns,
  collatedSortIndexes,
  sortIndex,
  tenantPolicy,
  trashIndex,
} from './columns.js';
import { ownedOrChildPolicies, ownedPolicies } from './policies.js';
import { organizations } from './organizations.js';
import { users } from './people.js';

export const customerKindEnum = crm.enum('customer_kind', ['company', 'person']);
export const lifecycleStageEnum = crm.enum('lifecycle_stage', [
  'subscriber',
  'lead',
  'prospect',
  'customer',
  'evangelist',
  'churned',
]);

/** Names, emails and phones folded into one lower-case text, for trigram search. */
const searchText = (...columns: string[]) => sql.raw(`crm.search_text(${columns.map((c) => `"${c}"`).join(', ')})`);

/**
 * The pairs of adjacent CJK characters in a table's search text: a trigram cannot narrow a
 * two-character term such as 台中, a bigram can (see `resources/search.ts`).
 */
export const searchBigramIndex = (table: string) =>
  index(`${table}_search_bigrams_idx`).using('gin', sql`crm.search_bigrams(search)`);

/**
 * The records merged into a record (`POST /{resource}/{id}/merge` moves them on when it is merged
 * in turn): a few rows in the trash, so a partial index that takes no room for the rest.
 */
export const mergedIntoIndex = (table: string, t: { orgId: PgColumn; mergedIntoId: PgColumn }) =>
  index(`${table}_merged_into_idx`)
    .on(t.orgId, t.mergedIntoId)
    .where(sql`merged_into_id is not null`);

/** A company or a person the organization sells to. */
export const customers = crm.table(
  'customers',
  {
    ...recordColumns(),
    kind: customerKindEnum('kind').notNull().default('company'),
    name: text('name').notNull(),
    emails: text('emails')
      .array()
      .notNull()
      .default(sql`'{}'`),
    phones: text('phones')
      .array()
      .notNull()
      .default(sql`'{}'`),
    website: text('website'),
    industry: text('industry'),
    size: text('size'),
    region: text('region'),
    address: text('address'),
    source: text('source'),
    lifecycleStage: lifecycleStageEnum('lifecycle_stage').notNull().default('lead'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'`),
    ownerId: uuid('owner_id'),
    externalId: text('external_id'),
    /** The customer this one was merged into (`POST /customers/{id}/merge`): set only as it goes to the trash. */
    mergedIntoId: uuid('merged_into_id'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    customFields: customFieldValues(),
    search: text('search')
      .notNull()
      .generatedAlwaysAs(searchText('name', 'emails', 'phones')),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('customers_org_external_id_key').on(t.orgId, t.externalId),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.mergedIntoId], foreignColumns: [t.orgId, t.id] }),
    sortIndex('customers_name_idx', t, t.name),
    ...collatedSortIndexes('customers', t, t.name),
    sortIndex('customers_created_idx', t, t.createdAt),
    sortIndex('customers_updated_idx', t, t.updatedAt),
    trashIndex('customers', t),
    index('customers_owner_idx').on(t.orgId, t.ownerId),
    index('customers_region_idx').on(t.orgId, t.region),
    mergedIntoIndex('customers', t),
    index('customers_tags_idx').using('gin', t.tags),
    index('customers_search_idx').using('gin', t.search.op('gin_trgm_ops')),
    // A form submission's company matched to a customer of a similar name (migration 0028's
    // crm.customers_named_like(); row-level security keeps request queries from this index).
    index('customers_company_key_idx').using('gin', sql`crm.company_key(name) gin_trgm_ops`),
    searchBigramIndex('customers'),
    customFieldIndex('customers', t),
    // An imported row matched to a customer by any of its emails, folded, or its phone numbers'
    // last nine digits (migration 0037's crm.customers_matching(), as for contacts below).
    index('customers_emails_idx').using('gin', sql`crm.fold_emails(emails)`),
    index('customers_phone_keys_idx').using('gin', sql`crm.phone_keys(phones)`),
    tenantPolicy('customers'),
    // Support agents serve every customer: they read them all, and change none.
    ...ownedPolicies('customers', { access: 'read' }),
  ],
);

/** A person at a customer whom the sales team talks to. */
export const contacts = crm.table(
  'contacts',
  {
    ...recordColumns(),
    customerId: uuid('customer_id'),
    name: text('name').notNull(),
    title: text('title'),
    emails: text('emails')
      .array()
      .notNull()
      .default(sql`'{}'`),
    phones: text('phones')
      .array()
      .notNull()
      .default(sql`'{}'`),
    isPrimary: boolean('is_primary').notNull().default(false),
    ownerId: uuid('owner_id'),
    customerOwnerId: parentOwner('customer_owner_id'),
    externalId: text('external_id'),
    /** The contact this one was merged into (`POST /contacts/{id}/merge`): set only as it goes to the trash. */
    mergedIntoId: uuid('merged_into_id'),
    customFields: customFieldValues(),
    search: text('search')
      .notNull()
      .generatedAlwaysAs(searchText('name', 'emails', 'phones')),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('contacts_org_external_id_key').on(t.orgId, t.externalId),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.mergedIntoId], foreignColumns: [t.orgId, t.id] }),
    sortIndex('contacts_name_idx', t, t.name),
    ...collatedSortIndexes('contacts', t, t.name),
    sortIndex('contacts_created_idx', t, t.createdAt),
    sortIndex('contacts_updated_idx', t, t.updatedAt),
    trashIndex('contacts', t),
    index('contacts_customer_idx').on(t.orgId, t.customerId),
    index('contacts_owner_idx').on(t.orgId, t.ownerId),
    index('contacts_customer_owner_idx').on(t.orgId, t.customerOwnerId),
    mergedIntoIndex('contacts', t),
    index('contacts_search_idx').using('gin', t.search.op('gin_trgm_ops')),
    searchBigramIndex('contacts'),
    customFieldIndex('contacts', t),
    // Matching a form submission to a contact by any of its emails, folded (migration 0025's
    // crm.contacts_with_email(); row-level security keeps request queries from this index).
    index('contacts_emails_idx').using('gin', sql`crm.fold_emails(emails)`),
    // ... and by any of its phone numbers' last nine digits (migration 0028's crm.contacts_with_phone()).
    index('contacts_phone_keys_idx').using('gin', sql`crm.phone_keys(phones)`),
    tenantPolicy('contacts'),
    // ... and keep every contact up to date (a caller's new phone number).
    ...ownedOrChildPolicies('contacts', { access: 'write' }, ['customer_id', 'customer_owner_id']),
  ],
);
