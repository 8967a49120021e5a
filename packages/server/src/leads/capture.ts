import type { FieldError, LeadSubmission } from '@crmkit/core';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../db/database.js';
import { leadFormSubmissions, leadForms } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { validationProblem } from '../http/problem.js';
import { createRecord } from '../resources/crud.js';
import type { Row } from '../resources/resource.js';
import { leadResource } from '../resources/sales.js';
import { activityResource } from '../resources/service.js';
import { matchOf } from './matching.js';

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

  const match = await matchOf(tx, caller.orgId, { email, phone: input.phone, company: input.company });
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
