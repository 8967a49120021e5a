import { getTableName, type Table } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  activities,
  cases,
  contacts,
  leadFormSubmissions,
  leads,
  opportunities,
  opportunityContacts,
  orders,
} from '../../db/schema/index.js';
import { contactResource, customerResource } from '../customers.js';
import type { Resource } from '../resource.js';
import { leadResource, opportunityResource } from '../sales.js';
import { activityResource, caseResource, orderResource } from '../service.js';

/**
 * A column that names a record of a mergeable resource: what a merge moves from the duplicate to
 * the kept record. `resource` is set when the row is a record of the contract (versioned, audited,
 * announced): its move is then a write like a PATCH of that field. `kind` names the count in the
 * merge's answer.
 */
export interface MergeLink {
  kind: string;
  table: Table & { orgId: PgColumn };
  column: PgColumn;
  resource?: Resource;
  /** A link without a foreign key (the catalog test does not expect it in `pg_constraint`). */
  soft?: boolean;
  /**
   * A flag that at most one of a record's linked rows holds (a customer's primary contact): a
   * moved row gives it up when the kept record already has a row holding it.
   */
  onlyOne?: PgColumn;
  /**
   * The other column of the row's key, beside the link's (a deal's contacts: one row per deal and
   * contact): a row of the duplicate whose `pairedWith` already has a row of the kept record is
   * dropped rather than moved, and its `pairFlag` (a deal's primary contact) passes to that row.
   */
  pairedWith?: PgColumn;
  pairFlag?: PgColumn;
}

/** The mergeable resources, by path. */
export type MergeablePath = 'customers' | 'contacts' | 'leads';

/**
 * Every link to each mergeable resource. test/merge.test.ts holds the foreign-key links to the
 * database's catalog (`pg_constraint`): a new table with a foreign key to customers, contacts or
 * leads fails it until it is listed here. Records merged into the duplicate earlier (its
 * `merged_into_id` links) follow it to the kept record, so "where it went" is always one step.
 */
export const MERGE_LINKS: Record<MergeablePath, MergeLink[]> = {
  customers: [
    {
      kind: 'contacts',
      table: contacts,
      column: contacts.customerId,
      resource: contactResource,
      onlyOne: contacts.isPrimary,
    },
    { kind: 'opportunities', table: opportunities, column: opportunities.customerId, resource: opportunityResource },
    { kind: 'activities', table: activities, column: activities.customerId, resource: activityResource },
    { kind: 'orders', table: orders, column: orders.customerId, resource: orderResource },
    { kind: 'cases', table: cases, column: cases.customerId, resource: caseResource },
    { kind: 'leads', table: leads, column: leads.convertedCustomerId, resource: leadResource },
    {
      kind: 'merged',
      table: customerResource.table,
      column: customerResource.table.mergedIntoId,
      resource: customerResource,
    },
  ],
  contacts: [
    { kind: 'opportunities', table: opportunities, column: opportunities.contactId, resource: opportunityResource },
    // The deals the duplicate is on, in its roles (the kept contact's own role wins on a deal with both).
    {
      kind: 'dealContacts',
      table: opportunityContacts,
      column: opportunityContacts.contactId,
      pairedWith: opportunityContacts.opportunityId,
      pairFlag: opportunityContacts.isPrimary,
    },
    { kind: 'activities', table: activities, column: activities.contactId, resource: activityResource },
    { kind: 'cases', table: cases, column: cases.contactId, resource: caseResource },
    { kind: 'leads', table: leads, column: leads.convertedContactId, resource: leadResource },
    { kind: 'merged', table: contacts, column: contacts.mergedIntoId, resource: contactResource },
    // The form submissions that reached the contact: no foreign key (a submission outlives its links).
    { kind: 'leadFormSubmissions', table: leadFormSubmissions, column: leadFormSubmissions.contactId, soft: true },
  ],
  leads: [
    { kind: 'activities', table: activities, column: activities.leadId, resource: activityResource },
    { kind: 'leadFormSubmissions', table: leadFormSubmissions, column: leadFormSubmissions.leadId },
    { kind: 'merged', table: leads, column: leads.mergedIntoId, resource: leadResource },
  ],
};

/** A link as the catalog names it: `table.column`, e.g. `contacts.customer_id`. */
export const linkName = (link: MergeLink) => `${getTableName(link.table)}.${link.column.name}`;
