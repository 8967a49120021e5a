import type { UpsertAction } from '@crmkit/core';
import type { Tx } from '../db/database.js';
import type { Caller } from '../http/env.js';
import { fieldErrors, ProblemError, validationProblem } from '../http/problem.js';
import { createRecord, findRow, updateRecord } from '../resources/crud.js';
import type { Resource, Row } from '../resources/resource.js';
import { findByKey, linkKey, lockKey, type ExternalKey } from './external-ids.js';

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
  await lockKey(tx, caller.orgId, resource.entity, key);
  const id = await findByKey(tx, caller.orgId, resource.entity, key);
  if (id === undefined) {
    if (condition.mustExist || condition.version !== undefined) {
      throw new ProblemError(412, `No ${resource.entity} has this external id yet, and If-Match asks for one.`);
    }
    const record = await createRecord(tx, resource, caller, input.create);
    await linkKey(tx, caller.orgId, resource.entity, key, String(record.id));
    return { action: 'created', record };
  }
  const stored = await findRow(tx, resource, caller.orgId, id);
  if (!stored) throw new ProblemError(404, `No ${resource.entity} with this id.`);
  const record = await updateRecord(tx, resource, caller, id, input.patch, condition.version);
  return { action: record.version === stored.version ? 'unchanged' : 'updated', record };
}
