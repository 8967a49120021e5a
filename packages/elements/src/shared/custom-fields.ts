// Custom fields as the elements show them: reading an organization's definitions, each
// definition's label in the reader's language, and a stored value as text (money and dates
// through Intl, options by their labels).
import type { CrmClient, CustomField, CustomFieldResource } from '@crmkit/core';
import { dayText, fullMoney } from './format.js';
import { useEnglish, type Localizer, type MoneyFigure } from './localize.js';
import * as en from './messages/en.js';

useEnglish(en.custom);

/** A definition's (or an option's) label in the reader's locale, else its own label. */
export function customLabel(t: Localizer, field: Pick<CustomField, 'label' | 'labels'>): string {
  return field.labels?.[t.locale] ?? field.label;
}

/** A stored value as text, or undefined when the record has none. */
export function customValueText(t: Localizer, field: CustomField, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return;
  const option = (choice: unknown) => {
    const found = field.options.find((o) => o.value === choice);
    return found ? customLabel(t, found) : String(choice);
  };
  const { type } = field;
  return type === 'number'
    ? t.number(value as number)
    : type === 'money'
      ? fullMoney(t, value as MoneyFigure)
      : type === 'date'
        ? dayText(t, value as string)
        : type === 'boolean'
          ? t.t(value ? 'custom.yes' : 'custom.no')
          : type === 'select'
            ? option(value)
            : type === 'multi_select'
              ? t.list((value as unknown[]).map(option))
              : String(value);
}

/** The values a record has, in the fields' order: each field's key, its label and the value as text. */
export function customEntries(
  t: Localizer,
  fields: readonly CustomField[],
  values: Record<string, unknown> | undefined,
): [key: string, label: string, text: string][] {
  return fields.flatMap((field) => {
    const text = customValueText(t, field, values?.[field.key]);
    return text === undefined ? [] : [[field.key, customLabel(t, field), text] as [string, string, string]];
  });
}

/**
 * The custom fields of a resource, by position (one page holds them all: the kit keeps at most
 * `CUSTOM_FIELDS_MAX` per resource); none when the caller may not read them.
 */
export function customFieldsOf(client: CrmClient, resource: CustomFieldResource, signal?: AbortSignal) {
  return client['custom-fields'].list({ resource, sort: 'position', limit: 200 }, { signal }).then(
    (page) => page.items,
    () => [] as CustomField[],
  );
}
