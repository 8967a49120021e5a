// The states every element shows around its data: a skeleton while it loads, an empty state, and
// an error box with a way to try again. Styled by states.styles.ts; the parts named here
// (`skeleton`, `empty`, `error`, `retry-button`) are documented by each element that shows them.
import { html, nothing, type TemplateResult } from 'lit';
import { errorIcon } from './icons.js';

export interface ErrorBoxOptions {
  /** The headline: what went wrong. */
  message: string;
  /** What to do about it, when that helps. */
  detail?: string;
  /** A "Try again" button: its label and what it does. Left out when retrying cannot help. */
  retry?: { label: string; onClick: () => void };
  /** `alert` where the box itself is to be announced (an element with its own live region omits it). */
  role?: 'alert';
}

/** A failure, with its explanation and, where it can help, a "Try again" button. */
export function errorBox({ message, detail, retry, role }: ErrorBoxOptions): TemplateResult {
  return html`<div part="error" class="error" role=${role ?? nothing}>
    ${errorIcon()}
    <div class="error-text">
      <p class="error-message">${message}</p>
      ${detail ? html`<p class="error-detail">${detail}</p>` : nothing}
    </div>
    ${
      retry
        ? html`<button part="retry-button" class="button retry" type="button" @click=${retry.onClick}>
            ${retry.label}
          </button>`
        : nothing
    }
  </div>`;
}

export interface EmptyStateOptions {
  /** What is (not) here. */
  title: string;
  /** A hint on what to do next. */
  detail?: string;
  /** A button or link after the text, e.g. "Clear filters". */
  action?: TemplateResult;
  /** The name of a slot through which the host replaces the whole content. */
  slot?: string;
}

/** What an element shows when there is nothing to show. */
export function emptyState({ title, detail, action, slot }: EmptyStateOptions): TemplateResult {
  const content = html`<p class="empty-title">${title}</p>
    ${detail ? html`<p class="empty-detail">${detail}</p>` : nothing} ${action ?? nothing}`;
  return html`<div part="empty" class="empty-state">
    ${slot ? html`<slot name=${slot}>${content}</slot>` : content}
  </div>`;
}

/**
 * A grey bar where text will be, `width` wide (any CSS length; a bare number is a percentage).
 * `small` for secondary text.
 */
export function bone(width: string | number, { small = false } = {}): TemplateResult {
  const size = typeof width === 'number' ? `${width}%` : width;
  return html`<span class="bone line ${small ? 'small' : ''}" style=${`inline-size: ${size}`}></span>`;
}

export interface MoreButtonOptions {
  /** Idle, a page on its way, or the last page could not be loaded. */
  state: 'idle' | 'loading' | 'error';
  label: string;
  loadingLabel: string;
  /** What to say when the last page could not be loaded; its button then says `retryLabel`. */
  failedLabel: string;
  retryLabel: string;
  onClick(): void;
}

/** The "Show more" button below a list (part `load-more`), or why the last page failed and a retry. */
export function moreButton(options: MoreButtonOptions): TemplateResult {
  if (options.state === 'error') {
    return html`<p class="more">
      ${options.failedLabel}
      <button part="load-more" class="button" type="button" @click=${options.onClick}>${options.retryLabel}</button>
    </p>`;
  }
  const loading = options.state === 'loading';
  return html`<button part="load-more" class="button more" type="button" ?disabled=${loading} @click=${options.onClick}>
    ${loading ? options.loadingLabel : options.label}
  </button>`;
}
