import type { ActivityType } from '@crmkit/core';
import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { bone, emptyState, errorBox } from '../shared/states.js';
import { ACTIVITY_TYPES } from './target.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.action, en.log);

/** The type filter in the header. */
export function renderFilter(t: Localizer, filter: ActivityType | '', onChange: (event: Event) => void) {
  return html`<div class="filter">
    <label for="filter" class="filter-label">${t.t('log.filter')}</label>
    <select part="filter" class="control" id="filter" .value=${live(filter)} @change=${onChange}>
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
          <span class="bone-lines">${bone(width)} ${bone(width - 20, { small: true })}</span>
        </div>`,
    )}
    <span class="visually-hidden">${t.t('log.loading')}</span>
  </div>`;
}

/** The error box (the shared one), with a "Try again" button when `onRetry` is given. */
export function renderError(t: Localizer, message: string, detail?: string, onRetry?: () => void) {
  return errorBox({ message, detail, retry: onRetry && { label: t.t('action.retry'), onClick: onRetry } });
}

export function renderEmpty(t: Localizer, filter: ActivityType | '', readonly: boolean) {
  const title = filter
    ? t.t('log.emptyFiltered', { type: t.t(`log.types.${filter}`).toLocaleLowerCase(t.locale) })
    : t.t('log.empty');
  return emptyState({ title, detail: readonly ? undefined : t.t('log.emptyHint'), slot: 'empty' });
}
