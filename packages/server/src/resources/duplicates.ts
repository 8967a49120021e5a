// Finding the stored customers or contacts that imported rows duplicate: those with one of a row's
// emails (trimmed, lower case) or one of its phone numbers (the last nine digits, as lead matching
// compares them). One lookup for a whole batch of rows, not one per row.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import type { Caller } from '../http/env.js';
import { emailKey, phoneKey } from '../leads/matching.js';
import type { Row } from './resource.js';

/** A record's (or a create's) folded emails and phone keys, as the lookup compares them. */
function keysOf(record: Row): { emails: string[]; phones: string[] } {
  const list = (value: unknown) => (Array.isArray(value) ? (value as string[]) : []);
  const emails = list(record.emails).map(emailKey);
  const phones = list(record.phones).map(phoneKey);
  return {
    emails: [...new Set(emails.filter((e): e is string => !!e))],
    phones: [...new Set(phones.filter((k): k is string => !!k))],
  };
}

/** What a create is compared by, for `Resource.duplicateKeys`: `email:<folded>` and `phone:<key>`. */
export function contactPointKeys(create: Row): string[] {
  const { emails, phones } = keysOf(create);
  return [...emails.map((e) => `email:${e}`), ...phones.map((k) => `phone:${k}`)];
}

/**
 * The live records of `table` the transaction's member may see with any of the folded `emails` or
 * phone `keys`: the ids through the function's indexes, the rows by primary key (the organization
 * as a subquery, as `orgKey` words it, so that a new one does not make the planner read all its
 * rows instead). Exported for its plan test, test/import-duplicate-plans.test.ts.
 */
export const matchingRecords = (orgId: string, table: 'customers' | 'contacts', emails: string[], keys: string[]) =>
  sql`select t.id, t.version, t.emails, t.phones
      from ${sql.raw(`crm.${table}`)} t, (select ${sql.raw(`crm.${table}_matching`)}(
        ${sql.param(emails)}::text[], ${sql.param(keys)}::text[]) as ids) m
      where t.org_id = (select ${orgId}::uuid) and t.id = any(m.ids) and t.deleted_at is null
      order by t.id`;

/**
 * For each create, the live customers or contacts (`table`) the caller can see that share one of
 * its emails or phone keys, each with its `id`, `version`, `emails` and `phones`. The ids come from a security-definer
 * function of migration 0037 (through the GIN indexes on the folded emails and phone keys, which
 * row-level security keeps request queries from); the rows are then read under the policies, so a
 * record the caller may not see is never matched.
 */
export async function storedDuplicates(
  tx: Tx,
  caller: Caller,
  table: 'customers' | 'contacts',
  creates: Row[],
): Promise<Row[][]> {
  const keys = creates.map(keysOf);
  const emails = [...new Set(keys.flatMap((k) => k.emails))];
  const phones = [...new Set(keys.flatMap((k) => k.phones))];
  if (emails.length === 0 && phones.length === 0) return creates.map(() => []);
  const found = await rows<{ id: string; version: number; emails: string[]; phones: string[] }>(
    tx,
    matchingRecords(caller.orgId, table, emails, phones),
  );
  // Which stored records hold each email and phone key.
  const holders = new Map<string, Row[]>();
  for (const record of found) {
    const held = keysOf(record);
    const row: Row = { id: record.id, version: Number(record.version), emails: record.emails, phones: record.phones };
    for (const key of [...held.emails.map((e) => `e:${e}`), ...held.phones.map((k) => `p:${k}`)]) {
      holders.set(key, [...(holders.get(key) ?? []), row]);
    }
  }
  return keys.map(({ emails, phones }) => {
    const matched = new Map<unknown, Row>();
    for (const key of [...emails.map((e) => `e:${e}`), ...phones.map((k) => `p:${k}`)]) {
      for (const row of holders.get(key) ?? []) matched.set(row.id, row);
    }
    return [...matched.values()];
  });
}
