// The dialog in which a manager adjusts a member's or a team's forecast: for a category (commit,
// best case, pipeline), the amount they expect in place of what the deals add up to, and why. It
// creates, changes or removes the row's adjustment in `/forecast-adjustments`; the forecast then
// reloads from the change it hears.
import { ADJUSTED_CATEGORIES, ApiError, majorDecimal, type CrmClient, type Forecast } from '@crmkit/core';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { ModalDialog, renderModal } from '../shared/dialog.js';
import { fieldErrorText, fieldProblems, type FieldProblem } from '../shared/field-errors.js';
import { failureOf } from '../shared/failure.js';
import { fullMoney, typedMinorUnits } from '../shared/format.js';
import { selectField, textareaField, textField } from '../shared/form-fields.js';
import { minorDigits, useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { categoryLabel, type AdjustableCategory, ADJUSTABLE, type Row } from './forecast-table.js';

useEnglish(en.edit, en.form, en.forecast, en.save);

interface Draft {
  row: Row;
  category: AdjustableCategory;
  amount: string;
  reason: string;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** What the dialog needs of its element beyond rendering: its strings, and a voice for the outcome. */
interface Voice {
  localize(): Localizer;
  announce(text: string): void;
}

export class AdjustDialog {
  readonly #host: Host;
  readonly #voice: Voice;
  readonly #modal: ModalDialog;
  #draft?: Draft;
  #forecast?: Forecast;
  #problems: ReadonlyMap<string, FieldProblem> = new Map();
  #formError?: MessageKey;
  #saving = false;

  constructor(host: Host, voice: Voice) {
    this.#host = host;
    this.#voice = voice;
    this.#modal = new ModalDialog(host);
  }

  /** Opens the dialog for a row, on its first adjusted category (else commit). */
  async open(forecast: Forecast, row: Row): Promise<void> {
    this.#forecast = forecast;
    const category = ADJUSTABLE.find((c) => row.figures.adjusted[c].adjustment) ?? 'commit';
    this.#draft = this.#start(row, category);
    this.#problems = new Map();
    this.#formError = undefined;
    this.#host.requestUpdate();
    await this.#modal.open();
  }

  close(): void {
    this.#modal.close();
  }

  /** The amount and reason to start from: the row's adjustment of the category, else its deals' amount. */
  #start(row: Draft['row'], category: AdjustableCategory): Draft {
    const own = row.figures.adjusted[category].adjustment;
    const currency = this.#currency(row, category);
    const amount = own?.amount ?? row.figures.adjusted[category].amount;
    return { row, category, amount: majorDecimal(amount, minorDigits(currency)), reason: own?.reason ?? '' };
  }

  /** The currency the amount is typed in: the adjustment's own, else the base currency. */
  #currency(row: Draft['row'], category: AdjustableCategory): string {
    return row.figures.adjusted[category].adjustment?.currency ?? this.#forecast?.baseCurrency ?? 'USD';
  }

  render(client: CrmClient | undefined) {
    const t = this.#voice.localize();
    const draft = this.#draft;
    const content = draft ? this.#renderForm(t, draft, client) : nothing;
    return renderModal({
      title: draft ? t.t('forecast.adjustTitle', { name: draft.row.name }) : '',
      closeLabel: t.t('form.close'),
      content: html`${content}`,
      controller: this.#modal,
      onClose: () => {
        this.#saving = false;
      },
    });
  }

  #renderForm(t: Localizer, draft: Draft, client: CrmClient | undefined) {
    const own = draft.row.figures.adjusted[draft.category].adjustment;
    const currency = this.#currency(draft.row, draft.category);
    const base = this.#forecast?.baseCurrency ?? currency;
    const deals = draft.row.figures[draft.category].converted.sum;
    const error = (field: string) => {
      const problem = this.#problems.get(field);
      return problem && fieldErrorText(t, problem);
    };
    return html`<form part="form" class="form" novalidate @submit=${(e: SubmitEvent) => this.#onSubmit(e, client)}>
      <p class="form-note">
        ${t.t('forecast.adjustIntro', { amount: fullMoney(t, { amount: deals, currency: base }) })}
      </p>
      <div class="form-grid">
        ${selectField({
          id: 'field-category',
          label: t.t('forecast.category'),
          value: draft.category,
          options: ADJUSTABLE.map((c) => [c, categoryLabel(t, c)] as const),
          error: error('category'),
          onChange: (value) => this.#set(this.#start(draft.row, value as AdjustableCategory)),
        })}
        ${textField({
          id: 'field-amount',
          label: t.t('forecast.amount', { currency }),
          value: draft.amount,
          required: true,
          autofocus: true,
          inputmode: 'decimal',
          error: error('amount'),
          onInput: (amount) => this.#set({ ...draft, amount }, 'amount'),
        })}
        ${textareaField({
          id: 'field-reason',
          label: t.t('forecast.reason'),
          value: draft.reason,
          required: true,
          wide: true,
          maxlength: 1000,
          error: error('reason'),
          onInput: (reason) => this.#set({ ...draft, reason }, 'reason'),
        })}
      </div>
      <div role="alert" class="form-error-region">
        ${this.#formError ? html`<p part="form-error" class="form-error">${t.t(this.#formError)}</p>` : nothing}
      </div>
      <div class="form-actions">
        ${
          own
            ? html`<button
                part="remove-button"
                class="button remove"
                type="button"
                ?disabled=${this.#saving}
                @click=${() => this.#remove(client, own.id, own.version)}
              >
                ${t.t('forecast.removeAdjustment')}
              </button>`
            : nothing
        }
        <button part="cancel-button" class="button" type="button" @click=${() => this.close()}>
          ${t.t('edit.cancel')}
        </button>
        <button part="submit-button" class="button primary" type="submit" ?disabled=${this.#saving}>
          ${t.t('forecast.saveAdjustment')}
        </button>
      </div>
    </form>`;
  }

  #set(draft: Draft, field?: string): void {
    this.#draft = draft;
    if (field && this.#problems.has(field)) {
      const problems = new Map(this.#problems);
      problems.delete(field);
      this.#problems = problems;
    }
    this.#host.requestUpdate();
  }

  async #onSubmit(event: SubmitEvent, client: CrmClient | undefined): Promise<void> {
    event.preventDefault();
    const draft = this.#draft;
    const forecast = this.#forecast;
    if (!draft || !forecast || !client || this.#saving) return;
    const currency = this.#currency(draft.row, draft.category);
    const amount = typedMinorUnits(draft.amount, currency);
    const problems = new Map<string, FieldProblem>();
    if (amount === undefined || !draft.amount.trim()) problems.set('amount', { code: 'invalid_format' });
    else if (amount < 0) problems.set('amount', { code: 'too_small', min: 0 });
    if (!draft.reason.trim()) problems.set('reason', { code: 'required' });
    if (problems.size) return this.#refuse(problems);
    const own = draft.row.figures.adjusted[draft.category].adjustment;
    const fields = { amount: amount!, currency, reason: draft.reason.trim() };
    await this.#write(async () => {
      if (own) await client['forecast-adjustments'].update(own.id, fields, { version: own.version });
      else {
        await client['forecast-adjustments'].create({
          ...draft.row.cell,
          period: forecast.period,
          startsOn: forecast.from,
          category: ADJUSTED_CATEGORIES[draft.category],
          ...fields,
        });
      }
    }, 'forecast.adjustmentSaved');
  }

  async #remove(client: CrmClient | undefined, id: string, version: number): Promise<void> {
    if (!client) return;
    await this.#write(() => client['forecast-adjustments'].remove(id, { version }), 'forecast.adjustmentRemoved');
  }

  async #write(send: () => Promise<unknown>, done: MessageKey): Promise<void> {
    const t = this.#voice.localize();
    this.#saving = true;
    this.#formError = undefined;
    this.#host.requestUpdate();
    try {
      await send();
      this.#saving = false;
      this.close();
      this.#voice.announce(t.t(done, { name: this.#draft?.row.name ?? '' }));
    } catch (error) {
      this.#saving = false;
      const problems = fieldProblems(error);
      if (problems.size) return this.#refuse(problems);
      const failure = failureOf(error);
      this.#formError =
        error instanceof ApiError && (error.status === 412 || error.status === 409)
          ? 'forecast.adjustConflict'
          : failure === 'forbidden'
            ? 'forecast.adjustForbidden'
            : failure === 'network'
              ? 'save.failedNetwork'
              : 'save.failed';
      this.#host.requestUpdate();
    }
  }

  /** Shows each field's problem beside it and takes focus to the first. */
  async #refuse(problems: Map<string, FieldProblem>): Promise<void> {
    this.#problems = problems;
    const shown = ['category', 'amount', 'reason'];
    if (![...problems.keys()].some((field) => shown.includes(field))) this.#formError = 'save.failed';
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>('dialog [aria-invalid="true"]')?.focus();
  }
}
