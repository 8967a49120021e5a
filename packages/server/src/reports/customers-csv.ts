import type { CustomerReport, OrderMoney } from '@crmkit/core';
import { csvLines } from '../integration/csv.js';

export const CUSTOMERS_CSV_HEADER = [
  'section',
  'key',
  'name',
  'currency',
  'asOf',
  'customers',
  'orders',
  'revenue',
  'revenueByCurrency',
  'missingRates',
  'averageOrderValue',
  'purchaseFrequency',
  'averageLifetimeValue',
  'repeatRate',
  'quantity',
  'ownerId',
  'lastOrderOn',
  'daysSinceLastOrder',
  'recency',
  'frequency',
  'monetary',
  'segment',
  'repeatCustomers',
  'retained',
];

type Cells = Partial<Record<(typeof CUSTOMERS_CSV_HEADER)[number], string | number | null>>;

const money = (m: OrderMoney): Cells => ({
  revenue: m.converted.sum,
  revenueByCurrency: m.totals.map((t) => `${t.currency} ${t.sum}`).join('; '),
  missingRates: m.converted.missingRates.join('; '),
});

/**
 * The report as CSV: a line for the total, per RFM segment, for the customers at risk and each listed
 * one, per top product and per cohort (`section`), with the JSON's figures (amounts in minor units of
 * the base currency, `retained` as counts joined by "; "); empty cells where a figure does not apply.
 * Written by papaparse, as the exports are; a UTF-8 byte-order mark first.
 */
export function customersCsv(report: CustomerReport): string {
  const lines: Cells[] = [
    {
      section: 'total',
      customers: report.customers,
      orders: report.orders,
      ...money(report.revenue),
      averageOrderValue: report.averageOrderValue,
      purchaseFrequency: report.purchaseFrequency,
      averageLifetimeValue: report.averageLifetimeValue,
      repeatRate: report.repeatRate,
    },
    ...report.segments.map((s) => ({
      section: 'segment',
      key: s.segment,
      customers: s.customers,
      orders: s.orders,
      ...money(s.revenue),
    })),
    {
      section: 'atRisk',
      key: String(report.atRiskDays),
      customers: report.atRisk.customers,
      ...money(report.atRisk.lifetimeValue),
    },
    ...report.atRisk.top.map((c) => ({
      section: 'atRiskCustomer',
      key: c.customerId,
      name: c.name,
      orders: c.orders,
      ...money(c.lifetimeValue),
      ownerId: c.ownerId,
      lastOrderOn: c.lastOrderOn,
      daysSinceLastOrder: c.daysSinceLastOrder,
      recency: c.recency,
      frequency: c.frequency,
      monetary: c.monetary,
      segment: c.segment,
    })),
    ...report.topProducts.map((p) => ({
      section: 'product',
      key: p.sku,
      name: p.name,
      customers: p.customers,
      orders: p.orders,
      ...money(p.revenue),
      quantity: p.quantity,
    })),
    ...report.cohorts.map((c) => ({
      section: 'cohort',
      key: c.month,
      customers: c.customers,
      repeatCustomers: c.repeatCustomers,
      retained: c.retained.join('; '),
    })),
  ];
  const rows = lines.map((l) =>
    CUSTOMERS_CSV_HEADER.map((column) =>
      column === 'currency' ? report.currency : column === 'asOf' ? report.asOf : (l[column] ?? ''),
    ),
  );
  return '\uFEFF' + csvLines([CUSTOMERS_CSV_HEADER, ...rows]);
}
