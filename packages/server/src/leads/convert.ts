import type { FieldError, LeadConversion, LeadConvert } from '@crmkit/core';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { activities } from '../db/schema/index.js';
import { unknownReference } from '../http/db-errors.js';
import type { Caller } from '../http/env.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { createRecord, findRow, present, requireRow, updateRecord } from '../resources/crud.js';
import { contactResource, customerResource } from '../resources/customers.js';
import type { Resource, Row } from '../resources/resource.js';
import { leadResource, opportunityResource } from '../resources/sales.js';
import { activityResource } from '../resources/service.js';

type Input = Omit<LeadConvert, 'createContact'> & { createContact: boolean };

/** What a converted lead became, from its links. */
async function conversionOf(tx: Tx, lead: Row, created: boolean): Promise<LeadConversion> {
  return {
    lead: (await present(leadResource, lead, tx)) as LeadConversion['lead'],
    customerId: String(lead.convertedCustomerId),
    contactId: (lead.convertedContactId as string | null) ?? null,
    opportunityId: (lead.convertedOpportunityId as string | null) ?? null,
    created,
  };
}

/** A record named by id, if the caller may read it: else the same 400 as an unknown id. */
async function visible(tx: Tx, resource: Resource, caller: Caller, id: string, path: string) {
  const row = await findRow(tx, resource, caller.orgId, id);
  if (!row || row.deletedAt) throw validationProblem([unknownReference(path)]);
  return row;
}

/** Runs a nested create, its field errors named under `prefix` (e.g. `opportunity.stageId`). */
async function nested(prefix: string, create: () => Promise<Row>): Promise<Row> {
  try {
    return await create();
  } catch (error) {
    const errors = error instanceof ProblemError ? error.problem.errors : undefined;
    if (!errors) throw error;
    throw validationProblem(errors.map((e: FieldError) => ({ ...e, path: `${prefix}.${e.path}` })));
  }
}

/**
 * Converts a lead, in the caller's transaction: links or creates its customer and contact, opens
 * a deal when asked, moves the lead's activities onto them, and marks the lead converted with its
 * links. The lead is locked first, so a concurrent or repeated conversion waits and then answers
 * what the first one made, creating nothing twice. New records belong to the lead's owner (else
 * the caller) and carry the lead's source and campaign.
 */
export async function convertLead(tx: Tx, caller: Caller, leadId: string, input: Input): Promise<LeadConversion> {
  const lead = await requireRow(tx, leadResource, caller.orgId, leadId, true);
  if (lead.status === 'converted') return conversionOf(tx, lead, false);
  if (lead.deletedAt) throw new ProblemError(409, 'This lead is in the trash: restore it first.');
  if (lead.status === 'disqualified')
    throw new ProblemError(409, 'This lead is disqualified: change its status before converting it.');

  const ownerId = (lead.ownerId as string | null) ?? caller.userId;
  const email = lead.email ? [String(lead.email)] : [];
  const phone = lead.phone ? [String(lead.phone)] : [];
  const customer = input.customerId
    ? await visible(tx, customerResource, caller, input.customerId, 'customerId')
    : await nested('customer', () =>
        createRecord(
          tx,
          customerResource,
          caller,
          customerResource.schemas.create.parse({
            kind: input.customer?.kind ?? (lead.company ? 'company' : 'person'),
            name: input.customer?.name ?? lead.company ?? lead.name,
            ...(lead.company ? {} : { emails: email, phones: phone }),
            region: lead.region ?? null,
            size: lead.companySize ?? null,
            source: lead.source ?? null,
            lifecycleStage: 'prospect',
            ownerId,
          }) as Row,
        ),
      );
  const customerId = String(customer.id);
  let contactId: string | null = null;
  if (input.contactId) {
    const contact = await visible(tx, contactResource, caller, input.contactId, 'contactId');
    if (contact.customerId && contact.customerId !== customerId)
      throw validationProblem([
        { path: 'contactId', code: 'invalid_value', message: 'This contact belongs to another customer' },
      ]);
    contactId = String(contact.id);
  } else if (input.createContact) {
    const contact = await nested('contact', () =>
      createRecord(
        tx,
        contactResource,
        caller,
        contactResource.schemas.create.parse({
          customerId,
          name: lead.name,
          emails: email,
          phones: phone,
          isPrimary: true,
          ownerId,
        }) as Row,
      ),
    );
    contactId = String(contact.id);
  }
  let opportunityId: string | null = null;
  if (input.opportunity) {
    const { name, ...deal } = input.opportunity;
    const opportunity = await nested('opportunity', () =>
      createRecord(
        tx,
        opportunityResource,
        caller,
        opportunityResource.schemas.create.parse({
          ...deal,
          name: name ?? String(lead.company ?? lead.name),
          customerId,
          contactId,
          source: lead.source ?? null,
          campaignId: lead.campaignId ?? null,
          ownerId,
        }) as Row,
      ),
    );
    opportunityId = String(opportunity.id);
  }

  // The lead's activities the caller can see now also belong to what it became (links already set stay).
  const linked = await tx
    .select()
    .from(activities)
    .where(and(eq(activities.orgId, caller.orgId), eq(activities.leadId, leadId), isNull(activities.deletedAt)));
  for (const activity of linked) {
    const patch: Row = {};
    if (!activity.customerId) patch.customerId = customerId;
    if (!activity.contactId && contactId) patch.contactId = contactId;
    if (!activity.opportunityId && opportunityId) patch.opportunityId = opportunityId;
    if (Object.keys(patch).length) await updateRecord(tx, activityResource, caller, activity.id, patch);
  }

  await updateRecord(tx, leadResource, caller, leadId, {
    status: 'converted',
    convertedCustomerId: customerId,
    convertedContactId: contactId,
    convertedOpportunityId: opportunityId,
    convertedAt: new Date().toISOString(),
  });
  return conversionOf(tx, await requireRow(tx, leadResource, caller.orgId, leadId), true);
}
