import { SegmentRule } from '@crmkit/core';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import { customers, segments } from '../db/schema/index.js';
import { compileRule } from './compile.js';

/** A customer's segments are tested this many at a time, one query each batch. */
const SEGMENTS_PER_QUERY = 25;

/** The live segments whose rules the customer matches now, by name (the caller may see the customer). */
export async function segmentsOf(tx: Tx, orgId: string, customerId: string): Promise<{ id: string; name: string }[]> {
  const all = await tx
    .select({ id: segments.id, name: segments.name, rules: segments.rules })
    .from(segments)
    .where(and(eq(segments.orgId, orgId), isNull(segments.deletedAt)))
    .orderBy(segments.name, segments.id);
  const matched = new Set<string>();
  for (let start = 0; start < all.length; start += SEGMENTS_PER_QUERY) {
    const tests = all.slice(start, start + SEGMENTS_PER_QUERY).map(
      (segment) =>
        sql`select ${segment.id}::uuid as id where exists (
              select 1 from ${customers}
              where ${customers.orgId} = ${orgId} and ${customers.id} = ${customerId}
                and ${compileRule(SegmentRule.parse(segment.rules))})`,
    );
    for (const { id } of await rows<{ id: string }>(tx, sql.join(tests, sql` union all `))) matched.add(id);
  }
  return all.filter((segment) => matched.has(segment.id)).map(({ id, name }) => ({ id, name }));
}
