import { z } from 'zod';
import { RFM_SEGMENTS } from '../rfm-segments.js';
import { ConvertedTotal, CurrencyTotal } from './board.js';
import { CurrencyCode, Id, MinorSum } from './common.js';
import { IsoDate } from './fields.js';
import { SegmentCondition } from './segment.js';

/** The query of `GET /reports/customers` and `GET /reports/customers.csv`. */
export const CustomerReportQuery = z.strictObject({
  atRiskDays: z.coerce
    .number<number>()
    .int()
    .min(1)
    .max(3650)
    .default(90)
    .describe('A customer is at risk when their last order is more than this many days ago'),
});
export type CustomerReportQuery = z.input<typeof CustomerReportQuery>;

/** The RFM segments: {@link RFM_SEGMENTS}, with the rule that assigns them. */
export const RfmSegment = z.enum(RFM_SEGMENTS);
export type RfmSegment = z.infer<typeof RfmSegment>;

/** Amounts per currency and converted into the base currency (no weighted sums: orders are not weighed). */
export const OrderMoney = z.object({
  totals: z.array(CurrencyTotal.omit({ weighted: true })).describe('Per currency, by currency code'),
  converted: ConvertedTotal.omit({ weighted: true }).describe('In the base currency'),
});
export type OrderMoney = z.infer<typeof OrderMoney>;

const Rule = SegmentCondition.describe('A segment rule (`rules` of `POST /segments`) that matches these customers');

export const RfmSegmentRow = z.object({
  segment: RfmSegment,
  customers: z.number().int(),
  orders: z.number().int(),
  revenue: OrderMoney,
  rule: Rule,
});
export type RfmSegmentRow = z.infer<typeof RfmSegmentRow>;

export const AtRiskCustomer = z.object({
  customerId: Id,
  name: z.string(),
  ownerId: Id.nullable(),
  lastOrderOn: IsoDate.describe("The day of their last order, in the organization's time zone"),
  daysSinceLastOrder: z.number().int(),
  orders: z.number().int(),
  lifetimeValue: OrderMoney,
  recency: z.number().int().min(1).max(5),
  frequency: z.number().int().min(1).max(5),
  monetary: z.number().int().min(1).max(5),
  segment: RfmSegment,
});
export type AtRiskCustomer = z.infer<typeof AtRiskCustomer>;

export const TopProduct = z.object({
  sku: z.string().nullable(),
  name: z.string().describe('The name on its lines (the first by name when a SKU had several)'),
  orders: z.number().int(),
  customers: z.number().int(),
  quantity: z.number().describe('Σ quantity over its lines'),
  revenue: OrderMoney.describe('Σ quantity × unit amount over its lines, per currency rounded half up once'),
});
export type TopProduct = z.infer<typeof TopProduct>;

export const Cohort = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .describe('The month of the customers’ first order'),
  customers: z.number().int(),
  retained: z
    .array(z.number().int())
    .describe(
      'retained[i]: customers of the cohort with an order i months after their first month (retained[0] is all of them), up to this month',
    ),
  repeatCustomers: z.number().int().describe('Customers of the cohort who ordered again in a later month'),
});
export type Cohort = z.infer<typeof Cohort>;

/** `GET /reports/customers`: customer analysis from orders. */
export const CustomerReport = z.object({
  asOf: IsoDate.describe("Today, in the organization's time zone: recency counts days up to it"),
  currency: CurrencyCode.describe('The base currency every converted amount is in'),
  atRiskDays: z.number().int(),
  customers: z.number().int().describe('Customers with at least one counted order'),
  orders: z.number().int(),
  revenue: OrderMoney,
  averageOrderValue: MinorSum.nullable().describe(
    'revenue.converted.sum / the orders whose currency converts, rounded half up; null without such orders',
  ),
  purchaseFrequency: z.number().nullable().describe('orders / customers; null without customers'),
  averageLifetimeValue: MinorSum.nullable().describe(
    'revenue.converted.sum / customers, rounded half up; null without customers',
  ),
  repeatRate: z.number().nullable().describe('Customers with two orders or more / customers'),
  segments: z.array(RfmSegmentRow).describe('Every RFM segment, in the order of the enum, empty ones too'),
  atRisk: z.object({
    customers: z.number().int(),
    lifetimeValue: OrderMoney,
    rule: Rule,
    top: z.array(AtRiskCustomer).describe('The 50 with the highest converted lifetime value'),
  }),
  topProducts: z.array(TopProduct).describe('The 10 with the highest converted revenue'),
  cohorts: z
    .array(Cohort)
    .describe('The cohorts of this month and the 11 before, oldest first (months with no first order left out)'),
});
export type CustomerReport = z.infer<typeof CustomerReport>;
