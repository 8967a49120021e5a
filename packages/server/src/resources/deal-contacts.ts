// The contacts on a deal and the part each plays in the purchase (`/opportunities/{id}/contacts`).
//
// The deal's `contactId` stays its primary contact: the rest of the kit reads that column (a stage
// that requires a contact, imports, exports, merges, webhooks), and the contact's row here mirrors it
// with `isPrimary`. Both are written together, in one transaction: a change of the deal's contactId
// (a PATCH, an import, a conversion) marks that contact's row primary, adding it in the role "other"
// when it is not on the deal yet (see `syncPrimaryContact`); making a contact primary here sets the
// deal's contactId, and taking the primary contact off the deal clears it.
//
// A change of the deal's contacts is a write of the deal: a new version, an audit entry whose
// `contacts` field lists them before and after ({ contactId, role, primary }), and a change event, so
// live views refresh and the deal's history says who added, re-cast or removed whom.
import type { OpportunityContact, OpportunityContactRole } from '@crmkit/core';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { contacts, opportunities, opportunityContacts } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { unknownReference } from '../http/db-errors.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { audit, checkVersion, present, requireRow } from './crud.js';
import type { Row } from './resource.js';
import { clearPrimary } from './deal-primary-contact.js';
import { opportunityResource } from './sales.js';

const oc = opportunityContacts;

/** A deal's contact as its audit entries list it. */
interface RoleEntry {
  contactId: string;
  role: OpportunityContactRole;
  primary: boolean;
}

/** The deal's contacts the caller may see (live contacts only), the primary one first, then by when added. */
export async function dealContacts(tx: Tx, orgId: string, dealId: string): Promise<OpportunityContact[]> {
  const found = await tx
    .select({
      contactId: oc.contactId,
      role: oc.role,
      isPrimary: oc.isPrimary,
      addedAt: oc.createdAt,
      name: contacts.name,
      title: contacts.title,
      emails: contacts.emails,
      phones: contacts.phones,
    })
    .from(oc)
    // Row-level security on contacts leaves out the contacts the caller may not see.
    .innerJoin(contacts, and(eq(contacts.orgId, oc.orgId), eq(contacts.id, oc.contactId)))
    .where(and(eq(oc.orgId, orgId), eq(oc.opportunityId, dealId), isNull(contacts.deletedAt)))
    .orderBy(desc(oc.isPrimary), asc(oc.createdAt), asc(oc.contactId));
  return found.map((row) => ({ ...row, addedAt: row.addedAt.toISOString() }));
}

/** Every contact row of the deal, as the audit log keeps them (in a stable order, so equal lists compare equal). */
async function roleEntries(tx: Tx, orgId: string, dealId: string): Promise<RoleEntry[]> {
  return tx
    .select({ contactId: oc.contactId, role: oc.role, primary: oc.isPrimary })
    .from(oc)
    .where(and(eq(oc.orgId, orgId), eq(oc.opportunityId, dealId)))
    .orderBy(asc(oc.contactId));
}

/** The deal, locked for the write, at the version the caller read, and not in the trash. */
async function lockDeal(tx: Tx, caller: Caller, dealId: string, version: number | undefined): Promise<Row> {
  const deal = await requireRow(tx, opportunityResource, caller.orgId, dealId, true);
  checkVersion(deal, version);
  if (deal.deletedAt) throw new ProblemError(409, 'This opportunity is in the trash: restore it first.');
  return deal;
}

/**
 * Whether the caller sees the contact (row-level security decides) and, with `customerId`, whether
 * it is a live contact of that customer. A contact that fails is answered as an unknown id, so the
 * answer tells nothing of records the caller may not see.
 */
async function visibleContact(tx: Tx, orgId: string, contactId: string, customerId?: string): Promise<boolean> {
  const [found] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.orgId, orgId),
        eq(contacts.id, contactId),
        customerId ? and(eq(contacts.customerId, customerId), isNull(contacts.deletedAt)) : undefined,
      ),
    );
  return Boolean(found);
}

/**
 * Writes what a change of the deal's contacts does to the deal: its new contactId if that changed,
 * a new version, the audit entry (the contacts before and after) and the change event.
 */
async function recordDealChange(
  tx: Tx,
  caller: Caller,
  deal: Row,
  contactId: string | null,
  before: RoleEntry[],
): Promise<Row> {
  const dealId = String(deal.id);
  const [updated] = await tx
    .update(opportunities)
    .set({ contactId, version: sql`${opportunities.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(opportunities.orgId, caller.orgId), eq(opportunities.id, dealId)))
    .returning();
  const after = await present(opportunityResource, updated as Row, tx);
  await audit(tx, opportunityResource, caller, [
    {
      action: 'update',
      entityId: dealId,
      before: { ...(await present(opportunityResource, deal, tx)), contacts: before },
      after: { ...after, contacts: await roleEntries(tx, caller.orgId, dealId) },
    },
  ]);
  return after;
}

export interface DealContactsAnswer {
  items: OpportunityContact[];
  /** The deal's version after the write (unchanged when nothing changed). */
  version: number;
}

/**
 * Puts a contact of the deal's customer on the deal in `role`, or changes its role or primary mark.
 * `primary` left out keeps a listed contact's mark, and makes a new one primary when the deal has
 * no primary contact. `created` says whether the contact was new on the deal.
 */
export async function putDealContact(
  tx: Tx,
  caller: Caller,
  dealId: string,
  contactId: string,
  input: { role: OpportunityContactRole; primary?: boolean },
  version: number | undefined,
): Promise<DealContactsAnswer & { created: boolean }> {
  const deal = await lockDeal(tx, caller, dealId, version);
  if (!(await visibleContact(tx, caller.orgId, contactId, String(deal.customerId)))) {
    throw validationProblem([
      { ...unknownReference('contactId'), message: 'No such contact of this deal’s customer in this organization' },
    ]);
  }
  const before = await roleEntries(tx, caller.orgId, dealId);
  const listed = before.find((entry) => entry.contactId === contactId);
  const primary = input.primary ?? listed?.primary ?? deal.contactId == null;
  let dealVersion = Number(deal.version);
  if (!listed || listed.role !== input.role || listed.primary !== primary) {
    if (primary) await clearPrimary(tx, caller.orgId, dealId, contactId);
    await tx
      .insert(oc)
      .values({ orgId: caller.orgId, opportunityId: dealId, contactId, role: input.role, isPrimary: primary })
      .onConflictDoUpdate({
        target: [oc.orgId, oc.opportunityId, oc.contactId],
        set: { role: input.role, isPrimary: primary },
      });
    const current = (deal.contactId as string | null) ?? null;
    const nextContactId = primary ? contactId : current === contactId ? null : current;
    dealVersion = Number((await recordDealChange(tx, caller, deal, nextContactId, before)).version);
  }
  return { created: !listed, items: await dealContacts(tx, caller.orgId, dealId), version: dealVersion };
}

/** Takes a contact off the deal; the primary contact's removal clears the deal's contactId. */
export async function removeDealContact(
  tx: Tx,
  caller: Caller,
  dealId: string,
  contactId: string,
  version: number | undefined,
): Promise<DealContactsAnswer> {
  const deal = await lockDeal(tx, caller, dealId, version);
  const before = await roleEntries(tx, caller.orgId, dealId);
  const listed = before.find((entry) => entry.contactId === contactId);
  // A contact the caller may not see is answered as one not on the deal.
  if (!listed || !(await visibleContact(tx, caller.orgId, contactId))) {
    throw new ProblemError(404, 'This contact is not on this opportunity.');
  }
  await tx.delete(oc).where(and(eq(oc.orgId, caller.orgId), eq(oc.opportunityId, dealId), eq(oc.contactId, contactId)));
  const current = (deal.contactId as string | null) ?? null;
  const after = await recordDealChange(tx, caller, deal, listed.primary ? null : current, before);
  return { items: await dealContacts(tx, caller.orgId, dealId), version: Number(after.version) };
}
