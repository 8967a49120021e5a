import {
  CustomFieldValues,
  JsonObject,
  jsonEqual,
  jsonIssues,
  mergePatch,
  type HistoryEntry,
  type Page,
} from '@crmkit/core';
import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from '@hono/zod-openapi';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../db/database.js';
import { publishChanges, type ChangeEvent } from '../events/bus.js';
import { runHooks } from '../hooks/hooks.js';
import { orgKey } from '../db/org-key.js';
import { auditLog } from '../db/schema/index.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../http/cursor.js';
import type { Caller } from '../http/env.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { checkChangedValues, checkCreatedValues, customFieldConditions, liveCustomFields } from './custom-fields.js';
import { checkReferences } from './references.js';
import type { RecordTable, Resource, Row } from './resource.js';
import { collationOf } from './sort-language.js';
import { ownerHint } from './owner-hint.js';
import { updateRows } from './update-rows.js';
import { searchCondition } from './search.js';

/** The API form of a stored row: the record schema's fields, with times as ISO strings. */
export async function present(resource: Resource, row: Row, tx: Tx): Promise<Row> {
  const out: Row = {};
  for (const key of Object.keys(resource.schemas.record.shape)) {
    const value = row[key];
    out[key] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return resource.toApi ? { ...out, ...(await resource.toApi(row, tx)) } : out;
}

/** Input fields as column values: ISO strings into Dates for timestamp columns, virtual fields left out. */
function toColumns(resource: Resource, input: Row): Row {
  const columns = getTableColumns(resource.table) as Record<string, PgColumn>;
  const values: Row = {};
  for (const [key, value] of Object.entries(input)) {
    const column = columns[key];
    if (!column || resource.virtualFields?.includes(key)) continue;
    values[key] = column.columnType === 'PgTimestamp' && typeof value === 'string' ? new Date(value) : value;
  }
  return values;
}

export interface ListQuery {
  limit: number;
  cursor?: string;
  q?: string;
  sort: string;
  trash?: boolean;
  [filter: string]: unknown;
}

/** One page of records in a stable keyset order: the sort key, then the id. */
export async function listRecords(
  tx: Tx,
  resource: Resource,
  caller: Caller,
  query: ListQuery,
  options: {
    /** Conditions a caller of this function adds (e.g. a segment's rules). */
    extra?: SQL[];
    /** The reader's language, for text sorts that follow it (`Resource.languageSorts`). */
    language?: string;
  } = {},
): Promise<Page<Row>> {
  const { extra = [] } = options;
  const table = resource.table as RecordTable;
  const descending = query.sort.startsWith('-');
  const key = query.sort.replace(/^-/, '');
  const sortColumn = resource.sorts[key];
  if (!sortColumn) throw new ProblemError(400, `Cannot sort by ${key}.`);
  const collation = resource.languageSorts?.includes(key) ? collationOf(options.language) : undefined;
  // In a language's order the sort key is the collated column, so the query and its index agree.
  const column = collation ? sql`${sortColumn} collate ${sql.raw(collation)}` : sortColumn;

  const where: (SQL | undefined)[] = [
    eq(table.orgId, caller.orgId),
    query.trash ? isNotNull(table.deletedAt) : isNull(table.deletedAt),
    ...((await resource.filters?.(query, tx, caller)) ?? []),
    ownerHint(resource, caller),
    ...extra,
  ];
  where.push(...(await customFieldConditions(tx, caller.orgId, resource, query)));
  if (query.q && resource.search) where.push(await searchCondition(tx, resource, query.q, Boolean(query.trash)));
  if (query.cursor) {
    const [value, id, cursorCollation] = decodeCursor(query.cursor);
    // A page of one order continued in another would skip and repeat rows.
    if (cursorCollation !== collation) throw invalidCursor();
    const pgType = sortColumn.getSQLType();
    // Null sort values come last in ascending order and first in descending order (Postgres's default).
    const after =
      value === null
        ? descending
          ? sql`(${column} is not null or (${column} is null and ${table.id} < ${id}::uuid))`
          : sql`(${column} is null and ${table.id} > ${id}::uuid)`
        : descending
          ? sql`((${column}, ${table.id}) < (cast(${String(value)} as ${sql.raw(pgType)}), ${id}::uuid))`
          : sql`((${column}, ${table.id}) > (cast(${String(value)} as ${sql.raw(pgType)}), ${id}::uuid) or ${column} is null)`;
    where.push(after);
  }

  const order = descending ? desc : asc;
  const rows = await tx
    .select({ row: resource.table as never, sortValue: sql<string | null>`${sortColumn}::text` })
    .from(resource.table as never)
    .where(and(...where))
    .orderBy(order(column), order(table.id))
    .limit(query.limit + 1);

  const page = (rows as { row: Row; sortValue: string | null }[]).slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await Promise.all(page.map(({ row }) => present(resource, row, tx))),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.sortValue, String(last.row.id), collation]) : null,
  };
}

/** The stored row, trashed or not; `forUpdate` locks it until the transaction ends. */
export async function findRow(tx: Tx, resource: Resource, orgId: string, id: string, forUpdate = false) {
  const table = resource.table as RecordTable;
  const query = tx
    .select()
    .from(resource.table as never)
    .where(and(orgKey(table.orgId, orgId), eq(table.id, id)));
  const [row] = (forUpdate ? await query.for('update') : await query) as Row[];
  return row;
}

export async function requireRow(tx: Tx, resource: Resource, orgId: string, id: string, forUpdate = false) {
  const row = await findRow(tx, resource, orgId, id, forUpdate);
  if (!row) throw new ProblemError(404, `No ${resource.entity} with this id.`);
  return row;
}

export function checkVersion(row: Row, expected: number | undefined) {
  if (expected !== undefined && row.version !== expected) {
    throw new ProblemError(
      412,
      `The ${String(row.id)} record is at version ${String(row.version)}, not ${expected}: someone changed it. Reload and apply your change again.`,
    );
  }
}

/**
 * The fields that differ between two API forms of a record, before and after: what the audit log
 * keeps of an update, a trash or a restore (a copy of the whole record each time would make a
 * record's history grow by its full size on every write).
 */
function changes(before: Row, after: Row): [Row, Row] {
  const keys = Object.keys(after).filter((key) => !jsonEqual(before[key], after[key]));
  return [Object.fromEntries(keys.map((k) => [k, before[k]])), Object.fromEntries(keys.map((k) => [k, after[k]]))];
}

/** A write to audit: what was done to which record, its API form before (none on create) and after. */
export interface AuditedWrite {
  action: ChangeEvent['action'];
  entityId: string;
  before: Row | null;
  after: Row;
}

/**
 * Writes the audit entries of writes and publishes them (`/events`, webhooks), each under its
 * entry's id, in the writes' transaction: the whole record on create, the changed fields
 * otherwise. Three statements however many writes. Every write of a record passes here, so the
 * host's hooks are called here too, first: one that throws leaves no entry and no event.
 */
export async function audit(tx: Tx, resource: Resource, caller: Caller, writes: AuditedWrite[]): Promise<void> {
  if (writes.length === 0) return;
  await runHooks(tx, resource.entity, caller, writes);
  const entries = writes.map(({ action, entityId, before, after }) => {
    const [was, now] = before ? changes(before, after) : [null, after];
    return { action, entityId, after, was, now, eventId: uuidv7(), version: Number(after.version) };
  });
  await publishChanges(
    tx,
    entries.map(({ eventId, action, entityId, version, after }) => ({
      event: { eventId, orgId: caller.orgId, entity: resource.entity, id: entityId, action, version },
      record: after,
    })),
  );
  await tx.insert(auditLog).values(
    entries.map(({ eventId, action, entityId, was, now }) => ({
      orgId: caller.orgId,
      id: eventId,
      entity: resource.entity,
      entityId,
      action,
      actorId: caller.userId,
      before: was,
      after: now,
    })),
  );
}

/** The fields of a resource's PATCH schema. */
function patchFields(resource: Resource): Record<string, z.ZodType> {
  return (resource.schemas.patch as Partial<z.ZodObject>).shape ?? {};
}

/**
 * Whether a PATCH merges a field per key (RFC 7396) instead of replacing it: true of the free JSON
 * objects and the custom field values, the fields whose schema is core's `JsonObject` or
 * `CustomFieldValues` (the contract documents the merge there).
 */
function mergesPerKey(field: z.ZodType | undefined): boolean {
  const schema = field instanceof z.ZodOptional ? field.unwrap() : field;
  return schema === JsonObject || schema === CustomFieldValues;
}

/**
 * What a patch really changes: each named field whose value differs from the stored one (times
 * compare as instants, other values as the patch schema reads the stored one), with free JSON
 * objects merged into the stored ones first. Empty when the patch changes nothing.
 */
function changedFields(resource: Resource, before: Row, patch: Row): Row {
  const columns = getTableColumns(resource.table) as Record<string, PgColumn>;
  const fields = patchFields(resource);
  const changed: Row = {};
  for (const [key, input] of Object.entries(patch)) {
    let value = input;
    if (mergesPerKey(fields[key])) {
      value = mergePatch(before[key], input);
      const issues = jsonIssues(value);
      if (issues.length) {
        throw validationProblem(
          issues.map(({ path, message, params }) => ({ path: [key, ...path].join('.'), message, ...params })),
        );
      }
    }
    const stored = fields[key]?.safeParse(before[key]).data ?? before[key];
    const same =
      columns[key]?.columnType === 'PgTimestamp' && typeof value === 'string' && typeof stored === 'string'
        ? new Date(value).getTime() === new Date(stored).getTime()
        : jsonEqual(stored, value);
    if (!same) changed[key] = value;
  }
  return changed;
}

/**
 * Every promise's value, in order, once all have settled; else the first failure, still only once
 * all have settled: no write of a batch is left running when the batch fails and its savepoint is
 * rolled back (one that ran on after the rollback would be kept).
 */
async function settled<T>(promises: (T | Promise<T>)[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

export async function createRecord(tx: Tx, resource: Resource, caller: Caller, input: Row): Promise<Row> {
  return (await createRecords(tx, resource, caller, [input]))[0]!;
}

/**
 * Creates records, in input order, with a handful of statements however many they are (one insert,
 * one reference check, the audit entries and events together) plus what the resource's own hooks
 * do for each. All or nothing: any refusal (a reference the caller may not see, a hook's check, a
 * constraint) fails the call, and the caller's savepoint decides what is kept.
 */
export async function createRecords(tx: Tx, resource: Resource, caller: Caller, inputs: Row[]): Promise<Row[]> {
  if (inputs.length === 0) return [];
  // Whoever creates an owned record owns it unless they name someone else (or null: nobody).
  const hasOwner = 'ownerId' in getTableColumns(resource.table);
  const owned = inputs.map((input) =>
    hasOwner && input.ownerId === undefined ? { ...input, ownerId: caller.userId } : input,
  );
  const checked = await checkCreatedValues(tx, caller.orgId, resource, owned);
  await checkReferences(
    tx,
    resource,
    caller,
    checked.map((values) => ({ values })),
  );
  const values = await settled(
    checked.map(async (input, i) => ({
      ...input,
      ...((await resource.beforeWrite?.(input, {
        tx,
        caller,
        before: undefined,
        input: inputs[i]!,
        sent: inputs[i]!,
      })) ?? {}),
    })),
  );
  const ids = values.map(() => uuidv7());
  const inserted = (await tx
    .insert(resource.table)
    .values(values.map((row, i) => ({ ...toColumns(resource, row), orgId: caller.orgId, id: ids[i] })) as never)
    .returning()) as Row[];
  // Matched by id: the order of RETURNING is not promised.
  const byId = new Map(inserted.map((row) => [String(row.id), row]));
  const rowsInOrder = ids.map((id) => byId.get(id)!);
  if (resource.afterWrite) {
    await settled(
      rowsInOrder.map(async (row, i) =>
        resource.afterWrite!(
          { ...values[i]!, ...row },
          { tx, caller, before: undefined, input: inputs[i]!, sent: inputs[i]! },
        ),
      ),
    );
  }
  const records = await settled(rowsInOrder.map((row) => present(resource, row, tx)));
  await audit(
    tx,
    resource,
    caller,
    records.map((after, i) => ({ action: 'create', entityId: ids[i]!, before: null, after })),
  );
  return records;
}

/** A patch to apply to one record, optionally only at the version the writer last saw. */
export interface RecordPatch {
  id: string;
  input: Row;
  expectedVersion?: number;
}

/** A record after a patch, and whether the patch changed it. */
export interface PatchOutcome {
  record: Row;
  changed: boolean;
}

/**
 * Applies a patch. A patch that changes nothing (`{}`, or only the values already stored) writes
 * nothing: the record comes back as it is, with its version, and no history entry or event.
 */
export async function updateRecord(
  tx: Tx,
  resource: Resource,
  caller: Caller,
  id: string,
  input: Row,
  expectedVersion?: number,
): Promise<Row> {
  return (await updateRecords(tx, resource, caller, [{ id, input, expectedVersion }]))[0]!.record;
}

/**
 * Applies patches to records of one resource, in input order: the stored rows are read and locked
 * in one statement, the changed ones written by one UPDATE per set of changed columns
 * ({@link updateRows}), and the audit entries and events of all of them written together. A patch that changes nothing
 * writes nothing (see {@link updateRecord}). All or nothing, like {@link createRecords}; each record
 * at most once.
 */
export async function updateRecords(
  tx: Tx,
  resource: Resource,
  caller: Caller,
  patches: RecordPatch[],
): Promise<PatchOutcome[]> {
  if (patches.length === 0) return [];
  const stored = await lockRows(
    tx,
    resource,
    caller.orgId,
    patches.map((p) => p.id),
  );
  const fields = patches.some(({ input }) => input.customFields !== undefined)
    ? await liveCustomFields(tx, caller.orgId, resource)
    : [];
  const plans = await settled(
    patches.map(async ({ id, input, expectedVersion }) => {
      const row = stored.get(id.toLowerCase());
      if (!row) throw new ProblemError(404, `No ${resource.entity} with this id.`);
      checkVersion(row, expectedVersion);
      if (row.deletedAt) throw new ProblemError(409, `This ${resource.entity} is in the trash: restore it first.`);
      const before = await present(resource, row, tx);
      const patch = changedFields(resource, before, input);
      if (patch.customFields !== undefined) checkChangedValues(fields, before.customFields, patch.customFields);
      return { id, row, before, sent: input, patch };
    }),
  );
  const changing = plans.filter(({ patch }) => Object.keys(patch).length > 0);
  await checkReferences(
    tx,
    resource,
    caller,
    changing.map(({ patch, row }) => ({ values: patch, before: row })),
  );
  const prepared = await settled(
    changing.map(async ({ id, row: storedRow, before, patch, sent }) => {
      const context = { tx, caller, before: storedRow, input: patch, sent };
      const merged = { ...before, ...patch };
      const values = { ...patch, ...((await resource.beforeWrite?.(merged, context)) ?? {}) };
      return { id, before, merged, context, values };
    }),
  );
  const rows = await updateRows(
    tx,
    resource,
    caller.orgId,
    prepared.map(({ id, values }) => ({ id, values: toColumns(resource, values) })),
  );
  const written = await settled(
    prepared.map(async ({ id, before, merged, context }) => {
      const row = rows.get(id.toLowerCase())!;
      await resource.afterWrite?.({ ...merged, ...row }, context);
      return { id, before, after: await present(resource, row, tx) };
    }),
  );
  await audit(
    tx,
    resource,
    caller,
    written.map(({ id, before, after }) => ({ action: 'update', entityId: id, before, after })),
  );
  const afterById = new Map(written.map(({ id, after }) => [id, after]));
  return plans.map(({ id, before }) => {
    const after = afterById.get(id);
    return after ? { record: after, changed: true } : { record: before, changed: false };
  });
}

/** The stored rows of these ids (trashed or not), by id, locked until the transaction ends. */
async function lockRows(tx: Tx, resource: Resource, orgId: string, ids: string[]): Promise<Map<string, Row>> {
  const table = resource.table as RecordTable;
  const found = (await tx
    .select()
    .from(resource.table as never)
    .where(and(orgKey(table.orgId, orgId), sql`${table.id} = any(${sql.param(ids)}::uuid[])`))
    .for('update')) as Row[];
  return new Map(found.map((row) => [String(row.id), row]));
}

/**
 * Moves a record to the trash (or takes it out again); both are versioned writes with an audit
 * entry. `also` are kit fields written with the move (e.g. where a merged record went).
 */
export async function setTrashed(
  tx: Tx,
  resource: Resource,
  caller: Caller,
  id: string,
  trashed: boolean,
  expectedVersion?: number,
  also: Row = {},
): Promise<Row> {
  const table = resource.table as RecordTable;
  const stored = await requireRow(tx, resource, caller.orgId, id, true);
  checkVersion(stored, expectedVersion);
  if (Boolean(stored.deletedAt) === trashed) return present(resource, stored, tx);
  const before = await present(resource, stored, tx);
  const context = { tx, caller, before: stored, input: {}, sent: {} };
  const values = (await resource.beforeTrash?.(stored, trashed, context)) ?? {};
  const [row] = (await tx
    .update(resource.table)
    .set({
      ...toColumns(resource, { ...values, ...also }),
      deletedAt: trashed ? sql`now()` : null,
      version: sql`${table.version} + 1`,
      updatedAt: sql`now()`,
    } as never)
    .where(and(orgKey(table.orgId, caller.orgId), eq(table.id, id)))
    .returning()) as Row[];
  const after = await present(resource, row!, tx);
  await audit(tx, resource, caller, [{ action: trashed ? 'delete' : 'restore', entityId: id, before, after }]);
  return after;
}

/** A page of history stops once its entries pass this many bytes of JSON (or at the count asked for). */
const HISTORY_PAGE_BYTES = 256 * 1024;

/** A record's history, newest first, in pages bounded by count and by size. */
export async function recordHistory(
  tx: Tx,
  resource: Resource,
  caller: Caller,
  id: string,
  limit: number,
  cursor?: string,
): Promise<Page<HistoryEntry>> {
  await requireRow(tx, resource, caller.orgId, id);
  const where = [eq(auditLog.orgId, caller.orgId), eq(auditLog.entity, resource.entity), eq(auditLog.entityId, id)];
  if (cursor) where.push(lt(auditLog.id, decodeCursor(cursor)[1]));
  // First the sizes only, so a page of big entries is cut here rather than read whole.
  const sizes = await tx
    .select({
      id: auditLog.id,
      bytes:
        sql<number>`octet_length(coalesce(${auditLog.before}::text, '') || coalesce(${auditLog.after}::text, ''))`.mapWith(
          Number,
        ),
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const ids: string[] = [];
  for (let i = 0, total = 0; i < Math.min(limit, sizes.length) && total <= HISTORY_PAGE_BYTES; i++) {
    ids.push(sizes[i]!.id);
    total += sizes[i]!.bytes;
  }
  const rows = ids.length
    ? await tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.orgId, caller.orgId), inArray(auditLog.id, ids)))
        .orderBy(desc(auditLog.id))
    : [];
  return {
    items: rows.map((r) => ({
      id: r.id,
      action: r.action as HistoryEntry['action'],
      actorId: r.actorId,
      at: r.at.toISOString(),
      before: r.before as Row | null,
      after: r.after as Row | null,
    })),
    nextCursor: sizes.length > ids.length ? encodeCursor([null, ids.at(-1)!]) : null,
  };
}
