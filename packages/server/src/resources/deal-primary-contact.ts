// The deal's primary contact in its contact rows (crm.opportunity_contacts): the row of the deal's
// contactId holds the primary mark (resources/deal-contacts.ts says why). A module of its own, so that
// the deal resource (sales.ts) and the contact routes both use it without importing each other.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { opportunityContacts as oc } from '../db/schema/index.js';

/** Takes the primary mark off the deal's rows, but for `keep`'s. */
export async function clearPrimary(tx: Tx, orgId: string, dealId: string, keep?: string | null) {
  await tx
    .update(oc)
    .set({ isPrimary: false })
    .where(
      and(
        eq(oc.orgId, orgId),
        eq(oc.opportunityId, dealId),
        eq(oc.isPrimary, true),
        keep ? sql`${oc.contactId} <> ${keep}` : undefined,
      ),
    );
}

/**
 * After a write of the deal itself (create, PATCH, import, bulk, conversion) that set its contactId:
 * that contact's row becomes the primary one (added in the role "other" if it is not on the deal
 * yet); a cleared contactId leaves the deal's contacts on it, none primary.
 */
export async function syncPrimaryContact(tx: Tx, orgId: string, dealId: string, contactId: string | null) {
  await clearPrimary(tx, orgId, dealId, contactId);
  if (!contactId) return;
  await tx
    .insert(oc)
    .values({ orgId, opportunityId: dealId, contactId, role: 'other', isPrimary: true })
    .onConflictDoUpdate({ target: [oc.orgId, oc.opportunityId, oc.contactId], set: { isPrimary: true } });
}
