import {
  CUSTOM_FIELD_FILTER,
  CUSTOM_FIELDS_MAX,
  CustomFieldResource,
  customFieldErrors,
  IsoDate,
  jsonEqual,
  withCustomFieldFilters,
  type CustomField,
  type CustomFieldRule,
  type FieldError,
} from '@crmkit/core';
import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Tx } from '../db/database.js';
import { customFields } from '../db/schema/index.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { when } from './customers.js';
import { defineResource, type Resource, type Row } from './resource.js';

/** What a definition cannot change once made: its values are stored under its key, in its type's shape. */
const FIXED = ['resource', 'key', 'type'] as const;

/** An organization's custom field definitions: everyone reads them, owners and admins change them. */
export const customFieldResource = defineResource({
  path: 'custom-fields',
  entity: 'custom_field',
  tag: 'Custom fields',
  table: customFields,
  sorts: { position: customFields.position, label: customFields.label, createdAt: customFields.createdAt },
  filters: (q) => [
    when(q.resource as string, (v) => eq(customFields.resource, v)),
    when(q.type as string, (v) => eq(customFields.type, v)),
  ],
  writeRoles: ['owner', 'admin'],
  beforeWrite: async (field, { tx, caller, before, input }) => {
    if (!before) await checkRoomFor(tx, caller.orgId, String(field.resource));
    const errors: FieldError[] = [];
    if (before) {
      for (const key of FIXED) {
        if (Object.hasOwn(input, key)) {
          errors.push({ path: key, code: 'invalid_value', message: 'Cannot change: make a new field instead' });
        }
      }
    }
    const options = (field.options as { value: string }[]) ?? [];
    const choosing = field.type === 'select' || field.type === 'multi_select';
    if (choosing && options.length === 0) {
      errors.push({ path: 'options', code: 'required', message: 'A select field needs options' });
    }
    if (!choosing && options.length > 0) {
      errors.push({ path: 'options', code: 'invalid_value', message: 'Only select fields have options' });
    }
    const seen = new Set<string>();
    options.forEach(({ value }, i) => {
      if (seen.has(value)) {
        errors.push({ path: `options.${i}.value`, code: 'already_used', message: 'Each option value once' });
      }
      seen.add(value);
    });
    if (errors.length) throw validationProblem(errors);
  },
});

/** Refuses a new field of a resource that has {@link CUSTOM_FIELDS_MAX} already (trashed ones count: their values stay). */
async function checkRoomFor(tx: Tx, orgId: string, resource: string) {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(customFields)
    .where(and(eq(customFields.orgId, orgId), eq(customFields.resource, resource)));
  if (n >= CUSTOM_FIELDS_MAX) {
    throw new ProblemError(409, `${resource} have ${CUSTOM_FIELDS_MAX} custom fields, the most they may have.`);
  }
}

/** Whether records of this resource carry custom fields. */
export function hasCustomFields(resource: Resource): boolean {
  return (CustomFieldResource.options as string[]).includes(resource.path);
}

/**
 * The query a list route (or an export) of `resource` parses: its contract's list query, plus the
 * custom field filters (`customFields.<key>…`) for a resource that has them. The contract's query
 * stays strict; the kit checks those extra keys against the definitions when it reads the list,
 * and any other unknown parameter is still a 400 naming it.
 */
export function listQueryOf<T extends z.ZodObject>(resource: Resource, query: T): T {
  return hasCustomFields(resource) ? withCustomFieldFilters(query) : query;
}

/** The live (not trashed) custom fields of a resource, by position. */
export async function liveCustomFields(tx: Tx, orgId: string, resource: Resource): Promise<CustomField[]> {
  const found = await tx
    .select()
    .from(customFields)
    .where(and(eq(customFields.orgId, orgId), eq(customFields.resource, resource.path), isNull(customFields.deletedAt)))
    .orderBy(asc(customFields.position), asc(customFields.label));
  return found as unknown as CustomField[];
}

const valuesOf = (value: unknown) => (value ?? {}) as Record<string, unknown>;

/**
 * Checks the custom field values of records about to be created: every key a live field of the
 * resource, every value of its field's type, every required field filled. Null values are no
 * values (left out of what is stored). Throws one problem naming every bad field. Records the kit
 * creates itself (a lead from a web form, a conversion's customer) name no `customFields` and are
 * not held to required fields: a definition must not stop a form submission or a conversion.
 */
export async function checkCreatedValues(tx: Tx, orgId: string, resource: Resource, inputs: Row[]): Promise<Row[]> {
  if (!hasCustomFields(resource) || !inputs.some((input) => input.customFields !== undefined)) return inputs;
  const fields = await liveCustomFields(tx, orgId, resource);
  return inputs.map((input) => {
    if (input.customFields === undefined) return input;
    const sent = valuesOf(input.customFields);
    const kept = Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== null));
    throwErrors(customFieldErrors(fields, sent, kept, { creating: true }));
    return { ...input, customFields: kept };
  });
}

/**
 * Checks the custom field values a patch changes (`before` and `after` the merge of the patch): a
 * value the record already has passes even when its field is in the trash, so a record read and
 * written back whole keeps the values of trashed fields.
 */
export function checkChangedValues(fields: CustomFieldRule[], before: unknown, after: unknown): void {
  const was = valuesOf(before);
  const now = valuesOf(after);
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (!jsonEqual(was[key], now[key])) changed[key] = now[key] ?? null;
  }
  throwErrors(customFieldErrors(fields, changed, now, { creating: false }));
}

function throwErrors(errors: FieldError[]) {
  if (errors.length) throw validationProblem(errors);
}

/**
 * The conditions of a list's custom field filters (`customFields.<key>`, `.from`, `.to`,
 * `.currency`; see `CUSTOM_FIELD_FILTER` in `@crmkit/core`), each checked against its field's
 * type. Equality and currency are containments, which the `jsonb_path_ops` index answers; ranges
 * compare the value as a number (money: its amount) or as an ISO date. Any other parameter the
 * query schema does not name is a 400 naming it, as strict queries answer elsewhere.
 */
export async function customFieldConditions(tx: Tx, orgId: string, resource: Resource, query: Row): Promise<SQL[]> {
  const known = resource.schemas.query.shape;
  const params = Object.keys(query).filter((key) => !Object.hasOwn(known, key));
  if (params.length === 0) return [];
  const column = (resource.table as unknown as { customFields?: PgColumn }).customFields;
  const errors: FieldError[] = [];
  const byKey = new Map(
    column ? (await liveCustomFields(tx, orgId, resource)).map((field) => [field.key, field] as const) : [],
  );
  const conditions: SQL[] = [];
  for (const param of params) {
    const match = column ? CUSTOM_FIELD_FILTER.exec(param) : null;
    if (!match) {
      errors.push({ path: param, code: 'unknown_field', message: 'Not a known parameter or field' });
      continue;
    }
    const field = byKey.get(match[1]!);
    if (!field) {
      errors.push({ path: param, code: 'unknown_field', message: 'No such custom field' });
      continue;
    }
    const condition = filterCondition(column!, field, match[2] as Operator, String(query[param]));
    if (typeof condition === 'string') errors.push({ path: param, code: 'invalid_value', message: condition });
    else conditions.push(condition);
  }
  if (errors.length) throw validationProblem(errors);
  return conditions;
}

type Operator = 'from' | 'to' | 'currency' | undefined;

/** The condition of one filter, or why its value does not fit its field. */
function filterCondition(column: PgColumn, field: CustomField, op: Operator, text: string): SQL | string {
  const { key, type } = field;
  const has = (value: unknown) => sql`${column} @> ${JSON.stringify({ [key]: value })}::jsonb`;
  if (op === 'currency') {
    if (type !== 'money') return 'Only money fields have a currency';
    return /^[A-Z]{3}$/.test(text) ? has({ currency: text }) : 'Use a three-letter ISO 4217 code such as USD';
  }
  if (op) {
    const bound = op === 'from' ? sql`>=` : sql`<=`;
    if (type === 'date') {
      if (!IsoDate.safeParse(text).success) return 'Use a date like 2026-03-31';
      return sql`(${column} ->> ${key}) ${bound} ${text}`;
    }
    if (type !== 'number' && type !== 'money') return 'Only number, money and date fields have ranges';
    if (!/^-?\d+(\.\d+)?$/.test(text)) return 'Use a number';
    const value = type === 'money' ? sql`${column} -> ${key} -> 'amount'` : sql`${column} -> ${key}`;
    return sql`(case when jsonb_typeof(${value}) = 'number' then (${value})::text::numeric end) ${bound} ${text}::numeric`;
  }
  switch (type) {
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? has(Number(text)) : 'Use a number';
    case 'boolean':
      return text === 'true' || text === 'false' ? has(text === 'true') : 'Use true or false';
    case 'date':
      return IsoDate.safeParse(text).success ? has(text) : 'Use a date like 2026-03-31';
    case 'multi_select':
      return has([text]);
    case 'money':
      return 'Filter money fields by customFields.<key>.from, .to or .currency';
    default:
      return has(text);
  }
}
