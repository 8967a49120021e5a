import { arrayContains, eq } from 'drizzle-orm';
import { contacts, customers } from '../db/schema/index.js';
import { defineResource } from './resource.js';

/** `eq` for an optional filter value: no condition when the caller did not ask. */
export const when = <T>(value: T | undefined, condition: (value: T) => ReturnType<typeof eq>) =>
  value === undefined ? undefined : condition(value);

export const customerResource = defineResource({
  path: 'customers',
  entity: 'customer',
  tag: 'Customers',
  table: customers,
  sorts: { name: customers.name, createdAt: customers.createdAt, updatedAt: customers.updatedAt },
  search: customers.search,
  filters: (q) => [
    when(q.ownerId as string, (v) => eq(customers.ownerId, v)),
    when(q.kind as string, (v) => eq(customers.kind, v as 'company')),
    when(q.lifecycleStage as string, (v) => eq(customers.lifecycleStage, v as 'lead')),
    when(q.region as string, (v) => eq(customers.region, v)),
    when(q.externalId as string, (v) => eq(customers.externalId, v)),
    when(q.tag as string, (v) => arrayContains(customers.tags, [v])),
  ],
});

export const contactResource = defineResource({
  path: 'contacts',
  entity: 'contact',
  tag: 'Contacts',
  table: contacts,
  sorts: { name: contacts.name, createdAt: contacts.createdAt, updatedAt: contacts.updatedAt },
  search: contacts.search,
  filters: (q) => [
    when(q.customerId as string, (v) => eq(contacts.customerId, v)),
    when(q.ownerId as string, (v) => eq(contacts.ownerId, v)),
    when(q.externalId as string, (v) => eq(contacts.externalId, v)),
  ],
});
