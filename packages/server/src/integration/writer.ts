import type { BulkResult, OnDuplicate } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { inOrg, type Db, type Tx } from '../db/database.js';
import { toProblem } from '../http/db-errors.js';
import type { Caller } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import { createRecords, updateRecords } from '../resources/crud.js';
import type { Resource, Row } from '../resources/resource.js';
import { emailKey, phoneKey } from '../leads/matching.js';
import type { ExternalKey } from './external-ids.js';
import { upsertRecords, type UpsertCondition, type UpsertInput, type UpsertOutcome } from './upsert.js';

/** One record to write: an upsert when it has a key, else a create. */
export interface Operation {
  index: number;
  resource: Resource;
  key?: ExternalKey;
  condition?: UpsertCondition;
  input: UpsertInput;
  /**
   * What a create does when it duplicates a stored record (see `Resource.duplicateOf`): skip it
   * (matched), update it, or create anyway. Unset: create, without looking.
   */
  onDuplicate?: OnDuplicate;
}

/** A record of a batch: ready to write, or refused before any write (with its result). */
export type Item = { operation: Operation } | { refused: BulkResult };

/** Records written per transaction (and at most this many in flight at once). */
export const CHUNK_SIZE = 500;

/** The result of a record that could not be written, from the problem it raised. */
export function refusal(index: number, error: unknown): BulkResult {
  const problem = toProblem(error);
  // Anything but a problem of the record itself (the database away, a bug) ends the batch.
  if (!(problem instanceof ProblemError) || problem.status >= 500) throw problem;
  const { status, detail, errors } = problem.problem;
  return { index, status, ...(detail ? { detail } : {}), ...(errors?.length ? { errors } : {}) };
}

function success(index: number, { action, record }: UpsertOutcome): BulkResult {
  return {
    index,
    status: action === 'created' ? 201 : 200,
    action,
    id: String(record.id),
    version: Number(record.version),
  };
}

/**
 * Writes a wave's records: those of one resource and kind together (one {@link upsertRecords} or
 * {@link createRecords} call each, a few statements for all), answering their outcomes in input order.
 */
async function writeWave(tx: Tx, caller: Caller, wave: Operation[]): Promise<UpsertOutcome[]> {
  const groups = new Map<string, number[]>();
  wave.forEach((op, i) => {
    const group = `${op.resource.path}:${op.key ? 'upsert' : `create:${op.onDuplicate ?? 'create'}`}`;
    groups.set(group, [...(groups.get(group) ?? []), i]);
  });
  const outcomes: UpsertOutcome[] = [];
  for (const members of groups.values()) {
    const ops = members.map((i) => wave[i]!);
    const { resource } = ops[0]!;
    const written = ops[0]!.key
      ? await upsertRecords(
          tx,
          resource,
          caller,
          ops.map(({ key, input, condition }) => ({ key: key!, input, condition })),
        )
      : await writeCreates(tx, resource, caller, ops, ops[0]!.onDuplicate ?? 'create');
    written.forEach((outcome, n) => (outcomes[members[n]!] = outcome));
  }
  return outcomes;
}

/**
 * Creates records; with `skip` or `update`, each that duplicates a stored record (see
 * `Resource.duplicateOf`) is answered with that record (`matched`), or written onto it (its filled
 * fields, as a PATCH: `updated`, or `unchanged` when they change nothing). A create that
 * duplicates several records is refused rather than guessed at, and so is a wave in which two
 * creates update one record (writeOperations then writes them one at a time, in order).
 */
async function writeCreates(
  tx: Tx,
  resource: Resource,
  caller: Caller,
  ops: Operation[],
  onDuplicate: OnDuplicate,
): Promise<UpsertOutcome[]> {
  const creates = ops.map((op) => op.input.create);
  const duplicates =
    onDuplicate === 'create' || !resource.duplicateOf
      ? creates.map(() => [])
      : await resource.duplicateOf(tx, caller, creates);
  duplicates.forEach((found) => {
    if (found.length > 1) throw severalDuplicates(resource, found);
  });
  const matched = duplicates.map((found) => found[0]);
  const updates = ops.flatMap((op, n) => (onDuplicate === 'update' && matched[n] ? [n] : []));
  if (new Set(updates.map((n) => matched[n]!.id)).size < updates.length) {
    throw new ProblemError(409, `Two rows update the same ${resource.entity}: write them one at a time.`);
  }
  const created = await createRecords(
    tx,
    resource,
    caller,
    creates.filter((_, n) => !matched[n]),
  );
  const patched = await updateRecords(
    tx,
    resource,
    caller,
    updates.map((n) => ({ id: String(matched[n]!.id), input: keepingContactPoints(ops[n]!.input.patch, matched[n]!) })),
  );
  return creates.map((_, n): UpsertOutcome => {
    const duplicate = matched[n];
    if (!duplicate) return { action: 'created', record: created.shift()! };
    if (onDuplicate === 'skip') return { action: 'matched', record: duplicate };
    const { record, changed } = patched.shift()!;
    return { action: changed ? 'updated' : 'unchanged', record };
  });
}

/**
 * A duplicate's update that adds the row's emails and phone numbers to the record's rather than
 * replace them (the row matched by one of them; the others stay the record's), each once: an
 * email already there in another case, or a number in another format, is not added again.
 */
function keepingContactPoints(patch: Row, stored: Row): Row {
  const merged = { ...patch };
  for (const [field, keyOf] of [
    ['emails', emailKey],
    ['phones', phoneKey],
  ] as const) {
    const [mine, theirs] = [stored[field], patch[field]];
    if (!Array.isArray(mine) || !Array.isArray(theirs)) continue;
    const known = new Set(mine.map((value: string) => keyOf(value) ?? value));
    const added = theirs.filter(
      (value: string) => !known.has(keyOf(value) ?? value) && known.add(keyOf(value) ?? value),
    );
    merged[field] = [...mine, ...added];
  }
  return merged;
}

/** The refusal of a create that duplicates more than one stored record: which one it is, the caller must say. */
function severalDuplicates(resource: Resource, found: Row[]) {
  const ids = found.map((record) => String(record.id));
  return new ProblemError(
    409,
    `This row has the email or phone number of ${ids.length} different ${resource.path} (${ids.join(', ')}): ` +
      `merge them, or import the row by its external id.`,
    {
      errors: [
        { path: '(row)', code: 'invalid_value', message: `Matches ${ids.length} ${resource.path}: ${ids.join(', ')}` },
      ],
    },
  );
}

/** The keys that order `op` after an earlier operation of its batch: its record key, or what its create duplicates by. */
function orderKeys(op: Operation): string[] {
  if (op.key) return [JSON.stringify([op.resource.entity, op.key.source, op.key.externalId])];
  if ((op.onDuplicate ?? 'create') === 'create') return [];
  const keys = op.resource.duplicateKeys?.(op.input.create) ?? [];
  return keys.map((key) => JSON.stringify([op.resource.entity, 'duplicate', key]));
}

/**
 * Splits operations into waves that can run at once: a wave ends before a second write of the
 * same record key, so writes of one record keep their order, and before a create that duplicates
 * an earlier create (see `Resource.duplicateKeys`), so it finds that record written.
 */
function waves(operations: Operation[]): Operation[][] {
  const out: Operation[][] = [];
  let wave: Operation[] = [];
  let seen = new Set<string>();
  for (const op of operations) {
    const keys = orderKeys(op);
    if (keys.some((key) => seen.has(key))) {
      out.push(wave);
      wave = [];
      seen = new Set();
    }
    for (const key of keys) seen.add(key);
    wave.push(op);
  }
  if (wave.length) out.push(wave);
  return out;
}

/**
 * Writes operations in a transaction, a wave at a time, each wave's records together (see
 * {@link writeWave}: what makes 10,000 records take seconds, not minutes). A wave with a failure is
 * rolled back to its savepoint and written again one record at a time, each in a savepoint of its
 * own, so a failed record leaves nothing behind, the others are kept, and each result says why.
 */
export async function writeOperations(tx: Tx, caller: Caller, operations: Operation[]): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const wave of waves(operations)) {
    await tx.execute(sql`savepoint crm_wave`);
    try {
      const outcomes = await writeWave(tx, caller, wave);
      await tx.execute(sql`release savepoint crm_wave`);
      outcomes.forEach((outcome, i) => results.push(success(wave[i]!.index, outcome)));
      continue;
    } catch {
      await tx.execute(sql`rollback to savepoint crm_wave`);
    }
    for (const op of wave) {
      await tx.execute(sql`savepoint crm_record`);
      try {
        const [outcome] = await writeWave(tx, caller, [op]);
        await tx.execute(sql`release savepoint crm_record`);
        results.push(success(op.index, outcome!));
      } catch (error) {
        await tx.execute(sql`rollback to savepoint crm_record`);
        results.push(refusal(op.index, error));
      }
    }
    await tx.execute(sql`release savepoint crm_wave`);
  }
  return results;
}

/**
 * Lets the transaction reuse one plan per statement. The kit's connections plan every execution for
 * its own values (so a list or a search sees the organization and the filters it runs with), which
 * for a bulk write's thousands of updates by primary key costs more than running them. Every
 * statement of a bulk write is a lookup or a write by key, whose plan does not depend on the values.
 */
export async function planOnce(tx: Tx): Promise<void> {
  await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
}

/** Groups items into chunks of `size` ({@link CHUNK_SIZE} by default), as they arrive. */
export async function* chunksOf(items: AsyncIterable<Item>, size = CHUNK_SIZE): AsyncGenerator<Item[]> {
  let chunk: Item[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/** Writes a chunk's ready records and merges the results with the refused ones, in input order. */
export async function writeChunk(tx: Tx, caller: Caller, chunk: Item[]): Promise<BulkResult[]> {
  const operations = chunk.flatMap((item) => ('operation' in item ? [item.operation] : []));
  const written = await writeOperations(tx, caller, operations);
  const refused = chunk.flatMap((item) => ('refused' in item ? [item.refused] : []));
  return [...written, ...refused].sort((a, b) => a.index - b.index);
}

/** Thrown to roll back a transaction whose results are still wanted (a dry run). */
class Discarded extends Error {
  constructor(readonly results: BulkResult[]) {
    super('discarded');
  }
}

/**
 * Writes each chunk in a transaction of its own, as the items arrive, yielding its results once
 * it has committed: memory holds one chunk, however long the input. `dryRun` rolls every chunk
 * back, so the results say what would happen and nothing changes.
 */
export async function* writeInChunks(
  db: Db,
  caller: Caller,
  items: AsyncIterable<Item>,
  { dryRun = false } = {},
): AsyncGenerator<BulkResult[]> {
  for await (const chunk of chunksOf(items)) {
    try {
      yield await inOrg(db, caller, async (tx) => {
        await planOnce(tx);
        const results = await writeChunk(tx, caller, chunk);
        if (dryRun) throw new Discarded(results);
        return results;
      });
    } catch (error) {
      if (!(error instanceof Discarded)) throw error;
      yield error.results;
    }
  }
}
