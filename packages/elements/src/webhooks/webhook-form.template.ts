// The endpoint form, to add one or to edit one: its URL, description and the events it wants, every
// one or those chosen in a grid of records × changes, and when editing whether it is on. The element
// holds its state; this only draws it.
import type { WebhookEndpoint } from '@crmkit/core';
import { html, nothing } from 'lit';
import type { Localizer } from '../shared/localize.js';
import { ACTIONS, ENTITIES, type WebhookEntity } from './webhook-data.js';

/** What the form holds while it is filled in. */
export interface EndpointDraft {
  url: string;
  description: string;
  /** Every event (an empty `eventTypes`), or only those in `chosen`. */
  every: boolean;
  /** `customer.created`, or `customer.*` for every change of customers. */
  chosen: ReadonlySet<string>;
  /** Whether it is on: asked only when an endpoint is edited (a new one starts on). */
  active?: boolean;
}

export const emptyDraft = (): EndpointDraft => ({ url: '', description: '', every: true, chosen: new Set() });

/** An endpoint as the form edits it. */
export const draftOf = (item: WebhookEndpoint): EndpointDraft => ({
  url: item.url,
  description: item.description,
  every: !item.eventTypes.length,
  chosen: new Set(item.eventTypes),
  active: item.active,
});

export interface FormView {
  /** The form's heading, and its submit button's label. */
  title: string;
  submitLabel: string;
  draft: EndpointDraft;
  /** Each field's error, already in words: `url`, `description`, `eventTypes`. */
  errors: ReadonlyMap<string, string>;
  /** Why the whole request failed, when no field is to blame. */
  formError: string;
  saving: boolean;
  /** Changes the draft as it is when the change comes (two quick changes both count). */
  onChange(change: (draft: EndpointDraft) => EndpointDraft): void;
  onSubmit(): void;
  onCancel(): void;
}

/** Adds or takes away one event type; checking an entity's "every change" stands for its four. */
function toggled(chosen: ReadonlySet<string>, type: string, on: boolean): Set<string> {
  const next = new Set(chosen);
  if (on) next.add(type);
  else next.delete(type);
  return next;
}

function fieldError(id: string, error: string | undefined) {
  return error ? html`<p class="field-error" id=${id}>${error}</p>` : nothing;
}

function eventGrid(t: Localizer, view: FormView) {
  const { draft } = view;
  const check = (entity: WebhookEntity, type: string, label: string, disabled = false) =>
    html`<td>
      <input
        type="checkbox"
        class="check"
        aria-label=${label}
        .checked=${draft.chosen.has(type) || (disabled && draft.chosen.has(`${entity}.*`))}
        ?disabled=${disabled || view.saving}
        @change=${(event: Event) =>
          view.onChange((now) => ({
            ...now,
            chosen: toggled(now.chosen, type, (event.target as HTMLInputElement).checked),
          }))}
      />
    </td>`;
  return html`<div class="event-grid-wrap">
    <table part="event-grid" class="event-grid">
      <thead>
        <tr>
          <th scope="col">${t.t('webhooks.entity')}</th>
          <th scope="col">${t.t('webhooks.allChanges')}</th>
          ${ACTIONS.map((action) => html`<th scope="col">${t.t(`webhooks.action.${action}`)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${ENTITIES.map((entity) => {
          const name = t.t(`webhooks.entity.${entity}`);
          const all = draft.chosen.has(`${entity}.*`);
          return html`<tr>
            <th scope="row">${name}</th>
            ${check(entity, `${entity}.*`, t.t('webhooks.eventLabel', { entity: name, action: t.t('webhooks.allChanges') }))}
            ${ACTIONS.map((action) =>
              check(
                entity,
                `${entity}.${action}`,
                t.t('webhooks.eventLabel', { entity: name, action: t.t(`webhooks.action.${action}`) }),
                all,
              ),
            )}
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

export function endpointForm(t: Localizer, view: FormView) {
  const { draft, errors } = view;
  const urlError = errors.get('url');
  const descriptionError = errors.get('description');
  const eventsError = errors.get('eventTypes');
  const set = (patch: Partial<EndpointDraft>) => view.onChange((now) => ({ ...now, ...patch }));
  return html`<form
    part="form"
    class="form"
    novalidate
    aria-labelledby="form-title"
    @submit=${(event: Event) => {
      event.preventDefault();
      view.onSubmit();
    }}
    @keydown=${(event: KeyboardEvent) => {
      // Escape leaves the form, as it would a dialog.
      if (event.key !== 'Escape') return;
      event.preventDefault();
      view.onCancel();
    }}
  >
    <div id="form-title" class="subheading" role="heading" aria-level="3">${view.title}</div>
    <label class="field">
      <span class="field-label">${t.t('webhooks.url')}<span class="required-mark" aria-hidden="true">*</span></span>
      <input
        part="url-input"
        class="control"
        name="url"
        type="url"
        inputmode="url"
        autocomplete="off"
        required
        placeholder="https://"
        aria-invalid=${urlError ? 'true' : 'false'}
        aria-describedby=${urlError ? 'url-error url-hint' : 'url-hint'}
        .value=${draft.url}
        @input=${(event: Event) => set({ url: (event.target as HTMLInputElement).value })}
      />
      <span class="form-note" id="url-hint">${t.t('webhooks.urlHint')}</span>
      ${fieldError('url-error', urlError)}
    </label>
    <label class="field">
      <span class="field-label">${t.t('webhooks.description')}</span>
      <input
        part="description-input"
        class="control"
        name="description"
        maxlength="500"
        aria-invalid=${descriptionError ? 'true' : 'false'}
        aria-describedby=${descriptionError ? 'description-error' : nothing}
        .value=${draft.description}
        @input=${(event: Event) => set({ description: (event.target as HTMLInputElement).value })}
      />
      ${fieldError('description-error', descriptionError)}
    </label>
    <fieldset class="field events" aria-describedby=${eventsError ? 'events-error' : nothing}>
      <legend class="field-label">${t.t('webhooks.events')}</legend>
      <label class="choice">
        <input type="radio" name="every" .checked=${draft.every} @change=${() => set({ every: true })} />
        ${t.t('webhooks.everyEvent')}
      </label>
      <label class="choice">
        <input
          part="chosen-radio"
          type="radio"
          name="every"
          .checked=${!draft.every}
          @change=${() => set({ every: false })}
        />
        ${t.t('webhooks.chosenEvents')}
      </label>
      ${draft.every ? nothing : eventGrid(t, view)} ${fieldError('events-error', eventsError)}
    </fieldset>
    ${
      draft.active === undefined
        ? nothing
        : html`<label class="choice">
            <input
              part="active-checkbox"
              type="checkbox"
              .checked=${draft.active}
              @change=${(event: Event) => set({ active: (event.target as HTMLInputElement).checked })}
            />
            ${t.t('webhooks.activeLabel')}
          </label>`
    }
    ${view.formError ? html`<p part="form-error" class="form-error" role="alert">${view.formError}</p>` : nothing}
    <div class="form-actions">
      <button part="cancel-button" class="button" type="button" @click=${view.onCancel}>
        ${t.t('webhooks.cancel')}
      </button>
      <button part="submit-button" class="button primary" type="submit" ?disabled=${view.saving}>
        ${view.submitLabel}
      </button>
    </div>
  </form>`;
}

/** The event types the kit is sent: none for every event; an entity's `*` instead of its four. */
export function eventTypesOf(draft: EndpointDraft): string[] {
  if (draft.every) return [];
  const types = [...draft.chosen];
  const whole = new Set(types.filter((type) => type.endsWith('.*')).map((type) => type.slice(0, -2)));
  return types.filter((type) => type.endsWith('.*') || !whole.has(type.split('.')[0]!));
}
