import type { BulkResult } from '@crmkit/core';
import { sql } from 'drizzle-orm';
import { inOrg, type Db, type Tx } from '../db/database.js';
import { toProblem } from '../http/db-errors.js';
import type { Caller } from '../http/env.js';
import { ProblemError } from '../http/problem.js';
import { createRecords } from '../resources/crud.js';
import type { Resource, Row } from '../resources/resource.js';
import type { ExternalKey } from './external-ids.js';
import { upsertRecords, type UpsertCondition, type UpsertInput, type UpsertOutcome } from './upsert.js';

/** One record to write: an upsert when it has a key, else a create. */
export interface Operation {
  index: number;
  resource: Resource;
  key?: ExternalKey;
  condition?: UpsertCondition;
  input: UpsertInput;
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
    const group = `${op.resource.path}:${op.key ? 'upsert' : 'create'}`;
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
      : await createUnlessDuplicate(
          tx,
          resource,
          caller,
          ops.map((op) => op.input.create),
        );
    written.forEach((outcome, n) => (outcomes[members[n]!] = outcome));
  }
  return outcomes;
}

/** Creates records, but answers each that duplicates a stored one (see `Resource.duplicateOf`) with it. */
async function createUnlessDuplicate(tx: Tx, resource: Resource, caller: Caller, creates: Row[]) {
  const duplicates = (await resource.duplicateOf?.(tx, caller, creates)) ?? [];
  const created = await createRecords(
    tx,
    resource,
    caller,
    creates.filter((_, n) => !duplicates[n]),
  );
  return creates.map((_, n): UpsertOutcome => {
    const duplicate = duplicates[n];
    return duplicate ? { action: 'matched', record: duplicate } : { action: 'created', record: created.shift()! };
  });
}

/** The keys that order `op` after an earlier operation of its batch: its record key, or what its create duplicates by. */
function orderKeys(op: Operation): string[] {
  if (op.key) return [JSON.stringify([op.resource.entity, op.key.source, op.key.externalId])];
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
