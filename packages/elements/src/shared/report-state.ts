// What every report element (sales performance, customer analysis, market analysis) draws around its
// figures: the error box when it is not connected or its load failed (with "Try again" where that can
// help), else the report itself; the live region that announces a load; and the skeleton while it loads.
import { html, nothing, type TemplateResult } from 'lit';
import type { FailureMessages } from './failure.js';
import { useEnglish, type Localizer } from './localize.js';
import * as en from './messages/en.js';
import type { ReportView } from './report-loader.js';
import { bone, errorBox } from './states.js';

useEnglish(en.action, en.card);

export interface ReportStateOptions {
  /** The headline and hint of each failure, in the report's own words. */
  failures: FailureMessages;
  /** Loads the report again. */
  retry: () => void;
  /** What the live region says (e.g. "… loaded"). */
  announcement: string;
  /** The report, loading or loaded: its header, its skeleton (reportSkeleton) or its figures. */
  report: () => TemplateResult;
}

/** The report in its state: an error box (part `base`) or the report, and the live region. */
export function reportState(t: Localizer, view: ReportView<unknown>, options: ReportStateOptions): TemplateResult {
  let content: TemplateResult;
  if (view.status === 'unconfigured') content = failed(t.t('card.notConnected'));
  else if (view.status === 'error') {
    const [message, detail] = options.failures[view.failure];
    const retry = view.failure === 'notFound' ? undefined : { label: t.t('action.retry'), onClick: options.retry };
    content = failed(t.t(message), retry, detail && t.t(detail));
  } else content = options.report();
  return html`<div lang=${t.locale} class="root">
    ${content}
    <div role="status" class="visually-hidden">${options.announcement}</div>
  </div>`;
}

function failed(message: string, retry?: { label: string; onClick: () => void }, detail?: string) {
  return html`<div part="base" class="report">${errorBox({ message, detail, retry, role: 'alert' })}</div>`;
}

/** Grey rows (part `skeleton`) where the figures will be, with `label` for screen readers. */
export function reportSkeleton(label: string): TemplateResult {
  return html`<div part="skeleton" class="skeleton">
    ${[1, 2, 3, 4].map(() => html`<div class="skeleton-row">${bone('128px')} ${bone('100%')}</div>`)}
    <span class="visually-hidden">${label}</span>
  </div>`;
}

/** A heading level from an attribute: a whole number from 1 to 6, else 2. */
export const headingLevel = (level: number) => Math.min(6, Math.max(1, Math.round(level) || 2));

/**
 * The report's header (part `header`): its title (part `heading`, the id `heading` that labels the report),
 * its controls, the `actions` slot, and once loaded a caption (part `caption`) saying what the figures cover.
 */
export function reportHeader(level: number, title: string, controls: unknown, caption: string | undefined) {
  return html`<div part="header" class="header">
    <div class="title-row">
      <div part="heading" id="heading" class="heading" role="heading" aria-level=${level}>${title}</div>
      ${controls}
      <div class="actions"><slot name="actions"></slot></div>
    </div>
    ${caption ? html`<p part="caption" class="caption">${caption}</p>` : nothing}
  </div>`;
}
