// Editing a deal's values where they stand: its name, amount (and currency), win probability, expected
// close date, forecast category, owner, source, competitors and custom fields. A value is a button; activating it puts a
// control in its place (Enter saves, Escape puts the value back). Each save is one PATCH with the
// version shown when the edit began; when someone else saved first (heard of live meanwhile, or not),
// what the user typed stays, their version is shown, and saving again applies it. The controls and the patches load on first use (field-controls.ts):
// this module only keeps the state and draws the buttons.
import { ApiError, type CrmClient, type CustomField, type Opportunity } from '@crmkit/core';
import { html, type ReactiveControllerHost } from 'lit';
import { customLabel } from '../shared/custom-fields.js';
import { failureOf } from '../shared/failure.js';
import { fieldProblems, type FieldProblem } from '../shared/field-errors.js';
import { separator } from '../shared/format.js';
import { editIcon } from '../shared/icons.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { fieldControls } from './parts.js';

useEnglish(en.deal, en.edit, en.field, en.save);

/** A deal's own field, or one of its custom fields (`customFields.<key>`, as the kit names it in errors). */
export type EditableField =
  | 'name'
  | 'amount'
  | 'probability'
  | 'expectedCloseDate'
  | 'forecastCategory'
  | 'ownerId'
  | 'source'
  | 'competitors'
  | `customFields.${string}`;

const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'field.name',
  amount: 'field.amount',
  probability: 'deal.probability',
  expectedCloseDate: 'field.closeDate',
  forecastCategory: 'deal.category',
  ownerId: 'field.owner',
  source: 'field.source',
  competitors: 'deal.competitors',
};

/** What is being edited, as typed. */
export interface Editing {
  field: EditableField;
  /**
   * The deal as it was when the edit began (or, after a conflict, as then shown): the version the
   * save is made against, so a change heard of meanwhile is still a conflict the user sees.
   */
  base: Opportunity;
  /** What the user typed, by the control's name (a custom field's `customFields.<key>`, its currency…). */
  values: Record<string, string>;
  saving: boolean;
  /** What is wrong with the value. */
  problem?: FieldProblem;
  /** Why the save did not go through, when it is not the value's fault. */
  notice?: MessageKey;
  /** The owners the picker offers, or the sources to suggest: [value, label], once read. */
  choices?: readonly (readonly [string, string])[];
}

/** What the editor needs of its card. */
export interface EditorHost {
  client(): CrmClient | undefined;
  localize(): Localizer;
  /** The deal on show (its latest version). */
  deal(): Opportunity | undefined;
  /** The organization's custom fields of deals, by position. */
  customFields(): readonly CustomField[];
  /** Whether the caller sees (and so may assign) records of this owner. */
  seesOwner(id: string): boolean;
  /** Shows a newer version of the deal. */
  show(deal: Opportunity): void;
  /** Reads the deal's latest version again, for a save that came too late. */
  refresh(): Promise<void>;
  say(message: string): void;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export class FieldEditor {
  readonly #host: Host;
  readonly #card: EditorHost;
  #editing?: Editing;

  constructor(host: Host, card: EditorHost) {
    this.#host = host;
    this.#card = card;
  }

  get editing(): Editing | undefined {
    return this.#editing;
  }

  /** A field's label in the reader's language. */
  label(t: Localizer, field: EditableField): string {
    const custom = this.#custom(field);
    return custom ? customLabel(t, custom) : t.t(FIELD_LABELS[field]!);
  }

  #custom(field: EditableField): CustomField | undefined {
    return this.#card.customFields().find((f) => `customFields.${f.key}` === field);
  }

  #set(editing: Editing | undefined): void {
    this.#editing = editing;
    this.#host.requestUpdate();
  }

  /** Puts a control in the place of a field's value, focused; an owner picker then reads whom to offer. */
  async start(field: EditableField): Promise<void> {
    const deal = this.#card.deal();
    if (!deal || this.#editing?.saving) return;
    let controls = fieldControls.loaded;
    if (!controls) {
      try {
        controls = await fieldControls.get();
      } catch {
        return this.#card.say(this.#card.localize().t('save.failedNetwork'));
      }
    }
    this.#set({ field, base: deal, values: controls.valuesOf(deal, field, this.#card.customFields()), saving: false });
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>('[part~="edit-form"] :is(input, select, textarea)')?.focus();
    const client = this.#card.client();
    if (!client) return;
    const choices = await controls.choicesOf(client, field, deal, (id) => this.#card.seesOwner(id));
    if (choices && this.#editing?.field === field) this.#set({ ...this.#editing, choices });
  }

  /** Takes what the user typed into one of the control's inputs. */
  input(name: string, value: string): void {
    const editing = this.#editing;
    if (editing) this.#set({ ...editing, values: { ...editing.values, [name]: value }, problem: undefined });
  }

  /** Puts the value back, focus on it. */
  async cancel(): Promise<void> {
    const field = this.#editing?.field;
    this.#set(undefined);
    await this.#host.updateComplete;
    if (field) this.#host.renderRoot.querySelector<HTMLElement>(`[data-edit="${field}"]`)?.focus();
  }

  /** Closes the control without a word (a new deal is loading, or editing was turned off). */
  close(): void {
    if (this.#editing) this.#set(undefined);
  }

  async save(): Promise<void> {
    const editing = this.#editing;
    const client = this.#card.client();
    const controls = fieldControls.loaded;
    if (!editing || !client || !controls || editing.saving) return;
    const deal = editing.base;
    const t = this.#card.localize();
    const patch = controls.patchOf(deal, editing.field, editing.values, this.#card.customFields());
    if ('code' in patch) return this.#set({ ...editing, problem: patch });
    this.#set({ ...editing, saving: true, problem: undefined, notice: undefined });
    try {
      const saved = await client.opportunities.update(deal.id, patch, { version: deal.version });
      this.#card.show(saved);
      this.#card.say(t.t('deal.fieldSaved', { field: this.label(t, editing.field) }));
      await this.cancel();
    } catch (error) {
      const problem = fieldProblems(error).get(editing.field);
      if (problem) return this.#set({ ...editing, saving: false, problem });
      const conflict = error instanceof ApiError && error.status === 412;
      // Their version is shown; what the user typed stays, to save again on top of it.
      if (conflict) await this.#card.refresh();
      const base = (conflict && this.#card.deal()) || deal;
      const failure = failureOf(error);
      const notice: MessageKey = conflict
        ? 'deal.editConflict'
        : failure === 'network'
          ? 'save.failedNetwork'
          : failure === 'forbidden'
            ? 'edit.forbidden'
            : 'save.failed';
      this.#set({ ...this.#editing!, base, saving: false, notice });
    }
  }

  /**
   * A field's value where it stands: as it reads, inside a button that edits it when `editable`, or
   * the control while it is being edited. With `aside`, the value stays as it is (a link with its
   * `href`, or a heading's text) and a small edit button follows it.
   */
  render(t: Localizer, field: EditableField, shown: unknown, editable: boolean, aside?: { href?: string }): unknown {
    const editing = this.#editing;
    const controls = fieldControls.loaded;
    if (editing?.field === field && controls) return controls.render(t, this, editing, this.#custom(field));
    const href = aside?.href;
    const value = href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${shown}</a>` : shown;
    if (!editable) return value;
    const label = t.t('deal.editField', { field: this.label(t, field) });
    const button = (content: unknown) =>
      html`<button
        part="edit-field"
        class="value-button"
        type="button"
        data-edit=${field}
        title=${label}
        @click=${() => void this.start(field)}
      >
        <span class="visually-hidden">${label}${aside ? '' : separator(t)}</span>${content}
      </button>`;
    return aside ? html`${value} ${button(editIcon())}` : button(shown);
  }
}
