// Custom fields in forms (<crm-record-form>, the deal card's values edited in place): a control per
// definition (by its type), what the user typed as `customFields`, and a stored value as a form holds
// it. Form values are named `customFields.<key>` (a money field's currency
// `customFields.<key>.currency`, a multi-select's options one a line), so the kit's errors
// (`customFields.<key>`) land on the field they name.
import { majorDecimal, type CustomField } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { customLabel } from './custom-fields.js';
import { fieldErrorText, type FieldProblem } from './field-errors.js';
import { checkField, selectField, textField } from './form-fields.js';
import { typedMinorUnits } from './format.js';
import { minorDigits, useEnglish, type Localizer, type MessageKey } from './localize.js';
import * as en from './messages/en.js';

/** What a form holds, as typed, by the field's name. */
export type Values = Record<string, string>;

useEnglish(en.customForm, en.problem);

export const nameOf = (field: CustomField) => `customFields.${field.key}`;
const LINE = '\n';

export interface CustomFieldsView {
  fields: readonly CustomField[];
  values: Values;
  problems: ReadonlyMap<string, FieldProblem>;
  /** The currency a money field starts in. */
  currency: string;
  set(field: string, value: string): void;
}

const FORMAT: Partial<Record<CustomField['type'], MessageKey>> = { url: 'customForm.url' };

/** A control for each custom field, in the definitions' order. */
export function renderCustomFields(t: Localizer, view: CustomFieldsView): TemplateResult | typeof nothing {
  if (!view.fields.length) return nothing;
  return html`<div class="form-grid" role="group" aria-label=${t.t('customForm.group')}>
    ${view.fields.map((field) => renderCustomField(t, view, field))}
  </div>`;
}

export function renderCustomField(t: Localizer, view: CustomFieldsView, field: CustomField): TemplateResult {
  const name = nameOf(field);
  const problem = view.problems.get(name);
  const common = {
    id: `field-${name}`,
    label: customLabel(t, field),
    required: field.required,
    error: problem && fieldErrorText(t, problem, FORMAT[field.type]),
  };
  const value = view.values[name] ?? '';
  const onInput = (next: string) => view.set(name, next);
  switch (field.type) {
    case 'boolean':
      return checkField({ ...common, checked: value === 'true', onChange: (on) => onInput(on ? 'true' : 'false') });
    case 'select':
      return selectField({
        ...common,
        value,
        options: [['', '—'], ...field.options.map((o) => [o.value, customLabel(t, o)] as const)],
        onChange: onInput,
      });
    case 'multi_select': {
      const chosen = new Set(value.split(LINE).filter(Boolean));
      const toggle = (option: string, on: boolean) => {
        if (on) chosen.add(option);
        else chosen.delete(option);
        onInput(
          field.options
            .map((o) => o.value)
            .filter((v) => chosen.has(v))
            .join(LINE),
        );
      };
      return html`<fieldset
        part="field"
        class="field wide choices"
        aria-describedby=${ifDefined(common.error ? `${common.id}-error` : undefined)}
      >
        <legend class="field-label">
          ${common.label}${field.required ? html`<span class="required-mark" aria-hidden="true"> *</span>` : nothing}
        </legend>
        ${field.options.map((option, i) =>
          checkField({
            id: i === 0 ? common.id : `${common.id}-${i}`,
            label: customLabel(t, option),
            checked: chosen.has(option.value),
            onChange: (on) => toggle(option.value, on),
          }),
        )}
        ${
          common.error
            ? html`<p part="field-error" id=${`${common.id}-error`} class="field-error">${common.error}</p>`
            : nothing
        }
      </fieldset>`;
    }
    case 'money':
      return html`${textField({ ...common, value, inputmode: 'decimal', onInput })}
      ${textField({
        id: `field-${name}.currency`,
        label: t.t('customForm.currency', { label: common.label }),
        value: view.values[`${name}.currency`] ?? view.currency,
        maxlength: 3,
        autocomplete: 'transaction-currency',
        onInput: (next) => view.set(`${name}.currency`, next),
      })}`;
    case 'number':
      return textField({ ...common, value, inputmode: 'decimal', onInput });
    case 'date':
      return textField({ ...common, type: 'date', value, onInput });
    case 'url':
      return textField({ ...common, type: 'url', value, maxlength: 500, onInput });
    default:
      return textField({ ...common, value, maxlength: 2000, onInput });
  }
}

/**
 * The `customFields` of the body from what the user typed, with the problems the form can tell
 * before sending (a required field left empty, a number or an amount that is not one). Fields left
 * empty are left out, so the kit stores no value for them.
 */
export function customFieldsBody(
  fields: readonly CustomField[],
  values: Values,
  currency: string,
  problems: Map<string, FieldProblem>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const name = nameOf(field);
    const text = (values[name] ?? '').trim();
    // A box left unticked is `false` when the field needs a value, else no value.
    if (field.type === 'boolean') {
      if (text || field.required) body[field.key] = text === 'true';
      continue;
    }
    if (!text) {
      if (field.required) problems.set(name, { code: 'required' });
      continue;
    }
    switch (field.type) {
      case 'number': {
        const plain = text.replace(/[\s,，]/g, '');
        if (/^-?\d+(\.\d+)?$/.test(plain)) body[field.key] = Number(plain);
        else problems.set(name, { code: 'invalid_format' });
        break;
      }
      case 'money': {
        const code = (values[`${name}.currency`] ?? currency).trim().toUpperCase();
        const amount = typedMinorUnits(text, code);
        if (amount === undefined || !/^[A-Z]{3}$/.test(code)) problems.set(name, { code: 'invalid_format' });
        else body[field.key] = { amount, currency: code };
        break;
      }
      case 'multi_select':
        body[field.key] = text.split(LINE).filter(Boolean);
        break;
      default:
        body[field.key] = text;
    }
  }
  return body;
}

/** A stored value as the form holds it (the inverse of {@link customFieldsBody}), for editing it. */
export function customFieldValues(field: CustomField, value: unknown): Values {
  const name = nameOf(field);
  if (value === undefined || value === null) return {};
  switch (field.type) {
    case 'money': {
      const money = value as { amount: number; currency: string };
      return {
        [name]: majorDecimal(money.amount, minorDigits(money.currency)),
        [`${name}.currency`]: money.currency,
      };
    }
    case 'multi_select':
      return { [name]: (value as string[]).join(LINE) };
    default:
      return { [name]: String(value) };
  }
}
