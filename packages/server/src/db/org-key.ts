import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * `column = orgId` for a lookup by a record's key (its id, an external id), worded so that the planner
 * does not see which organization it is. A constant is estimated from the table's statistics, and an
 * organization that is new since the table was last analyzed is not in them: the planner expects one row
 * of it, so any index that starts with `org_id` looks as good as the key, and it may take a smaller one
 * (owner, region) and read every row of the organization to find one. A bulk import into a new
 * organization then slows down with every record it adds (10,000 customers: minutes, not seconds). As
 * the result of a subquery the id is estimated like any value not known in advance, and the lookup
 * takes the key's own index.
 *
 * Only for lookups by a key: a list's plan should see the organization (its size decides it).
 */
export function orgKey(column: PgColumn, orgId: string): SQL {
  return sql`${column} = (select ${orgId}::uuid)`;
}
