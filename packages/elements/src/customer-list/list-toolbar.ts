// The list's toolbar: the search box, the "Filters" button (when narrow), the sort, the
// owner, stage, segment, tag and region filters, and "New customer".
import type { LifecycleStage, Segment, User } from '@crmkit/core';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { filtersIcon, plusIcon, searchIcon } from '../shared/icons.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.field, en.filter, en.form, en.list, en.sort, en.stage);

/** The orders the kit sorts customers in (`-` for descending). */
export type CustomerSort = 'name' | '-name' | 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt';

export const SORTS: CustomerSort[] = ['name', '-name', '-createdAt', 'createdAt', '-updatedAt', 'updatedAt'];
const STAGES: LifecycleStage[] = ['subscriber', 'lead', 'prospect', 'customer', 'evangelist', 'churned'];

/** The boxes typed into, ahead of their debounced properties. */
export type TextFilter = 'search' | 'tag' | 'region';

export interface ToolbarState {
  typed: Record<TextFilter, string>;
  ownerId: string;
  lifecycleStage: LifecycleStage | '';
  sort: CustomerSort;
  users: User[];
  /** The segments to filter by; none when the host scoped the list to one (`segment-id`). */
  segments: Segment[];
  segmentId: string;
  tags: Set<string>;
  regions: Set<string>;
  /** Whether any search or filter is set. */
  filtered: boolean;
  filtersOpen: boolean;
  /** Whether the listbox of rows is shown (the search box controls it). */
  hasRows: boolean;
  onType(name: TextFilter, event: Event): void;
  onFlush(name: TextFilter): void;
  onSearchKeydown(event: KeyboardEvent): void;
  onToggleFilters(): void;
  onSort(sort: CustomerSort): void;
  onOwner(id: string): void;
  onStage(stage: LifecycleStage | ''): void;
  onSegment(id: string): void;
  onClear(): void;
  /** Offers "New customer" (when the caller may create customers). */
  onCreate?: () => void;
}

export function renderToolbar(t: Localizer, bar: ToolbarState) {
  const { filtered, typed } = bar;
  const active = [bar.ownerId, bar.lifecycleStage, bar.segmentId, typed.tag.trim(), typed.region.trim()].filter(
    Boolean,
  ).length;
  return html`<div part="toolbar" class="toolbar ${bar.filtersOpen ? 'open' : ''}" role="search">
    <div class="search-box">
      ${searchIcon()}
      <input
        part="search"
        class="control search"
        type="search"
        enterkeyhint="search"
        autocomplete="off"
        spellcheck="false"
        aria-label=${t.t('list.search')}
        aria-controls=${bar.hasRows ? 'list' : nothing}
        placeholder=${t.t('list.searchPlaceholder')}
        .value=${live(typed.search)}
        @input=${(event: Event) => bar.onType('search', event)}
        @keydown=${bar.onSearchKeydown}
      />
    </div>
    <button
      part="filters-button"
      class="button filters-toggle"
      type="button"
      aria-expanded=${bar.filtersOpen ? 'true' : 'false'}
      aria-controls="sort filters"
      @click=${bar.onToggleFilters}
    >
      ${filtersIcon()}<span class="filters-label">${t.t('list.filters')}</span>${
        active
          ? html`<span class="filter-count" aria-hidden="true">${t.number(active)}</span
              ><span class="visually-hidden"> ${t.t('list.filtersActive', { count: t.number(active) })}</span>`
          : nothing
      }
    </button>
    <select
      part="sort"
      id="sort"
      class="control sort"
      aria-label=${t.t('list.sort')}
      @change=${(event: Event) => bar.onSort((event.target as HTMLSelectElement).value as CustomerSort)}
    >
      ${SORTS.map((sort) => html`<option value=${sort} ?selected=${sort === bar.sort}>${t.t(`sort.${sort}`)}</option>`)}
    </select>
    ${
      bar.onCreate
        ? html`<button part="create-button" class="button primary create" type="button" @click=${bar.onCreate}>
            ${plusIcon()}<span class="create-label">${t.t('form.newCustomer')}</span>
          </button>`
        : nothing
    }
    <div class="filters" id="filters">
      ${
        bar.users.length
          ? html`<select
              part="filter"
              class="control filter"
              data-filter="owner"
              aria-label=${t.t('field.owner')}
              @change=${(event: Event) => bar.onOwner((event.target as HTMLSelectElement).value)}
            >
              <option value="" ?selected=${!bar.ownerId}>${t.t('filter.allOwners')}</option>
              ${bar.users.map(
                (user) => html`<option value=${user.id} ?selected=${user.id === bar.ownerId}>${user.name}</option>`,
              )}
            </select>`
          : nothing
      }
      <select
        part="filter"
        class="control filter"
        data-filter="stage"
        aria-label=${t.t('field.stage')}
        @change=${(event: Event) => bar.onStage((event.target as HTMLSelectElement).value as LifecycleStage)}
      >
        <option value="" ?selected=${!bar.lifecycleStage}>${t.t('list.allStages')}</option>
        ${STAGES.map(
          (stage) =>
            html`<option value=${stage} ?selected=${stage === bar.lifecycleStage}>${t.t(`stage.${stage}`)}</option>`,
        )}
      </select>
      ${
        bar.segments.length
          ? html`<select
              part="filter"
              class="control filter"
              data-filter="segment"
              aria-label=${t.t('filter.segment')}
              @change=${(event: Event) => bar.onSegment((event.target as HTMLSelectElement).value)}
            >
              <option value="" ?selected=${!bar.segmentId}>${t.t('filter.allSegments')}</option>
              ${bar.segments.map(
                (segment) =>
                  html`<option value=${segment.id} ?selected=${segment.id === bar.segmentId}>${segment.name}</option>`,
              )}
            </select>`
          : nothing
      }
      ${textFilter(t, bar, 'tag', t.t('list.tag'), bar.tags)}
      ${textFilter(t, bar, 'region', t.t('field.region'), bar.regions)}
      ${
        filtered
          ? html`<button part="clear-button" class="button clear" type="button" @click=${bar.onClear}>
              ${t.t('filter.clear')}
            </button>`
          : nothing
      }
    </div>
    <slot name="toolbar-end"></slot>
  </div>`;
}

function textFilter(t: Localizer, bar: ToolbarState, name: 'tag' | 'region', label: string, suggestions: Set<string>) {
  return html`<input
      part="filter"
      class="control filter"
      data-filter=${name}
      type="text"
      autocomplete="off"
      spellcheck="false"
      list=${`${name}-suggestions`}
      aria-label=${label}
      placeholder=${label}
      .value=${live(bar.typed[name])}
      @input=${(event: Event) => bar.onType(name, event)}
      @change=${() => bar.onFlush(name)}
    />
    <datalist id=${`${name}-suggestions`}>
      ${[...suggestions].sort().map((value) => html`<option value=${value}></option>`)}
    </datalist>`;
}
