// One row of the list (an `option` of its listbox), and the line below the rows while the next
// page loads or after it failed.
import type { Customer } from '@crmkit/core';
import { html, nothing } from 'lit';
import { initials, plural } from '../shared/format.js';
import { errorIcon, spinnerIcon } from '../shared/icons.js';
import type { FailureMessages } from '../shared/failure.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { bone } from '../shared/states.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.action, en.error, en.kind, en.list, en.stage);

export interface RowState {
  index: number;
  /** The number of rows, or -1 while more are left to load. */
  setSize: number;
  /** The keyboard's row. */
  active: boolean;
  selected: boolean;
  /** The owner's name, when known. */
  owner?: string;
}

export function renderRow(t: Localizer, customer: Customer, row: RowState) {
  const { index, setSize } = row;
  const details = [t.t(`kind.${customer.kind}`), customer.industry, customer.region].filter(Boolean).join(' · ');
  const stage = t.t(`stage.${customer.lifecycleStage}`);
  return html`<div
    part="option"
    class="option ${row.active ? 'active' : ''}"
    role="option"
    id=${`option-${customer.id}`}
    data-index=${index}
    aria-selected=${row.selected ? 'true' : 'false'}
    aria-posinset=${index + 1}
    aria-setsize=${setSize}
  >
    <span part="avatar" class="avatar" data-kind=${customer.kind} aria-hidden="true">${initials(customer.name)}</span>
    <span class="main">
      <span part="option-name" class="name" title=${customer.name}>${customer.name}</span>
      <span class="details"
        ><span class="stage-inline" data-stage=${customer.lifecycleStage}
          ><span class="dot" aria-hidden="true"></span>${stage}</span
        >
        ${details}</span
      >
    </span>
    <span class="contact">
      ${customer.emails[0] ? html`<span class="email" title=${customer.emails[0]}>${customer.emails[0]}</span>` : nothing}
      ${customer.phones[0] ? html`<span class="phone">${customer.phones[0]}</span>` : nothing}
    </span>
    <span class="owner">${row.owner ?? ''}</span>
    <span part="stage" class="stage" data-stage=${customer.lifecycleStage}>
      <span class="dot" aria-hidden="true"></span>${stage}
    </span>
  </div>`;
}

export function renderMore(t: Localizer, more: 'idle' | 'loading' | 'error', onRetry: () => void) {
  if (more === 'loading') {
    return html`<div part="more" class="more">${spinnerIcon()}${t.t('list.loadingMore')}</div>`;
  }
  if (more === 'error') {
    return html`<div part="more" class="more error">
      ${errorIcon()}<span>${t.t('list.moreError')}</span>
      <button class="link-button" type="button" @click=${onRetry}>${t.t('action.retry')}</button>
    </div>`;
  }
  return nothing;
}

/** The line above the rows: how many customers (and whether more are left). */
export function countText(t: Localizer, status: string, count: number, hasMore: boolean): string {
  if (status === 'loading' && count === 0) return t.t('list.loading');
  if (status !== 'loaded' && status !== 'loading') return '';
  // Nothing matched: the empty state says so, in words rather than "0 customers".
  if (count === 0) return '';
  if (hasMore) return t.t('list.countMore', { count: t.number(count) });
  return plural(t, count, 'list.countOne', 'list.countOther');
}

/** The rows with a saved customer in place of the version shown, if it is newer. */
export function withSaved(items: Customer[], saved: Customer): Customer[] {
  const index = items.findIndex((customer) => customer.id === saved.id);
  if (index < 0 || items[index]!.version >= saved.version) return items;
  const next = [...items];
  next[index] = saved;
  return next;
}

/** What the list says when it could not load, by failure. */
export const FAILURES: FailureMessages = {
  notFound: ['list.error', 'error.genericDetail'],
  unauthorized: ['list.unauthorized'],
  forbidden: ['list.forbidden'],
  network: ['error.network', 'error.networkDetail'],
  generic: ['list.error', 'error.genericDetail'],
};

/** Grey rows while the first page loads. */
export function renderSkeleton(t: Localizer) {
  return html`<div part="skeleton" class="skeleton" aria-busy="true">
    ${[72, 54, 64, 48, 60].map(
      (width) =>
        html`<div class="skeleton-row">
          <span class="avatar bone"></span>
          <span class="lines">${bone(width)} ${bone(width - 18, { small: true })}</span>
        </div>`,
    )}
    <span class="visually-hidden">${t.t('list.loading')}</span>
  </div>`;
}
