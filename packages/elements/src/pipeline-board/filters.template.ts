import type { BoardFilters } from '@crmkit/core';
import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.filter);

/** The filter settings on show, and what the user's changes call. */
export interface FiltersView {
  open: boolean;
  owners: ReadonlyMap<string, string>;
  ownerId: string;
  mine: boolean;
  closeFrom: string;
  closeTo: string;
  tag: string;
  active: BoardFilters;
  set(patch: Partial<Pick<FiltersView, 'ownerId' | 'mine' | 'closeFrom' | 'closeTo' | 'tag'>>): void;
  /** Text typed into the tag box: applied once typing pauses (Enter or leaving the box applies it at once). */
  typeTag(text: string): void;
}

/** The board's filters: owner, only mine, close date range, customer tag; and "Clear". */
export function renderFilters(t: Localizer, view: FiltersView) {
  const owners = [...view.owners].sort((a, b) => a[1].localeCompare(b[1], t.locale));
  const value = (event: Event) => (event.target as HTMLInputElement).value;
  return html`<fieldset part="filters" id="filters" class=${classMap({ filters: true, open: view.open })}>
    <legend class="visually-hidden">${t.t('filter.label')}</legend>
    ${
      owners.length
        ? html`<label class="filter wide">
            <span>${t.t('filter.owner')}</span>
            <select
              class="control"
              name="owner"
              ?disabled=${view.mine}
              @change=${(event: Event) => view.set({ ownerId: value(event) })}
            >
              <option value="" ?selected=${!view.ownerId}>${t.t('filter.allOwners')}</option>
              ${owners.map(([id, name]) => html`<option value=${id} ?selected=${view.ownerId === id}>${name}</option>`)}
            </select>
          </label>`
        : nothing
    }
    <label class="check">
      <input
        type="checkbox"
        name="mine"
        .checked=${view.mine}
        @change=${(event: Event) => view.set({ mine: (event.target as HTMLInputElement).checked })}
      />
      ${t.t('filter.mine')}
    </label>
    <label class="filter narrow">
      <span>${t.t('filter.closeFrom')}</span>
      <input
        class="control"
        type="date"
        name="closeFrom"
        .value=${view.closeFrom}
        max=${view.closeTo || nothing}
        @change=${(event: Event) => view.set({ closeFrom: value(event) })}
      />
    </label>
    <label class="filter narrow">
      <span>${t.t('filter.closeTo')}</span>
      <input
        class="control"
        type="date"
        name="closeTo"
        .value=${view.closeTo}
        min=${view.closeFrom || nothing}
        @change=${(event: Event) => view.set({ closeTo: value(event) })}
      />
    </label>
    <label class="filter narrow">
      <span>${t.t('filter.tag')}</span>
      <input
        class="control"
        type="search"
        name="tag"
        maxlength="50"
        placeholder=${t.t('filter.tagPlaceholder')}
        .value=${view.tag}
        @input=${(event: Event) => view.typeTag(value(event))}
        @change=${(event: Event) => view.set({ tag: value(event) })}
      />
    </label>
    ${
      Object.keys(view.active).length > 0
        ? html`<button
            class="link-button clear"
            type="button"
            @click=${() => view.set({ ownerId: '', mine: false, closeFrom: '', closeTo: '', tag: '' })}
          >
            ${t.t('filter.clear')}
          </button>`
        : nothing
    }
  </fieldset>`;
}
