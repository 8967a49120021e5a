// The customer analysis from orders: RFM scores and segments, purchase frequency, order and lifetime
// value, customers at risk, top products from the orders' lines and repeat-purchase cohorts. Every
// figure counts the live customers the caller may see and their counted orders (customer-scores.ts).
import {
  divideRounded,
  type Cohort,
  type CustomerReport,
  type CustomerReportQuery,
  type OrderMoney,
  type RfmSegment,
  type TopProduct,
  RFM_SEGMENTS,
} from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { orgReportContext } from '../board/context.js';
import { addBucket, convertTotals, currencyTotals, type Bucket, type Rates } from '../board/money.js';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import type { Caller } from '../http/env.js';
import { COUNTED_ORDER, countedOrders, liveCustomer, scoresOf, visibleOrders } from './customer-scores.js';

/** How many customers at risk and products the report lists, and how many months of cohorts. */
const AT_RISK_LISTED = 50;
const PRODUCTS_LISTED = 10;
const COHORT_MONTHS = 12;

interface CurrencySum {
  currency: string;
  count: number;
  amount: string;
}

/** Money of some orders per currency, and converted into the base currency (rounded once). */
function orderMoney(sums: Iterable<CurrencySum>, rates: Rates): OrderMoney {
  const buckets = new Map<string, Bucket>();
  for (const s of sums) {
    const sum = BigInt(s.amount);
    addBucket(buckets, { currency: s.currency, count: s.count, sum, weightedCents: sum * 100n });
  }
  const converted = convertTotals(buckets.values(), rates);
  return {
    totals: currencyTotals(buckets.values()).map(({ weighted: _, ...total }) => total),
    converted: { currency: converted.currency, sum: converted.sum, missingRates: converted.missingRates },
  };
}

/** The orders behind a converted sum: those in a currency with a rate. */
const convertedCount = (money: OrderMoney) =>
  money.totals.filter((t) => !money.converted.missingRates.includes(t.currency)).reduce((n, t) => n + t.count, 0);

/** postgres.js parses json; PGlite too, but be safe with a string. */
const parsed = <T>(value: T | string | null): T | null =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

interface Summary {
  as_of: string;
  segments: { segment: RfmSegment; customers: number; repeaters: number; at_risk: number }[] | string | null;
  money: { segment: RfmSegment; at_risk: boolean; currency: string; count: number; amount: string }[] | string | null;
  at_risk:
    | {
        customer_id: string;
        name: string;
        owner_id: string | null;
        last_day: string;
        recency_days: number;
        orders: number;
        r: number;
        f: number;
        m: number;
        segment: RfmSegment;
        sums: CurrencySum[];
      }[]
    | string
    | null;
  cohorts: { month: string; offset: number; customers: number }[] | string | null;
  /** Per cohort month, the customers who ordered again in a later month. */
  repeaters: { month: string; customers: number }[] | string | null;
}

interface ProductRow {
  sku: string | null;
  name: string;
  orders: number;
  customers: number;
  quantity: string;
  sums: CurrencySum[] | string;
}

export async function customerReport(tx: Tx, caller: Caller, query: CustomerReportQuery): Promise<CustomerReport> {
  const org = await orgReportContext(tx, caller);
  const { rates, timeZone } = org;
  const atRiskDays = query.atRiskDays ?? 90;
  const today = sql`(now() at time zone ${timeZone})::date`;
  const monthIndex = (day: ReturnType<typeof sql>) =>
    sql`(extract(year from ${day}) * 12 + extract(month from ${day}))::int`;
  const [[summary], products] = await Promise.all([
    rows<Summary>(
      tx,
      // The orders read once, scored once (materialized), then every figure from them.
      // No join of the customers back to their orders: behind row-level security the planner expects a
      // handful of rows and would join them row by row. Each customer's sums per currency come with
      // the scores; the orders' first day of their customer by a window.
      sql`with base as materialized (
            select o.*, min(o.day) over (partition by o.customer_id) as first_day
            from ${countedOrders(caller.orgId, org)} o
          ),
          s as materialized ${scoresOf(sql`base`, timeZone)},
          risky as (
            select s.* from s where s.recency_days > ${atRiskDays}
            order by s.monetary desc, s.customer_id limit ${AT_RISK_LISTED}
          )
        select to_char(${today}, 'YYYY-MM-DD') as as_of,
          (select json_agg(x) from (
            select segment, count(*)::int as customers, count(*) filter (where orders >= 2)::int as repeaters,
              count(*) filter (where recency_days > ${atRiskDays})::int as at_risk
            from s group by segment) x) as segments,
          (select json_agg(x) from (
            select s.segment, s.recency_days > ${atRiskDays} as at_risk, c.currency, sum(c.count)::int as count,
              sum(c.amount)::text as amount
            from s cross join lateral json_to_recordset(s.sums) as c(currency text, count int, amount numeric)
            group by 1, 2, 3) x) as money,
          (select json_agg(x order by x.monetary desc, x.customer_id) from (
            select risky.customer_id, k.name, k.owner_id, to_char(risky.last_day, 'YYYY-MM-DD') as last_day,
              risky.recency_days, risky.orders, risky.r, risky.f, risky.m, risky.segment, risky.monetary, risky.sums
            from risky join crm.customers k on k.org_id = ${caller.orgId} and k.id = risky.customer_id) x) as at_risk,
          (select json_agg(x) from (
            select to_char(first_day, 'YYYY-MM') as month, ${monthIndex(sql`day`)} - ${monthIndex(sql`first_day`)} as "offset",
              count(distinct customer_id)::int as customers
            from base where first_day >= date_trunc('month', ${today}) - interval '${sql.raw(String(COHORT_MONTHS - 1))} months'
            group by 1, 2) x) as cohorts,
          (select json_agg(x) from (
            select to_char(first_day, 'YYYY-MM') as month, count(distinct customer_id)::int as customers
            from base where first_day >= date_trunc('month', ${today}) - interval '${sql.raw(String(COHORT_MONTHS - 1))} months'
              and date_trunc('month', day) > date_trunc('month', first_day)
            group by 1) x) as repeaters`,
    ),
    rows<ProductRow>(
      tx,
      // A product is its SKU, or its name on lines without one; its money per currency rounded once.
      sql`with l as (
            select case when l.sku is not null then 's:' || l.sku else 'n:' || l.name end as key, l.sku, l.name,
              r.id, r.customer_id, r.currency, l.quantity, l.quantity * l."unitAmount" as amount
            from crm.orders r
            cross join lateral jsonb_to_recordset(r.lines) as l(sku text, name text, quantity numeric, "unitAmount" numeric)
            where r.org_id = ${caller.orgId} and ${COUNTED_ORDER} and ${liveCustomer(caller.orgId)} and ${visibleOrders(org.visible)}
          ),
          per_currency as (
            select key, currency, count(distinct id)::int as count, round(sum(amount))::text as amount
            from l group by key, currency
          )
          select min(l.sku) as sku, min(l.name) as name, count(distinct l.id)::int as orders,
            count(distinct l.customer_id)::int as customers, sum(l.quantity)::text as quantity,
            (select json_agg(json_build_object('currency', p.currency, 'count', p.count, 'amount', p.amount))
             from per_currency p where p.key = l.key) as sums
          from l group by l.key`,
    ),
  ]);

  const segmentRows = parsed(summary!.segments) ?? [];
  const money = parsed(summary!.money) ?? [];
  const moneyOf = (keep: (m: (typeof money)[number]) => boolean) => orderMoney(money.filter(keep), rates);

  const customers = segmentRows.reduce((n, s) => n + s.customers, 0);
  const revenue = moneyOf(() => true);
  const orders = revenue.totals.reduce((n, t) => n + t.count, 0);
  const converted = convertedCount(revenue);
  const repeaters = segmentRows.reduce((n, s) => n + s.repeaters, 0);

  const segments = RFM_SEGMENTS.map((segment) => {
    const row = segmentRows.find((s) => s.segment === segment);
    const segmentRevenue = moneyOf((m) => m.segment === segment);
    return {
      segment,
      customers: row?.customers ?? 0,
      orders: segmentRevenue.totals.reduce((n, t) => n + t.count, 0),
      revenue: segmentRevenue,
      rule: { field: 'rfmSegment' as const, op: 'eq' as const, value: segment },
    };
  });

  const topProducts: TopProduct[] = products
    .map((p) => ({
      sku: p.sku,
      name: p.name,
      orders: p.orders,
      customers: p.customers,
      quantity: Number(p.quantity),
      revenue: orderMoney(parsed(p.sums) ?? [], rates),
    }))
    .sort((a, b) => {
      const x = BigInt(a.revenue.converted.sum);
      const y = BigInt(b.revenue.converted.sum);
      if (x !== y) return x > y ? -1 : 1;
      if (a.quantity !== b.quantity) return b.quantity - a.quantity;
      return a.name < b.name ? -1 : a.name > b.name ? 1 : (a.sku ?? '') < (b.sku ?? '') ? -1 : 1;
    })
    .slice(0, PRODUCTS_LISTED);

  return {
    asOf: summary!.as_of,
    currency: rates.base,
    atRiskDays,
    customers,
    orders,
    revenue,
    averageOrderValue: converted ? divideRounded(BigInt(revenue.converted.sum), BigInt(converted)).toString() : null,
    purchaseFrequency: customers ? orders / customers : null,
    averageLifetimeValue: customers ? divideRounded(BigInt(revenue.converted.sum), BigInt(customers)).toString() : null,
    repeatRate: customers ? repeaters / customers : null,
    segments,
    atRisk: {
      customers: segmentRows.reduce((n, s) => n + s.at_risk, 0),
      lifetimeValue: moneyOf((m) => m.at_risk),
      rule: { field: 'daysSinceLastPurchase', op: 'gt', value: atRiskDays },
      top: (parsed(summary!.at_risk) ?? []).map((c) => ({
        customerId: c.customer_id,
        name: c.name,
        ownerId: c.owner_id,
        lastOrderOn: c.last_day,
        daysSinceLastOrder: c.recency_days,
        orders: c.orders,
        lifetimeValue: orderMoney(c.sums, rates),
        recency: c.r,
        frequency: c.f,
        monetary: c.m,
        segment: c.segment,
      })),
    },
    topProducts,
    cohorts: cohortsOf(parsed(summary!.cohorts) ?? [], parsed(summary!.repeaters) ?? [], summary!.as_of),
  };
}

/** Cohort rows (month, months after, customers) as a triangle up to this month, oldest month first. */
function cohortsOf(
  cells: { month: string; offset: number; customers: number }[],
  repeaters: { month: string; customers: number }[],
  asOf: string,
): Cohort[] {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  const now = index(asOf);
  const months = [...new Set(cells.map((c) => c.month))].sort();
  return months.map((month) => {
    const retained = Array.from({ length: now - index(month) + 1 }, () => 0);
    for (const c of cells) if (c.month === month) retained[c.offset] = c.customers;
    return {
      month,
      customers: retained[0]!,
      retained,
      repeatCustomers: repeaters.find((r) => r.month === month)?.customers ?? 0,
    };
  });
}
