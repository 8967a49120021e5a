import type { FieldError } from '@crmkit/core';
import { getTableColumns, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema/index.js';
import { ProblemError, validationProblem } from './problem.js';

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
  constraint_name?: string;
}

/** The PostgreSQL error behind a driver or drizzle wrapper, if there is one. */
function pgError(error: unknown): PgError | undefined {
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as never, depth++) {
    if (typeof (e as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((e as PgError).code!)) return e as PgError;
  }
  return undefined;
}

let constraintFields: Map<string, string[]> | undefined;

/**
 * The API fields of a constraint, other than the organization, from the schema itself: under
 * row-level security Postgres leaves the key out of the error's detail.
 */
function fieldsOf(constraint: string | undefined): string[] {
  if (!constraint) return [];
  if (!constraintFields) {
    constraintFields = new Map();
    for (const table of Object.values(schema)) {
      if (!is(table, PgTable)) continue;
      const config = getTableConfig(table);
      const fieldName = new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column.name, key]));
      const fields = (columns: { name: string }[]) =>
        columns.map((c) => fieldName.get(c.name) ?? c.name).filter((f) => f !== 'orgId');
      for (const fk of config.foreignKeys) constraintFields.set(fk.getName(), fields(fk.reference().columns));
      for (const unique of config.uniqueConstraints) {
        if (unique.name) constraintFields.set(unique.name, fields(unique.columns));
      }
      // Unique indexes (partial ones: one live quota per member and period) name their fields too.
      for (const index of config.indexes) {
        const { name, unique, columns } = index.config;
        if (unique && name)
          constraintFields.set(
            name,
            fields(
              columns.flatMap((c) =>
                typeof (c as { name?: unknown }).name === 'string' ? [c as { name: string }] : [],
              ),
            ),
          );
      }
    }
  }
  return constraintFields.get(constraint) ?? [];
}

/** The field error of a reference to a record that is not there (or that the caller may not see). */
export function unknownReference(path: string): FieldError {
  return { path, code: 'not_found', message: 'No such record in this organization' };
}

/** Whether a request failed because its member's record changed (see `crm.assert_member`). */
export function isMemberChange(error: unknown): boolean {
  return pgError(error)?.code === 'CK001';
}

/**
 * Turns a constraint violation into the problem a client can act on: a reference to a record that
 * is not there is a 400 on that field, a duplicate is a 409 on the duplicated field. Other errors
 * pass through unchanged.
 */
export function toProblem(error: unknown): unknown {
  const pg = pgError(error);
  if (!pg) return connectionLost(error) ?? error;
  const fields = fieldsOf(pg.constraint ?? pg.constraint_name);
  switch (pg.code) {
    case '23503': // foreign_key_violation
      if (/is still referenced/.test(pg.detail ?? '')) {
        return new ProblemError(409, 'Other records still refer to this one.');
      }
      return validationProblem(fields.map(unknownReference));
    case '23505': // unique_violation
      return new ProblemError(409, 'A record with the same value exists already.', {
        errors: fields.map((path) => ({ path, code: 'already_used', message: 'Already used by another record' })),
      });
    case '23514': // check_violation
    case '22P02': // invalid_text_representation
    case '22003': // numeric_value_out_of_range
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
      return new ProblemError(400, 'A value is out of range or malformed.');
    // The contract refuses these characters field by field; this catches any text it missed.
    case '22021': // character_not_in_repertoire: a NUL, or bytes that are not UTF-8
    case '22P05': // untranslatable_character: \u0000 in jsonb
      return new ProblemError(400, 'A text holds a character that cannot be stored (U+0000).');
    case '54000': // program_limit_exceeded, e.g. a value too big for an index
    case '54001': // statement_too_complex, e.g. JSON nested too deep
      return new ProblemError(400, 'A value is too large or too deeply nested to store.');
    case '42501': // insufficient_privilege: a row-level security policy refused the write
      return new ProblemError(
        403,
        'Your role does not allow this change (for example, giving a record to someone outside your team).',
      );
    case 'CK001': // crm.assert_member: the member's role or standing changed since the kit last read it
      return new ProblemError(403, 'Your access to this organization changed; send the request again.');
    case '57014': // query_canceled: a statement timeout
      return new ProblemError(503, 'The database took too long; try again.');
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return new ProblemError(409, 'The record changed at the same time; try again.');
    default:
      // Any other data exception (class 22, e.g. 22009: a time the driver wrote as year +010000)
      // is a value the database cannot take: the request's fault, never a 500.
      if (pg.code?.startsWith('22')) return new ProblemError(400, 'A value is out of range or malformed.');
      return connectionLost(error) ?? error;
  }
}

/** Driver codes (postgres.js, Node's sockets, the kit's pool) that mean the database is out of reach. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'POOL_TIMEOUT',
]);

/**
 * A 503 (with Retry-After, see problemResponse) when the database is out of reach for now: it
 * restarts (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now), a connection
 * broke (class 08), it has no connection to spare (53300), or the driver could not reach it.
 */
function connectionLost(error: unknown): ProblemError | undefined {
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as never, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (UNREACHABLE.has(code) || /^(57P0[123]|08...|53300)$/.test(code)) {
      return new ProblemError(503, 'The database cannot be reached just now; try again.');
    }
  }
  return undefined;
}
