import { z } from 'zod';
import { CurrencyCode, Id, listQuery, RecordMeta, patchOf } from './common.js';
import { Email, ExternalId, IsoDate, IsoDateTime, Name, Phone, Probability, ShortText, Tag } from './fields.js';

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

export const LeadStatus = z.enum(['new', 'contacted', 'qualified', 'unqualified', 'converted']);
export const LeadFields = z.object({
  name: Name,
  company: ShortText.nullable().default(null),
  email: Email.nullable().default(null),
  phone: Phone.nullable().default(null),
  source: ShortText.nullable().default(null),
  campaignId: Id.nullable().default(null),
  status: LeadStatus.default('new'),
  score: z.number().int().min(0).max(100).default(0),
  ownerId: Id.nullable().optional().describe('Who owns it; defaults to whoever creates it, null for nobody'),
  externalId: ExternalId.nullable().default(null),
});
export const LeadCreate = LeadFields;
export type LeadCreate = z.input<typeof LeadCreate>;
export const LeadPatch = patchOf(LeadFields);
export type LeadPatch = z.input<typeof LeadPatch>;
export const Lead = RecordMeta.extend(LeadFields.shape).extend({
  ownerId: Id.nullable(),
  convertedCustomerId: Id.nullable(),
  convertedOpportunityId: Id.nullable(),
});
export type Lead = z.infer<typeof Lead>;
export const LeadListQuery = listQuery(['name', 'score', 'createdAt'], '-createdAt', {
  status: LeadStatus.optional(),
  ownerId: Id.optional(),
  campaignId: Id.optional(),
  externalId: ExternalId.optional(),
});
export type LeadListQuery = z.input<typeof LeadListQuery>;

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
  /** The stages in order; on a patch, the whole new list (existing stages keep their ids). */
  stages: stageList,
});
export const PipelineCreate = PipelineFields;
export type PipelineCreate = z.input<typeof PipelineCreate>;
export const PipelinePatch = patchOf(PipelineFields);
export type PipelinePatch = z.input<typeof PipelinePatch>;
export const Pipeline = RecordMeta.extend({ name: z.string(), isDefault: z.boolean(), stages: z.array(Stage) });
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
  forecastCategory: ForecastCategory.default('pipeline'),
  externalId: ExternalId.nullable().default(null),
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
