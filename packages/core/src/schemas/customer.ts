import { z } from 'zod';
import { CurrencyAmount, Id, kitOnly, listQuery, RecordMeta, patchOf } from './common.js';
import { Email, ExternalId, Name, Phone, ShortText, Tag, Text } from './fields.js';
import { JsonObject } from './json.js';
import { CustomField, CustomFieldValues } from './custom-fields.js';

export const CustomerKind = z.enum(['company', 'person']);
export type CustomerKind = z.infer<typeof CustomerKind>;
export const LifecycleStage = z.enum(['subscriber', 'lead', 'prospect', 'customer', 'evangelist', 'churned']);
export type LifecycleStage = z.infer<typeof LifecycleStage>;
export const CompanySize = z.enum(['1-10', '11-50', '51-200', '201-1000', '1001+']);
export type CompanySize = z.infer<typeof CompanySize>;

/** Fields a caller may set on a customer. */
export const CustomerFields = z.object({
  kind: CustomerKind.default('company'),
  name: Name,
  emails: z.array(Email).max(10).default([]),
  phones: z.array(Phone).max(10).default([]),
  // http(s) only: elements render it as a link, where `javascript:` or `data:` would run.
  website: z
    .url({ protocol: /^https?$/, message: 'Use an http or https address' })
    .max(500)
    .nullable()
    .default(null),
  industry: ShortText.nullable().default(null),
  size: CompanySize.nullable().default(null),
  region: ShortText.nullable().default(null),
  address: Text.trim().max(500).nullable().default(null),
  source: ShortText.nullable().default(null),
  lifecycleStage: LifecycleStage.default('lead'),
  tags: z.array(Tag).max(30).default([]),
  ownerId: Id.nullable().optional().describe('Who owns it; defaults to whoever creates it, null for nobody'),
  externalId: ExternalId.nullable().default(null),
  attributes: JsonObject.default({}),
  customFields: CustomFieldValues.default({}),
});
/** Where a merged record went: set by a merge only, read-only everywhere else. */
const mergedIntoId = (path: string) => ({
  write: kitOnly(`Set by POST /${path}/{id}/merge, not by a write`),
  read: Id.nullable().describe(`The record this one was merged into (POST /${path}/{id}/merge); null unless merged`),
});
const customerMergedInto = mergedIntoId('customers');
export const CustomerCreate = CustomerFields.extend({ mergedIntoId: customerMergedInto.write });
export type CustomerCreate = z.input<typeof CustomerFields>;
export const CustomerPatch = patchOf(CustomerCreate);
export type CustomerPatch = z.input<ReturnType<typeof patchOf<typeof CustomerFields.shape>>>;
export const Customer = RecordMeta.extend(CustomerFields.shape).extend({
  ownerId: Id.nullable(),
  mergedIntoId: customerMergedInto.read,
});
export type Customer = z.infer<typeof Customer>;

export const CustomerListQuery = listQuery(['name', 'createdAt', 'updatedAt'], 'name', {
  ownerId: Id.optional(),
  kind: CustomerKind.optional(),
  lifecycleStage: LifecycleStage.optional(),
  tag: Tag.optional(),
  region: ShortText.optional(),
  externalId: ExternalId.optional(),
  segmentId: Id.optional().describe("Only the customers a segment's rules match now"),
});
export type CustomerListQuery = z.input<typeof CustomerListQuery>;

export const ContactFields = z.object({
  customerId: Id.nullable().default(null),
  name: Name,
  title: ShortText.nullable().default(null),
  emails: z.array(Email).max(10).default([]),
  phones: z.array(Phone).max(10).default([]),
  isPrimary: z.boolean().default(false),
  ownerId: Id.nullable().optional().describe('Who owns it; defaults to whoever creates it, null for nobody'),
  externalId: ExternalId.nullable().default(null),
  customFields: CustomFieldValues.default({}),
});
const contactMergedInto = mergedIntoId('contacts');
export const ContactCreate = ContactFields.extend({ mergedIntoId: contactMergedInto.write });
export type ContactCreate = z.input<typeof ContactFields>;
export const ContactPatch = patchOf(ContactCreate);
export type ContactPatch = z.input<ReturnType<typeof patchOf<typeof ContactFields.shape>>>;
export const Contact = RecordMeta.extend(ContactFields.shape).extend({
  ownerId: Id.nullable(),
  mergedIntoId: contactMergedInto.read,
});
export type Contact = z.infer<typeof Contact>;
export const ContactListQuery = listQuery(['name', 'createdAt', 'updatedAt'], 'name', {
  customerId: Id.optional(),
  ownerId: Id.optional(),
  externalId: ExternalId.optional(),
});
export type ContactListQuery = z.input<typeof ContactListQuery>;

/** What a customer card shows beside the customer itself, gathered in one request. */
export const CustomerSummary = z.object({
  customerId: Id,
  owner: z.object({ id: Id, name: z.string(), email: z.string() }).nullable(),
  contacts: z.object({ total: z.number().int(), items: z.array(Contact).describe('Up to five, primary first') }),
  orders: z.object({
    count: z.number().int(),
    lifetimeValue: z.array(CurrencyAmount).describe('Sum of the orders per currency'),
    lifetimeValueBase: CurrencyAmount.nullable().describe(
      "In the organization's base currency, converted exactly and rounded once; null when a currency has no rate",
    ),
    lastOrder: z.record(z.string(), z.unknown()).nullable(),
  }),
  openOpportunities: z.object({
    count: z.number().int(),
    amounts: z.array(CurrencyAmount).describe('Sum of the open deals per currency'),
    items: z.array(z.record(z.string(), z.unknown())).describe('Up to five, soonest expected close first'),
  }),
  lastActivity: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('The latest call, email, meeting, note or done task'),
  nextActivity: z.record(z.string(), z.unknown()).nullable().describe('The earliest open task, overdue ones included'),
  segments: z
    .array(z.object({ id: Id, name: z.string() }))
    .describe(
      'The segments the customer is in now, by name; empty for a token whose scopes do not allow reading segments',
    ),
  customFields: z
    .array(CustomField)
    .describe(
      "The organization's custom fields of customers, by position: the labels of the customer's `customFields`",
    ),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;
