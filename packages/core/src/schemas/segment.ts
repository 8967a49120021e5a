import { z } from 'zod';
import { Id, listQuery, RecordMeta, patchOf } from './common.js';
import { LongText, Name, Text } from './fields.js';

/** Customer facts a segment rule can test: what they are and how they behave. */
export const SegmentField = z.enum([
  'kind',
  'lifecycleStage',
  'industry',
  'size',
  'region',
  'source',
  'tags',
  'ownerId',
  'orderCount',
  'lifetimeValue',
  'lastOrderDaysAgo',
  'lastActivityDaysAgo',
  'openOpportunities',
  // From the customer analysis (`GET /reports/customers`): scores among the customers the caller sees.
  'rfmSegment',
  'rfmRecency',
  'rfmFrequency',
  'rfmMonetary',
  'daysSinceLastPurchase',
]);
export type SegmentField = z.infer<typeof SegmentField>;

export const SegmentCondition = z.object({
  field: SegmentField,
  op: z.enum(['eq', 'neq', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty']),
  value: z.union([Text.max(200), z.number(), z.array(Text.max(200)).max(100), z.null()]).default(null),
});
export type SegmentCondition = z.infer<typeof SegmentCondition>;

const group = <T extends z.ZodType>(item: T) =>
  z.union([z.object({ all: z.array(item).min(1).max(50) }), z.object({ any: z.array(item).min(1).max(50) })]);

/**
 * A rule: one condition, or conditions combined with `all` (and) / `any` (or), nested up to
 * three levels. Fixed depth rather than recursion keeps the OpenAPI schema and evaluation simple.
 */
export const SegmentRule = z.union([
  SegmentCondition,
  group(z.union([SegmentCondition, group(z.union([SegmentCondition, group(SegmentCondition)]))])),
]);
export type SegmentRule = z.infer<typeof SegmentRule>;

export const SegmentFields = z.object({
  name: Name,
  description: LongText.nullable().default(null),
  rules: SegmentRule,
});
export const SegmentCreate = SegmentFields;
export type SegmentCreate = z.input<typeof SegmentCreate>;
export const SegmentPatch = patchOf(SegmentFields);
export type SegmentPatch = z.input<typeof SegmentPatch>;
export const Segment = RecordMeta.extend(SegmentFields.shape);
export type Segment = z.infer<typeof Segment>;
export const SegmentListQuery = listQuery(['name', 'createdAt'], 'name', {});
export type SegmentListQuery = z.input<typeof SegmentListQuery>;

/** `POST /segments/count`: a rule to count the customers of, before it is saved. */
export const SegmentCountRequest = z.object({ rules: SegmentRule });
export type SegmentCountRequest = z.input<typeof SegmentCountRequest>;

/** How many customers the caller sees that a rule matches now, counted up to `countLimit`. */
export const SegmentCount = z.object({
  count: z.number().int().describe('The customers matched, up to `countLimit`'),
  countLimit: z.number().int().describe('Counting stops here: a `count` this large means at least as many'),
});
export type SegmentCount = z.infer<typeof SegmentCount>;

/** The segments a customer is in now. */
export const CustomerSegments = z.object({
  items: z.array(z.object({ id: Id, name: z.string() })),
});
export type CustomerSegments = z.infer<typeof CustomerSegments>;
