import { html, nothing } from 'lit';
import type { Localizer } from '../shared/localize.js';

export function renderSkeleton(t: Localizer) {
  return html`<div part="base skeleton" class="board" aria-busy="true">
    <div class="header">
      <span class="bone line" style="inline-size: 12rem; block-size: 1.125rem"></span>
      <span class="bone line" style="inline-size: 18rem"></span>
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

/** An error box, with a "Try again" button when `onRetry` is given. */
export function renderError(t: Localizer, message: string, detail?: string, onRetry?: () => void) {
  return html`<div part="base" class="board">
    <div part="error" class="error" role="alert">
      <svg class="error-icon" viewBox="0 0 20 20" aria-hidden="true">
        <circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" stroke-width="1.5" />
        <path d="M10 5.5v5.5" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
        <circle cx="10" cy="14" r="1.1" fill="currentColor" />
      </svg>
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
    </div>
  </div>`;
}
