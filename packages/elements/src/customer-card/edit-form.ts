// The card's edit form: the key fields of a customer, a tag editor, and the notice above the
// fields (a conflict with a way to reapply, errors, a failed save). Its state is CustomerEditor's.
import type { LifecycleStage } from '@crmkit/core';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { closeIcon, errorIcon, infoIcon } from '../shared/icons.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import type { CustomerEditor, Edit, Notice } from './customer-editor.js';
import type { EditField } from './summary.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.edit, en.field, en.stage);

const NOTICES: Record<Notice, MessageKey> = {
  conflict: 'edit.conflict',
  reapplied: 'edit.reapplied',
  invalid: 'edit.invalid',
  forbidden: 'edit.forbidden',
  notFound: 'edit.notFound',
  network: 'edit.network',
  generic: 'edit.generic',
};

const FIELD_LABELS: Record<EditField, MessageKey> = {
  name: 'field.name',
  lifecycleStage: 'field.stage',
  industry: 'field.industry',
  region: 'field.region',
  emails: 'field.emails',
  phones: 'field.phones',
  tags: 'field.tags',
};

/** The lifecycle stages in their order (as the kit's schema lists them). */
const STAGES: readonly LifecycleStage[] = ['subscriber', 'lead', 'prospect', 'customer', 'evangelist', 'churned'];

export function renderEditForm(t: Localizer, editor: CustomerEditor, edit: Edit) {
  const draft = edit.draft;
  const busy = edit.saving || edit.reloading;
  const text = (field: 'name' | 'industry' | 'region', required = false) =>
    html`<input
      id=${`edit-${field}`}
      class="control"
      type="text"
      autocomplete="off"
      maxlength="200"
      ?required=${required}
      .value=${live(draft[field])}
      aria-invalid=${edit.errors[field] ? 'true' : 'false'}
      aria-describedby=${describedBy(edit, field) || nothing}
      @input=${(event: InputEvent) => editor.setDraft(field, (event.target as HTMLInputElement).value)}
    />`;
  const lines = (field: 'emails' | 'phones') =>
    html`<textarea
      id=${`edit-${field}`}
      class="control"
      rows=${Math.min(6, Math.max(2, draft[field].split('\n').length + 1))}
      autocomplete="off"
      spellcheck="false"
      .value=${live(draft[field])}
      aria-invalid=${edit.errors[field] ? 'true' : 'false'}
      aria-describedby=${describedBy(edit, field, true) || nothing}
      @input=${(event: InputEvent) => editor.setDraft(field, (event.target as HTMLTextAreaElement).value)}
    ></textarea>`;
  const stage = html`<select
    id="edit-lifecycleStage"
    class="control"
    .value=${live(draft.lifecycleStage)}
    aria-describedby=${describedBy(edit, 'lifecycleStage') || nothing}
    @change=${(event: Event) => editor.setDraft('lifecycleStage', (event.target as HTMLSelectElement).value)}
  >
    ${STAGES.map(
      (stage) =>
        html`<option value=${stage} ?selected=${stage === draft.lifecycleStage}>${t.t(`stage.${stage}`)}</option>`,
    )}
  </select>`;
  return html`
    <form
      part="form"
      class="form"
      novalidate
      aria-label=${t.t('edit.editLabel', { name: edit.base.name })}
      aria-busy=${busy ? 'true' : 'false'}
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        void editor.save();
      }}
      @keydown=${(event: KeyboardEvent) => onFormKeydown(editor, event)}
    >
      ${renderNotice(t, editor, edit)}
      <div class="form-grid">
        ${formField(t, edit, 'name', text('name', true), true)} ${formField(t, edit, 'lifecycleStage', stage)}
        ${formField(t, edit, 'industry', text('industry'))} ${formField(t, edit, 'region', text('region'))}
        ${formField(t, edit, 'emails', lines('emails'), false, t.t('edit.onePerLine'))}
        ${formField(t, edit, 'phones', lines('phones'), false, t.t('edit.onePerLine'))}
        ${formField(t, edit, 'tags', renderTagEditor(t, editor, edit), true, t.t('edit.addTagHint'))}
      </div>
      <div class="form-actions">
        <button
          part="cancel-button"
          class="button"
          type="button"
          ?disabled=${edit.saving}
          @click=${() => editor.cancel()}
        >
          ${t.t('edit.cancel')}
        </button>
        <button part="save-button" class="button primary" type="submit" ?disabled=${busy}>
          ${edit.saving ? t.t('edit.saving') : t.t('edit.save')}
        </button>
      </div>
    </form>
  `;
}

function onFormKeydown(editor: CustomerEditor, event: KeyboardEvent): void {
  const edit = editor.edit;
  // While an input method is composing (Zhuyin, Pinyin, …), Escape and Enter belong to it: Escape
  // drops the candidates, it must not throw away the whole form.
  if (event.isComposing || !edit) return;
  if (event.key === 'Escape' && !edit.saving) {
    event.preventDefault();
    event.stopPropagation();
    editor.cancel();
  } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    // Enter saves from a one-line field; in the email and phone boxes it starts a new line, so
    // Ctrl+Enter (⌘+Enter) saves from anywhere in the form.
    event.preventDefault();
    (event.currentTarget as HTMLFormElement).requestSubmit();
  }
}

function renderNotice(t: Localizer, editor: CustomerEditor, edit: Edit) {
  const notice = edit.notice;
  if (!notice) return nothing;
  const tone = notice === 'reapplied' ? 'info' : 'danger';
  const alsoChanged = Object.keys(edit.theirs) as EditField[];
  return html`<div
    part="notice"
    class="notice"
    data-notice=${notice}
    data-tone=${tone}
    role=${tone === 'danger' ? 'alert' : 'status'}
    tabindex="-1"
  >
    ${(tone === 'danger' ? errorIcon : infoIcon)()}
    <div class="notice-text">
      <p class="notice-message">${t.t(NOTICES[notice])}</p>
      ${notice === 'conflict' ? html`<p class="notice-detail">${t.t('edit.conflictDetail')}</p>` : nothing}
      ${edit.detail ? html`<p class="notice-detail">${edit.detail}</p>` : nothing}
      ${
        notice === 'reapplied' && alsoChanged.length
          ? html`<p class="notice-detail">
              ${t.t('edit.alsoChanged', { fields: t.list(alsoChanged.map((field) => t.t(FIELD_LABELS[field]))) })}
            </p>`
          : nothing
      }
      ${
        notice === 'conflict'
          ? html`<div class="notice-actions">
              <button
                class="button primary"
                type="button"
                data-action="reapply"
                ?disabled=${edit.reloading}
                @click=${() => void editor.reapply()}
              >
                ${t.t('edit.reapply')}
              </button>
              <button
                class="button"
                type="button"
                data-action="discard"
                ?disabled=${edit.reloading}
                @click=${() => editor.discard()}
              >
                ${t.t('edit.discard')}
              </button>
            </div>`
          : nothing
      }
    </div>
  </div>`;
}

function formField(t: Localizer, edit: Edit, field: EditField, control: unknown, wide = false, hint?: string) {
  const error = edit.errors[field];
  const theirs = edit.theirs[field];
  return html`<div part="form-field" class="form-field ${wide ? 'wide' : ''}" data-field=${field}>
    <label for=${`edit-${field}`}>${t.t(FIELD_LABELS[field])}</label>
    ${control}
    ${error ? html`<p id=${`edit-${field}-error`} part="field-error" class="field-error">${error}</p>` : nothing}
    ${
      theirs !== undefined
        ? html`<p id=${`edit-${field}-theirs`} class="hint theirs">
            ${t.t('edit.theirValue', { value: theirs || t.t('edit.empty') })}
          </p>`
        : nothing
    }
    ${hint ? html`<p id=${`edit-${field}-hint`} class="hint">${hint}</p>` : nothing}
  </div>`;
}

/** The ids of the texts that describe a field: its error, someone else's value, its hint. */
function describedBy(edit: Edit, field: EditField, hint = false): string {
  return [
    edit.errors[field] ? `edit-${field}-error` : '',
    edit.theirs[field] !== undefined ? `edit-${field}-theirs` : '',
    hint ? `edit-${field}-hint` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function renderTagEditor(t: Localizer, editor: CustomerEditor, edit: Edit) {
  return html`<div class="tag-editor">
    ${
      edit.draft.tags.length
        ? html`<ul class="tags">
            ${edit.draft.tags.map(
              (tag, index) =>
                html`<li class="tag editable">
                  <span>${tag}</span
                  ><button
                    class="remove-tag"
                    type="button"
                    aria-label=${t.t('edit.removeTag', { tag })}
                    @click=${() => editor.removeTag(index)}
                  >
                    ${closeIcon()}
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }
    <input
      id="edit-tags"
      class="control"
      type="text"
      autocomplete="off"
      maxlength="50"
      placeholder=${t.t('edit.addTag')}
      .value=${live(edit.tagText)}
      aria-invalid=${edit.errors.tags ? 'true' : 'false'}
      aria-describedby=${describedBy(edit, 'tags', true) || nothing}
      @input=${(event: InputEvent) => editor.typeTag((event.target as HTMLInputElement).value)}
      @keydown=${(event: KeyboardEvent) => onTagKeydown(editor, event)}
    />
  </div>`;
}

function onTagKeydown(editor: CustomerEditor, event: KeyboardEvent): void {
  const edit = editor.edit;
  if (!edit) return;
  if (event.key === 'Enter' && !event.isComposing) {
    // Enter in the tag box adds the tag; it only submits the form when the box is empty.
    if (edit.tagText.trim()) {
      event.preventDefault();
      editor.commitTags();
    }
  } else if (event.key === 'Backspace' && !edit.tagText && edit.draft.tags.length) {
    event.preventDefault();
    editor.removeLastTag();
  }
}
