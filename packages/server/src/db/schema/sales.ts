import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  crm,
  customFieldIndex,
  customFieldValues,
  recordColumns,
  sortIndex,
  tenantPolicy,
  timestamptz,
  trashIndex,
} from './columns.js';
import { customers, contacts, mergedIntoIndex, searchBigramIndex } from './customers.js';
import { childPolicies, ownedPolicies, salesPolicies, writerPolicies } from './policies.js';
import { users } from './people.js';

export const stageKindEnum = crm.enum('stage_kind', ['open', 'won', 'lost']);
export const forecastCategoryEnum = crm.enum('forecast_category', [
  'pipeline',
  'best_case',
  'commit',
  'closed',
  'omitted',
]);
// Migration 0015 renames contacted to working and unqualified to disqualified, and adds nurturing.
export const leadStatusEnum = crm.enum('lead_status', [
  'new',
  'working',
  'nurturing',
  'qualified',
  'disqualified',
  'converted',
]);

/** A marketing campaign that brings in leads. */
export const campaigns = crm.table(
  'campaigns',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    channel: text('channel').notNull().default('other'),
    budgetAmount: bigint('budget_amount', { mode: 'number' }),
    budgetCurrency: text('budget_currency'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    tenantPolicy('campaigns'),
    ...writerPolicies('campaigns'),
    ...salesPolicies('campaigns'),
  ],
);

/** A sales pipeline: an ordered set of stages a deal moves through. */
export const pipelines = crm.table(
  'pipelines',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    /** The reasons a deal of this pipeline is usually lost for, offered when one is lost. */
    lostReasons: text('lost_reasons')
      .array()
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    tenantPolicy('pipelines'),
    ...writerPolicies('pipelines'),
    ...salesPolicies('pipelines'),
  ],
);

/** One stage of a pipeline, with its default win probability and what a move into it requires. */
export const stages = crm.table(
  'stages',
  {
    ...recordColumns(),
    pipelineId: uuid('pipeline_id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    probability: integer('probability').notNull(),
    kind: stageKindEnum('kind').notNull().default('open'),
    /** Fields an opportunity must have to enter this stage, e.g. `["lostReason"]`. */
    requires: jsonb('requires').$type<string[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.pipelineId], foreignColumns: [pipelines.orgId, pipelines.id] }),
    index('stages_pipeline_idx').on(t.orgId, t.pipelineId, t.position),
    tenantPolicy('stages'),
    ...writerPolicies('stages'),
    ...salesPolicies('stages'),
  ],
);

/** A deal in progress, from first contact to won or lost. */
export const opportunities = crm.table(
  'opportunities',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    pipelineId: uuid('pipeline_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    /** Order within its stage's column on the board. */
    position: doublePrecision('position').notNull().default(0),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    /** Overrides the stage's default win probability when set. */
    probability: integer('probability'),
    expectedCloseDate: date('expected_close_date'),
    ownerId: uuid('owner_id'),
    source: text('source'),
    campaignId: uuid('campaign_id'),
    competitors: text('competitors')
      .array()
      .notNull()
      .default(sql`'{}'`),
    lostReason: text('lost_reason'),
    wonReason: text('won_reason'),
    forecastCategory: forecastCategoryEnum('forecast_category').notNull().default('pipeline'),
    stageEnteredAt: timestamptz('stage_entered_at').notNull().defaultNow(),
    closedAt: timestamptz('closed_at'),
    externalId: text('external_id'),
    customFields: customFieldValues(),
    search: text('search').notNull().generatedAlwaysAs(sql.raw('crm.search_fold("name")')),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('opportunities_org_external_id_key').on(t.orgId, t.externalId),
    foreignKey({ columns: [t.orgId, t.customerId], foreignColumns: [customers.orgId, customers.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
    foreignKey({ columns: [t.orgId, t.pipelineId], foreignColumns: [pipelines.orgId, pipelines.id] }),
    foreignKey({ columns: [t.orgId, t.stageId], foreignColumns: [stages.orgId, stages.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }),
    index('opportunities_board_idx').on(t.orgId, t.stageId, t.position, t.id),
    index('opportunities_customer_idx').on(t.orgId, t.customerId),
    // A contact's deals (a merge of contacts moves them), for the deals that name one.
    index('opportunities_contact_idx')
      .on(t.orgId, t.contactId)
      .where(sql`contact_id is not null`),
    index('opportunities_owner_board_idx').on(t.orgId, t.ownerId, t.stageId, t.position, t.id),
    index('opportunities_campaign_idx').on(t.orgId, t.campaignId),
    sortIndex('opportunities_name_idx', t, t.name),
    sortIndex('opportunities_amount_idx', t, t.amount),
    sortIndex('opportunities_close_idx', t, t.expectedCloseDate),
    // Deals closed in a period (the performance report).
    index('opportunities_closed_idx')
      .on(t.orgId, t.closedAt)
      .where(sql`closed_at is not null and deleted_at is null`),
    sortIndex('opportunities_created_idx', t, t.createdAt),
    sortIndex('opportunities_updated_idx', t, t.updatedAt),
    trashIndex('opportunities', t),
    index('opportunities_search_idx').using('gin', t.search.op('gin_trgm_ops')),
    searchBigramIndex('opportunities'),
    customFieldIndex('opportunities', t),
    tenantPolicy('opportunities'),
    ...ownedPolicies('opportunities'),
  ],
);

export const opportunityContactRoleEnum = crm.enum('opportunity_contact_role', [
  'decision_maker',
  'economic_buyer',
  'influencer',
  'champion',
  'technical_buyer',
  'user',
  'other',
]);

/**
 * The contacts on a deal and the part each plays in the purchase (`/opportunities/{id}/contacts`).
 * The deal's `contact_id` is its primary contact, and the row of that contact holds `is_primary`:
 * the deal's column is what the rest of the kit reads (stage requirements, imports, merges), the
 * flag mirrors it, and both are written together (resources/deal-contacts.ts). A row is visible,
 * and writable, to whoever may see (and write) its deal.
 */
export const opportunityContacts = crm.table(
  'opportunity_contacts',
  {
    orgId: uuid('org_id').notNull(),
    opportunityId: uuid('opportunity_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    role: opportunityContactRoleEnum('role').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.opportunityId, t.contactId] }),
    foreignKey({
      columns: [t.orgId, t.opportunityId],
      foreignColumns: [opportunities.orgId, opportunities.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
    // At most one primary contact per deal.
    uniqueIndex('opportunity_contacts_primary_key')
      .on(t.orgId, t.opportunityId)
      .where(sql`is_primary`),
    // A contact's deals (a merge of contacts moves them).
    index('opportunity_contacts_contact_idx').on(t.orgId, t.contactId),
    tenantPolicy('opportunity_contacts'),
    ...childPolicies('opportunity_contacts', 'opportunity_id', 'opportunities', { deletes: true }),
  ],
);

/** Every change of an opportunity's stage: from, to, when and by whom. */
export const stageHistory = crm.table(
  'stage_history',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    opportunityId: uuid('opportunity_id').notNull(),
    fromStageId: uuid('from_stage_id'),
    toStageId: uuid('to_stage_id').notNull(),
    changedAt: timestamptz('changed_at').notNull().defaultNow(),
    changedBy: uuid('changed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      columns: [t.orgId, t.opportunityId],
      foreignColumns: [opportunities.orgId, opportunities.id],
    }),
    foreignKey({ columns: [t.orgId, t.fromStageId], foreignColumns: [stages.orgId, stages.id] }),
    foreignKey({ columns: [t.orgId, t.toStageId], foreignColumns: [stages.orgId, stages.id] }),
    index('stage_history_opportunity_idx').on(t.orgId, t.opportunityId, t.changedAt),
    index('stage_history_to_stage_idx').on(t.orgId, t.toStageId, t.changedAt),
    tenantPolicy('stage_history'),
    ...childPolicies('stage_history', 'opportunity_id', 'opportunities'),
  ],
);

/**
 * A lead still being worked (`OPEN_LEAD_STATUSES` of @crmkit/core) and not in the trash, as SQL over
 * `crm.leads` (`alias.` before each column when given): the predicate of leads_open_owner_idx, which
 * a query must state in these terms for the planner to use that index.
 */
export const openLeads = (alias?: string) => {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return sql.raw(
    `${column('deleted_at')} is null and ${column('status')} in ('new', 'working', 'nurturing', 'qualified')`,
  );
};

/** A prospect from a campaign or web form, before it is qualified and converted. */
export const leads = crm.table(
  'leads',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    company: text('company'),
    email: text('email'),
    phone: text('phone'),
    source: text('source'),
    campaignId: uuid('campaign_id'),
    status: leadStatusEnum('status').notNull().default('new'),
    disqualifiedReason: text('disqualified_reason'),
    score: integer('score').notNull().default(0),
    country: text('country'),
    region: text('region'),
    companySize: text('company_size'),
    language: text('language'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    /** UTM parameters, referrer and landing page, from a form submission. */
    attribution: jsonb('attribution').$type<Record<string, string>>().notNull().default({}),
    ownerId: uuid('owner_id'),
    convertedCustomerId: uuid('converted_customer_id'),
    convertedContactId: uuid('converted_contact_id'),
    convertedOpportunityId: uuid('converted_opportunity_id'),
    convertedAt: timestamptz('converted_at'),
    /** The assignment rule that chose the owner (no foreign key: a rule's trash keeps its id) and why. */
    assignmentRuleId: uuid('assignment_rule_id'),
    assignmentReason: text('assignment_reason'),
    assignedAt: timestamptz('assigned_at'),
    externalId: text('external_id'),
    customFields: customFieldValues(),
    /** The lead this one was merged into (`POST /leads/{id}/merge`): set only as it goes to the trash. */
    mergedIntoId: uuid('merged_into_id'),
    /** Name, company, email and phone (also as bare digits), folded for search. */
    search: text('search')
      .notNull()
      .generatedAlwaysAs(
        sql.raw(`crm.search_text("name" || ' ' || coalesce("company", ''), ARRAY["email"], ARRAY["phone"])`),
      ),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('leads_org_external_id_key').on(t.orgId, t.externalId),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }),
    foreignKey({ columns: [t.orgId, t.ownerId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({
      columns: [t.orgId, t.convertedCustomerId],
      foreignColumns: [customers.orgId, customers.id],
    }),
    foreignKey({ columns: [t.orgId, t.convertedContactId], foreignColumns: [contacts.orgId, contacts.id] }),
    foreignKey({
      columns: [t.orgId, t.convertedOpportunityId],
      foreignColumns: [opportunities.orgId, opportunities.id],
    }),
    foreignKey({ columns: [t.orgId, t.mergedIntoId], foreignColumns: [t.orgId, t.id] }),
    check('leads_disqualified_reason', sql`status <> 'disqualified' or disqualified_reason is not null`),
    // Matching a form submission to an existing lead by its email (through migration 0025's
    // crm.leads_with_email(): row-level security keeps request queries from this index).
    index('leads_email_idx').on(t.orgId, sql`lower(${t.email})`),
    // ... and by its phone number's last nine digits (migration 0028's crm.leads_with_phone()).
    index('leads_phone_key_idx')
      .on(t.orgId, sql`crm.phone_key(${t.phone})`)
      .where(sql`phone is not null`),
    index('leads_owner_idx').on(t.orgId, t.ownerId),
    // A member's open leads, counted by assignment by load.
    index('leads_open_owner_idx').on(t.orgId, t.ownerId).where(openLeads()),
    index('leads_campaign_idx').on(t.orgId, t.campaignId),
    // What a customer or a contact came from (a merge moves these links), for converted leads only.
    index('leads_converted_customer_idx')
      .on(t.orgId, t.convertedCustomerId)
      .where(sql`converted_customer_id is not null`),
    index('leads_converted_contact_idx')
      .on(t.orgId, t.convertedContactId)
      .where(sql`converted_contact_id is not null`),
    mergedIntoIndex('leads', t),
    // The re-assignment job's look for untouched leads: a rule's new leads by when it assigned them.
    index('leads_assignment_due_idx')
      .on(t.orgId, t.assignmentRuleId, t.assignedAt)
      .where(sql`status = 'new' and deleted_at is null and assignment_rule_id is not null`),
    sortIndex('leads_name_idx', t, t.name),
    sortIndex('leads_score_idx', t, t.score),
    sortIndex('leads_created_idx', t, t.createdAt),
    trashIndex('leads', t),
    index('leads_search_idx').using('gin', t.search.op('gin_trgm_ops')),
    searchBigramIndex('leads'),
    customFieldIndex('leads', t),
    tenantPolicy('leads'),
    ...ownedPolicies('leads'),
  ],
);
