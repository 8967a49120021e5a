import { z } from 'zod';
import { CustomFieldValues } from './custom-fields.js';
import { CurrencyCode, Id, listQuery, RecordMeta, patchOf } from './common.js';
import { CompanySize } from './customer.js';
import {
  CountryCode,
  Email,
  ExternalId,
  IsoDate,
  IsoDateTime,
  LanguageTag,
  Name,
  Phone,
  Probability,
  ShortText,
  Tag,
  Text,
} from './fields.js';
import { JsonObject } from './json.js';
import { LEAD_QUEUES } from '../lead-queues.js';

export const CampaignFields = z.object({
  name: Name,
  channel: z.enum(['email', 'social', 'paid_search', 'event', 'web', 'referral', 'other']).default('other'),
  budgetAmount: z.number().int().min(0).nullable().default(null).describe('Minor units'),
  budgetCurrency: CurrencyCode.nullable().default(null),
  startsOn: IsoDate.nullable().default(null),
  endsOn: IsoDate.nullable().default(null),
});
export const CampaignCreate = CampaignFields;
export type CampaignCreate = z.input<typeof CampaignCreate>;
export const CampaignPatch = patchOf(CampaignFields);
export type CampaignPatch = z.input<typeof CampaignPatch>;
export const Campaign = RecordMeta.extend(CampaignFields.shape);
export type Campaign = z.infer<typeof Campaign>;
export const CampaignListQuery = listQuery(['name', 'startsOn', 'createdAt'], '-startsOn', {
  channel: CampaignFields.shape.channel.unwrap().optional(),
});
export type CampaignListQuery = z.input<typeof CampaignListQuery>;

/**
 * Where a lead is in qualification. `converted` is set only by `POST /leads/{id}/convert`;
 * `disqualified` needs a reason.
 */
export const LeadStatus = z.enum(['new', 'working', 'nurturing', 'qualified', 'disqualified', 'converted']);
export type LeadStatus = z.infer<typeof LeadStatus>;
/** The statuses a write may set: every one but `converted`. */
export const WritableLeadStatus = LeadStatus.exclude(['converted']);
/** UTM parameters, referrer and landing page of a lead that came in through a form. */
export const LeadAttribution = z.object({
  utmSource: ShortText.optional(),
  utmMedium: ShortText.optional(),
  utmCampaign: ShortText.optional(),
  utmTerm: ShortText.optional(),
  utmContent: ShortText.optional(),
  referrer: Text.max(2000).optional(),
  landingPage: Text.max(2000).optional(),
});
export type LeadAttribution = z.infer<typeof LeadAttribution>;
export const LeadFields = z.object({
  name: Name,
  company: ShortText.nullable().default(null),
  email: Email.nullable().default(null),
  phone: Phone.nullable().default(null),
  source: ShortText.nullable().default(null),
  campaignId: Id.nullable().default(null),
  status: WritableLeadStatus.default('new'),
  disqualifiedReason: ShortText.nullable().default(null).describe('Required when the status is disqualified'),
  score: z.number().int().min(0).max(100).default(0),
  country: CountryCode.nullable().default(null),
  region: ShortText.nullable().default(null),
  companySize: CompanySize.nullable().default(null),
  language: LanguageTag.nullable().default(null),
  attributes: JsonObject.default({}),
  ownerId: Id.nullable()
    .optional()
    .describe(
      'Who owns it; defaults to whoever creates it. Null, or left out by a caller who is not a member ' +
        "(an API key, a public form), lets the organization's assignment rules choose.",
    ),
  externalId: ExternalId.nullable().default(null),
  customFields: CustomFieldValues.default({}),
});
/** Fields only the kit writes (conversion, assignment): a write naming one is a 400, not silently dropped. */
export const LEAD_KIT_FIELDS = [
  'convertedCustomerId',
  'convertedContactId',
  'convertedOpportunityId',
  'convertedAt',
  'assignmentRuleId',
  'assignmentReason',
  'assignedAt',
  'attribution',
  'mergedIntoId',
] as const;
/** Refuses the kit's own fields in a lead write, each with its own error. */
function refuseKitFields<T extends z.ZodObject>(schema: T) {
  return schema
    .extend(Object.fromEntries(LEAD_KIT_FIELDS.map((key) => [key, z.unknown().optional()])))
    .superRefine((value, ctx) => {
      for (const key of LEAD_KIT_FIELDS) {
        if ((value as Record<string, unknown>)[key] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message:
              key === 'attribution' || key.startsWith('assign')
                ? 'Set by the kit (forms, assignment rules), not by a write'
                : key === 'mergedIntoId'
                  ? 'Set by POST /leads/{id}/merge, not by a write'
                  : 'Set by POST /leads/{id}/convert, not by a write',
            params: { code: 'invalid_value' },
          });
        }
      }
    }) as unknown as T;
}
export const LeadCreate = refuseKitFields(LeadFields);
export type LeadCreate = z.input<typeof LeadFields>;
export const LeadPatch = refuseKitFields(patchOf(LeadFields));
export type LeadPatch = z.input<ReturnType<typeof patchOf<typeof LeadFields.shape>>>;
export const Lead = RecordMeta.extend(LeadFields.shape).extend({
  status: LeadStatus,
  ownerId: Id.nullable(),
  attribution: LeadAttribution,
  convertedCustomerId: Id.nullable(),
  convertedContactId: Id.nullable(),
  convertedOpportunityId: Id.nullable(),
  convertedAt: IsoDateTime.nullable(),
  assignmentRuleId: Id.nullable().describe('The assignment rule that chose the owner, if one did'),
  assignmentReason: z.string().nullable().describe('Why the owner was chosen, in English'),
  assignedAt: IsoDateTime.nullable(),
  mergedIntoId: Id.nullable().describe(
    'The lead this one was merged into (POST /leads/{id}/merge); null unless merged',
  ),
});
export type Lead = z.infer<typeof Lead>;
export const LeadListQuery = listQuery(['name', 'score', 'createdAt'], '-createdAt', {
  status: LeadStatus.optional(),
  open: z
    .stringbool()
    .optional()
    .describe('Only leads still to work (new, working, nurturing, qualified), or only those done (`false`)'),
  ownerId: Id.optional(),
  unassigned: z.stringbool().optional().describe('Only leads without an owner, or only those with one (`false`)'),
  createdBefore: IsoDateTime.optional().describe('Only leads created before this time'),
  campaignId: Id.optional(),
  externalId: ExternalId.optional(),
});
export type LeadListQuery = z.input<typeof LeadListQuery>;

/**
 * A lead inbox's queues (the names, their `GET /leads` filters and the statuses still to work are in
 * lead-queues.ts, which the elements read without zod).
 */
export const LeadQueueName = z.enum(LEAD_QUEUES);
export type LeadQueueName = z.infer<typeof LeadQueueName>;
export const LeadQueuesQuery = z.strictObject({
  slaHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24)
    .describe('The response time: a new lead older than this many hours is overdue'),
  ownerId: Id.optional().describe("Only this member's leads"),
});
export type LeadQueuesQuery = z.input<typeof LeadQueuesQuery>;
export const LeadQueues = z.object({
  /** The time before which a new lead counts as overdue: pass it as `createdBefore` to list them. */
  overdueBefore: IsoDateTime,
  /** Counts stop here: a queue at this count holds this many or more. */
  countLimit: z.number().int(),
  counts: z.object(
    Object.fromEntries(LeadQueueName.options.map((name) => [name, z.number().int()])) as Record<
      LeadQueueName,
      z.ZodNumber
    >,
  ),
});
export type LeadQueues = z.infer<typeof LeadQueues>;

/**
 * What `POST /leads/{id}/convert` makes of a lead: a customer and a contact, each an existing
 * record (by id) or a new one from the lead's fields (with overrides), and optionally a deal.
 */
export const LeadConvert = z.strictObject({
  customerId: Id.optional().describe('Link this existing customer instead of creating one'),
  customer: z
    .strictObject({ name: Name.optional(), kind: z.enum(['company', 'person']).optional() })
    .optional()
    .describe("Overrides for the new customer (default: the lead's company, else its name)"),
  contactId: Id.optional().describe('Link this existing contact instead of creating one'),
  createContact: z.boolean().default(true).describe('Create a contact from the lead (when no contactId)'),
  opportunity: z
    .strictObject({
      name: Name.optional(),
      pipelineId: Id,
      stageId: Id,
      amount: z.number().int('Use minor units (cents)').min(0).max(Number.MAX_SAFE_INTEGER).default(0),
      currency: CurrencyCode,
      expectedCloseDate: IsoDate.nullable().default(null),
    })
    .nullable()
    .default(null)
    .describe('A deal to open, in the chosen pipeline and stage'),
});
export type LeadConvert = z.input<typeof LeadConvert>;
/** What a conversion made: the lead as converted, and the ids it links to. */
export const LeadConversion = z.object({
  lead: Lead,
  customerId: Id,
  contactId: Id.nullable(),
  opportunityId: Id.nullable(),
  /** False when the lead was converted already: nothing was created this time. */
  created: z.boolean(),
});
export type LeadConversion = z.infer<typeof LeadConversion>;

export const StageKind = z.enum(['open', 'won', 'lost']);
export type StageKind = z.infer<typeof StageKind>;
/** Opportunity fields a move into a stage can require. */
export const StageRequirement = z.enum(['lostReason', 'amount', 'expectedCloseDate', 'contactId']);
export const StageInput = z.object({
  id: Id.optional().describe('An existing stage to keep; omit for a new stage'),
  name: Name,
  probability: Probability,
  kind: StageKind.default('open'),
  requires: z.array(StageRequirement).max(4).default([]),
});
export const Stage = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int(),
  probability: z.number().int(),
  kind: StageKind,
  requires: z.array(StageRequirement),
});
export type Stage = z.infer<typeof Stage>;

const stageList = z
  .array(StageInput)
  .min(2, 'A pipeline needs at least two stages')
  .max(30)
  .refine((stages) => new Set(stages.map((s) => s.name)).size === stages.length, 'Stage names must differ');
export const PipelineFields = z.object({
  name: Name,
  isDefault: z.boolean().default(false),
  lostReasons: z
    .array(ShortText.min(1))
    .max(30)
    .refine((reasons) => new Set(reasons).size === reasons.length, 'Lost reasons must differ')
    .default([])
    .describe(
      'The reasons deals of this pipeline are usually lost for, offered when a deal is lost (any other may be given)',
    ),
  /** The stages in order; on a patch, the whole new list (existing stages keep their ids). */
  stages: stageList,
});
export const PipelineCreate = PipelineFields;
export type PipelineCreate = z.input<typeof PipelineCreate>;
export const PipelinePatch = patchOf(PipelineFields);
export type PipelinePatch = z.input<typeof PipelinePatch>;
export const Pipeline = RecordMeta.extend({
  name: z.string(),
  isDefault: z.boolean(),
  lostReasons: z.array(z.string()),
  stages: z.array(Stage),
});
export type Pipeline = z.infer<typeof Pipeline>;
export const PipelineListQuery = listQuery(['name', 'createdAt'], 'name', {});
export type PipelineListQuery = z.input<typeof PipelineListQuery>;

export const ForecastCategory = z.enum(['pipeline', 'best_case', 'commit', 'closed', 'omitted']);
export type ForecastCategory = z.infer<typeof ForecastCategory>;
export const OpportunityFields = z.object({
  name: Name,
  customerId: Id,
  contactId: Id.nullable().default(null),
  pipelineId: Id,
  stageId: Id,
  amount: z.number().int('Use minor units (cents)').min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  currency: CurrencyCode,
  probability: Probability.nullable().default(null).describe("Overrides the stage's default win probability"),
  expectedCloseDate: IsoDate.nullable().default(null),
  ownerId: Id.nullable().optional().describe('Who owns it; defaults to whoever creates it, null for nobody'),
  source: ShortText.nullable().default(null),
  campaignId: Id.nullable().default(null),
  competitors: z.array(Tag).max(20).default([]),
  lostReason: ShortText.nullable().default(null),
  wonReason: ShortText.nullable().default(null).describe('Why the deal was won, as the rep who won it says'),
  forecastCategory: ForecastCategory.default('pipeline'),
  externalId: ExternalId.nullable().default(null),
  customFields: CustomFieldValues.default({}),
});
export const OpportunityCreate = OpportunityFields;
export type OpportunityCreate = z.input<typeof OpportunityCreate>;
export const OpportunityPatch = patchOf(OpportunityFields);
export type OpportunityPatch = z.input<typeof OpportunityPatch>;
export const Opportunity = RecordMeta.extend(OpportunityFields.shape).extend({
  ownerId: Id.nullable(),
  stageEnteredAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  position: z.number(),
});
export type Opportunity = z.infer<typeof Opportunity>;
/**
 * What a contact is to a deal (its buying role), as `PUT /opportunities/{id}/contacts/{contactId}/role` sets it:
 * who decides, who pays, who sways the decision, who argues for the deal inside the customer, who judges it
 * technically, who will use it, or another part.
 */
export const OpportunityContactRole = z.enum([
  'decision_maker',
  'economic_buyer',
  'influencer',
  'champion',
  'technical_buyer',
  'user',
  'other',
]);
export type OpportunityContactRole = z.infer<typeof OpportunityContactRole>;

/** A contact's role on a deal, and whether it is the deal's primary contact (its `contactId`). */
export const OpportunityContactPut = z.object({
  role: OpportunityContactRole,
  primary: z
    .boolean()
    .optional()
    .describe(
      "true makes the contact the deal's primary contact (its `contactId`), false stops it being that; " +
        'left out, a contact already on the deal keeps its mark, and a new one is primary only when the deal has none',
    ),
});
export type OpportunityContactPut = z.input<typeof OpportunityContactPut>;

/** One contact on a deal, with what a reader needs to reach them. */
export const OpportunityContact = z.object({
  contactId: Id,
  role: OpportunityContactRole,
  isPrimary: z.boolean(),
  name: z.string(),
  title: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  addedAt: IsoDateTime,
});
export type OpportunityContact = z.infer<typeof OpportunityContact>;

/** The contacts on a deal: the primary one first, then by when they were added. */
export const OpportunityContacts = z.object({ items: z.array(OpportunityContact) });
export type OpportunityContacts = z.infer<typeof OpportunityContacts>;

export const OpportunityListQuery = listQuery(
  ['name', 'amount', 'expectedCloseDate', 'createdAt', 'updatedAt'],
  '-updatedAt',
  {
    customerId: Id.optional(),
    pipelineId: Id.optional(),
    stageId: Id.optional(),
    ownerId: Id.optional(),
    campaignId: Id.optional(),
    forecastCategory: ForecastCategory.optional(),
    closeFrom: IsoDate.optional(),
    closeTo: IsoDate.optional(),
    externalId: ExternalId.optional(),
  },
);
export type OpportunityListQuery = z.input<typeof OpportunityListQuery>;

/** One change of an opportunity's stage. */
export const StageChange = z.object({
  id: Id,
  fromStageId: Id.nullable(),
  toStageId: Id,
  changedAt: IsoDateTime,
  changedBy: Id.nullable(),
});
export type StageChange = z.infer<typeof StageChange>;

/** A customer a lead's company may be (`GET /leads/{id}/customer-matches`). */
export const LeadCustomerMatch = z.object({
  id: Id,
  name: z.string(),
  sameName: z
    .boolean()
    .describe("The customer's name is the lead's company, case, punctuation and a legal form at the end aside"),
});
export type LeadCustomerMatch = z.infer<typeof LeadCustomerMatch>;
export const LeadCustomerMatches = z.object({ items: z.array(LeadCustomerMatch) });
export type LeadCustomerMatches = z.infer<typeof LeadCustomerMatches>;
