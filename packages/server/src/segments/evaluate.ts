// Segments evaluated against the data as it is now: a rule as a condition on the customers, and the
// segments one customer is in.
import { SegmentRule } from '@crmkit/core';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { orgReportContext } from '../board/context.js';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { customers, segments } from '../db/schema/index.js';
import type { Caller } from '../http/env.js';
import { scoredCustomers } from '../reports/customer-scores.js';
import { compileRule, usesScores } from './compile.js';

/** A customer's segments are tested this many at a time, one query each batch. */
const SEGMENTS_PER_QUERY = 25;

/**
 * A rule as one condition on `crm.customers`; bad rules are 400 problems. A rule that tests the
 * customer analysis' scores (RFM) ranks the customers the caller sees, in the organization's time
 * zone and at its rates, as the report does.
 */
export async function ruleCondition(tx: Tx, caller: Caller, rules: SegmentRule): Promise<SQL> {
  const org = usesScores(rules) ? await orgReportContext(tx, caller) : null;
  return compileRule(rules, org ? scoredCustomers(caller.orgId, org) : undefined);
}

/** {@link ruleCondition} for many rules, reading the organization's report context at most once. */
async function ruleConditions(tx: Tx, caller: Caller, rules: SegmentRule[]): Promise<SQL[]> {
  const org = rules.some(usesScores) ? await orgReportContext(tx, caller) : null;
  const scored = org ? scoredCustomers(caller.orgId, org) : undefined;
  return rules.map((rule) => compileRule(rule, usesScores(rule) ? scored : undefined));
}

/** The live segments whose rules the customer matches now, by name (the caller may see the customer). */
export async function segmentsOf(tx: Tx, caller: Caller, customerId: string): Promise<{ id: string; name: string }[]> {
  const { orgId } = caller;
  const all = await tx
    .select({ id: segments.id, name: segments.name, rules: segments.rules })
    .from(segments)
    .where(and(eq(segments.orgId, orgId), isNull(segments.deletedAt)))
    .orderBy(segments.name, segments.id);
  const conditions = await ruleConditions(
    tx,
    caller,
    all.map((segment) => SegmentRule.parse(segment.rules)),
  );
  const tests = all.map(
    (segment, i) =>
      sql`select ${segment.id}::uuid as id where exists (
            select 1 from ${customers}
            where ${customers.orgId} = ${orgId} and ${customers.id} = ${customerId} and ${conditions[i]})`,
  );
  const matched = new Set<string>();
  for (let start = 0; start < tests.length; start += SEGMENTS_PER_QUERY) {
    const batch = sql.join(tests.slice(start, start + SEGMENTS_PER_QUERY), sql` union all `);
    for (const { id } of await rows<{ id: string }>(tx, batch)) matched.add(id);
  }
  return all.filter((segment) => matched.has(segment.id)).map(({ id, name }) => ({ id, name }));
}
