import type { UpsertAction } from '@crmkit/core';
import type { Tx } from '../db/database.js';
import type { Caller } from '../http/env.js';
import { fieldErrors, ProblemError, validationProblem } from '../http/problem.js';
import { createRecords, updateRecords } from '../resources/crud.js';
import type { Resource, Row } from '../resources/resource.js';
import { findByKeys, idOfKey, linkKeys, lockKeys, type ExternalKey } from './external-ids.js';

/** What an upsert asks of the stored record, as `If-Match` says it. */
export interface UpsertCondition {
  /** The stored record must be at this version (a stale one is a 412). */
  version?: number;
  /** The record must exist already (`If-Match: *`). */
  mustExist?: boolean;
}

/** A body checked for both ways an upsert can go: the whole record to create, or the fields sent to change. */
export interface UpsertInput {
  create: Row;
  patch: Row;
}

/**
 * Checks an upsert body against the resource's create schema (so the same body is valid whether
 * the record exists or not) and keeps, for an update, only the fields it names: fields left out
 * keep their stored values rather than go back to their defaults.
 */
export function parseUpsertBody(resource: Resource, body: unknown): UpsertInput {
  const create = resource.schemas.create.safeParse(body);
  if (!create.success) throw validationProblem(fieldErrors(create.error, body));
  const patch = resource.schemas.patch.safeParse(body);
  if (!patch.success) throw validationProblem(fieldErrors(patch.error, body));
  return { create: create.data as Row, patch: patch.data as Row };
}

export interface UpsertOutcome {
  action: UpsertAction;
  record: Row;
}

/** One record to upsert: the key another system knows it by, the body, and what `If-Match` asks. */
export interface Upsert {
  key: ExternalKey;
  input: UpsertInput;
  condition?: UpsertCondition;
}

/**
 * Creates or changes the record another system knows by `key`, as one write of the caller: the
 * same roles, visibility, checks, audit entry and change event as `POST` and `PATCH`. Idempotent:
 * the same body again changes nothing (no new version, no history entry). A record the caller
 * cannot see answers 404, as reading it would.
 */
export async function upsertRecord(
  tx: Tx,
  resource: Resource,
  caller: Caller,
  key: ExternalKey,
  input: UpsertInput,
  condition: UpsertCondition = {},
): Promise<UpsertOutcome> {
  return (await upsertRecords(tx, resource, caller, [{ key, input, condition }]))[0]!;
}

/**
 * {@link upsertRecord} of many records of one resource, each key at most once, in input order and
 * with a few statements for all of them: the keys locked and looked up together, the new records
 * created together ({@link createRecords}), the known ones patched together ({@link updateRecords}).
 * All or nothing: the first refusal fails the call (a bulk request then writes its records one by
 * one to say which failed).
 */
export async function upsertRecords(
  tx: Tx,
  resource: Resource,
  caller: Caller,
  upserts: Upsert[],
): Promise<UpsertOutcome[]> {
  const { orgId } = caller;
  const { entity } = resource;
  const keys = upserts.map((u) => u.key);
  await lockKeys(tx, orgId, entity, keys);
  const found = await findByKeys(tx, orgId, entity, keys);
  const ids = upserts.map(({ key }) => idOfKey(found, orgId, entity, key));
  if (new Set(ids.filter(Boolean)).size !== ids.filter(Boolean).length) {
    // Two systems' ids of one record in one call: written one at a time instead, in order.
    throw new ProblemError(409, `Two of these keys name the same ${entity}: upsert them one at a time.`);
  }
  const creates: number[] = [];
  const patches: number[] = [];
  upserts.forEach(({ condition = {} }, i) => {
    if (ids[i] !== undefined) patches.push(i);
    else if (condition.mustExist || condition.version !== undefined) {
      throw new ProblemError(412, `No ${entity} has this external id yet, and If-Match asks for one.`);
    } else creates.push(i);
  });
  const created = await createRecords(
    tx,
    resource,
    caller,
    creates.map((i) => upserts[i]!.input.create),
  );
  await linkKeys(
    tx,
    orgId,
    entity,
    created.map((record, n) => ({ key: upserts[creates[n]!]!.key, recordId: String(record.id) })),
  );
  const patched = await updateRecords(
    tx,
    resource,
    caller,
    patches.map((i) => ({
      id: ids[i]!,
      input: upserts[i]!.input.patch,
      expectedVersion: upserts[i]!.condition?.version,
    })),
  );
  const outcomes: UpsertOutcome[] = [];
  created.forEach((record, n) => (outcomes[creates[n]!] = { action: 'created', record }));
  patched.forEach(
    ({ record, changed }, n) => (outcomes[patches[n]!] = { action: changed ? 'updated' : 'unchanged', record }),
  );
  return outcomes;
}
