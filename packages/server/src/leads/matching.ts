// Finding the records a new lead duplicates or belongs to: an open lead, a contact or a customer
// with its email, phone number or company (lead capture, and lead imports and bulk creates).
import { and, eq, isNull, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { contacts, leads } from '../db/schema/index.js';

/** What a new lead is matched by. */
export interface MatchInput {
  email?: string | null;
  phone?: string | null;
  company?: string | null;
}

/** What it matched, if anything: the first found of an open lead, a contact and a customer. */
export type Match = { lead?: string; contact?: string; customer?: string };

/*
 * Under row-level security neither `lower(email) = $1` (leads_email_idx) nor a test of a
 * contact's email list can use an index (neither `lower()` nor `unnest` is leakproof), so each
 * lookup read the organization's 250,000 leads or contacts. The ids come instead from functions
 * of migration 0025 that run as the tables' owner, use the indexes, and answer for the
 * transaction's organization only; the queries below then read those rows under the policies
 * (comparing ids is leakproof: a primary key lookup), so visibility is still the policies'.
 */

/** A phone number's key, as `crm.phone_key()` makes it: its last nine digits, or null under nine. */
export function phoneKey(phone: string | null | undefined): string | null {
  const digits = phone?.replace(/\D/g, '') ?? '';
  return digits.length >= 9 ? digits.slice(-9) : null;
}

/** The live contacts among the ids a lookup function gives (a select, for the plan test's EXPLAIN). */
function liveContacts(tx: Tx, orgId: string, ids: SQL) {
  return tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), sql`${contacts.id} = any(${ids})`, isNull(contacts.deletedAt)))
    .limit(1);
}

/** The first made of the open leads among the ids a lookup function gives. */
function openLeads(tx: Tx, orgId: string, ids: SQL) {
  return tx
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.orgId, orgId),
        sql`${leads.id} = any(${ids})`,
        isNull(leads.deletedAt),
        ne(leads.status, 'converted'),
      ),
    )
    .orderBy(leads.id)
    .limit(1);
}

/** A live contact with this (folded) email (exported for its plan test, test/lead-match-plans.test.ts). */
export const contactsWithEmail = (tx: Tx, orgId: string, email: string) =>
  liveContacts(tx, orgId, sql`crm.contacts_with_email(${email})`);

/** A live contact with a phone of this key (see {@link phoneKey}). */
export const contactsWithPhone = (tx: Tx, orgId: string, key: string) =>
  liveContacts(tx, orgId, sql`crm.contacts_with_phone(${key})`);

/** An open lead with this (folded) email, the first made (exported for its plan test); `email` may be a column. */
export const openLeadWithEmail = (tx: Tx, orgId: string, email: string | SQL) =>
  openLeads(tx, orgId, sql`crm.leads_with_email(${email})`);

/** An open lead with a phone of this key, the first made; `key` may be a column. */
export const openLeadWithPhone = (tx: Tx, orgId: string, key: string | SQL) =>
  openLeads(tx, orgId, sql`crm.leads_with_phone(${key})`);

/**
 * The live customers the caller can read whose names are most like `company`, the most alike first
 * (at most five; see `crm.customers_named_like()`), and whether each is that very name (the same
 * `crm.company_key()`: case, punctuation and a legal form at the end aside).
 */
export function customersLike(tx: Tx, orgId: string, company: string) {
  return rows<{ id: string; name: string; sameName: boolean }>(
    tx,
    sql`select c.id, c.name, crm.company_key(c.name) = crm.company_key(${company}) as "sameName"
        from crm.customers c, (select crm.customers_named_like(${company}) as ids) m
        where c.org_id = ${orgId} and c.id = any(m.ids) and c.deleted_at is null
        order by array_position(m.ids, c.id)`,
  );
}

/** The live customer whose name is most like `company` (see `crm.customers_named_like()`), as a query of its id. */
const customerNamedLike = (orgId: string, company: string) =>
  sql`select c.id from crm.customers c, (select crm.customers_named_like(${company}) as ids) m
      where c.org_id = ${orgId} and c.id = any(m.ids) and c.deleted_at is null
      order by array_position(m.ids, c.id) limit 1`;

/**
 * What a new lead matches: an open lead by email, else by phone; else (unless `leadsOnly`) a contact
 * likewise; else a customer by company. In one statement (a submission waits for one round trip, not five), whose
 * later lookups PostgreSQL runs only when the earlier found nothing (uncorrelated subqueries are
 * evaluated when first needed).
 */
export async function matchOf(
  tx: Tx,
  orgId: string,
  { email, phone, company }: MatchInput,
  { leadsOnly = false } = {},
): Promise<Match> {
  const key = phoneKey(phone);
  company = leadsOnly ? undefined : company?.trim();
  email = emailKey(email);
  const contactsToo = !leadsOnly;
  const idOf = (query: SQLWrapper | false | undefined | null | '') => (query ? sql`(${query})` : sql`null::uuid`);
  const [found] = await rows<{ lead: string | null; contact: string | null; customer: string | null }>(
    tx,
    sql`select l.lead, c.contact,
               case when l.lead is null and c.contact is null then ${idOf(company && customerNamedLike(orgId, company))} end
                 as customer
        from (select coalesce(${idOf(email && openLeadWithEmail(tx, orgId, email))},
                              ${idOf(key && openLeadWithPhone(tx, orgId, key))}) as lead) l,
        lateral (select case when l.lead is null
                   then coalesce(${idOf(contactsToo && email && contactsWithEmail(tx, orgId, email))},
                                 ${idOf(contactsToo && key && contactsWithPhone(tx, orgId, key))}) end as contact) c`,
  );
  if (found?.lead) return { lead: found.lead };
  if (found?.contact) return { contact: found.contact };
  return found?.customer ? { customer: found.customer } : {};
}

/** A folded email, as the lookups compare them: trimmed, lower case; null when empty. */
export const emailKey = (email: string | null | undefined) => email?.trim().toLowerCase() || null;

/**
 * For each of `inputs`, the open lead it duplicates (by email, else by phone, as {@link matchOf})
 * with its version, or null: one statement for a whole wave of an import, not one per row.
 */
export async function openLeadsMatching(
  tx: Tx,
  orgId: string,
  inputs: MatchInput[],
): Promise<({ id: string; version: number } | null)[]> {
  if (inputs.length === 0) return [];
  const emails = inputs.map((input) => emailKey(input.email));
  const keys = inputs.map((input) => phoneKey(input.phone));
  const found = await rows<{ id: string | null; version: number | null }>(
    tx,
    sql`select l.id, l.version
        from unnest(${sql.param(emails)}::text[], ${sql.param(keys)}::text[]) with ordinality as i(email, key, n)
        left join lateral (select coalesce((${openLeadWithEmail(tx, orgId, sql`i.email`)}),
                                           (${openLeadWithPhone(tx, orgId, sql`i.key`)})) as id) m on true
        left join crm.leads l on l.org_id = ${orgId} and l.id = m.id
        order by i.n`,
  );
  return found.map((row) => (row.id ? { id: row.id, version: Number(row.version) } : null));
}
