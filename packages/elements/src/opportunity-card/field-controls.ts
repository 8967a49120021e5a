// The deal card's controls for a value edited where it stands, and the patch each sends: text (the
// name, the source with the sources of other deals suggested), the amount with its currency (a select
// of the organization's currencies), the win probability, a date, the forecast category, the
// competitors (one per line), an owner picker offering only the members the caller may assign, and
// each custom field by its type (the same controls as <crm-record-form>'s). Loaded the first time a
// value is edited (parts.ts); field-editor.ts keeps the state.
import { majorDecimal, type CrmClient, type CustomField, type Opportunity, type OpportunityPatch } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  customFieldsBody,
  customFieldValues,
  renderCustomField,
  type Values,
} from '../shared/custom-field-controls.js';
import { everyPage } from '../shared/every-page.js';
import { fieldErrorText, type FieldProblem } from '../shared/field-errors.js';
import { typedMinorUnits } from '../shared/format.js';
import { minorDigits, useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { FORECAST_CATEGORIES } from '../shared/records.js';
import type { EditableField, Editing, FieldEditor } from './field-editor.js';
import { fieldControls } from './parts.js';

useEnglish(en.category, en.deal, en.edit, en.field, en.problem);

/** How many of the latest deals the source suggestions are read from. */
const SOURCE_SAMPLE = 100;
/** A deal's competitors, as the kit takes them: at most this many, each at most this long. */
const COMPETITORS = { max: 20, length: 50 };

export interface FieldControls {
  /** What a control starts from: the deal's value as typed text, by the control's name. */
  valuesOf(deal: Opportunity, field: EditableField, customFields: readonly CustomField[]): Values;
  /** The typed values as the patch sends them, or the problem that keeps them from being sent. */
  patchOf(
    deal: Opportunity,
    field: EditableField,
    values: Values,
    customFields: readonly CustomField[],
  ): OpportunityPatch | FieldProblem;
  /** The owners to offer, or the sources to suggest; undefined for other fields. */
  choicesOf(
    client: CrmClient,
    field: EditableField,
    deal: Opportunity,
    seesOwner: (id: string) => boolean,
  ): Promise<[string, string][] | undefined>;
  render(t: Localizer, editor: FieldEditor, editing: Editing, custom?: CustomField): TemplateResult;
}

const customOf = (fields: readonly CustomField[], field: EditableField) =>
  fields.find((f) => `customFields.${f.key}` === field);

function valuesOf(deal: Opportunity, field: EditableField, customFields: readonly CustomField[]): Values {
  const custom = customOf(customFields, field);
  if (custom) {
    // A money field without a value starts in the deal's currency.
    const currency = custom.type === 'money' ? { [`${field}.currency`]: deal.currency } : {};
    return { ...currency, ...customFieldValues(custom, deal.customFields[custom.key]) };
  }
  const text = (value: string | number | null | undefined) => ({
    [field]: value === null || value === undefined ? '' : String(value),
  });
  if (field === 'amount')
    return { ...text(majorDecimal(deal.amount, minorDigits(deal.currency))), currency: deal.currency };
  if (field === 'competitors') return text(deal.competitors.join('\n'));
  return text(deal[field as keyof Opportunity] as string);
}

function patchOf(
  deal: Opportunity,
  field: EditableField,
  values: Values,
  customFields: readonly CustomField[],
): OpportunityPatch | FieldProblem {
  const custom = customOf(customFields, field);
  if (custom) {
    const problems = new Map<string, FieldProblem>();
    const body = customFieldsBody([custom], values, deal.currency, problems);
    // An emptied field is cleared: a PATCH merges custom fields per key, and null removes one.
    return problems.get(field) ?? { customFields: { [custom.key]: body[custom.key] ?? null } };
  }
  const typed = (values[field] ?? '').trim();
  switch (field) {
    case 'name':
      return typed ? { name: typed } : { code: 'required' };
    case 'amount': {
      // The amount is read in the currency chosen beside it (its minor units differ: cents, yen).
      const currency = values.currency || deal.currency;
      const amount = typedMinorUnits(typed, currency);
      if (amount === undefined) return { code: 'invalid_format' };
      if (amount < 0) return { code: 'too_small', min: 0 };
      return currency === deal.currency ? { amount } : { amount, currency };
    }
    case 'competitors': {
      const names = [...new Set(typed.split('\n').map((line) => line.trim()))].filter(Boolean);
      if (names.length > COMPETITORS.max) return { code: 'too_big', max: COMPETITORS.max };
      if (names.some((name) => name.length > COMPETITORS.length)) return { code: 'too_long', max: COMPETITORS.length };
      return { competitors: names };
    }
    case 'probability': {
      if (!typed) return { probability: null };
      if (!/^\d+$/.test(typed)) return { code: 'invalid_format' };
      const probability = Number(typed);
      return probability > 100 ? { code: 'too_big', max: 100 } : { probability };
    }
    case 'forecastCategory':
      return { forecastCategory: typed as Opportunity['forecastCategory'] };
    default:
      // The close date, the owner and the source: empty is none.
      return { [field]: typed || null };
  }
}

async function choicesOf(
  client: CrmClient,
  field: EditableField,
  deal: Opportunity,
  seesOwner: (id: string) => boolean,
): Promise<[string, string][] | undefined> {
  try {
    if (field === 'ownerId') {
      const users = await everyPage((page) => client.users.list({ ...page, sort: 'name' }));
      // The deal's owner stays on offer, so the picker never shows another one than it has.
      return users
        .filter((user) => user.id === deal.ownerId || (user.active && seesOwner(user.id)))
        .map((user) => [user.id, user.name]);
    }
    if (field === 'amount') {
      // The organization's currencies: its base currency and those it has rates for, and the deal's own.
      const organization = await client.organization.get();
      const codes = new Set([deal.currency, organization.baseCurrency, ...Object.keys(organization.exchangeRates)]);
      return [...codes].sort().map((code) => [code, code]);
    }
    if (field === 'source') {
      const page = await client.opportunities.list({ limit: SOURCE_SAMPLE });
      const sources = new Set(page.items.flatMap((other) => (other.source ? [other.source] : [])));
      return [...sources].sort().map((source) => [source, source]);
    }
  } catch {
    // Without them the owner stays as it is (Save waits), a source can still be typed in full, and
    // the amount keeps its currency.
    return field === 'source' ? [] : undefined;
  }
  return undefined;
}

function render(t: Localizer, editor: FieldEditor, editing: Editing, custom?: CustomField): TemplateResult {
  const { field, values, problem, choices } = editing;
  const label = editor.label(t, field);
  const error = problem && !custom ? fieldErrorText(t, problem) : undefined;
  const errorId = `edit-${field}-error`;
  const onInput = (event: Event) => editor.input(field, (event.target as HTMLInputElement).value);
  const value = values[field] ?? '';
  const select = (options: readonly (readonly [string, string])[]) =>
    html`<select id="edit-${field}" class="control" aria-label=${label} @change=${onInput}>
      ${options.map(([option, name]) => html`<option value=${option} ?selected=${option === value}>${name}</option>`)}
    </select>`;
  // The owner picker waits for the members it offers before it can save.
  const waiting = field === 'ownerId' && !choices;
  let control: unknown;
  if (custom) {
    control = renderCustomField(
      t,
      {
        fields: [custom],
        values,
        problems: new Map(problem ? [[field, problem]] : []),
        currency: values[`${field}.currency`] ?? '',
        set: (name, next) => editor.input(name, next),
      },
      custom,
    );
  } else if (field === 'forecastCategory') {
    control = select(FORECAST_CATEGORIES.map((category) => [category, t.t(`category.${category}`)] as const));
  } else if (field === 'ownerId') {
    control = select([['', t.t('deal.none')], ...(choices ?? (value ? [[value, '…'] as const] : []))]);
  } else if (field === 'competitors') {
    control = html`<textarea
      id="edit-${field}"
      class="control"
      aria-label=${label}
      rows="3"
      .value=${live(value)}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? `${errorId} edit-${field}-hint` : `edit-${field}-hint`}
      @input=${onInput}
    ></textarea>`;
  } else {
    const suggest = field === 'source' && choices?.length;
    control = html`<input
        id="edit-${field}"
        class="control"
        aria-label=${label}
        type=${field === 'expectedCloseDate' ? 'date' : 'text'}
        inputmode=${field === 'amount' ? 'decimal' : field === 'probability' ? 'numeric' : 'text'}
        maxlength=${field === 'name' || field === 'source' ? 200 : nothing}
        autocomplete="off"
        list=${suggest ? 'edit-source-suggestions' : nothing}
        .value=${live(value)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${[error ? errorId : '', field === 'probability' ? `edit-${field}-hint` : ''].join(' ').trim() || nothing}
        @input=${onInput}
      />${
        suggest
          ? html`<datalist id="edit-source-suggestions">
              ${choices.map(([source]) => html`<option value=${source}></option>`)}
            </datalist>`
          : nothing
      }${field === 'amount' ? currencySelect(t, editor, values.currency ?? '', choices) : nothing}`;
  }
  return html`<form
    part="edit-form"
    class="inline-edit"
    novalidate
    aria-label=${t.t('deal.editField', { field: label })}
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      void editor.save();
    }}
    @keydown=${(event: KeyboardEvent) => {
      // While an input method composes (Zhuyin, Pinyin, …), Escape and Enter are its own.
      if (event.isComposing) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        void editor.cancel();
      } else if (event.key === 'Enter' && (event.target as Element).localName === 'select') {
        // A select does not submit its form on Enter as an input does: here it saves alike.
        event.preventDefault();
        void editor.save();
      }
    }}
  >
    <div class="inline-row">
      ${control}
      <button part="save-button" class="button primary" type="submit" ?disabled=${editing.saving || waiting}>
        ${editing.saving ? t.t('edit.saving') : t.t('edit.save')}
      </button>
      <button part="cancel-button" class="button" type="button" @click=${() => void editor.cancel()}>
        ${t.t('edit.cancel')}
      </button>
    </div>
    ${field === 'probability' ? html`<p id="edit-${field}-hint" class="form-note">${t.t('deal.probabilityHint')}</p>` : nothing}
    ${field === 'competitors' ? html`<p id="edit-${field}-hint" class="form-note">${t.t('edit.onePerLine')}</p>` : nothing}
    ${error ? html`<p part="field-error" id=${errorId} class="field-error">${error}</p>` : nothing}
    <div role="alert">
      ${editing.notice ? html`<p part="notice" class="form-error">${t.t(editing.notice)}</p>` : nothing}
    </div>
  </form>`;
}

/** The amount's currency: the organization's currencies once read, the deal's own until then. */
function currencySelect(
  t: Localizer,
  editor: FieldEditor,
  currency: string,
  choices: readonly (readonly [string, string])[] | undefined,
): TemplateResult {
  const codes = choices?.map(([code]) => code) ?? [currency];
  return html`<select
    id="edit-currency"
    class="control currency"
    aria-label=${t.t('field.currency')}
    @change=${(event: Event) => editor.input('currency', (event.target as HTMLSelectElement).value)}
  >
    ${codes.map((code) => html`<option value=${code} ?selected=${code === currency}>${code}</option>`)}
  </select>`;
}

fieldControls.register({ valuesOf, patchOf, choicesOf, render });
