// What the customer analysis knows of each customer who has ordered: their counted orders, first and
// last order day, value in the base currency, and RFM scores and segment. One SQL definition, read by
// the report and by the segment rules (`rfmSegment`, `rfmRecency`, …), so a rule the report hands out
// matches the customers the report counted.
import { sql, type SQL } from 'drizzle-orm';
import { scopeCondition, type OrgReportContext, type OwnerScope } from '../board/context.js';
import { conversion, type Rates } from '../board/money.js';

/** Orders that count as purchases (alias `r`): live ones that were neither cancelled nor refunded. */
export const COUNTED_ORDER = sql`r.deleted_at is null and r.status not in ('cancelled', 'refunded')`;

/**
 * Per currency with a rate, what one minor unit is worth in minor units of the base currency (the
 * rate shifted by the difference of minor digits), as a relation `factors(currency, factor)`.
 */
export function conversionFactors(rates: Rates): SQL {
  const currencies = new Set([rates.base, ...Object.keys(rates.rates)]);
  const values: SQL[] = [];
  for (const currency of currencies) {
    const to = conversion(currency, rates);
    if (to) values.push(sql`(${currency}::text, ${String(to.rate)}::numeric * power(10::numeric, ${to.shift}::int))`);
  }
  return sql`(values ${sql.join(values, sql`, `)}) as factors(currency, factor)`;
}

/** The RFM segment of scores `r` and `f`, by the rule documented on `RfmSegment` (core). */
const SEGMENT = sql`case
  when r <= 2 then case when f = 5 then 'cannotLose' when f >= 3 then 'atRisk' else 'hibernating' end
  when f >= 4 then case when r = 5 then 'champions' else 'loyal' end
  when f >= 2 then case when r >= 4 then 'potentialLoyalists' when f = 3 then 'needsAttention' else 'aboutToSleep' end
  else case when r = 5 then 'new' when r = 4 then 'promising' else 'aboutToSleep' end
end`;

/**
 * The counted orders of an organization's live customers, among those the caller may see (row-level
 * security on the orders decides, by the copy of their customer's owner): a relation with `customer_id`,
 * `currency`, `total_amount`, `day` (in `timeZone`) and `base_amount` (in minor units of the base
 * currency, unrounded; null without a rate). Trashed customers are left out by a hashed list of them
 * (few), so the orders are read once, without a lookup of each order's customer.
 */
export function countedOrders(orgId: string, { timeZone, rates, visible }: ScoreContext): SQL {
  return sql`(select r.customer_id, r.currency, r.total_amount, (r.placed_at at time zone ${timeZone})::date as day,
      r.total_amount * factors.factor as base_amount
    from crm.orders r left join ${conversionFactors(rates)} on factors.currency = r.currency
    where r.org_id = ${orgId} and ${COUNTED_ORDER} and ${liveCustomer(orgId)} and ${visibleOrders(visible)})`;
}

/** What the scores need of the organization and the caller (see `orgReportContext`). */
export type ScoreContext = Pick<OrgReportContext, 'timeZone' | 'rates' | 'visible'>;

/**
 * The orders the caller may see, by the copy of their customer's owner (alias `r`): row-level security
 * decides, this says it again so that a rep's or a manager's read takes the owner index instead of
 * testing every order of the organization.
 */
export const visibleOrders = (visible: OwnerScope): SQL =>
  scopeCondition(visible, sql`r.customer_owner_id`) ?? sql`true`;

/** The order's (alias `r`) customer is not in the trash: an uncorrelated list, hashed once. */
export const liveCustomer = (orgId: string) => sql`r.customer_id not in (select t.id from crm.customers t
  where t.org_id = ${orgId} and t.deleted_at is not null)`;

/**
 * The scored customers of the relation `orders` (of {@link countedOrders}, or a name it was given in a
 * WITH): `customer_id`, `orders`, `first_day`, `last_day`, `recency_days` (days from the last order day
 * to today, in `timeZone`), `monetary` (orders in the base currency; without a rate they count 0),
 * `sums` (JSON: per currency, `count` orders and their `amount`), the scores `r`, `f`, `m` and `segment`.
 */
export function scoresOf(orders: SQL, timeZone: string): SQL {
  // A score is 1 + the quintile of the percent rank, (rank − 1) / (n − 1) as percent_rank() has it,
  // ties sharing the lower score: rank − 1 is how many customers have a worse value. Counted per
  // distinct value (a window over few rows) rather than by percent_rank() over every customer,
  // whose window PostgreSQL walks peer by peer: seconds at 250,000 customers of one order each. Each
  // materialized: inlined, a misestimate of the customers re-ran them for every customer.
  const below = (column: string, order: 'asc' | 'desc') =>
    sql`(select ${sql.raw(column)} as v, (sum(count(*)) over (order by ${sql.raw(column)} ${sql.raw(order)}) - count(*))::float8 as below
      from b group by ${sql.raw(column)})`;
  const score = (ranks: string) =>
    sql`least(5, 1 + floor(5 * (${sql.raw(ranks)}.below / greatest(n.total - 1, 1))))::int`;
  return sql`(with bc as materialized (
        select o.customer_id, o.currency, count(*)::int as n, sum(o.total_amount) as amount,
          sum(o.base_amount) as base_amount, min(o.day) as first_day, max(o.day) as last_day
        from ${orders} o
        group by o.customer_id, o.currency
      ),
      b as materialized (
        select customer_id, sum(n)::int as orders, min(first_day) as first_day, max(last_day) as last_day,
          (now() at time zone ${timeZone})::date - max(last_day) as recency_days,
          coalesce(sum(base_amount), 0) as monetary,
          json_agg(json_build_object('currency', currency, 'count', n, 'amount', amount::text)) as sums
        from bc
        group by customer_id
      ),
      n as materialized (select count(*)::float8 as total from b),
      rr as materialized ${below('recency_days', 'desc')},
      fr as materialized ${below('orders', 'asc')},
      mr as materialized ${below('monetary', 'asc')}
    select c.*, ${SEGMENT} as segment from (
      select b.*, ${score('rr')} as r, ${score('fr')} as f, ${score('mr')} as m
      from b cross join n
      join rr on rr.v = b.recency_days join fr on fr.v = b.orders join mr on mr.v = b.monetary
    ) c)`;
}

/** The scored customers of an organization that the caller may see (see {@link scoresOf}). */
export function scoredCustomers(orgId: string, context: ScoreContext): SQL {
  return scoresOf(countedOrders(orgId, context), context.timeZone);
}

/** No scored customers: the relation of {@link scoredCustomers} without rows, to check a rule's shape. */
export const NO_SCORES = sql`(select null::uuid as customer_id, 0 as orders, null::date as first_day,
  null::date as last_day, 0 as recency_days, 0::numeric as monetary, 0 as r, 0 as f, 0 as m, null::text as segment
  where false)`;
