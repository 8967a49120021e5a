import { jsonEqual, type MergeMoved, type MergeSide } from '@crmkit/core';
import { and, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../../db/database.js';
import { orgKey } from '../../db/org-key.js';
import { rows } from '../../db/rows.js';
import { auditLog } from '../../db/schema/index.js';
import type { Caller } from '../../http/env.js';
import { fieldErrors, ProblemError, validationProblem } from '../../http/problem.js';
import { audit, checkVersion, present, setTrashed, updateRecords, type AuditedWrite } from '../crud.js';
import type { RecordTable, Resource, Row } from '../resource.js';
import { linkName, MERGE_LINKS, type MergeablePath, type MergeLink } from './links.js';
import { mergedValues } from './values.js';

export interface MergeInput {
  from: string;
  fields?: Partial<Record<string, MergeSide>>;
}

/** What a merge answers: the kept record as stored now, and the links it moved by kind. */
export interface Merged {
  record: Row;
  moved: MergeMoved;
}

/** Audit entries (and events) of moved records go out in slices: a statement's parameters are bounded. */
const AUDIT_SLICE = 1_000;

/**
 * Merges the record `from` into the record `intoId` in the caller's transaction (row-level
 * security applies: the caller merges what they could PATCH): the kept record takes the merged
 * field values, every link to the duplicate moves onto it (one UPDATE per linking column), and
 * the duplicate goes to the trash with `mergedIntoId`. Links the caller cannot see (another
 * rep's deal on the duplicate) refuse the merge rather than stay behind on a trashed record.
 */
export async function mergeRecords(
  tx: Tx,
  path: MergeablePath,
  resource: Resource,
  caller: Caller,
  intoId: string,
  input: MergeInput,
  fields: readonly string[],
  expectedVersion?: number,
): Promise<Merged> {
  const fromId = input.from.toLowerCase();
  const keptId = intoId.toLowerCase();
  if (fromId === keptId) {
    throw validationProblem([
      { path: 'from', code: 'invalid_value', message: 'A record cannot be merged into itself' },
    ]);
  }
  const { into, from } = await lockPair(tx, resource, caller.orgId, keptId, fromId);
  checkVersion(into, expectedVersion);
  for (const [row, which] of [
    [into, 'This'],
    [from, 'The duplicate (from)'],
  ] as const) {
    if (row.deletedAt) throw new ProblemError(409, `${which} ${resource.entity} is in the trash: restore it first.`);
  }
  if (path === 'leads' && from.status === 'converted') {
    throw new ProblemError(409, 'The duplicate (from) lead is converted: merge the other lead into it instead.');
  }

  const [kept, duplicate] = [await present(resource, into, tx), await present(resource, from, tx)];
  const patch = changedValues(resource, kept, mergedValues(fields, kept, duplicate, input.fields));
  // A unique external id the kept record takes from the duplicate is released by the duplicate first.
  const releases = patch.externalId != null && patch.externalId === duplicate.externalId ? { externalId: null } : {};
  await setTrashed(tx, resource, caller, fromId, true, undefined, { mergedIntoId: keptId, ...releases });

  const moved: MergeMoved = {};
  for (const link of MERGE_LINKS[path]) moved[link.kind] = await moveLink(tx, link, caller, fromId, keptId);
  moved.externalIds = await moveExternalIds(tx, resource, caller, fromId, keptId);
  await refuseHiddenLinks(tx, resource, fromId);

  const [outcome] = await updateRecords(tx, resource, caller, [{ id: keptId, input: patch }]);
  await tx.insert(auditLog).values(
    [
      { entityId: fromId, after: { mergedIntoId: keptId } },
      { entityId: keptId, after: { mergedFromId: fromId, moved } },
    ].map(({ entityId, after }) => ({
      orgId: caller.orgId,
      id: uuidv7(),
      entity: resource.entity,
      entityId,
      action: 'merge',
      actorId: caller.userId,
      before: null,
      after,
    })),
  );
  return { record: outcome!.record, moved };
}

/**
 * Both records, locked in id order (two merges of the same pair, either way round, take the locks
 * in the same order and cannot deadlock). A record the caller cannot see is a 404, as for a PATCH.
 */
async function lockPair(tx: Tx, resource: Resource, orgId: string, intoId: string, fromId: string) {
  const table = resource.table as RecordTable;
  const found = (await tx
    .select()
    .from(resource.table as never)
    .where(and(orgKey(table.orgId, orgId), sql`${table.id} = any(${sql.param([intoId, fromId])}::uuid[])`))
    .orderBy(table.id)
    .for('update')) as Row[];
  const into = found.find((row) => String(row.id) === intoId);
  const from = found.find((row) => String(row.id) === fromId);
  if (!into) throw new ProblemError(404, `No ${resource.entity} with this id.`);
  if (!from) throw new ProblemError(404, `No ${resource.entity} with the id in from.`);
  return { into, from };
}

/**
 * The merged values that differ from the kept record's, checked as a PATCH would check them: a
 * joined list can pass its limit (e.g. 30 tags), and the caller then picks a side for it.
 */
function changedValues(resource: Resource, kept: Row, values: Row): Row {
  const patch = Object.fromEntries(Object.entries(values).filter(([key, value]) => !jsonEqual(kept[key], value)));
  const parsed = resource.schemas.patch.safeParse(patch);
  if (!parsed.success) {
    throw validationProblem(
      fieldErrors(parsed.error, patch).map((error) => ({
        ...error,
        path: `fields.${error.path}`,
        message: `${error.message} (once merged: pick a side for this field)`,
      })),
    );
  }
  return patch;
}

/** The property name of one of a link's table's columns (its key in drizzle's table object). */
function columnKey(link: MergeLink, column = link.column): string {
  const entry = Object.entries(getTableColumns(link.table)).find(([, each]) => each === column);
  if (!entry) throw new Error(`${linkName(link)}: ${column.name} is not a column of its table`);
  return entry[0];
}

/**
 * The duplicate's rows that give up the link's `onlyOne` flag as they move: those holding it, when
 * a row of the kept record holds it too (two primary contacts would otherwise be left).
 */
async function flagsGivenUp(tx: Tx, link: MergeLink, orgId: string, fromId: string, keptId: string) {
  const flag = link.onlyOne;
  if (!flag) return new Set<string>();
  const table = link.table as unknown as RecordTable;
  const holders = (await tx
    .select({ id: table.id, parent: link.column })
    .from(link.table)
    .where(
      and(orgKey(link.table.orgId, orgId), sql`${link.column} in (${fromId}::uuid, ${keptId}::uuid)`, eq(flag, true)),
    )) as {
    id: string;
    parent: string;
  }[];
  if (!holders.some((row) => row.parent === keptId)) return new Set<string>();
  return new Set(holders.filter((row) => row.parent === fromId).map((row) => row.id));
}

/**
 * The duplicate's rows that would clash with the kept record's as they move (`MergeLink.pairedWith`:
 * the same deal for both contacts): dropped, their `pairFlag` passed to the kept record's row.
 */
async function dropPairedRows(tx: Tx, link: MergeLink, orgId: string, fromId: string, keptId: string) {
  const paired = link.pairedWith;
  if (!paired) return;
  const table = sql.identifier(getTableName(link.table));
  const [column, pair] = [sql.identifier(link.column.name), sql.identifier(paired.name)];
  const flag = link.pairFlag ? sql.identifier(link.pairFlag.name) : sql`false`;
  const dropped = await rows<{ pair: string; flagged: boolean }>(
    tx,
    sql`delete from crm.${table} d
        where d.org_id = ${orgId}::uuid and d.${column} = ${fromId}::uuid
          and exists (select 1 from crm.${table} k
                      where k.org_id = d.org_id and k.${pair} = d.${pair} and k.${column} = ${keptId}::uuid)
        returning d.${pair}::text as pair, ${flag} as flagged`,
  );
  const flagged = dropped.filter((row) => row.flagged).map((row) => row.pair);
  if (!link.pairFlag || !flagged.length) return;
  await tx.execute(
    sql`update crm.${table} set ${flag} = true
        where org_id = ${orgId}::uuid and ${column} = ${keptId}::uuid and ${pair} = any(${sql.param(flagged)}::uuid[])`,
  );
}

/**
 * Points one linking column from the duplicate to the kept record, in one UPDATE. A record of the
 * contract is written as a PATCH of that field would write it: a new version and update time, an
 * audit entry and a change event (`/events`, webhooks) each. Answers how many rows moved.
 */
async function moveLink(tx: Tx, link: MergeLink, caller: Caller, fromId: string, keptId: string): Promise<number> {
  const key = columnKey(link);
  const versioned = link.resource
    ? { version: sql`${(link.table as unknown as RecordTable).version} + 1`, updatedAt: sql`now()` }
    : {};
  await dropPairedRows(tx, link, caller.orgId, fromId, keptId);
  const givenUp = await flagsGivenUp(tx, link, caller.orgId, fromId, keptId);
  const flagKey = givenUp.size ? columnKey(link, link.onlyOne) : undefined;
  const moved = (await tx
    .update(link.table)
    .set({ [key]: keptId, ...versioned, ...(flagKey ? { [flagKey]: false } : {}) } as never)
    .where(and(orgKey(link.table.orgId, caller.orgId), eq(link.column, fromId)))
    .returning()) as Row[];
  const resource = link.resource;
  if (resource && moved.length) {
    const writes: AuditedWrite[] = await Promise.all(
      moved.map(async (row) => {
        const after = await present(resource, row, tx);
        const before = { ...after, [key]: fromId, version: Number(after.version) - 1 };
        if (flagKey && givenUp.has(String(row.id))) before[flagKey] = true;
        return { action: 'update' as const, entityId: String(row.id), before, after };
      }),
    );
    for (let at = 0; at < writes.length; at += AUDIT_SLICE) {
      await audit(tx, resource, caller, writes.slice(at, at + AUDIT_SLICE));
    }
  }
  return moved.length;
}

/**
 * The ids other systems know the duplicate by, onto the kept record: those of a system that has
 * no id for the kept record yet (a system knows a record by one id). The others stay with the
 * duplicate in the trash, where an upsert by them still finds it.
 */
async function moveExternalIds(tx: Tx, resource: Resource, caller: Caller, fromId: string, keptId: string) {
  const moved = await rows<{ source: string }>(
    tx,
    sql`update crm.external_ids e set record_id = ${keptId}::uuid
        where e.org_id = ${caller.orgId}::uuid and e.entity = ${resource.entity} and e.record_id = ${fromId}::uuid
          and not exists (select 1 from crm.external_ids k
                          where k.org_id = e.org_id and k.entity = e.entity and k.record_id = ${keptId}::uuid
                            and k.source = e.source)
        returning e.source`,
  );
  return moved.length;
}

/** Refuses the merge when rows the caller cannot see still link to the duplicate (see `crm.links_to`). */
async function refuseHiddenLinks(tx: Tx, resource: Resource, fromId: string) {
  const [left] = await rows<{ n: string | number }>(
    tx,
    sql`select crm.links_to(${getTableName(resource.table)}, ${fromId}::uuid) as n`,
  );
  const count = Number(left?.n ?? 0);
  if (count > 0) {
    throw new ProblemError(
      409,
      `${count} record(s) you cannot see (e.g. another member's deals) link to the duplicate: ` +
        'ask someone who sees them (a manager or an admin) to merge.',
    );
  }
}
