import { RFM_SEGMENTS, type SegmentCondition, type SegmentRule } from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import { customers } from '../db/schema/index.js';
import { validationProblem } from '../http/problem.js';
import { NO_SCORES } from '../reports/customer-scores.js';

/** Facts about a customer's behaviour, as SQL over the customer row `customers`. */
const BEHAVIOUR: Record<string, SQL> = {
  orderCount: sql`(select count(*) from crm.orders o
    where o.org_id = ${customers.orgId} and o.customer_id = ${customers.id} and o.deleted_at is null)`,
  // Orders in the organization's base currency, others converted with its rates (no rate: left out).
  lifetimeValue: sql`(select coalesce(sum(case when o.currency = g.base_currency then o.total_amount
      else o.total_amount * (g.exchange_rates ->> o.currency)::numeric end), 0)
    from crm.orders o join crm.organizations g on g.id = o.org_id
    where o.org_id = ${customers.orgId} and o.customer_id = ${customers.id} and o.deleted_at is null)`,
  lastOrderDaysAgo: sql`(select extract(day from now() - max(o.placed_at)) from crm.orders o
    where o.org_id = ${customers.orgId} and o.customer_id = ${customers.id} and o.deleted_at is null)`,
  lastActivityDaysAgo: sql`(select extract(day from now() - max(a.occurred_at)) from crm.activities a
    where a.org_id = ${customers.orgId} and a.customer_id = ${customers.id} and a.deleted_at is null and a.occurred_at <= now())`,
  openOpportunities: sql`(select count(*) from crm.opportunities d join crm.stages s on s.org_id = d.org_id and s.id = d.stage_id
    where d.org_id = ${customers.orgId} and d.customer_id = ${customers.id} and d.deleted_at is null and s.kind = 'open')`,
};

const COLUMNS = {
  kind: customers.kind,
  lifecycleStage: customers.lifecycleStage,
  industry: customers.industry,
  size: customers.size,
  region: customers.region,
  source: customers.source,
  ownerId: customers.ownerId,
} as const;

/** The customer analysis' facts (`GET /reports/customers`), as columns of the scored customers' relation. */
const SCORES: Record<string, SQL> = {
  rfmSegment: sql`s.segment`,
  rfmRecency: sql`s.r`,
  rfmFrequency: sql`s.f`,
  rfmMonetary: sql`s.m`,
  daysSinceLastPurchase: sql`s.recency_days`,
};

/** A number as PostgreSQL's numeric reads it (so not `0x10` or `Infinity`, which JavaScript reads). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d{1,3})?$/i;

function condition(c: SegmentCondition, path: string, scores: SQL): SQL {
  const bad = (message: string) => validationProblem([{ path, code: 'invalid_value', message }]);
  if (c.field in SCORES) return scoreCondition(c, scores, bad);
  if (c.field === 'tags') {
    if (c.op === 'contains' && typeof c.value === 'string') return sql`${customers.tags} @> array[${c.value}]::text[]`;
    if (c.op === 'in' && Array.isArray(c.value))
      return sql`${customers.tags} && ${sql`array[${sql.join(
        c.value.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`}`;
    if (c.op === 'empty') return sql`cardinality(${customers.tags}) = 0`;
    if (c.op === 'notEmpty') return sql`cardinality(${customers.tags}) > 0`;
    throw bad('Tags take contains (a tag), in (a list), empty or notEmpty');
  }
  const target = c.field in COLUMNS ? sql`${COLUMNS[c.field as keyof typeof COLUMNS]}::text` : BEHAVIOUR[c.field]!;
  const numeric = c.field in BEHAVIOUR;
  if (c.op === 'empty') return sql`${target} is null`;
  if (c.op === 'notEmpty') return sql`${target} is not null`;
  if (c.op === 'in') {
    if (!Array.isArray(c.value) || c.value.length === 0) throw bad('"in" takes a list of values');
    if (numeric && !c.value.every((v) => DECIMAL.test(v))) throw bad(`${c.field} compares with numbers`);
    return sql`${target} in (${sql.join(
      c.value.map((v) => (numeric ? sql`${v}::numeric` : sql`${v}`)),
      sql`, `,
    )})`;
  }
  if (numeric) {
    if (typeof c.value !== 'number') throw bad(`${c.field} compares with a number`);
    const op = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op as 'eq'];
    if (!op) throw bad(`${c.field} does not take ${c.op}`);
    // A customer with no orders has no "days since the last order": treat as never (infinitely long ago).
    const value = c.field.endsWith('DaysAgo') ? sql`coalesce(${target}, 'Infinity'::numeric)` : target;
    // As numeric: a count would read the number as a bigint, and 2.5 or 1e300 are not one.
    return sql`${value} ${sql.raw(op)} ${c.value}::numeric`;
  }
  if (typeof c.value !== 'string') throw bad(`${c.field} compares with text`);
  if (c.op === 'eq') return sql`${target} = ${c.value}`;
  if (c.op === 'neq') return sql`${target} is distinct from ${c.value}`;
  if (c.op === 'contains') return sql`${target} ilike ${`%${c.value.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`;
  throw bad(`${c.field} does not take ${c.op}`);
}

/**
 * A condition on the scored customers, as membership in one uncorrelated subquery (computed once per
 * statement: the scores rank all customers, which a subquery per customer would redo each time).
 * Customers without counted orders have no scores: only `empty`, `neq` and negations match them.
 */
function scoreCondition(c: SegmentCondition, scores: SQL, bad: (message: string) => Error): SQL {
  const column = SCORES[c.field]!;
  const scored = (where: SQL) => sql`${customers.id} in (select s.customer_id from ${scores} s where ${where})`;
  const unscoredOr = (where: SQL) => sql`${customers.id} not in (select s.customer_id from ${scores} s where ${where})`;
  if (c.op === 'empty') return unscoredOr(sql`true`);
  if (c.op === 'notEmpty') return scored(sql`true`);
  if (c.field === 'rfmSegment') {
    const segments = (Array.isArray(c.value) ? c.value : [c.value]) as unknown[];
    if (!segments.every((v) => typeof v === 'string' && (RFM_SEGMENTS as readonly string[]).includes(v)))
      throw bad(`rfmSegment is one of ${RFM_SEGMENTS.join(', ')}`);
    const list = sql.join(
      segments.map((v) => sql`${v}`),
      sql`, `,
    );
    if (c.op === 'eq' && !Array.isArray(c.value)) return scored(sql`${column} = ${c.value}`);
    if (c.op === 'neq' && !Array.isArray(c.value)) return unscoredOr(sql`${column} = ${c.value}`);
    if (c.op === 'in' && Array.isArray(c.value) && c.value.length) return scored(sql`${column} in (${list})`);
    throw bad('rfmSegment takes eq or neq (a segment), in (a list), empty or notEmpty');
  }
  const op = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op as 'eq'];
  if (!op) throw bad(`${c.field} does not take ${c.op}`);
  if (typeof c.value !== 'number') throw bad(`${c.field} compares with a number`);
  if (c.op === 'neq') return unscoredOr(sql`${column} = ${c.value}::numeric`);
  return scored(sql`${column} ${sql.raw(op)} ${c.value}::numeric`);
}

/**
 * How many conditions and listed values a rule may hold in all. The schema allows 50 × 50 × 50
 * conditions of 100 values each, far past the 65,535 parameters a query can carry.
 */
export const MAX_RULE_TERMS = 1000;

/** The conditions of a rule, each counted once per value it lists (at least once). */
function terms(rule: SegmentRule): number {
  if ('all' in rule) return rule.all.reduce((n, r) => n + terms(r as SegmentRule), 0);
  if ('any' in rule) return rule.any.reduce((n, r) => n + terms(r as SegmentRule), 0);
  return Array.isArray(rule.value) ? Math.max(1, rule.value.length) : 1;
}

function compile(rule: SegmentRule, path: string, scores: SQL): SQL {
  if ('all' in rule)
    return sql`(${sql.join(
      rule.all.map((r, i) => compile(r as SegmentRule, `${path}.all.${i}`, scores)),
      sql` and `,
    )})`;
  if ('any' in rule)
    return sql`(${sql.join(
      rule.any.map((r, i) => compile(r as SegmentRule, `${path}.any.${i}`, scores)),
      sql` or `,
    )})`;
  return condition(rule, path, scores);
}

/** Whether a rule tests a fact of the customer analysis, which needs the scored customers. */
export function usesScores(rule: SegmentRule): boolean {
  if ('all' in rule) return rule.all.some((r) => usesScores(r as SegmentRule));
  if ('any' in rule) return rule.any.some((r) => usesScores(r as SegmentRule));
  return rule.field in SCORES;
}

/**
 * A segment's rule tree as one SQL condition on `crm.customers`; bad rules are 400 problems. `scores`
 * is the relation of `scoredCustomers()` for the caller's organization; without it (to check a rule
 * before it is saved) no customer has scores.
 */
export function compileRule(rule: SegmentRule, scores: SQL = NO_SCORES): SQL {
  if (terms(rule) > MAX_RULE_TERMS) {
    throw validationProblem([
      {
        path: 'rules',
        code: 'too_big',
        message: `More than ${MAX_RULE_TERMS} conditions and listed values in all`,
        max: MAX_RULE_TERMS,
      },
    ]);
  }
  return compile(rule, 'rules', scores);
}
