import { z } from 'zod';
import { CurrencyCode, listQuery, patchOf, RecordMeta, type FieldError } from './common.js';
import { hasForbiddenCharacter, IsoDate, Name, ShortText, Text } from './fields.js';
import { jsonIssues } from './json.js';

/** The resources whose records carry custom fields. */
export const CustomFieldResource = z.enum(['customers', 'contacts', 'opportunities', 'leads', 'cases']);
export type CustomFieldResource = z.infer<typeof CustomFieldResource>;

/** What a custom field holds; `money` is an integer amount in minor units with its currency. */
export const CustomFieldType = z.enum(['text', 'number', 'money', 'date', 'select', 'multi_select', 'boolean', 'url']);
export type CustomFieldType = z.infer<typeof CustomFieldType>;

/** The field's key in `customFields`, in query parameters (`customFields.<key>`) and in CSV headers. */
export const CustomFieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use a lower-case letter, then letters, digits or _ (at most 40)');

/** A label per locale the elements speak; a missing one falls back to `label`. */
export const LocalizedLabels = z
  .strictObject({ en: ShortText.min(1), 'zh-Hant': ShortText.min(1), 'zh-Hans': ShortText.min(1) })
  .partial();
export type LocalizedLabels = z.infer<typeof LocalizedLabels>;

export const CustomFieldOption = z.strictObject({
  value: Text.trim().min(1).max(100).describe('What records store and filters name'),
  label: ShortText.min(1),
  labels: LocalizedLabels.default({}),
});
export type CustomFieldOption = z.infer<typeof CustomFieldOption>;

export const CustomFieldFields = z.object({
  resource: CustomFieldResource.describe('Whose records carry it; cannot change'),
  key: CustomFieldKey.describe('Unique per resource in the organization, trashed fields included; cannot change'),
  label: Name,
  labels: LocalizedLabels.default({}),
  type: CustomFieldType.describe('Cannot change: stored values would no longer fit it'),
  required: z.boolean().default(false).describe('A new record must have a value, and no write may remove it'),
  options: z
    .array(CustomFieldOption)
    .max(200)
    .default([])
    .describe('The choices of `select` and `multi_select` (required for them, refused for other types)'),
  position: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(0)
    .describe('Forms and cards show fields by ascending position'),
});
export const CustomFieldCreate = CustomFieldFields;
export type CustomFieldCreate = z.input<typeof CustomFieldCreate>;
export const CustomFieldPatch = patchOf(CustomFieldFields);
export type CustomFieldPatch = z.input<typeof CustomFieldPatch>;
export const CustomField = RecordMeta.extend(CustomFieldFields.shape);
export type CustomField = z.infer<typeof CustomField>;
export const CustomFieldListQuery = listQuery(['position', 'label', 'createdAt'], 'position', {
  resource: CustomFieldResource.optional(),
  type: CustomFieldType.optional(),
});
export type CustomFieldListQuery = z.input<typeof CustomFieldListQuery>;

/**
 * A record's custom field values, by key. The kit checks them against the organization's
 * definitions for the resource when it writes them.
 */
export const CustomFieldValues = z
  .record(z.string(), z.unknown())
  .superRefine((value, context) => {
    for (const issue of jsonIssues(value)) context.addIssue({ code: 'custom', input: value, ...issue });
  })
  .describe(
    'Values of the custom fields defined for this resource (`GET /custom-fields?resource=…`), by key: text and url ' +
      'as strings, number as a number, money as `{ amount, currency }` (minor units), date as `YYYY-MM-DD`, select ' +
      'as one option value, multi_select as an array of them, boolean as true or false. A PATCH merges it per key: ' +
      'a key set to null clears that field. Unknown keys, and keys of trashed fields, are refused; values of trashed ' +
      'fields stay stored and come back when the field is restored.',
  );
export type CustomFieldValues = Record<string, unknown>;

/**
 * The list filters of a resource with custom fields: `customFields.<key>=value` (equal; a
 * multi-select field: has this option), and `customFields.<key>.from` / `.to` (inclusive) on
 * number, money (minor units) and date fields, as `closeFrom` and `closeTo` do on deals.
 */
export const CUSTOM_FIELD_FILTER = /^customFields\.([a-z][a-z0-9_]{0,39})(?:\.(from|to|currency))?$/;

/** The most custom fields a resource may have, trashed ones included: one page of the list holds them all. */
export const CUSTOM_FIELDS_MAX = 200;

/** The longest a text field's value may be. */
export const CUSTOM_TEXT_MAX = 2000;

/** The parts of a definition that decide what its values may be. */
export type CustomFieldRule = Pick<CustomField, 'key' | 'type' | 'required' | 'options'>;

const Url = z.url({ protocol: /^https?$/, message: 'Use an http or https address' }).max(500);
const MoneyValue = z.strictObject({
  amount: z.number().int('Use minor units (cents)').min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  currency: CurrencyCode,
});

/** Why a value does not fit its field, or undefined when it does. */
export function customValueError(field: CustomFieldRule, value: unknown): FieldError | undefined {
  const path = `customFields.${field.key}`;
  const wrongType = (expected: string): FieldError => ({ path, code: 'invalid_type', message: `Expected ${expected}` });
  const choices = new Set(field.options.map((o) => o.value));
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return wrongType('text');
      if (value.length > CUSTOM_TEXT_MAX) {
        return { path, code: 'too_long', message: `At most ${CUSTOM_TEXT_MAX} characters`, max: CUSTOM_TEXT_MAX };
      }
      if (hasForbiddenCharacter(value)) {
        return { path, code: 'forbidden_character', message: 'Contains a character that cannot be stored' };
      }
      return;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : wrongType('a number');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrongType('true or false');
    case 'date':
      if (typeof value !== 'string') return wrongType('a date like 2026-03-31');
      return IsoDate.safeParse(value).success
        ? undefined
        : { path, code: 'invalid_format', message: 'Use a date like 2026-03-31' };
    case 'url':
      if (typeof value !== 'string') return wrongType('an address');
      return Url.safeParse(value).success
        ? undefined
        : { path, code: 'invalid_format', message: 'Use an http or https address' };
    case 'money': {
      const parsed = MoneyValue.safeParse(value);
      if (parsed.success) return;
      const issue = parsed.error.issues[0]!;
      return { path: [path, ...issue.path.map(String)].join('.'), code: 'invalid_value', message: issue.message };
    }
    case 'select':
      if (typeof value !== 'string') return wrongType('one of the options');
      return choices.has(value) ? undefined : { path, code: 'invalid_value', message: 'Not one of the options' };
    case 'multi_select': {
      if (!Array.isArray(value)) return wrongType('a list of options');
      const bad = value.findIndex((v) => typeof v !== 'string' || !choices.has(v));
      if (bad >= 0) return { path: `${path}.${bad}`, code: 'invalid_value', message: 'Not one of the options' };
      if (new Set(value).size !== value.length) return { path, code: 'invalid_value', message: 'Each option once' };
      return;
    }
  }
}

/**
 * What is wrong with the custom field values a write sets, field by field (`customFields.<key>`):
 * keys no live field of the resource has, values that do not fit their field and, on create,
 * required fields left empty. `changed` are the values the write sets (null: cleared); `after`
 * the record's values once written, for the required check.
 */
export function customFieldErrors(
  fields: readonly CustomFieldRule[],
  changed: Record<string, unknown>,
  after: Record<string, unknown>,
  { creating }: { creating: boolean },
): FieldError[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(changed)) {
    const field = byKey.get(key);
    if (!field) {
      errors.push({ path: `customFields.${key}`, code: 'unknown_field', message: 'No such custom field' });
    } else if (value !== null) {
      const error = customValueError(field, value);
      if (error) errors.push(error);
    }
  }
  for (const field of fields) {
    const empty = isEmptyValue(after[field.key]);
    if (field.required && empty && (creating || Object.hasOwn(changed, field.key))) {
      errors.push({ path: `customFields.${field.key}`, code: 'required', message: 'Required' });
    }
  }
  return errors;
}

/** No value: absent, null, an empty text or an empty list. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * A list query of a resource with custom fields: its own parameters plus
 * `customFields.<key>[.from|.to|.currency]` (see {@link CUSTOM_FIELD_FILTER}). The kit checks the
 * other keys when it reads the list (with the definitions at hand): any other unknown parameter
 * is still a 400 naming it. (A refinement here would forbid `.omit()`, which the exports use.)
 */
export function withCustomFieldFilters<T extends z.ZodObject>(query: T): T {
  return query.catchall(Text.max(200)) as unknown as T;
}
