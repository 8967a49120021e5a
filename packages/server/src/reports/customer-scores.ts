// What the customer analysis knows of each customer who has ordered: their counted orders, first and
// last order day, value in the base currency, and RFM scores and segment. One SQL definition, read by
// the report and by the segment rules (`rfmSegment`, `rfmRecency`, …), so a rule the report hands out
// matches the customers the report counted.
import { sql, type SQL } from 'drizzle-orm';
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

/** A score from 1 to 5: the quintile of the customer's percent rank, ties sharing the lower one. */
const score = (order: SQL) => sql`least(5, 1 + floor(5 * percent_rank() over (order by ${order})))::int`;

/**
 * The scored customers of an organization: its live customers with counted orders, among those the
 * caller may see (row-level security on the orders and customers decides): a relation with `customer_id`, `orders`, `first_day`,
 * `last_day`, `recency_days` (days from the last order day to today, in `timeZone`), `monetary` (the
 * orders converted into the base currency, unrounded; orders without a rate count 0), the scores
 * `r`, `f`, `m` and `segment`.
 */
export function scoredCustomers(orgId: string, timeZone: string, rates: Rates): SQL {
  return sql`(select c.*, ${SEGMENT} as segment from (
      select b.*, ${score(sql`b.recency_days desc`)} as r, ${score(sql`b.orders`)} as f, ${score(sql`b.monetary`)} as m
      from (
        select r.customer_id, count(*)::int as orders,
          min((r.placed_at at time zone ${timeZone})::date) as first_day,
          max((r.placed_at at time zone ${timeZone})::date) as last_day,
          (now() at time zone ${timeZone})::date - max((r.placed_at at time zone ${timeZone})::date) as recency_days,
          coalesce(sum(r.total_amount * factors.factor), 0) as monetary
        from crm.orders r
        join crm.customers k on k.org_id = r.org_id and k.id = r.customer_id and k.deleted_at is null
        left join ${conversionFactors(rates)} on factors.currency = r.currency
        where r.org_id = ${orgId} and ${COUNTED_ORDER}
        group by r.customer_id
      ) b
    ) c)`;
}

/** No scored customers: the relation of {@link scoredCustomers} without rows, to check a rule's shape. */
export const NO_SCORES = sql`(select null::uuid as customer_id, 0 as orders, null::date as first_day,
  null::date as last_day, 0 as recency_days, 0::numeric as monetary, 0 as r, 0 as f, 0 as m, null::text as segment
  where false)`;
