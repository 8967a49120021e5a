// The fields of <crm-record-form>: the spec's fields (record-fields.ts) and the pickers it fills from
// the kit (owner, customer, stage), each with its localized error; and the duplicate warning.
import { html, nothing, type TemplateResult } from 'lit';
import { fieldErrorText, type FieldProblem } from '../shared/field-errors.js';
import { checkField, selectField, textareaField, textField } from '../shared/form-fields.js';
import type { CrmRecordKind } from '../shared/events.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import type { Duplicate } from './duplicates.js';
import type { FormData } from './form-data.js';
import type { FieldSpec, FormSpec, PickerName, Values } from './record-fields.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.dup, en.field, en.form);

export interface FormView {
  kind: CrmRecordKind;
  spec: FormSpec;
  values: Values;
  problems: ReadonlyMap<string, FieldProblem>;
  data: FormData;
  /** The customer's name when the form is for a given customer (it is not asked for then). */
  fixedCustomer?: string;
  duplicates: readonly Duplicate[];
  set(field: string, value: string): void;
  onCustomerSearch(q: string): void;
  onDuplicate(duplicate: Duplicate): void;
}

const idOf = (field: string) => `field-${field}`;

export function renderFields(t: Localizer, view: FormView): TemplateResult {
  let first = true;
  const autofocus = () => {
    const was = first;
    first = false;
    return was;
  };
  return html`<div class="form-grid">
    ${view.spec.fields.map((field) =>
      typeof field === 'string' ? renderPicker(t, view, field, autofocus) : renderField(t, view, field, autofocus()),
    )}
  </div>`;
}

function errorOf(t: Localizer, view: FormView, field: string, formatKey?: MessageKey): string | undefined {
  const problem = view.problems.get(field);
  return problem && fieldErrorText(t, problem, formatKey);
}

function renderField(t: Localizer, view: FormView, spec: FieldSpec, autofocus: boolean): TemplateResult {
  const common = {
    id: idOf(spec.name),
    label: t.t(spec.label),
    required: spec.required,
    wide: spec.wide,
    autofocus,
    error: errorOf(t, view, spec.name, spec.formatKey),
  };
  const value = view.values[spec.name] ?? '';
  const onInput = (next: string) => view.set(spec.name, next);
  switch (spec.kind) {
    case 'select':
      return selectField({
        ...common,
        value,
        options: (spec.choices ?? []).map(([choice, label]) => [choice, t.t(label)] as const),
        onChange: onInput,
      });
    case 'check':
      return checkField({
        id: common.id,
        label: common.label,
        checked: value === 'true',
        onChange: (checked) => view.set(spec.name, checked ? 'true' : ''),
      });
    case 'amount':
      return textField({ ...common, value, inputmode: 'decimal', onInput });
    case 'currency':
      return textField({ ...common, value, maxlength: 3, autocomplete: 'transaction-currency', onInput });
    case 'textarea':
      return textareaField({ ...common, value, maxlength: spec.maxlength, onInput });
    default:
      return textField({
        ...common,
        type: spec.kind,
        value,
        maxlength: spec.maxlength,
        autocomplete: spec.autocomplete,
        onInput,
      });
  }
}

function renderPicker(t: Localizer, view: FormView, picker: PickerName, autofocus: () => boolean) {
  const { data, values } = view;
  const error = errorOf(t, view, picker);
  switch (picker) {
    case 'ownerId':
      // A rep sees only their own records: the kit makes them the owner, there is nothing to pick.
      if (data.owners.length < 2) return nothing;
      return selectField({
        id: idOf(picker),
        label: t.t('field.owner'),
        value: values.ownerId ?? '',
        error,
        options: [['', t.t('form.ownerSelf')], ...data.owners.map((user) => [user.id, user.name] as const)],
        onChange: (id) => view.set('ownerId', id),
      });
    case 'stageId':
      return selectField({
        id: idOf(picker),
        label: t.t('field.pipelineStage'),
        required: true,
        value: values.stageId ?? '',
        error,
        options: data.stages.map((stage) => [stage.id, stage.name] as const),
        onChange: (id) => view.set('stageId', id),
      });
    case 'customerId':
      return view.fixedCustomer !== undefined
        ? html`<div part="field" class="field">
            <span class="field-label">${t.t('field.customer')}</span>
            <span class="fixed-value">${view.fixedCustomer}</span>
          </div>`
        : renderCustomerPicker(t, view, error, autofocus());
  }
}

/** A search box and the customers it finds, as a select: plain controls that work from the keyboard. */
function renderCustomerPicker(t: Localizer, view: FormView, error: string | undefined, autofocus: boolean) {
  const { data, values } = view;
  const found = data.customers;
  const chosen = values.customerId ?? '';
  const required = view.kind === 'opportunity';
  return html`${textField({
    id: 'customer-search',
    label: t.t('field.customerSearch'),
    type: 'search',
    value: values.customerSearch ?? '',
    autofocus,
    placeholder: t.t('form.pickCustomer'),
    onInput: (q) => view.onCustomerSearch(q),
  })}
  ${selectField({
    id: idOf('customerId'),
    label: t.t('field.customer'),
    required,
    value: chosen,
    error,
    options: found.length
      ? [...(required ? [] : [['', '—'] as const]), ...found.map((c) => [c.id, c.name] as const)]
      : [['', data.searching ? '…' : t.t('form.noCustomer')]],
    onChange: (id) => view.set('customerId', id),
  })}`;
}

/** Customers that may already be the one typed, each a link to it. */
export function renderDuplicates(t: Localizer, view: FormView) {
  if (!view.duplicates.length) return nothing;
  return html`<div part="duplicates" class="duplicates">
    <p class="duplicates-title">${t.t('dup.title')}</p>
    <ul>
      ${view.duplicates.map(
        (duplicate) =>
          html`<li>
            <button class="link-button" type="button" @click=${() => view.onDuplicate(duplicate)}>
              ${duplicate.customer.name}</button
            ><span class="duplicate-reason"> · ${t.t(`dup.${duplicate.reason}`)}</span>
          </li>`,
      )}
    </ul>
  </div>`;
}
