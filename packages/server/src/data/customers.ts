import type { Customer, CustomerListQuery, CustomerSort, Page } from '@crmkit/core';

import { and, arrayContains, asc, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../db/database.js';
import { customers } from '../db/schema/index.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';

type CustomerRow = typeof customers.$inferSelect;

/** The API's view of a customer row. */
export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    emails: row.emails,
    phones: row.phones,
    website: row.website,
    industry: row.industry,
    size: row.size as Customer['size'],
    region: row.region,
    address: row.address,
    source: row.source,
    lifecycleStage: row.lifecycleStage,
    tags: row.tags,
    ownerId: row.ownerId,
    externalId: row.externalId,
    attributes: row.attributes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

const SORT_COLUMNS = {
  name: customers.name,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
} as const;

/** Escapes LIKE's wildcards so a search for `50%` finds exactly that. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * Matches a search text column against what the user typed; a query that looks like a phone
 * number also matches by its digits alone.
 */
export function searchCondition(column: typeof customers.search, q: string): SQL {
  const digits = q.replace(/[^0-9]/g, '');
  const byText = ilike(column, likePattern(q));
  return /^[+0-9 ()./-]+$/.test(q) && digits.length >= 3 && digits !== q
    ? or(byText, ilike(column, likePattern(digits)))!
    : byText;
}

/** One page of live customers, in a stable keyset order (sort key, then id). */
export async function listCustomers(
  tx: Tx,
  orgId: string,
  query: z.output<typeof CustomerListQuery>,
): Promise<Page<Customer>> {
  const sort: CustomerSort = query.sort;
  const descending = sort.startsWith('-');
  const key = sort.replace('-', '') as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[key];

  const where: (SQL | undefined)[] = [eq(customers.orgId, orgId), isNull(customers.deletedAt)];
  if (query.q) where.push(searchCondition(customers.search, query.q));
  if (query.ownerId) where.push(eq(customers.ownerId, query.ownerId));
  if (query.lifecycleStage) where.push(eq(customers.lifecycleStage, query.lifecycleStage));
  if (query.region) where.push(eq(customers.region, query.region));
  if (query.tag) where.push(arrayContains(customers.tags, [query.tag]));
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    // Compared in the column's own type, so timestamps keep their microseconds.
    const after = sql`cast(${String(value)} as ${sql.raw(key === 'name' ? 'text' : 'timestamptz')})`;
    where.push(
      descending
        ? sql`(${column}, ${customers.id}) < (${after}, ${id}::uuid)`
        : sql`(${column}, ${customers.id}) > (${after}, ${id}::uuid)`,
    );
  }

  const order = descending ? desc : asc;
  const rows = await tx
    .select({ row: customers, sortValue: sql<string>`${column}::text` })
    .from(customers)
    .where(and(...where))
    .orderBy(order(column), order(customers.id))
    .limit(query.limit + 1);

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor([last.sortValue, last.row.id]) : null;
  return { items: page.map(({ row }) => toCustomer(row)), nextCursor };
}

export async function getCustomer(tx: Tx, orgId: string, id: string): Promise<Customer | undefined> {
  const [row] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, id)));
  return row ? toCustomer(row) : undefined;
}
