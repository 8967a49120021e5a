// Editing a deal's figures where they stand: its amount, win probability, expected close date and
// forecast category. A value is a button; activating it puts an input in its place (Enter saves,
// Escape puts the value back). Each save is one PATCH with the version on show; when someone else
// saved first, what the user typed stays, their version is shown, and saving again applies it.
import { ApiError, majorDecimal, type CrmClient, type Opportunity, type OpportunityPatch } from '@crmkit/core';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { fieldErrorText, fieldProblems, type FieldProblem } from '../shared/field-errors.js';
import { failureOf } from '../shared/failure.js';
import { separator, typedMinorUnits } from '../shared/format.js';
import { FORECAST_CATEGORIES } from '../shared/records.js';
import { minorDigits, useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.category, en.deal, en.edit, en.field, en.problem, en.save);

export type EditableField = 'amount' | 'probability' | 'expectedCloseDate' | 'forecastCategory';

export const FIELD_LABELS: Record<EditableField, MessageKey> = {
  amount: 'field.amount',
  probability: 'deal.probability',
  expectedCloseDate: 'field.closeDate',
  forecastCategory: 'deal.category',
};

interface Editing {
  field: EditableField;
  text: string;
  saving: boolean;
  /** What is wrong with the value, in the reader's language. */
  error?: string;
  /** Why the save did not go through, when it is not the value's fault. */
  notice?: MessageKey;
}

/** What the editor needs of its card. */
export interface EditorHost {
  client(): CrmClient | undefined;
  localize(): Localizer;
  /** The deal on show (its latest version). */
  deal(): Opportunity | undefined;
  /** Shows a newer version of the deal. */
  show(deal: Opportunity): void;
  /** Reads the deal's latest version again, for a save that came too late. */
  refresh(): Promise<void>;
  say(message: string): void;
}

/** The text an input starts from for a field. */
function textOf(deal: Opportunity, field: EditableField): string {
  switch (field) {
    case 'amount':
      return majorDecimal(deal.amount, minorDigits(deal.currency));
    case 'probability':
      return deal.probability === null ? '' : String(deal.probability);
    case 'expectedCloseDate':
      return deal.expectedCloseDate ?? '';
    case 'forecastCategory':
      return deal.forecastCategory;
  }
}

/** The typed text as the patch sends it, or the problem that keeps it from being sent. */
function patchOf(deal: Opportunity, field: EditableField, text: string): OpportunityPatch | FieldProblem {
  const typed = text.trim();
  switch (field) {
    case 'amount': {
      const amount = typedMinorUnits(typed, deal.currency);
      if (amount === undefined) return { code: 'invalid_format' };
      if (amount < 0) return { code: 'too_small', min: 0 };
      return { amount };
    }
    case 'probability': {
      if (!typed) return { probability: null };
      if (!/^\d+$/.test(typed)) return { code: 'invalid_format' };
      const probability = Number(typed);
      return probability > 100 ? { code: 'too_big', max: 100 } : { probability };
    }
    case 'expectedCloseDate':
      return { expectedCloseDate: typed || null };
    case 'forecastCategory':
      return { forecastCategory: typed as Opportunity['forecastCategory'] };
  }
}

const isProblem = (value: OpportunityPatch | FieldProblem): value is FieldProblem => 'code' in value;

export class FieldEditor {
  readonly #host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };
  readonly #card: EditorHost;
  #editing?: Editing;

  constructor(
    host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment },
    card: EditorHost,
  ) {
    this.#host = host;
    this.#card = card;
  }

  get field(): EditableField | undefined {
    return this.#editing?.field;
  }

  #set(editing: Editing | undefined): void {
    this.#editing = editing;
    this.#host.requestUpdate();
  }

  /** Puts an input in the place of a field's value, focused. */
  async start(field: EditableField): Promise<void> {
    const deal = this.#card.deal();
    if (!deal || this.#editing?.saving) return;
    this.#set({ field, text: textOf(deal, field), saving: false });
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(`#edit-${field}`)?.focus();
  }

  /** Puts the value back, focus on it. */
  async cancel(): Promise<void> {
    const field = this.#editing?.field;
    this.#set(undefined);
    await this.#host.updateComplete;
    if (field) this.#host.renderRoot.querySelector<HTMLElement>(`[data-edit="${field}"]`)?.focus();
  }

  /** Closes the input without a word (a new deal is loading, or editing was turned off). */
  close(): void {
    if (this.#editing) this.#set(undefined);
  }

  async save(): Promise<void> {
    const editing = this.#editing;
    const deal = this.#card.deal();
    const client = this.#card.client();
    if (!editing || !deal || !client || editing.saving) return;
    const t = this.#card.localize();
    const patch = patchOf(deal, editing.field, editing.text);
    if (isProblem(patch)) return this.#set({ ...editing, error: fieldErrorText(t, patch) });
    this.#set({ ...editing, saving: true, error: undefined, notice: undefined });
    try {
      const saved = await client.opportunities.update(deal.id, patch, { version: deal.version });
      this.#card.show(saved);
      this.#card.say(t.t('deal.fieldSaved', { field: t.t(FIELD_LABELS[editing.field]) }));
      await this.cancel();
    } catch (error) {
      const problem = fieldProblems(error).get(editing.field);
      if (problem) return this.#set({ ...editing, saving: false, error: fieldErrorText(t, problem) });
      const conflict = error instanceof ApiError && error.status === 412;
      if (conflict) await this.#card.refresh();
      const failure = failureOf(error);
      const notice: MessageKey = conflict
        ? 'deal.editConflict'
        : failure === 'network'
          ? 'save.failedNetwork'
          : failure === 'forbidden'
            ? 'edit.forbidden'
            : 'save.failed';
      this.#set({ ...editing, saving: false, notice });
    }
  }

  /**
   * A field's value where it stands: as it reads, inside a button that edits it when `editable`, or
   * the input while it is being edited.
   */
  render(t: Localizer, field: EditableField, shown: unknown, editable: boolean): TemplateResult | unknown {
    const editing = this.#editing;
    const label = t.t(FIELD_LABELS[field]);
    if (editing?.field !== field) {
      if (!editable) return shown;
      return html`<button
        part="edit-field"
        class="value-button"
        type="button"
        data-edit=${field}
        title=${t.t('deal.editField', { field: label })}
        @click=${() => void this.start(field)}
      >
        <span class="visually-hidden">${t.t('deal.editField', { field: label })}${separator(t)}</span>${shown}
      </button>`;
    }
    const onInput = (event: Event) => {
      this.#editing = { ...editing, text: (event.target as HTMLInputElement).value, error: undefined };
      this.#host.requestUpdate();
    };
    const described = [editing.error ? `edit-${field}-error` : '', field === 'probability' ? `edit-${field}-hint` : '']
      .filter(Boolean)
      .join(' ');
    const control =
      field === 'forecastCategory'
        ? html`<select id="edit-${field}" class="control" aria-label=${label} @change=${onInput}>
            ${FORECAST_CATEGORIES.map(
              (category) =>
                html`<option value=${category} ?selected=${category === editing.text}>
                  ${t.t(`category.${category}`)}
                </option>`,
            )}
          </select>`
        : html`<input
            id="edit-${field}"
            class="control"
            aria-label=${label}
            type=${field === 'expectedCloseDate' ? 'date' : 'text'}
            inputmode=${field === 'amount' ? 'decimal' : field === 'probability' ? 'numeric' : 'text'}
            .value=${live(editing.text)}
            aria-invalid=${editing.error ? 'true' : 'false'}
            aria-describedby=${described || nothing}
            @input=${onInput}
          />`;
    return html`<form
      part="edit-form"
      class="inline-edit"
      novalidate
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        void this.save();
      }}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        void this.cancel();
      }}
    >
      <div class="inline-row">
        ${control}
        <button part="save-button" class="button primary" type="submit" ?disabled=${editing.saving}>
          ${editing.saving ? t.t('edit.saving') : t.t('edit.save')}
        </button>
        <button part="cancel-button" class="button" type="button" @click=${() => void this.cancel()}>
          ${t.t('edit.cancel')}
        </button>
      </div>
      ${field === 'probability' ? html`<p id="edit-${field}-hint" class="form-note">${t.t('deal.probabilityHint')}</p>` : nothing}
      ${editing.error ? html`<p part="field-error" id="edit-${field}-error" class="field-error">${editing.error}</p>` : nothing}
      <div role="alert">
        ${editing.notice ? html`<p part="notice" class="form-error">${t.t(editing.notice)}</p>` : nothing}
      </div>
    </form>`;
  }
}
