import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { externalIds } from '../db/schema/index.js';

/** Another system's id of a record: the system's name and its id. */
export interface ExternalKey {
  source: string;
  externalId: string;
}

/**
 * Holds the key until the transaction ends, so two requests upserting the same key one after the
 * other in time, or at once, make one record: the second waits, then finds the first's mapping.
 * (A unique index alone would make the second fail instead.) Runs as its own statement, so the
 * lookup after it reads a snapshot taken once the lock is held.
 */
export async function lockKey(tx: Tx, orgId: string, entity: string, key: ExternalKey): Promise<void> {
  const name = JSON.stringify([orgId, entity, key.source, key.externalId]);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`);
}

/** The id of the record that `key` names in the organization, or undefined. */
export async function findByKey(tx: Tx, orgId: string, entity: string, key: ExternalKey): Promise<string | undefined> {
  const [row] = await tx
    .select({ recordId: externalIds.recordId })
    .from(externalIds)
    .where(
      and(
        eq(externalIds.orgId, orgId),
        eq(externalIds.entity, entity),
        eq(externalIds.source, key.source),
        eq(externalIds.externalId, key.externalId),
      ),
    );
  return row?.recordId;
}

/**
 * Records that `key` names the record `recordId`. A record has one id per system: linking it to
 * a second id of the same system fails on the unique key (a 409).
 */
export async function linkKey(tx: Tx, orgId: string, entity: string, key: ExternalKey, recordId: string) {
  await tx.insert(externalIds).values({ orgId, entity, source: key.source, externalId: key.externalId, recordId });
}

/** Every system's id of a record, as `{ source: externalId }`. */
export async function keysOf(tx: Tx, orgId: string, entity: string, recordId: string): Promise<Record<string, string>> {
  const rows = await tx
    .select({ source: externalIds.source, externalId: externalIds.externalId })
    .from(externalIds)
    .where(and(eq(externalIds.orgId, orgId), eq(externalIds.entity, entity), eq(externalIds.recordId, recordId)));
  return Object.fromEntries(rows.map((r) => [r.source, r.externalId]));
}
