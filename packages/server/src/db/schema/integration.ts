import { foreignKey, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { crm, tenantPolicy, timestamptz } from './columns.js';
import { organizations } from './organizations.js';
import { writerPolicies } from './policies.js';

/**
 * The ids other systems (a shop, an ERP, a finance package) know a record by: one row per system
 * and record, so a record may carry ids from several systems and an id of one system names one
 * record. A table rather than a jsonb map on each record table, because the primary key enforces
 * "one record per (system, id)" for every resource with one plain B-tree index, where a map would
 * need an index per system (uniqueness cannot be declared over the pairs of a jsonb map).
 *
 * Only the organization's policy applies here: an upsert finds the mapping whoever asks, and the
 * record itself is then read under the member's visibility (a record they cannot see is a 404).
 */
export const externalIds = crm.table(
  'external_ids',
  {
    orgId: uuid('org_id').notNull(),
    /** The record's entity, as in the audit log: `customer`, `order`, … */
    entity: text('entity').notNull(),
    /** The other system's name, chosen by the integration: `shop`, `erp`, … */
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    recordId: uuid('record_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.entity, t.source, t.externalId] }),
    unique('external_ids_record_key').on(t.orgId, t.entity, t.recordId, t.source),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    tenantPolicy('external_ids'),
    ...writerPolicies('external_ids'),
  ],
);
