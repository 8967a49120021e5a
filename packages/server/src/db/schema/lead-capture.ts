import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { crm, recordColumns, sortIndex, tenantPolicy, timestamptz } from './columns.js';
import { organizations } from './organizations.js';
import { users, teams } from './people.js';
import { childPolicies, salesPolicies, writerPolicies } from './policies.js';
import { campaigns, leads } from './sales.js';

/**
 * An organization's rule for choosing a new lead's owner. The row is also the rule's counter
 * (`assigned_count`): an assignment locks it and bumps it in the lead's own transaction, so
 * concurrent creates take turns exactly (round robin, weights) and no turn is taken twice.
 * Neither counter bumps the rule's version: an admin's If-Match stays good while leads come in.
 */
export const assignmentRules = crm.table(
  'assignment_rules',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    conditions: jsonb('conditions').$type<{ field: string; values: string[] }[]>().notNull().default([]),
    strategy: text('strategy').notNull(),
    userId: uuid('user_id'),
    teamId: uuid('team_id'),
    weights: jsonb('weights').$type<{ userId: string; weight: number }[]>().notNull().default([]),
    fallbackUserId: uuid('fallback_user_id'),
    /** Hours a lead it assigned may stay untouched before the rule gives it to another member; null: never. */
    reassignAfterHours: integer('reassign_after_hours'),
    assignedCount: bigint('assigned_count', { mode: 'number' }).notNull().default(0),
    /** Turns taken in the rule's rotation (round robin, weighted), skipped turns of away members included. */
    turn: bigint('turn', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
    foreignKey({
      name: 'assignment_rules_fallback_user_fk',
      columns: [t.orgId, t.fallbackUserId],
      foreignColumns: [users.orgId, users.id],
    }),
    sortIndex('assignment_rules_position_idx', t, t.position),
    check('assignment_rules_reassign_after_hours', sql`${t.reassignAfterHours} between 1 and 720`),
    tenantPolicy('assignment_rules'),
    ...writerPolicies('assignment_rules'),
    ...salesPolicies('assignment_rules'),
  ],
);

/** A web form that brings in leads, submitted without signing in through its public key. */
export const leadForms = crm.table(
  'lead_forms',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    /** Names the form in its public routes; random, unique across organizations. */
    publicKey: text('public_key').notNull(),
    /** Signs the form's start tokens (the minimum fill time); random, never shown. */
    secret: text('secret').notNull(),
    fields: jsonb('fields').$type<{ name: string; label: string; required: boolean }[]>().notNull(),
    consentText: text('consent_text'),
    campaignId: uuid('campaign_id'),
    source: text('source'),
    thankYouText: text('thank_you_text'),
    redirectUrl: text('redirect_url'),
    allowedOrigins: text('allowed_origins')
      .array()
      .notNull()
      .default(sql`'{}'`),
    active: boolean('active').notNull().default(true),
    minFillSeconds: integer('min_fill_seconds').notNull().default(3),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // With org_id, as every unique key; the key itself is random (128 bits), so unique on its own.
    unique('lead_forms_public_key').on(t.orgId, t.publicKey),
    index('lead_forms_public_key_idx').on(t.publicKey),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }),
    sortIndex('lead_forms_name_idx', t, t.name),
    tenantPolicy('lead_forms'),
    ...writerPolicies('lead_forms'),
    ...salesPolicies('lead_forms'),
  ],
);

/** One accepted submission of a form: the lead it made or reached, the consent given, attribution. */
export const leadFormSubmissions = crm.table(
  'lead_form_submissions',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    formId: uuid('form_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    /** `new_lead`, `existing_lead` (attached as a note) or `existing_contact` (a new lead linked to it). */
    outcome: text('outcome').notNull(),
    contactId: uuid('contact_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    attribution: jsonb('attribution').$type<Record<string, string>>().notNull().default({}),
    consentText: text('consent_text'),
    consentAt: timestamptz('consent_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.formId], foreignColumns: [leadForms.orgId, leadForms.id] }),
    foreignKey({ columns: [t.orgId, t.leadId], foreignColumns: [leads.orgId, leads.id] }),
    index('lead_form_submissions_lead_idx').on(t.orgId, t.leadId),
    // The submissions that reached a contact (a merge of contacts moves them).
    index('lead_form_submissions_contact_idx')
      .on(t.orgId, t.contactId)
      .where(sql`contact_id is not null`),
    tenantPolicy('lead_form_submissions'),
    ...childPolicies('lead_form_submissions', 'lead_id', 'leads'),
  ],
);

/**
 * Counters of the public routes' rate limits, one row per key and fixed window: a table rather
 * than memory, so every process of the kit counts against the same limit.
 */
export const rateLimits = crm.table(
  'rate_limits',
  {
    orgId: uuid('org_id').notNull(),
    key: text('key').notNull(),
    windowStart: timestamptz('window_start').notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.key, t.windowStart] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    tenantPolicy('rate_limits'),
    ...writerPolicies('rate_limits'),
  ],
);
