import type { ActivityType } from '@crmkit/core';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Localizer } from '../shared/localize.js';
import { errorIcon } from './icons.js';
import { ACTIVITY_TYPES } from './target.js';

/** The type filter in the header. */
export function renderFilter(t: Localizer, filter: ActivityType | '', onChange: (event: Event) => void) {
  return html`<div class="filter">
    <label for="filter" class="filter-label">${t.t('log.filter')}</label>
    <select part="filter" id="filter" .value=${live(filter)} @change=${onChange}>
      <option value="" ?selected=${!filter}>${t.t('log.filterAll')}</option>
      ${ACTIVITY_TYPES.map(
        (type) => html`<option value=${type} ?selected=${filter === type}>${t.t(`log.types.${type}`)}</option>`,
      )}
    </select>
  </div>`;
}

export function renderSkeleton(t: Localizer) {
  return html`<div part="skeleton" class="skeleton" aria-busy="true">
    ${[60, 45, 70].map(
      (width) =>
        html`<div class="bone-row">
          <span class="bone dot"></span>
          <span class="bone-lines">
            <span class="bone line" style="inline-size: ${width}%"></span>
            <span class="bone line small" style="inline-size: ${width - 20}%"></span>
          </span>
        </div>`,
    )}
    <span class="visually-hidden">${t.t('log.loading')}</span>
  </div>`;
}

/** An error box, with a "Try again" button when `onRetry` is given. */
export function renderError(t: Localizer, message: string, detail?: string, onRetry?: () => void) {
  return html`<div part="error" class="error">
    ${errorIcon}
    <div class="error-text">
      <p class="error-message">${message}</p>
      ${detail ? html`<p class="error-detail">${detail}</p>` : nothing}
    </div>
    ${
      onRetry
        ? html`<button part="retry-button" class="button" type="button" @click=${onRetry}>
            ${t.t('action.retry')}
          </button>`
        : nothing
    }
  </div>`;
}

export function renderEmpty(t: Localizer, filter: ActivityType | '', readonly: boolean) {
  return html`<div part="empty" class="empty">
    <slot name="empty">
      <p class="empty-title">
        ${
          filter
            ? t.t('log.emptyFiltered', { type: t.t(`log.types.${filter}`).toLocaleLowerCase(t.locale) })
            : t.t('log.empty')
        }
      </p>
      ${readonly ? nothing : html`<p class="empty-hint">${t.t('log.emptyHint')}</p>`}
    </slot>
  </div>`;
}
