// Editing a case's fields where they stand: subject, description, priority, due date, owner and contact.
// A value is a button; activating it puts a control in its place (Enter saves, Escape puts the value
// back). Each save is one PATCH with the version shown when the edit began; when someone else saved first,
// what the user typed stays, their version is shown, and saving again applies it on top of theirs.
import { ApiError, CASE_PRIORITIES, type Case, type CasePatch, type CrmClient } from '@crmkit/core';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { changeCase } from '../case-list/case-writes.js';
import { failureOf } from '../shared/failure.js';
import { fieldErrorText, fieldProblems } from '../shared/field-errors.js';
import { separator } from '../shared/format.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.caseCard, en.priority, en.problem, en.save);

export type CaseField = 'subject' | 'description' | 'priority' | 'dueBy' | 'ownerId' | 'contactId';

export const FIELD_LABELS: Record<CaseField, MessageKey> = {
  subject: 'caseCard.subject',
  description: 'caseCard.description',
  priority: 'caseCard.priority',
  dueBy: 'caseCard.dueBy',
  ownerId: 'caseCard.owner',
  contactId: 'caseCard.contact',
};

interface Editing {
  field: CaseField;
  /**
   * The case as it was when the edit began (or, after a conflict, as then shown): the version the
   * save is made against, so a change heard of meanwhile is still a conflict the user sees.
   */
  base: Case;
  text: string;
  saving: boolean;
  error?: string;
  notice?: MessageKey;
}

/** What the editor needs of its card. */
export interface EditorHost {
  client(): CrmClient | undefined;
  localize(): Localizer;
  kase(): Case | undefined;
  /** The choices of a select ([value, label]): priorities, the members the caller sees, the customer's contacts. */
  choices(field: CaseField): readonly (readonly [string, string])[];
  show(kase: Case): void;
  /** Reads the case's latest version again, for a save that came too late. */
  refresh(): Promise<void>;
  say(message: string): void;
}

/** A due time as the date input shows it: the day in the reader's calendar. */
const dayOf = (iso: string) => new Date(iso).toLocaleDateString('sv');

function textOf(kase: Case, field: CaseField): string {
  if (field === 'dueBy') return kase.dueBy ? dayOf(kase.dueBy) : '';
  return kase[field] ?? '';
}

/** The typed text as the patch sends it; a required subject left empty is a problem. */
function patchOf(field: CaseField, text: string): CasePatch | undefined {
  const typed = text.trim();
  switch (field) {
    case 'subject':
      return typed ? { subject: typed } : undefined;
    case 'description':
      return { description: typed || null };
    case 'priority':
      return { priority: typed as Case['priority'] };
    case 'dueBy':
      // A date is due by the end of that day where the user is, as a new case's is.
      return { dueBy: typed ? new Date(`${typed}T23:59:59`).toISOString() : null };
    case 'ownerId':
      return { ownerId: typed || null };
    case 'contactId':
      return { contactId: typed || null };
  }
}

export class CaseEditor {
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

  #set(editing: Editing | undefined): void {
    this.#editing = editing;
    this.#host.requestUpdate();
  }

  async start(field: CaseField): Promise<void> {
    const kase = this.#card.kase();
    if (!kase || this.#editing?.saving) return;
    this.#set({ field, base: kase, text: textOf(kase, field), saving: false });
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(`#edit-${field}`)?.focus();
  }

  async cancel(): Promise<void> {
    const field = this.#editing?.field;
    this.#set(undefined);
    await this.#host.updateComplete;
    if (field) this.#host.renderRoot.querySelector<HTMLElement>(`[data-edit="${field}"]`)?.focus();
  }

  close(): void {
    if (this.#editing) this.#set(undefined);
  }

  async save(): Promise<void> {
    const editing = this.#editing;
    const client = this.#card.client();
    if (!editing || !client || editing.saving) return;
    const t = this.#card.localize();
    const patch = patchOf(editing.field, editing.text);
    if (!patch) return this.#set({ ...editing, error: fieldErrorText(t, { code: 'required' }) });
    this.#set({ ...editing, saving: true, error: undefined, notice: undefined });
    try {
      const saved = await changeCase(client, editing.base, patch);
      this.#card.show(saved);
      this.#card.say(t.t('caseCard.fieldSaved', { field: t.t(FIELD_LABELS[editing.field]) }));
      await this.cancel();
    } catch (error) {
      const problem = fieldProblems(error).get(editing.field);
      if (problem) return this.#set({ ...editing, saving: false, error: fieldErrorText(t, problem) });
      const conflict = error instanceof ApiError && error.status === 412;
      // Their version is shown; what the user typed stays, to save again on top of it.
      if (conflict) await this.#card.refresh();
      const base = (conflict && this.#card.kase()) || editing.base;
      const failure = failureOf(error);
      const notice: MessageKey = conflict
        ? 'caseCard.conflict'
        : failure === 'network'
          ? 'save.failedNetwork'
          : failure === 'forbidden'
            ? 'caseCard.saveForbidden'
            : 'save.failed';
      this.#set({ ...editing, base, saving: false, notice });
    }
  }

  /** A field's value: as it reads, in a button that edits it when `editable`, or the control while edited. */
  render(t: Localizer, field: CaseField, shown: unknown, editable: boolean): TemplateResult | unknown {
    const editing = this.#editing;
    const label = t.t(FIELD_LABELS[field]);
    if (editing?.field !== field) {
      if (!editable) return shown;
      const edit = t.t('caseCard.editField', { field: label });
      return html`<button
        part="edit-field"
        class="value-button"
        type="button"
        data-edit=${field}
        title=${edit}
        @click=${() => void this.start(field)}
      >
        <span class="visually-hidden">${edit}${separator(t)}</span>${shown}
      </button>`;
    }
    const onInput = (event: Event) => {
      this.#editing = { ...editing, text: (event.target as HTMLInputElement).value, error: undefined };
      this.#host.requestUpdate();
    };
    const common = {
      id: `edit-${field}`,
      invalid: editing.error ? 'true' : 'false',
      described: editing.error ? `edit-${field}-error` : nothing,
    };
    const choices =
      field === 'priority'
        ? CASE_PRIORITIES.map((p) => [p, t.t(`priority.${p}`)] as const)
        : field === 'ownerId' || field === 'contactId'
          ? [['', t.t('caseCard.none')] as const, ...this.#card.choices(field)]
          : undefined;
    const control = choices
      ? html`<select id=${common.id} class="control" aria-label=${label} @change=${onInput}>
          ${choices.map(([value, name]) => html`<option value=${value} ?selected=${value === editing.text}>${name}</option>`)}
        </select>`
      : field === 'description'
        ? html`<textarea
            id=${common.id}
            class="control"
            aria-label=${label}
            rows="4"
            maxlength="10000"
            .value=${live(editing.text)}
            aria-invalid=${common.invalid}
            aria-describedby=${common.described}
            @input=${onInput}
          ></textarea>`
        : html`<input
            id=${common.id}
            class="control"
            aria-label=${label}
            type=${field === 'dueBy' ? 'date' : 'text'}
            maxlength=${field === 'subject' ? 200 : nothing}
            .value=${live(editing.text)}
            aria-invalid=${common.invalid}
            aria-describedby=${common.described}
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
          ${editing.saving ? t.t('caseCard.saving') : t.t('caseCard.save')}
        </button>
        <button part="cancel-button" class="button" type="button" @click=${() => void this.cancel()}>
          ${t.t('caseCard.cancel')}
        </button>
      </div>
      ${editing.error ? html`<p part="field-error" id="edit-${field}-error" class="field-error">${editing.error}</p>` : nothing}
      <div role="alert">
        ${editing.notice ? html`<p part="notice" class="form-error">${t.t(editing.notice)}</p>` : nothing}
      </div>
    </form>`;
  }
}
