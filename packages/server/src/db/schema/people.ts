import {
  boolean,
  foreignKey,
  index,
  primaryKey,
  text,
  unique,
  uuid,
  type PgTableExtraConfigValue,
} from 'drizzle-orm/pg-core';
import { crm, recordColumns, tenantPolicy, timestamptz } from './columns.js';
import { writerPolicies } from './policies.js';
import { organizations } from './organizations.js';

export const roleEnum = crm.enum('role', ['owner', 'admin', 'manager', 'rep', 'viewer', 'support']);

/** A person who works in the CRM, as a member of one organization. */
export const users = crm.table(
  'users',
  {
    ...recordColumns(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull().default('rep'),
    teamId: uuid('team_id'),
    /** The host's id for this person, when the host's identity is used. */
    externalRef: text('external_ref'),
    passwordHash: text('password_hash'),
    locale: text('locale'),
    active: boolean('active').notNull().default(true),
    /** Away until then (holiday, leave): lead assignment skips them. */
    awayUntil: timestamptz('away_until'),
  },
  // Annotated because users and teams refer to each other.
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('users_org_email_key').on(t.orgId, t.email),
    unique('users_org_external_ref_key').on(t.orgId, t.externalRef),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    foreignKey({ columns: [t.orgId, t.teamId], foreignColumns: [teams.orgId, teams.id] }),
    index('users_team_idx').on(t.orgId, t.teamId),
    tenantPolicy('users'),
    ...writerPolicies('users'),
  ],
);

/** A sales team, with a manager and an optional parent team. */
export const teams = crm.table(
  'teams',
  {
    ...recordColumns(),
    name: text('name').notNull(),
    managerId: uuid('manager_id'),
    parentId: uuid('parent_id'),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    foreignKey({ columns: [t.orgId, t.managerId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.parentId], foreignColumns: [t.orgId, t.id] }),
    tenantPolicy('teams'),
    ...writerPolicies('teams'),
  ],
);
