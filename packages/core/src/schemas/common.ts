import { z } from 'zod';
import { Text } from './fields.js';

/** A record id: a UUID (the kit issues version 7, time-ordered). */
export const Id = z.uuid();

/** An ISO 4217 currency code such as `USD` or `TWD`. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 code such as USD');

/** Money: an integer amount in minor units (cents) plus its currency. */
export const Money = z.object({
  amount: z.number().int().describe('Amount in minor units, e.g. cents'),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/**
 * A sum of amounts in minor units, exact: a base-10 integer string, since sums can pass 2^53 (the
 * largest integer a JSON number carries exactly). Single amounts on records stay numbers.
 */
export const MinorSum = z
  .string()
  .regex(/^-?\d+$/, 'A whole number of minor units as a decimal string')
  .describe('Minor units, as a decimal string: sums can exceed 2^53');
export type MinorSum = z.infer<typeof MinorSum>;

/** A sum of amounts of one currency, in its minor units. */
export const CurrencyAmount = z.object({ currency: CurrencyCode, amount: MinorSum });
export type CurrencyAmount = z.infer<typeof CurrencyAmount>;

/** Fields every stored record carries. */
export const RecordMeta = z.object({
  id: Id,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  version: z.number().int().positive(),
  deletedAt: z.iso.datetime({ offset: true }).nullable(),
});

/**
 * Query parameters shared by every list route. Query schemas are strict: an unknown parameter
 * (a typo, or a name from another route) is a 400 naming it rather than silently ignored.
 */
export const PageQuery = z.strictObject({
  limit: z.coerce.number<number>().int().min(1).max(200).default(50),
  cursor: Text.max(512).optional(),
});

/** The query of a route that takes no parameters: any parameter is a 400 naming it. */
export const NoQuery = z.strictObject({});

/** A page of a list: the items and the cursor of the next page (null on the last page). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What is wrong with a field, for a client to localize (the message is English). */
export const FieldErrorCode = z.enum([
  'required',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'too_deep',
  'too_many_keys',
  'too_large',
  'forbidden_character',
  'unknown_field',
  'not_found',
  'already_used',
]);
export type FieldErrorCode = z.infer<typeof FieldErrorCode>;

/** One field's validation failure inside a problem document, with the limit it broke if any. */
export const FieldError = z.object({
  path: z.string().describe('The field, dotted for nested ones (`emails.1`, `stages.0.name`)'),
  code: FieldErrorCode.describe(
    'too_short/too_long: text length or item count (min/max); too_small/too_big: numbers (min/max); ' +
      'too_deep/too_many_keys/too_large: free JSON (max); not_found: an unknown reference',
  ),
  message: z.string().describe('In English'),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type FieldError = z.infer<typeof FieldError>;

/** An RFC 9457 problem document, as every error response carries. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(FieldError).optional(),
  requestId: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

/**
 * The query of a list route: paging, search, the trash switch, a sort over the given keys
 * (`name` ascending, `-name` descending) and the resource's own filters.
 */
export function listQuery<const K extends string, F extends z.ZodRawShape>(
  sortKeys: readonly K[],
  defaultSort: K | `-${K}`,
  filters: F,
) {
  const sorts = sortKeys.flatMap((k) => [k, `-${k}`]) as [K | `-${K}`, ...(K | `-${K}`)[]];
  return PageQuery.extend({
    q: Text.trim().max(200).optional().describe('Search text'),
    sort: z.enum(sorts).default(defaultSort as never) as unknown as z.ZodDefault<z.ZodEnum<{ [S in K | `-${K}`]: S }>>,
    trash: z.stringbool().optional().describe('List trashed records instead of live ones'),
    ...filters,
  });
}

/**
 * A field only the kit writes (e.g. `mergedIntoId`, set by a merge): a write that names it is a
 * 400 naming it, not silently dropped. A check of the field itself rather than of its object, so
 * the object can still be extended, picked and made partial.
 */
export const kitOnly = (message: string) =>
  z
    .unknown()
    .refine((value) => value === undefined, { message, params: { code: 'invalid_value' } })
    .optional();

/** One entry of a record's history: a write with its values before and after. */
export const HistoryEntry = z.object({
  id: Id,
  action: z
    .enum(['create', 'update', 'delete', 'restore', 'merge'])
    .describe(
      '`merge`: a record was merged into this one (`after.mergedFromId`, `after.moved`) or this one into another (`after.mergedIntoId`); the values the merge changed are in the `update` or `delete` entry beside it',
    ),
  actorId: Id.nullable(),
  at: z.iso.datetime({ offset: true }),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/**
 * The schema of a PATCH body: every field optional and without its default, so a change names
 * only what it changes. (In zod 4 a default applies even inside `.optional()`, so `.partial()`
 * alone would reset every unnamed field to its default.)
 */
export function patchOf<T extends z.ZodRawShape>(fields: z.ZodObject<T>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(fields.shape)) {
    shape[key] = (schema instanceof z.ZodDefault ? schema.unwrap() : schema) as z.ZodType;
  }
  return z.object(shape).partial() as unknown as ReturnType<z.ZodObject<T>['partial']>;
}
