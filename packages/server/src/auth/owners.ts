import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';

/**
 * Whether the organization has an active owner other than `leaving`, for a write that takes that
 * owner away. Such writes take turns per organization (a lock held to the end of the
 * transaction, read again after it is granted), so two owners demoted at once cannot both pass:
 * the second sees the first's change. Every way a role changes (the users resource, the host's
 * role sync) asks here.
 */
export async function anotherOwner(tx: Tx, orgId: string, leaving: string): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`crm.owners:${orgId}`}))`);
  const [other] = await rows<{ id: string }>(
    tx,
    sql`select id from crm.users
        where org_id = ${orgId} and role = 'owner' and active and deleted_at is null and id <> ${leaving}::uuid
        limit 1`,
  );
  return other !== undefined;
}
