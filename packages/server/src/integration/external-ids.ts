import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { orgKey } from '../db/org-key.js';
import { rows } from '../db/rows.js';
import { externalIds } from '../db/schema/index.js';

/** Another system's id of a record: the system's name and its id. */
export interface ExternalKey {
  source: string;
  externalId: string;
}

/** A key as one text, the same in every statement that names it. */
const keyText = (orgId: string, entity: string, key: ExternalKey) =>
  JSON.stringify([orgId, entity, key.source, key.externalId]);

/**
 * Holds the keys until the transaction ends, so two requests upserting the same key one after the
 * other in time, or at once, make one record: the second waits, then finds the first's mapping.
 * (A unique index alone would make the second fail instead.) One statement for all the keys,
 * taken in a fixed order so that two requests with keys in common cannot deadlock; it runs alone,
 * so the lookup after it reads a snapshot taken once the locks are held.
 */
export async function lockKeys(tx: Tx, orgId: string, entity: string, keys: ExternalKey[]): Promise<void> {
  const names = [...new Set(keys.map((key) => keyText(orgId, entity, key)))].sort();
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(name, 0)) from unnest(${sql.param(names)}::text[]) as name order by name`,
  );
}

/**
 * The ids of the records that the keys name in the organization, by {@link keyText} (unknown keys
 * left out): one statement, a lookup of the primary key per key. (As a subquery per key, with a
 * `limit` that keeps the planner from turning it into a join: a join would read all the
 * organization's ids whenever the statistics think the organization small, see `orgKey`.)
 */
export async function findByKeys(
  tx: Tx,
  orgId: string,
  entity: string,
  keys: ExternalKey[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const found = await rows<{ source: string; externalId: string; recordId: string }>(
    tx,
    sql`select k.source, k.external_id as "externalId", e.record_id as "recordId"
        from unnest(${sql.param(keys.map((k) => k.source))}::text[], ${sql.param(keys.map((k) => k.externalId))}::text[])
          as k(source, external_id)
        cross join lateral (
          select ${externalIds.recordId}::text as record_id from ${externalIds}
          where ${orgKey(externalIds.orgId, orgId)} and ${externalIds.entity} = ${entity}
            and ${externalIds.source} = k.source and ${externalIds.externalId} = k.external_id
          limit 1
        ) e`,
  );
  return new Map(found.map((row) => [keyText(orgId, entity, row), row.recordId]));
}

/** The id of the record that `key` names in the organization, or undefined. */
export async function findByKey(tx: Tx, orgId: string, entity: string, key: ExternalKey): Promise<string | undefined> {
  return idOfKey(await findByKeys(tx, orgId, entity, [key]), orgId, entity, key);
}

/** Holds one key until the transaction ends (see {@link lockKeys}). */
export function lockKey(tx: Tx, orgId: string, entity: string, key: ExternalKey): Promise<void> {
  return lockKeys(tx, orgId, entity, [key]);
}

/** Records that `key` names the record `recordId` (see {@link linkKeys}). */
export function linkKey(tx: Tx, orgId: string, entity: string, key: ExternalKey, recordId: string) {
  return linkKeys(tx, orgId, entity, [{ key, recordId }]);
}

/** The record id a key names, from {@link findByKeys}' answer. */
export function idOfKey(found: Map<string, string>, orgId: string, entity: string, key: ExternalKey) {
  return found.get(keyText(orgId, entity, key));
}

/**
 * Records that each key names its record. A record has one id per system: linking it to a second
 * id of the same system fails on the unique key (a 409).
 */
export async function linkKeys(tx: Tx, orgId: string, entity: string, links: { key: ExternalKey; recordId: string }[]) {
  if (links.length === 0) return;
  await tx
    .insert(externalIds)
    .values(
      links.map(({ key, recordId }) => ({ orgId, entity, source: key.source, externalId: key.externalId, recordId })),
    );
}

/** Every system's id of a record, as `{ source: externalId }`. */
export async function keysOf(tx: Tx, orgId: string, entity: string, recordId: string): Promise<Record<string, string>> {
  const rows = await tx
    .select({ source: externalIds.source, externalId: externalIds.externalId })
    .from(externalIds)
    .where(and(orgKey(externalIds.orgId, orgId), eq(externalIds.entity, entity), eq(externalIds.recordId, recordId)));
  return Object.fromEntries(rows.map((r) => [r.source, r.externalId]));
}
