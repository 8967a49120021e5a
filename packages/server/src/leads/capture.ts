import type { FieldError, LeadSubmission } from '@crmkit/core';
import { and, eq, isNull, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { contacts, leadFormSubmissions, leadForms, leads } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { validationProblem } from '../http/problem.js';
import { createRecord } from '../resources/crud.js';
import type { Row } from '../resources/resource.js';
import { leadResource } from '../resources/sales.js';
import { activityResource } from '../resources/service.js';

type Form = typeof leadForms.$inferSelect;
type Outcome = 'new_lead' | 'existing_lead' | 'existing_contact' | 'existing_customer';

const UTM = {
  utm_source: 'utmSource',
  utm_medium: 'utmMedium',
  utm_campaign: 'utmCampaign',
  utm_term: 'utmTerm',
  utm_content: 'utmContent',
} as const;

/** The form's own rules on a valid submission: its required fields, and consent when it asks for it. */
export function formErrors(form: Form, input: LeadSubmission): FieldError[] {
  const errors: FieldError[] = form.fields
    .filter((f) => f.required && !input[f.name as keyof LeadSubmission])
    .map((f) => ({ path: f.name, code: 'required', message: `${f.label} is required` }));
  const agreed = input.consent === true || typeof input.consent === 'string';
  if (form.consentText && !agreed)
    errors.push({ path: 'consent', code: 'required', message: 'Agree to the terms to send this form' });
  return errors;
}

/** UTM parameters, referrer and landing page of a submission, as the lead keeps them. */
export function attributionOf(input: LeadSubmission, referer: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [param, key] of Object.entries(UTM)) {
    const value = input[param as keyof typeof UTM];
    if (value) out[key] = value;
  }
  const referrer = input.referrer ?? referer;
  if (referrer) out.referrer = referrer.slice(0, 2000);
  if (input.landingPage) out.landingPage = input.landingPage;
  return out;
}

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

/** An open lead with this (folded) email, the first made (exported for its plan test). */
export const openLeadWithEmail = (tx: Tx, orgId: string, email: string) =>
  openLeads(tx, orgId, sql`crm.leads_with_email(${email})`);

/** An open lead with a phone of this key, the first made. */
export const openLeadWithPhone = (tx: Tx, orgId: string, key: string) =>
  openLeads(tx, orgId, sql`crm.leads_with_phone(${key})`);

/** The live customer whose name is most like `company` (see `crm.customers_named_like()`), as a query of its id. */
const customerNamedLike = (orgId: string, company: string) =>
  sql`select c.id from crm.customers c, (select crm.customers_named_like(${company}) as ids) m
      where c.org_id = ${orgId} and c.id = any(m.ids) and c.deleted_at is null
      order by array_position(m.ids, c.id) limit 1`;

/**
 * What a submission matches: an open lead by email, else by phone; else a contact likewise; else a
 * customer by company. In one statement (a submission waits for one round trip, not five), whose
 * later lookups PostgreSQL runs only when the earlier found nothing (uncorrelated subqueries are
 * evaluated when first needed).
 */
async function matchOf(tx: Tx, orgId: string, input: LeadSubmission, email: string | undefined) {
  const key = phoneKey(input.phone);
  const company = input.company?.trim();
  const idOf = (query: SQLWrapper | false | undefined | null | '') => (query ? sql`(${query})` : sql`null::uuid`);
  const [found] = await rows<{ lead: string | null; contact: string | null; customer: string | null }>(
    tx,
    sql`select l.lead, c.contact,
               case when l.lead is null and c.contact is null then ${idOf(company && customerNamedLike(orgId, company))} end
                 as customer
        from (select coalesce(${idOf(email && openLeadWithEmail(tx, orgId, email))},
                              ${idOf(key && openLeadWithPhone(tx, orgId, key))}) as lead) l,
        lateral (select case when l.lead is null
                   then coalesce(${idOf(email && contactsWithEmail(tx, orgId, email))},
                                 ${idOf(key && contactsWithPhone(tx, orgId, key))}) end as contact) c`,
  );
  if (found?.lead) return { lead: found.lead };
  if (found?.contact) return { contact: found.contact };
  return found?.customer ? { customer: found.customer } : {};
}

/**
 * Stores a submission, in the form's organization: an open lead with the same email (folded) or
 * phone number (its last nine digits) gets it as a note rather than a twin; else a new lead
 * (assigned by the rules), linked by a note to a contact with that email or phone, or else to a
 * customer of a similar name to the company given, when there is one. The submission keeps the
 * consent text and time.
 */
export async function storeSubmission(
  tx: Tx,
  caller: Caller,
  form: Form,
  input: LeadSubmission,
  attribution: Record<string, string>,
): Promise<{ leadId: string; outcome: Outcome }> {
  const email = input.email?.trim().toLowerCase();
  const details = (['company', 'phone', 'country', 'region', 'message'] as const)
    .filter((k) => input[k])
    .map((k) => `${k}: ${input[k]}`)
    .join('\n');
  const note = (extra: Row) =>
    createRecord(
      tx,
      activityResource,
      caller,
      activityResource.schemas.create.parse({
        type: 'note',
        subject: `Form: ${form.name}`,
        body: details || null,
        ownerId: null,
        ...extra,
      }) as Row,
    );

  const match = await matchOf(tx, caller.orgId, input, email);
  let leadId: string;
  let outcome: Outcome;
  const contactId = match.contact ?? null;
  if (match.lead) {
    leadId = match.lead;
    outcome = 'existing_lead';
    await note({ leadId });
  } else {
    const lead = await createRecord(tx, leadResource, caller, {
      ...(leadResource.schemas.create.parse({
        name: input.name ?? email ?? 'Web form',
        email: email ?? null,
        phone: input.phone ?? null,
        company: input.company ?? null,
        country: input.country ?? null,
        region: input.region ?? null,
        source: form.source ?? 'web_form',
        campaignId: form.campaignId,
        ownerId: null,
      }) as Row),
      attribution,
    });
    leadId = String(lead.id);
    outcome = match.contact ? 'existing_contact' : match.customer ? 'existing_customer' : 'new_lead';
    if (match.contact || match.customer || details)
      await note({ leadId, contactId, customerId: match.customer ?? null });
  }
  const agreed = Boolean(form.consentText);
  await tx.insert(leadFormSubmissions).values({
    orgId: caller.orgId,
    id: uuidv7(),
    formId: form.id,
    leadId,
    outcome,
    contactId,
    data: Object.fromEntries(Object.entries(input).filter(([k]) => !k.startsWith('_') && k !== 'website_url')),
    attribution,
    consentText: agreed ? form.consentText : null,
    consentAt: agreed ? new Date() : null,
  });
  return { leadId, outcome };
}

/** Refuses a submission whose fields are not valid, naming each. */
export function checkForm(form: Form, input: LeadSubmission): void {
  const errors = formErrors(form, input);
  if (errors.length) throw validationProblem(errors);
}
