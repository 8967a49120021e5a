import { eq, getTableColumns, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { visibilityOf } from '../db/database.js';
import type { Caller } from '../http/env.js';
import type { Resource } from './resource.js';

/** The columns through which a row is visible by an owner: its own, and its parents' (copied by migration 0012). */
const OWNER_KEYS = ['ownerId', 'customerOwnerId', 'opportunityOwnerId'] as const;

/**
 * What a rep's lists may say again of row-level security, as a condition on a known value: the
 * rep sees the rows they own or whose customer or deal they own. The policies alone compare with
 * `(select crm.visible_owner_ids())`, behind an OR with "sees everything", which the planner can
 * neither size nor match to an index; this condition it sizes from its statistics (a rep owns
 * 0.5% of the rows at a million) and answers from the owner indexes when the rep's rows are rare
 * on the list's sort index. Only a hint: it selects nothing the policies would not, and the
 * policies still decide. Managers see a tenth of the rows and more, which the sort index serves.
 */
export function ownerHint(resource: Resource, caller: Caller): SQL | undefined {
  if (visibilityOf(caller.role) !== 'own' || !caller.userId) return undefined;
  const columns = getTableColumns(resource.table) as Record<string, PgColumn>;
  const keys = OWNER_KEYS.map((key) => columns[key]).filter((c): c is PgColumn => c !== undefined);
  return keys.length ? or(...keys.map((column) => eq(column, caller.userId!))) : undefined;
}
