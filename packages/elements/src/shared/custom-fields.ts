// Custom fields as the elements show them: each definition's label in the reader's language, and a
// stored value as text (money and dates through Intl, options by their labels).
import type { CrmClient, CustomField, CustomFieldResource } from '@crmkit/core';
import { everyPage } from './every-page.js';
import { dayText, fullMoney } from './format.js';
import { useEnglish, type Localizer } from './localize.js';
import * as en from './messages/en.js';

useEnglish(en.form);

type Labelled = Pick<CustomField, 'label' | 'labels'>;

/** A definition's (or an option's) label in the reader's locale, else its own label. */
export function customLabel(t: Localizer, field: Labelled): string {
  return field.labels?.[t.locale] ?? field.label;
}

/** A stored value as text, or undefined when the record has none. */
export function customValueText(t: Localizer, field: CustomField, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return;
  const option = (choice: unknown) => {
    const found = field.options.find((o) => o.value === choice);
    return found ? customLabel(t, found) : String(choice);
  };
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? t.number(value) : String(value);
    case 'money': {
      const money = value as { amount: number; currency: string };
      return fullMoney(t, money);
    }
    case 'date':
      return dayText(t, String(value));
    case 'boolean':
      return t.t(value === true ? 'form.yes' : 'form.no');
    case 'select':
      return option(value);
    case 'multi_select':
      return t.list((value as unknown[]).map(option));
    default:
      return String(value);
  }
}

/** The custom fields of a resource, by position; none when the caller may not read them. */
export function customFieldsOf(client: CrmClient, resource: CustomFieldResource, signal?: AbortSignal) {
  return everyPage((page) => client['custom-fields'].list({ ...page, resource, sort: 'position' }, { signal })).catch(
    () => [] as CustomField[],
  );
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
