import type { WinRates, WinRatesQuery } from '@crmkit/core';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { buttons } from '../shared/buttons.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { reportFailures } from '../shared/failure.js';
import { dayText } from '../shared/format.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { ReportLoader } from '../shared/report-loader.js';
import { reportHeader } from '../shared/report.styles.js';
import { bone, emptyState, errorBox } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tables } from '../shared/table.styles.js';
import { tokens } from '../shared/tokens.js';
import { renderMembers, renderStages } from './win-rates-table.js';
import { styles } from './win-rates.styles.js';

useEnglish(en.action, en.card, en.error, en.winRates);

const FAILURES = reportFailures('winRates');

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Historical win rates of a pipeline as `GET /reports/win-rates` computes them: for each open stage,
 * of the deals that passed it and closed in the window (by default the last twelve months), the share
 * won, beside the probability the stage is configured with, and the open deals now in it weighted by
 * each; then each member's own rates. A manager sees where the configured probabilities are too hopeful
 * or too cautious, and what the pipeline is worth by its record. The figures follow deals as they change.
 *
 * ```html
 * <crm-provider base-url="/api/crm">
 *   <crm-win-rates></crm-win-rates>
 * </crm-provider>
 * ```
 *
 * @summary Historical win rate per stage and per member, beside the configured probabilities.
 * @tag crm-win-rates
 *
 * @slot actions - Buttons or links at the end of the header.
 *
 * @csspart base - The outer box.
 * @csspart header - Title and caption.
 * @csspart heading - The title.
 * @csspart caption - What the figures cover.
 * @csspart table - The table by stage.
 * @csspart members - The table by member.
 * @csspart empty - The note shown when nothing is open and nothing closed in the window.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 *
 * @cssproperty [--crm-win-rates-above=var(--crm-color-success)] - The colour of a past rate above the set probability.
 * @cssproperty [--crm-win-rates-below=var(--crm-color-danger)] - The colour of a past rate below it.
 */
export class CrmWinRates extends CrmElement {
  static override styles = [tokens, buttons, states, tables, reportHeader, styles];

  /** The pipeline; by default the organization's default pipeline. */
  @property({ attribute: 'pipeline-id', reflect: true }) pipelineId = '';

  /** Only this member's deals. */
  @property({ attribute: 'owner-id', reflect: true }) ownerId = '';

  /** The first day of the window of closes (`2026-01-01`); by default a year before `to`. */
  @property({ reflect: true }) from = '';

  /** The last day of the window of closes; by default today in the organization's time zone. */
  @property({ reflect: true }) to = '';

  /** The level of the heading (1–6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  readonly #report = new ReportLoader<WinRates>(this, {
    client: () => this.client,
    entities: ['opportunity', 'pipeline'],
    key: () => JSON.stringify(this.#query),
    read: (client, signal) => client.reports.winRates(this.#query, { signal }),
  });

  /** The report on show, once loaded. */
  get winRates(): WinRates | undefined {
    return this.#report.value;
  }

  /** Loads the win rates again; the figures on show stay, dimmed, until the new ones arrive. */
  reload(): void {
    this.#report.reload();
  }

  get #query(): WinRatesQuery {
    const query: WinRatesQuery = {};
    if (this.pipelineId.trim()) query.pipelineId = this.pipelineId.trim();
    if (this.ownerId.trim()) query.ownerId = this.ownerId.trim();
    if (DAY.test(this.from)) query.from = this.from;
    if (DAY.test(this.to)) query.to = this.to;
    return query;
  }

  protected override render() {
    const t = this.localize;
    const view = this.#report.view;
    let content;
    if (view.status === 'unconfigured') content = this.#renderError(t, t.t('card.notConnected'), false);
    else if (view.status === 'error') {
      const [message, detail] = FAILURES[view.failure];
      content = this.#renderError(t, t.t(message), view.failure !== 'notFound', detail && t.t(detail));
    } else content = this.#renderReport(t);
    return html`<div lang=${t.locale} class="root">${content}</div>`;
  }

  #renderReport(t: Localizer) {
    const report = this.winRates;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const empty = report && report.total.count === 0 && report.stages.every((s) => s.history.closed === 0);
    const missing = report?.total.converted.missingRates ?? [];
    return html`<section
      part="base"
      class=${classMap({ 'win-rates': true, reloading: this.#report.reloading })}
      aria-labelledby="heading"
      aria-busy=${report && !this.#report.reloading ? 'false' : 'true'}
    >
      <div part="header" class="header">
        <div class="title-row">
          <div part="heading" id="heading" class="heading" role="heading" aria-level=${level}>
            ${t.t('winRates.label', { name: report?.name ?? '' })}
          </div>
          <div class="actions"><slot name="actions"></slot></div>
        </div>
        ${
          report
            ? html`<p part="caption" class="caption">
                ${t.t('winRates.caption', {
                  from: dayText(t, report.from),
                  to: dayText(t, report.to),
                  currency: report.baseCurrency,
                })}
              </p>`
            : nothing
        }
        ${
          missing.length
            ? html`<p class="caption">${t.t('winRates.missingRates', { currencies: t.list(missing) })}</p>`
            : nothing
        }
      </div>
      <div class="figures">
        ${
          !report
            ? html`<div part="skeleton" class="skeleton">
                ${[1, 2, 3, 4].map(() => bone('100%'))}
                <span class="visually-hidden">${t.t('winRates.loading')}</span>
              </div>`
            : empty
              ? emptyState({ title: t.t('winRates.empty'), detail: t.t('winRates.emptyDetail') })
              : html`${renderStages(t, report)} ${renderMembers(t, report)}`
        }
      </div>
    </section>`;
  }

  #renderError(t: Localizer, message: string, canRetry: boolean, detail?: string) {
    const retry = canRetry ? { label: t.t('action.retry'), onClick: () => this.reload() } : undefined;
    return html`<div part="base" class="win-rates">${errorBox({ message, detail, retry, role: 'alert' })}</div>`;
  }
}

define('crm-win-rates', CrmWinRates);

declare global {
  interface HTMLElementTagNameMap {
    'crm-win-rates': CrmWinRates;
  }
}
