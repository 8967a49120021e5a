import { z } from 'zod';
import { CustomFieldValues } from './custom-fields.js';
import { CASE_STATUSES } from '../case-queues.js';
import { CurrencyCode, Id, listQuery, RecordMeta, patchOf } from './common.js';
import { ExternalId, IsoDateTime, LongText, Name, ShortText, Text } from './fields.js';

export const ActivityType = z.enum(['call', 'email', 'meeting', 'note', 'task']);
export type ActivityType = z.infer<typeof ActivityType>;
export const ActivityFields = z.object({
  type: ActivityType,
  subject: Name,
  body: LongText.nullable().default(null),
  direction: z.enum(['inbound', 'outbound']).nullable().default(null),
  durationSeconds: z.number().int().min(0).max(86_400).nullable().default(null),
  outcome: ShortText.nullable().default(null),
  occurredAt: IsoDateTime.optional().describe('When it happened (or is due, for a task); defaults to now'),
  dueAt: IsoDateTime.nullable().default(null),
  doneAt: IsoDateTime.nullable().default(null),
  customerId: Id.nullable().default(null),
  contactId: Id.nullable().default(null),
  leadId: Id.nullable().default(null),
  opportunityId: Id.nullable().default(null),
  caseId: Id.nullable().default(null),
  ownerId: Id.nullable().optional().describe('Who owns it; defaults to whoever creates it, null for nobody'),
});
const linksSomething = (a: {
  customerId?: unknown;
  contactId?: unknown;
  leadId?: unknown;
  opportunityId?: unknown;
  caseId?: unknown;
}) => Boolean(a.customerId || a.contactId || a.leadId || a.opportunityId || a.caseId);
export const ActivityCreate = ActivityFields.refine(linksSomething, {
  message: 'Link the activity to a customer, contact, lead, opportunity or case',
  path: ['customerId'],
});
export type ActivityCreate = z.input<typeof ActivityCreate>;
export const ActivityPatch = patchOf(ActivityFields);
export type ActivityPatch = z.input<typeof ActivityPatch>;
export const Activity = RecordMeta.extend(ActivityFields.shape).extend({
  occurredAt: IsoDateTime,
  ownerId: Id.nullable(),
});
export type Activity = z.infer<typeof Activity>;
export const ActivityListQuery = listQuery(['occurredAt', 'createdAt'], '-occurredAt', {
  type: ActivityType.optional(),
  customerId: Id.optional(),
  contactId: Id.optional(),
  leadId: Id.optional(),
  opportunityId: Id.optional(),
  caseId: Id.optional(),
  ownerId: Id.optional(),
  open: z.stringbool().optional().describe('Only tasks not done yet'),
  doneSince: IsoDateTime.optional().describe('Only tasks done at or after this moment (e.g. the start of today)'),
});
export type ActivityListQuery = z.input<typeof ActivityListQuery>;

export const OrderLine = z.object({
  sku: Text.max(100).nullable().default(null),
  name: Name,
  quantity: z.number().positive().max(1_000_000),
  unitAmount: z.number().int().min(0).describe('Minor units'),
});
export const OrderFields = z.object({
  customerId: Id,
  externalId: ExternalId.nullable().default(null),
  number: ShortText.nullable().default(null),
  status: z.enum(['placed', 'paid', 'fulfilled', 'cancelled', 'refunded']).default('placed'),
  totalAmount: z.number().int().min(0).describe('Minor units'),
  currency: CurrencyCode,
  placedAt: IsoDateTime,
  lines: z.array(OrderLine).max(500).default([]),
});
export const OrderCreate = OrderFields;
export type OrderCreate = z.input<typeof OrderCreate>;
export const OrderPatch = patchOf(OrderFields);
export type OrderPatch = z.input<typeof OrderPatch>;
export const Order = RecordMeta.extend(OrderFields.shape);
export type Order = z.infer<typeof Order>;
export const OrderListQuery = listQuery(['placedAt', 'totalAmount', 'createdAt'], '-placedAt', {
  customerId: Id.optional(),
  status: OrderFields.shape.status.unwrap().optional(),
  externalId: ExternalId.optional(),
});
export type OrderListQuery = z.input<typeof OrderListQuery>;

export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;
export const CasePriority = z.enum(['low', 'normal', 'high', 'urgent']);
export type CasePriority = z.infer<typeof CasePriority>;
export const CaseFields = z.object({
  subject: Name,
  description: LongText.nullable().default(null),
  status: CaseStatus.default('new'),
  priority: CasePriority.default('normal'),
  channel: z.enum(['email', 'phone', 'web', 'chat', 'in_person']).nullable().default(null),
  customerId: Id.nullable().default(null),
  contactId: Id.nullable().default(null),
  ownerId: Id.nullable().optional().describe('Who owns it; defaults to whoever creates it, null for nobody'),
  dueBy: IsoDateTime.nullable().default(null),
  customFields: CustomFieldValues.default({}),
});
export const CaseCreate = CaseFields;
export type CaseCreate = z.input<typeof CaseCreate>;
export const CasePatch = patchOf(CaseFields);
export type CasePatch = z.input<typeof CasePatch>;
export const Case = RecordMeta.extend(CaseFields.shape).extend({
  resolvedAt: IsoDateTime.nullable(),
  ownerId: Id.nullable(),
});
export type Case = z.infer<typeof Case>;
export const CaseListQuery = listQuery(['subject', 'dueBy', 'createdAt', 'updatedAt'], '-createdAt', {
  status: CaseStatus.optional(),
  priority: CasePriority.optional(),
  customerId: Id.optional(),
  ownerId: Id.optional(),
  unassigned: z.stringbool().optional().describe('Only cases without an owner, or only those with one (`false`)'),
});
export type CaseListQuery = z.input<typeof CaseListQuery>;

/** The support queue's filters: whose cases, or one customer's. */
export const CaseQueuesQuery = z.strictObject({
  ownerId: Id.optional().describe("Only this member's cases"),
  unassigned: z.stringbool().optional().describe('Only cases without an owner'),
  customerId: Id.optional().describe("Only this customer's cases"),
});
export type CaseQueuesQuery = z.input<typeof CaseQueuesQuery>;
export const CaseQueues = z.object({
  /** The time the counts were taken: a case still to work and due before it is `breached`. */
  at: IsoDateTime,
  /** Counts stop here: a queue at this count holds this many or more. */
  countLimit: z.number().int(),
  counts: z.object({
    ...(Object.fromEntries(CASE_STATUSES.map((status) => [status, z.number().int()])) as Record<
      CaseStatus,
      z.ZodNumber
    >),
    breached: z.number().int().describe('Cases still to work (new, open, pending) past their due time'),
  }),
});
export type CaseQueues = z.infer<typeof CaseQueues>;
