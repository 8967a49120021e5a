import { sql } from 'drizzle-orm';
import { readInOrg, type Db, type Tx } from '../db/database.js';
import { rows } from '../db/rows.js';
import type { Caller } from '../http/env.js';
import type { Resource } from '../resources/resource.js';
import type { ColumnMap } from './cells.js';

/**
 * The column mappings an organization used, remembered per resource and header row: a file
 * exported from the same shop every week maps itself after the first time.
 */

/** The key of a header row: a hash, as a row of 500 long headers is too long for an index entry. */
async function headersKey(headers: string[]): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(headers.map((h) => h.trim())));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Remembers `columns` as the organization's mapping of this header row, replacing the last one. */
export async function rememberMapping(
  tx: Tx,
  orgId: string,
  resource: Resource,
  headers: string[],
  columns: ColumnMap,
): Promise<void> {
  const key = await headersKey(headers);
  await tx.execute(sql`insert into crm.import_mappings (org_id, resource, headers_key, columns)
                       values (${orgId}, ${resource.path}, ${key}, ${JSON.stringify(columns)}::jsonb)
                       on conflict (org_id, resource, headers_key)
                       do update set columns = excluded.columns, updated_at = now()`);
}

/** The mapping the organization used last for this header row, if any. */
export async function rememberedMapping(
  db: Db,
  caller: Caller,
  resource: Resource,
  headers: string[],
): Promise<ColumnMap | undefined> {
  const key = await headersKey(headers);
  const [found] = await readInOrg(db, caller, (tx) =>
    rows<{ columns: ColumnMap | string }>(
      tx,
      sql`select columns from crm.import_mappings
          where org_id = ${caller.orgId} and resource = ${resource.path} and headers_key = ${key}`,
    ),
  );
  if (!found) return undefined;
  // postgres.js may hand jsonb over as its text.
  return typeof found.columns === 'string' ? (JSON.parse(found.columns) as ColumnMap) : found.columns;
}
