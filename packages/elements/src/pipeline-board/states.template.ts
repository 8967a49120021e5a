import { html } from 'lit';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { errorBox } from '../shared/states.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.action, en.board);

export function renderSkeleton(t: Localizer) {
  return html`<div part="base skeleton" class="board" aria-busy="true">
    <div class="header">
      <span class="bone line" style="inline-size: 192px; block-size: 18px"></span>
      <span class="bone line" style="inline-size: 288px"></span>
    </div>
    <div class="columns">
      ${[0, 1, 2, 3].map(
        (column) =>
          html`<div class="skeleton-column">
            <span class="bone line" style="inline-size: 55%"></span>
            <span class="bone line" style="inline-size: 35%"></span>
            ${[0, 1, 2].slice(0, 3 - (column % 2)).map(() => html`<span class="bone card-bone"></span>`)}
          </div>`,
      )}
    </div>
    <span class="visually-hidden">${t.t('board.loading')}</span>
  </div>`;
}

/** The error box (the shared one), with a "Try again" button when `onRetry` is given. */
export function renderError(t: Localizer, message: string, detail?: string, onRetry?: () => void) {
  const retry = onRetry && { label: t.t('action.retry'), onClick: onRetry };
  return html`<div part="base" class="board">${errorBox({ message, detail, retry, role: 'alert' })}</div>`;
}
