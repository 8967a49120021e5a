import { sql } from 'drizzle-orm';
import { bigint, foreignKey, index, jsonb, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import {
  crm,
  customFieldIndex,
  customFieldValues,
  parentOwner,
  recordColumns,
  sortIndex,
  tenantPolicy,
  timestamptz,
  trashIndex,
} from './columns.js';
import { ownedOrChildPolicies, parentOwnedPolicies, salesPolicies, writerPolicies } from './policies.js';
import { contacts, customers } from './customers.js';
import { users } from './people.js';
import { leads, opportunities } from './sales.js';

export const activityTypeEnum = crm.enum('activity_type', ['call', 'email', 'meeting', 'note', 'task']);
export const caseStatusEnum = crm.enum('case_status', ['new', 'open', 'pending', 'resolved', 'closed']);
export const casePriorityEnum = crm.enum('case_priority', ['low', 'normal', 'high', 'urgent']);

/** A customer service or support case. */
export const cases = crm.table(
  'cases',
  {
    ...recordColumns(),
    subject: text('subject').notNull(),
    description: text('description'),
    status: caseStatusEnum('status').notNull().default('new'),
    priority: casePriorityEnum('priority').notNull().default('normal'),
    channel: text('channel'),
    customerId: uuid('customer_id'),
    contactId: uuid('contact_id'),
    ownerId: uuid('owner_id'),
    customerOwnerId: parentOwner('customer_owner_id'),
    dueBy: timestamptz('due_by'),
    resolvedAt: timestamptz('resolved_at'),
    customFields: customFieldValues(),
    search: text('search').notNull().generatedAlwaysAs(sql.raw('crm.search_fold("subject")')),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    index('cases_customer_idx').on(t.orgId, t.customerId),
    // A contact's cases (a merge of contacts moves them), for the cases that name one.
    index('cases_contact_idx')
      .on(t.orgId, t.contactId)
      .where(sql`contact_id is not null`),
    index('cases_owner_idx').on(t.orgId, t.ownerId),
    index('cases_customer_owner_idx').on(t.orgId, t.customerOwnerId),
    sortIndex('cases_subject_idx', t, t.subject),
    sortIndex('cases_due_idx', t, t.dueBy),
    sortIndex('cases_created_idx', t, t.createdAt),
    sortIndex('cases_updated_idx', t, t.updatedAt),
    trashIndex('cases', t),
    index('cases_search_idx').using('gin', t.search.op('gin_trgm_ops')),
    customFieldIndex('cases', t),
    tenantPolicy('cases'),
    // Support agents work every case.
    ...ownedOrChildPolicies('cases', { access: 'write' }, ['customer_id', 'customer_owner_id']),
  ],
);

/** A call, email, meeting, note or task, linked to the records it concerns. */
export const activities = crm.table(
  'activities',
  {
    ...recordColumns(),
    type: activityTypeEnum('type').notNull(),
    subject: text('subject').notNull(),
    body: text('body'),
    direction: text('direction'),
    durationSeconds: bigint('duration_seconds', { mode: 'number' }),
    outcome: text('outcome'),
    occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
    dueAt: timestamptz('due_at'),
    doneAt: timestamptz('done_at'),
    customerId: uuid('customer_id'),
    contactId: uuid('contact_id'),
    leadId: uuid('lead_id'),
    opportunityId: uuid('opportunity_id'),
    caseId: uuid('case_id'),
    ownerId: uuid('owner_id'),
    customerOwnerId: parentOwner('customer_owner_id'),
    opportunityOwnerId: parentOwner('opportunity_owner_id'),
    search: text('search')
      .notNull()
      .generatedAlwaysAs(sql.raw(`crm.search_fold("subject" || ' ' || coalesce("body", ''))`)),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
    foreignKey({ columns: [t.orgId, t.leadId], foreignColumns: [leads.orgId, leads.id] }),
    foreignKey({
      columns: [t.orgId, t.opportunityId],
      foreignColumns: [opportunities.orgId, opportunities.id],
    }),
    foreignKey({ columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    index('activities_customer_idx').on(t.orgId, t.customerId, t.occurredAt),
    index('activities_opportunity_idx').on(t.orgId, t.opportunityId, t.occurredAt),
    index('activities_contact_idx').on(t.orgId, t.contactId, t.occurredAt),
    index('activities_lead_idx').on(t.orgId, t.leadId, t.occurredAt),
    index('activities_case_idx').on(t.orgId, t.caseId, t.occurredAt),
    index('activities_owner_idx').on(t.orgId, t.ownerId, t.occurredAt),
    index('activities_customer_owner_idx').on(t.orgId, t.customerOwnerId, t.occurredAt),
    index('activities_opportunity_owner_idx').on(t.orgId, t.opportunityOwnerId, t.occurredAt),
    sortIndex('activities_occurred_idx', t, t.occurredAt),
    sortIndex('activities_created_idx', t, t.createdAt),
    // Open tasks (`?open=true`), the to-do list of a CRM, in the list's default order.
    index('activities_open_idx')
      .on(t.orgId, t.occurredAt, t.id)
      .where(sql`type = 'task' and done_at is null and deleted_at is null`),
    // Tasks done in a period (the performance report counts a task when it is done).
    index('activities_done_idx')
      .on(t.orgId, t.doneAt)
      .where(sql`type = 'task' and done_at is not null and deleted_at is null`),
    trashIndex('activities', t),
    index('activities_search_idx').using('gin', t.search.op('gin_trgm_ops')),
    tenantPolicy('activities'),
    ...ownedOrChildPolicies(
      'activities',
      // Support agents log and read every activity but those about a deal or a lead.
      { access: 'write', rows: sql`opportunity_id is null and lead_id is null` },
      ['customer_id', 'customer_owner_id'],
      ['opportunity_id', 'opportunity_owner_id'],
    ),
  ],
);

export interface OrderLine {
  sku: string | null;
  name: string;
  quantity: number;
  unitAmount: number;
}

/** A customer's purchase, synced from the host's shop or ERP. */
export const orders = crm.table(
  'orders',
  {
    ...recordColumns(),
    customerId: uuid('customer_id').notNull(),
    customerOwnerId: parentOwner('customer_owner_id'),
    externalId: text('external_id'),
    number: text('number'),
    status: text('status').notNull().default('placed'),
    totalAmount: bigint('total_amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    placedAt: timestamptz('placed_at').notNull(),
    lines: jsonb('lines').$type<OrderLine[]>().notNull().default([]),
    search: text('search')
      .notNull()
      .generatedAlwaysAs(sql.raw(`crm.search_fold(coalesce("number", '') || ' ' || coalesce("external_id", ''))`)),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('orders_org_external_id_key').on(t.orgId, t.externalId),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    index('orders_customer_idx').on(t.orgId, t.customerId, t.placedAt),
    index('orders_customer_owner_idx').on(t.orgId, t.customerOwnerId, t.placedAt),
    sortIndex('orders_placed_idx', t, t.placedAt),
    sortIndex('orders_total_idx', t, t.totalAmount),
    sortIndex('orders_created_idx', t, t.createdAt),
    trashIndex('orders', t),
    index('orders_search_idx').using('gin', t.search.op('gin_trgm_ops')),
    tenantPolicy('orders'),
    ...parentOwnedPolicies('orders', 'customer_id', 'customer_owner_id', { access: 'read' }),
  ],
);

/** A saved, rule-based group of customers. */
export const segments = crm.table(
  'segments',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    description: text('description'),
    rules: jsonb('rules').$type<unknown>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    tenantPolicy('segments'),
    ...writerPolicies('segments'),
    ...salesPolicies('segments'),
  ],
);

/** Before and after values of every write, written in the same transaction as the write. */
export const auditLog = crm.table(
  'audit_log',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id'),
    at: timestamptz('at').notNull().defaultNow(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('audit_log_entity_idx').on(t.orgId, t.entity, t.entityId, t.at),
    tenantPolicy('audit_log'),
  ],
);

/** Responses to POSTs sent with an `Idempotency-Key`, replayed when the same request comes again. */
export const idempotencyKeys = crm.table(
  'idempotency_keys',
  {
    orgId: uuid('org_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: bigint('status', { mode: 'number' }).notNull(),
    body: jsonb('body'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] }), tenantPolicy('idempotency_keys')],
);
