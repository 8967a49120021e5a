import { boolean, foreignKey, integer, jsonb, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { crm, recordColumns, sortIndex, tenantPolicy } from './columns.js';
import { organizations } from './organizations.js';
import { writerPolicies } from './policies.js';

/**
 * An organization's definition of a custom field of one resource's records. Values live on the
 * records (`custom_fields`); trashing a definition leaves them there, so restoring it brings them
 * back. A key stays taken while its definition is in the trash: a new field of another type
 * could not read the values stored under it.
 */
export const customFields = crm.table(
  'custom_fields',
  {
    ...recordColumns(),
    resource: text('resource').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
    type: text('type').notNull(),
    required: boolean('required').notNull().default(false),
    options: jsonb('options')
      .$type<{ value: string; label: string; labels: Record<string, string> }[]>()
      .notNull()
      .default([]),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('custom_fields_key').on(t.orgId, t.resource, t.key),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    sortIndex('custom_fields_position_idx', t, t.position),
    sortIndex('custom_fields_label_idx', t, t.label),
    sortIndex('custom_fields_created_idx', t, t.createdAt),
    tenantPolicy('custom_fields'),
    ...writerPolicies('custom_fields'),
  ],
);
