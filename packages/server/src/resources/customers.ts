import { SegmentRule } from '@crmkit/core';
import { and, arrayContains, eq, isNull, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import type { Caller } from '../http/env.js';
import { contacts, customers, segments } from '../db/schema/index.js';
import { validationProblem } from '../http/problem.js';
import { ruleCondition } from '../segments/evaluate.js';
import { contactPointKeys, storedDuplicates } from './duplicates.js';
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
  languageSorts: ['name'],
  search: customers.search,
  filters: async (q, tx, caller) => [
    q.segmentId === undefined ? undefined : await segmentCondition(tx, caller, q.segmentId as string),
    when(q.ownerId as string, (v) => eq(customers.ownerId, v)),
    when(q.kind as string, (v) => eq(customers.kind, v as 'company')),
    when(q.lifecycleStage as string, (v) => eq(customers.lifecycleStage, v as 'lead')),
    when(q.region as string, (v) => eq(customers.region, v)),
    when(q.externalId as string, (v) => eq(customers.externalId, v)),
    when(q.tag as string, (v) => arrayContains(customers.tags, [v])),
  ],
  /** An imported customer with a stored one's email or phone number duplicates it (see `onDuplicate`). */
  duplicateOf: (tx, caller, creates) => storedDuplicates(tx, caller, 'customers', creates),
  duplicateKeys: contactPointKeys,
});

export const contactResource = defineResource({
  path: 'contacts',
  entity: 'contact',
  tag: 'Contacts',
  table: contacts,
  sorts: { name: contacts.name, createdAt: contacts.createdAt, updatedAt: contacts.updatedAt },
  languageSorts: ['name'],
  search: contacts.search,
  filters: (q) => [
    when(q.customerId as string, (v) => eq(contacts.customerId, v)),
    when(q.ownerId as string, (v) => eq(contacts.ownerId, v)),
    when(q.externalId as string, (v) => eq(contacts.externalId, v)),
  ],
  /** An imported contact with a stored one's email or phone number duplicates it (see `onDuplicate`). */
  duplicateOf: (tx, caller, creates) => storedDuplicates(tx, caller, 'contacts', creates),
  duplicateKeys: contactPointKeys,
});

/** A live segment's rules as a condition on the customers; an unknown segment is a 400 on `segmentId`. */
async function segmentCondition(tx: Tx, caller: Caller, segmentId: string): Promise<SQL> {
  const [segment] = await tx
    .select({ rules: segments.rules })
    .from(segments)
    .where(and(eq(segments.orgId, caller.orgId), eq(segments.id, segmentId), isNull(segments.deletedAt)));
  if (!segment)
    throw validationProblem([{ path: 'segmentId', code: 'invalid_value', message: 'No segment with this id' }]);
  return ruleCondition(tx, caller, SegmentRule.parse(segment.rules));
}
