import { z } from 'zod';
import { Id, listQuery, patchOf, RecordMeta } from './common.js';
import { LongText, Name, ShortText, Text } from './fields.js';

/** The lead fields an assignment rule's condition can test. */
export const AssignmentField = z.enum(['source', 'campaignId', 'country', 'region', 'companySize', 'language']);
/**
 * One condition of a rule: a lead field (or `attributes.<key>`, a custom attribute) equal to one
 * of the values. Text compares without regard to case.
 */
export const AssignmentCondition = z.strictObject({
  field: z.union([
    AssignmentField,
    z.string().regex(/^attributes\.[A-Za-z0-9_-]{1,64}$/, 'Use a lead field or attributes.<key>'),
  ]),
  values: z.array(ShortText.min(1)).min(1).max(50),
});
export type AssignmentCondition = z.infer<typeof AssignmentCondition>;
/**
 * How a rule chooses the owner: one member; or among a team's members in turn (round robin),
 * the one with the fewest open leads (load), or in proportion to weights (weighted).
 */
export const AssignmentStrategy = z.enum(['member', 'round_robin', 'load', 'weighted']);
export type AssignmentStrategy = z.infer<typeof AssignmentStrategy>;
export const AssignmentWeight = z.strictObject({ userId: Id, weight: z.number().int().min(1).max(100) });

export const AssignmentRuleFields = z.object({
  name: Name,
  position: z.number().int().min(0).max(10_000).default(0).describe('Rules are tried in ascending position'),
  active: z.boolean().default(true),
  conditions: z.array(AssignmentCondition).max(20).default([]).describe('All must hold; none: every lead'),
  strategy: AssignmentStrategy,
  userId: Id.nullable().default(null).describe('The member, for strategy member'),
  teamId: Id.nullable().default(null).describe('The team, for round_robin and load'),
  weights: z.array(AssignmentWeight).max(100).default([]).describe('The members and their shares, for weighted'),
  fallbackUserId: Id.nullable()
    .default(null)
    .describe('Who gets the lead when the rule matches but every one of its members is away or inactive'),
  reassignAfterHours: z
    .number()
    .int()
    .min(1)
    .max(720)
    .nullable()
    .default(null)
    .describe(
      'Re-assign a lead this rule assigned, by the same rule to another member, when it is still `new` and has no activity this many hours after its assignment; null: never',
    ),
});
export const AssignmentRuleCreate = AssignmentRuleFields;
export type AssignmentRuleCreate = z.input<typeof AssignmentRuleCreate>;
export const AssignmentRulePatch = patchOf(AssignmentRuleFields);
export type AssignmentRulePatch = z.input<typeof AssignmentRulePatch>;
export const AssignmentRule = RecordMeta.extend(AssignmentRuleFields.shape).extend({
  assignedCount: z.number().int().describe('Leads this rule has assigned'),
});
export type AssignmentRule = z.infer<typeof AssignmentRule>;
export const AssignmentRuleListQuery = listQuery(['position', 'name', 'createdAt'], 'position', {});
export type AssignmentRuleListQuery = z.input<typeof AssignmentRuleListQuery>;

/** The lead fields a form can ask for. */
export const LeadFormFieldName = z.enum(['name', 'email', 'phone', 'company', 'country', 'region', 'message']);
export const LeadFormField = z.strictObject({
  name: LeadFormFieldName,
  label: ShortText.min(1),
  required: z.boolean().default(false),
});
export type LeadFormField = z.infer<typeof LeadFormField>;
const Origin = z
  .string()
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, 'Use an origin such as https://shop.example.com')
  .max(300);
const HttpUrl = z.url({ protocol: /^https?$/, message: 'Use an http or https address' }).max(2000);

export const LeadFormFields = z.object({
  name: Name,
  fields: z
    .array(LeadFormField)
    .min(1)
    .max(7)
    .refine((fields) => fields.some((f) => f.name === 'name' && f.required), 'A form needs a required name field')
    .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, 'Each field once'),
  consentText: LongText.max(2000).nullable().default(null).describe('When set, a submission must agree to it'),
  campaignId: Id.nullable().default(null),
  source: ShortText.nullable().default(null).describe("The leads' source; default `web_form`"),
  thankYouText: LongText.max(2000).nullable().default(null),
  redirectUrl: HttpUrl.nullable().default(null).describe('Where a plain HTML form goes after a submission'),
  allowedOrigins: z.array(Origin).max(20).default([]).describe('Pages that may submit from the browser (CORS)'),
  active: z.boolean().default(true),
  minFillSeconds: z.number().int().min(0).max(600).default(3).describe('Submissions faster than this are refused'),
});
export const LeadFormCreate = LeadFormFields;
export type LeadFormCreate = z.input<typeof LeadFormCreate>;
export const LeadFormPatch = patchOf(LeadFormFields);
export type LeadFormPatch = z.input<typeof LeadFormPatch>;
export const LeadForm = RecordMeta.extend(LeadFormFields.shape).extend({
  publicKey: z.string().describe('Names the form in its public routes'),
});
export type LeadForm = z.infer<typeof LeadForm>;
export const LeadFormListQuery = listQuery(['name', 'createdAt'], 'name', {});
export type LeadFormListQuery = z.input<typeof LeadFormListQuery>;

/** What `GET /public/lead-forms/{publicKey}` answers: the form to render and a signed start time. */
export const PublicLeadForm = z.object({
  fields: z.array(LeadFormField),
  consentText: z.string().nullable(),
  thankYouText: z.string().nullable(),
  token: z.string().describe('Send it back as `_token`: it proves when the form was opened'),
  honeypot: z.string().describe('The name of a field to render hidden and leave empty'),
});
export type PublicLeadForm = z.infer<typeof PublicLeadForm>;

/** The honeypot field: people never see it, so a filled one marks a bot. */
export const HONEYPOT_FIELD = 'website_url';

/** A submission: the form's fields, the signed token, consent, and attribution. */
export const LeadSubmission = z.object({
  name: Name.optional(),
  // People paste addresses with spaces around them: trimmed, then checked.
  email: z.string().trim().pipe(z.email('Not an email address').max(320)).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{3,32}$/, 'Use digits, spaces and + ( ) - . / only')
    .optional(),
  company: ShortText.optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166 code such as TW')
    .optional(),
  region: ShortText.optional(),
  message: LongText.max(5000).optional(),
  consent: z
    .union([z.boolean(), z.enum(['on', 'true', 'yes', '1'])])
    .optional()
    .describe('Agreement to the consent text'),
  _token: Text.max(500).optional(),
  [HONEYPOT_FIELD]: Text.max(500).optional(),
  utm_source: ShortText.optional(),
  utm_medium: ShortText.optional(),
  utm_campaign: ShortText.optional(),
  utm_term: ShortText.optional(),
  utm_content: ShortText.optional(),
  referrer: Text.max(2000).optional(),
  landingPage: Text.max(2000).optional(),
});
export type LeadSubmission = z.input<typeof LeadSubmission>;
export const LeadSubmissionResult = z.object({
  ok: z.literal(true),
  thankYouText: z.string().nullable(),
  redirectUrl: z.string().nullable(),
});
export type LeadSubmissionResult = z.infer<typeof LeadSubmissionResult>;
