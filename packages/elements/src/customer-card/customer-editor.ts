// The card's edit form as state: what the user typed, how saving went, and what happens on a
// conflict (412: someone else saved meanwhile). The form itself is drawn by edit-form.ts.
import { ApiError, type CrmClient, type Customer, type CustomerPatch, type Problem } from '@crmkit/core';
import type { ReactiveControllerHost } from 'lit';
import { CrmCustomerBeforeEditEvent, CrmCustomerEditEvent } from '../shared/events.js';
import { failureOf } from '../shared/failure.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import {
  changesBetween,
  draftOf,
  EDIT_FIELDS,
  valuesOf,
  valuesOfCustomer,
  valueText,
  type Draft,
  type EditField,
  type Values,
} from './summary.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.edit, en.invalid);

/** What the form tells the user above its fields. */
export type Notice = 'conflict' | 'reapplied' | 'invalid' | 'forbidden' | 'notFound' | 'network' | 'generic';

/** The form while the user edits: the version they started from, what they typed, how saving went. */
export interface Edit {
  base: Customer;
  draft: Draft;
  /** Text typed into the tag box but not yet added. */
  tagText: string;
  saving: boolean;
  reloading: boolean;
  errors: Partial<Record<EditField, string>>;
  notice?: Notice;
  /** A problem's own words, when it names no field the form has. */
  detail?: string;
  /** After a reapply: the fields someone else changed too, with their value. */
  theirs: Partial<Record<EditField, string>>;
}

/** How many items the kit takes in each list field. */
const MAX_ITEMS: Partial<Record<EditField, number>> = { emails: 10, phones: 10, tags: 30 };

/** What separates tags typed in one go. */
const TAG_SEPARATORS = /[,，、;；]+/;

/** What the editor needs of its card. */
export interface EditorDeps {
  client(): CrmClient | undefined;
  localize(): Localizer;
  /** Says something to screen readers (e.g. "Changes saved."); '' to say nothing. */
  say(message: string): void;
  /** Moves focus to the element matching `selector` once the card has rendered. */
  focusAfterRender(selector: string): void;
  /** Shows a newer version of the customer (saved, or loaded for a reapply). */
  show(customer: Customer): void;
  /** Loads the customer again, focus following. */
  reload(): void;
}

export class CustomerEditor {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #card: EditorDeps;
  #edit: Edit | null = null;

  constructor(host: ReactiveControllerHost & EventTarget, card: EditorDeps) {
    this.#host = host;
    this.#card = card;
  }

  /** The form's state, or null when the form is closed. */
  get edit(): Edit | null {
    return this.#edit;
  }

  #set(edit: Edit | null): void {
    this.#edit = edit;
    this.#host.requestUpdate();
  }

  /** Opens the form on `customer`. */
  start(customer: Customer): void {
    if (this.#edit) return;
    this.#set({
      base: customer,
      draft: draftOf(customer),
      tagText: '',
      saving: false,
      reloading: false,
      errors: {},
      theirs: {},
    });
    this.#card.say('');
    this.#card.focusAfterRender('#edit-name');
  }

  /** Closes the form without saving, focus going back to the Edit button. */
  cancel(): void {
    if (!this.#edit) return;
    this.#set(null);
    this.#card.focusAfterRender('[part~="edit-button"]');
  }

  /** Closes the form without a word (a new customer is loading, or editing was turned off). */
  close(): void {
    if (this.#edit) this.#set(null);
  }

  setDraft(field: EditField, value: string): void {
    const edit = this.#edit;
    if (!edit) return;
    const errors = { ...edit.errors, [field]: undefined };
    this.#set({ ...edit, draft: { ...edit.draft, [field]: value }, errors });
  }

  /** Adds what is typed in the tag box (split at commas) to the tags. */
  commitTags(): void {
    const edit = this.#edit;
    if (!edit) return;
    const typed = edit.tagText
      .split(TAG_SEPARATORS)
      .map((tag) => tag.trim())
      .filter(Boolean);
    if (!typed.length && !edit.tagText) return;
    const tags = [...edit.draft.tags];
    for (const tag of typed) if (!tags.includes(tag)) tags.push(tag);
    const errors = { ...edit.errors };
    delete errors.tags;
    this.#set({ ...edit, tagText: '', draft: { ...edit.draft, tags }, errors });
  }

  removeTag(index: number): void {
    const edit = this.#edit;
    if (!edit) return;
    const tags = edit.draft.tags.filter((_, i) => i !== index);
    const errors = { ...edit.errors };
    delete errors.tags;
    this.#set({ ...edit, draft: { ...edit.draft, tags }, errors });
    // The button is gone: keep focus in the tag editor.
    this.#card.focusAfterRender('#edit-tags');
  }

  typeTag(value: string): void {
    if (!this.#edit) return;
    this.#set({ ...this.#edit, tagText: value });
    if (TAG_SEPARATORS.test(value)) this.commitTags();
  }

  /** Backspace in an empty tag box removes the last tag. */
  removeLastTag(): void {
    const edit = this.#edit;
    if (!edit?.draft.tags.length) return;
    this.#set({ ...edit, draft: { ...edit.draft, tags: edit.draft.tags.slice(0, -1) } });
  }

  /** Saves what changed, with the version the form started from; sends nothing when nothing changed. */
  async save(): Promise<void> {
    this.commitTags();
    const edit = this.#edit;
    const client = this.#card.client();
    if (!edit || edit.saving || !client) return;
    const values = valuesOf(edit.draft);
    const changes = changesBetween(valuesOfCustomer(edit.base), values) as CustomerPatch;
    if (Object.keys(changes).length === 0) {
      this.cancel();
      return;
    }
    // (Events are built before dispatching so the manifest lists them only as @fires documents them.)
    const before = new CrmCustomerBeforeEditEvent(edit.base, changes);
    if (!this.#host.dispatchEvent(before)) return;

    this.#set({ ...edit, saving: true, notice: undefined, detail: undefined, errors: {} });
    this.#card.say('');
    try {
      const saved = await client.customers.update(edit.base.id, changes, { version: edit.base.version });
      if (this.#edit?.base !== edit.base) return;
      this.#set(null);
      this.#card.show(saved);
      this.#card.say(this.#card.localize().t('edit.saved'));
      this.#card.focusAfterRender('[part~="edit-button"]');
      const edited = new CrmCustomerEditEvent(saved, edit.base, changes);
      this.#host.dispatchEvent(edited);
    } catch (error) {
      const current = this.#edit;
      if (current?.base !== edit.base) return;
      this.#set({ ...current, saving: false, ...this.#saveFailure(error, values) });
    }
  }

  /** What the form shows after a failed save. The user's input always stays. */
  #saveFailure(error: unknown, values: Values): Partial<Edit> {
    const card = this.#card;
    if (error instanceof ApiError) {
      if (error.status === 412) {
        card.focusAfterRender('[data-action="reapply"]');
        return { notice: 'conflict' };
      }
      if (error.status === 400 || error.status === 422) {
        const { errors, unmatched } = fieldErrors(card.localize(), error.problem, values);
        const first = EDIT_FIELDS.find((field) => errors[field]);
        card.focusAfterRender(first ? `#edit-${first}` : '[part~="notice"]');
        return { notice: 'invalid', errors, detail: unmatched.join(' ') || undefined };
      }
      card.focusAfterRender('[part~="notice"]');
      if (error.status === 403) return { notice: 'forbidden' };
      if (error.status === 404) return { notice: 'notFound' };
      return { notice: 'generic' };
    }
    card.focusAfterRender('[part~="notice"]');
    return { notice: failureOf(error) === 'network' ? 'network' : 'generic' };
  }

  /** After a conflict: loads the latest version and applies the user's changes on top of it. */
  async reapply(): Promise<void> {
    const edit = this.#edit;
    const client = this.#card.client();
    if (!edit || !client) return;
    this.#set({ ...edit, reloading: true });
    let latest: Customer;
    try {
      latest = await client.customers.get(edit.base.id);
    } catch (error) {
      if (this.#edit?.base !== edit.base) return;
      this.#set({ ...this.#edit, reloading: false, notice: failureOf(error) === 'network' ? 'network' : 'generic' });
      this.#card.focusAfterRender('[part~="notice"]');
      return;
    }
    const current = this.#edit;
    if (current?.base !== edit.base) return;
    const baseValues = valuesOfCustomer(edit.base);
    const mine = changesBetween(baseValues, valuesOf(current.draft));
    const theirs = changesBetween(baseValues, valuesOfCustomer(latest));
    const draft = draftOf(latest);
    const theirValues: Partial<Record<EditField, string>> = {};
    for (const field of Object.keys(mine) as EditField[]) {
      // The user's value wins; where someone else changed the same field, say what theirs was.
      (draft as unknown as Record<EditField, unknown>)[field] = current.draft[field];
      if (field in theirs && JSON.stringify(theirs[field]) !== JSON.stringify(mine[field])) {
        theirValues[field] = valueText(theirs[field]);
      }
    }
    this.#card.show(latest);
    this.#set({
      ...current,
      base: latest,
      draft,
      reloading: false,
      notice: 'reapplied',
      errors: {},
      detail: undefined,
      theirs: theirValues,
    });
    this.#card.focusAfterRender('[part~="notice"]');
  }

  /** After a conflict: drops the user's changes and shows the latest version. */
  discard(): void {
    this.#set(null);
    this.#card.reload();
  }
}

/**
 * The field errors of a 400 problem as the form shows them, in the card's language: the kit's
 * `errors[].path` (`emails.1`) names the field and the item.
 */
export function fieldErrors(
  t: Localizer,
  problem: Problem,
  values: Values,
): { errors: Partial<Record<EditField, string>>; unmatched: string[] } {
  const errors: Partial<Record<EditField, string>> = {};
  const unmatched: string[] = [];
  for (const { path, message } of problem.errors ?? []) {
    const [head, index] = path.split('.');
    const field = EDIT_FIELDS.find((name) => name === head);
    if (!field) {
      unmatched.push(message);
      continue;
    }
    const item = index === undefined ? undefined : (values[field] as string[] | undefined)?.[Number(index)];
    let text: string;
    if (field === 'name') text = t.t('invalid.name');
    else if (field === 'industry' || field === 'region') text = t.t('invalid.text');
    else if (index === undefined && MAX_ITEMS[field])
      text = t.t('invalid.tooMany', { max: t.number(MAX_ITEMS[field]) });
    else if (field === 'emails') text = t.t('invalid.email', { value: item ?? '' });
    else if (field === 'phones') text = t.t('invalid.phone', { value: item ?? '' });
    else if (field === 'tags') text = t.t('invalid.tag');
    else text = message;
    errors[field] = errors[field] && !errors[field].includes(text) ? `${errors[field]} ${text}` : text;
  }
  if (!problem.errors?.length && problem.detail) unmatched.push(problem.detail);
  return { errors, unmatched };
}
