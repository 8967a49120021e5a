import type { Forecast, ForecastPeriod } from '@crmkit/core';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { buttons } from '../shared/buttons.styles.js';
import { controls } from '../shared/controls.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { dialogStyles } from '../shared/dialog.styles.js';
import { CrmForecastSelectEvent, type CrmForecastCell } from '../shared/events.js';
import type { FailureMessages } from '../shared/failure.js';
import { formStyles } from '../shared/form.styles.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { bone, emptyState, errorBox } from '../shared/states.js';
import { ReportLoader } from '../shared/report-loader.js';
import { reportHeader } from '../shared/report.styles.js';
import { tables } from '../shared/table.styles.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { AdjustDialog } from './adjust-dialog.js';
import { styles } from './forecast.styles.js';
import { CATEGORIES, renderTable, sinceDay } from './forecast-table.js';
import { periodControls, periodName, periodStart, shiftPeriod, shownPeriodStart } from '../shared/period.js';

useEnglish(en.action, en.card, en.error, en.forecast, en.period);

/** The headline and, where it helps, what to do, for a failed load of the forecast. */
const FORECAST_FAILURES: FailureMessages = {
  notFound: ['forecast.error', 'error.notFoundDetail'],
  unauthorized: ['forecast.unauthorized'],
  forbidden: ['forecast.forbidden'],
  network: ['error.network', 'error.networkDetail'],
  generic: ['forecast.error', 'error.genericDetail'],
};

/**
 * The forecast of a month, quarter or year as `GET /reports/forecast` computes it: for each team
 * (as its tree) and member the caller may see, the quota, what is closed and its attainment, and
 * the open deals expected to close in the period by forecast category, in the organization's base
 * currency. A bar beside each name draws closed, commit and best case against the quota. Every
 * figure is a button that fires `crm-forecast-select`, so a host can show the deals behind it. The
 * period can be changed and stepped through; the figures follow deals and quotas as they change.
 *
 * Commit, best case and pipeline are shown after managers' adjustments (`/forecast-adjustments`):
 * a manager adjusts the members and teams under them with the "Adjust" button of their row, giving
 * the amount they expect and why; the deals' own amount stays beneath the adjusted one. Beneath a
 * figure that moved since the last weekly snapshot: by how much, and since when.
 *
 * ```html
 * <crm-provider base-url="/api/crm">
 *   <crm-forecast period="quarter"></crm-forecast>
 * </crm-provider>
 * ```
 *
 * @summary Forecast against quota: closed, commit, best case and pipeline per team and member.
 * @tag crm-forecast
 *
 * @slot actions - Buttons or links at the end of the header.
 *
 * @csspart base - The outer box.
 * @csspart header - Title, period controls and caption.
 * @csspart heading - The title.
 * @csspart period - The period kind and the previous and next buttons.
 * @csspart caption - What the figures cover.
 * @csspart table - The table of figures.
 * @csspart adjust-button - A row's "Adjust" button, shown to who may adjust it.
 * @csspart change - Beneath a figure, how it moved since last week's snapshot.
 * @csspart dialog - The adjustment dialog.
 * @csspart form - The adjustment form in it.
 * @csspart empty - The note shown when the period has no deals and no quotas.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 *
 * @cssproperty [--crm-forecast-closed=var(--crm-color-success)] - The colour of closed amounts in the bars.
 * @cssproperty [--crm-forecast-commit=var(--crm-color-accent)] - The colour of commit amounts.
 * @cssproperty [--crm-forecast-best-case] - The colour of best-case amounts (the accent, lighter).
 * @cssproperty [--crm-color-success=light-dark(#15803d, #4ade80)] - A figure that went up since last week.
 *
 * @fires {CrmForecastSelectEvent} crm-forecast-select - A figure was chosen; `event.detail` names the member (`ownerId`) or team (`teamId`), the `category`, and the period's `from` and `to`.
 */
export class CrmForecast extends CrmElement {
  static override styles = [tokens, buttons, controls, states, formStyles, dialogStyles, tables, reportHeader, styles];

  /** `month`, `quarter` (the default) or `year`. */
  @property({ reflect: true }) period: ForecastPeriod = 'quarter';

  /**
   * The period's first day (`2026-10-01`); by default the period that holds today. A day inside a
   * period stands for that period.
   */
  @property({ attribute: 'starts-on', reflect: true }) startsOn = '';

  /** Only deals of this pipeline; by default of every pipeline. */
  @property({ attribute: 'pipeline-id', reflect: true }) pipelineId = '';

  /** The level of the heading (1–6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private announcement = '';

  readonly #report = new ReportLoader<Forecast>(this, {
    client: () => this.client,
    entities: ['opportunity', 'quota', 'forecast_adjustment'],
    key: () => JSON.stringify([this.period, this.#start, this.pipelineId.trim()]),
    read: (client, signal) =>
      client.reports.forecast(
        {
          period: this.period,
          startsOn: this.#start,
          ...(this.pipelineId.trim() ? { pipelineId: this.pipelineId.trim() } : {}),
        },
        { signal },
      ),
    loaded: () => {
      if (!this.#announceLoad) return;
      this.#announceLoad = false;
      this.announcement = this.localize.t('forecast.loaded', {
        period: periodName(this.localize, this.period, this.#start, this.#fiscal),
      });
    },
  });
  /** Whether the next load was asked for by the reader (another period), and so is announced. */
  #announceLoad = false;
  readonly #adjust = new AdjustDialog(this, {
    localize: () => this.localize,
    announce: (text) => (this.announcement = text),
  });

  /** The forecast on show, once loaded. */
  get forecast(): Forecast | undefined {
    return this.#report.value;
  }

  /** Loads the forecast again; the figures on show stay, dimmed, until the new ones arrive. */
  reload(): void {
    this.#report.reload();
  }

  /**
   * The month in which the organization's fiscal year starts, as the last forecast said (January
   * until one has loaded: a first load on another calendar is followed by one of the right period).
   */
  get #fiscal(): number {
    return this.forecast?.fiscalYearStartMonth ?? 1;
  }

  /** The first day of the period on show: `starts-on`'s period, else today's. */
  get #start(): string {
    return shownPeriodStart(this.period, this.startsOn, this.#fiscal);
  }

  protected override render() {
    const t = this.localize;
    const view = this.#report.view;
    const status = view.status;
    let content;
    if (status === 'unconfigured') content = this.#renderError(t, t.t('card.notConnected'), false);
    else if (status === 'error') {
      const [message, detail] = FORECAST_FAILURES[view.failure];
      content = this.#renderError(t, t.t(message), view.failure !== 'notFound', detail && t.t(detail));
    } else content = this.#renderReport(t);
    return html`<div lang=${t.locale} class="root">
      ${content} ${this.#adjust.render(this.client)}
      <div role="status" class="visually-hidden">${this.announcement}</div>
    </div>`;
  }

  #renderReport(t: Localizer) {
    const forecast = this.forecast;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const name = periodName(t, this.period, this.#start, this.#fiscal);
    const empty =
      forecast &&
      CATEGORIES.every((c) => forecast.total[c].count === 0) &&
      !forecast.members.some((m) => m.quota) &&
      !forecast.teams.some((team) => team.quota);
    const missing = forecast
      ? [...new Set(CATEGORIES.flatMap((c) => forecast.total[c].converted.missingRates))].sort()
      : [];
    const caption = t.t('forecast.caption', { period: name, currency: forecast?.baseCurrency ?? '' });
    return html`<section
      part="base"
      class=${classMap({ forecast: true, reloading: this.#report.reloading })}
      aria-labelledby="heading"
      aria-busy=${forecast && !this.#report.reloading ? 'false' : 'true'}
    >
      <div part="header" class="header">
        <div class="title-row">
          <div part="heading" id="heading" class="heading" role="heading" aria-level=${level}>
            ${t.t('forecast.label', { period: name })}
          </div>
          ${periodControls(t, this.period, {
            step: (steps) => this.#step(steps),
            kind: (kind) => this.#setKind(kind),
          })}
          <div class="actions"><slot name="actions"></slot></div>
        </div>
        ${forecast ? html`<p part="caption" class="caption">${caption}</p>` : nothing}
        ${
          forecast?.total.change
            ? html`<p class="caption">${t.t('forecast.changeSince', { day: sinceDay(t, forecast.total.change) })}</p>`
            : nothing
        }
        ${missing.length ? html`<p class="caption">${t.t('forecast.missingRates', { currencies: t.list(missing) })}</p>` : nothing}
      </div>
      <div class="figures">
        ${
          !forecast
            ? this.#renderSkeleton(t)
            : empty
              ? emptyState({ title: t.t('forecast.empty'), detail: t.t('forecast.emptyDetail') })
              : renderTable(
                  t,
                  forecast,
                  caption,
                  (cell) => this.#select(cell),
                  (row) => void this.#adjust.open(forecast, row),
                )
        }
      </div>
    </section>`;
  }

  #renderSkeleton(t: Localizer) {
    return html`<div part="skeleton" class="skeleton">
      ${[1, 2, 3, 4].map(() => html`<div class="skeleton-row">${bone('128px')} ${bone('100%')}</div>`)}
      <span class="visually-hidden">${t.t('forecast.loading')}</span>
    </div>`;
  }

  #renderError(t: Localizer, message: string, canRetry: boolean, detail?: string) {
    const retry = canRetry ? { label: t.t('action.retry'), onClick: () => this.reload() } : undefined;
    return html`<div part="base" class="forecast">${errorBox({ message, detail, retry, role: 'alert' })}</div>`;
  }

  #step(steps: number): void {
    this.#announceLoad = true;
    this.startsOn = shiftPeriod(this.period, this.#start, steps);
  }

  #select(cell: CrmForecastCell): void {
    this.dispatchEvent(new CrmForecastSelectEvent(cell));
  }

  #setKind(kind: ForecastPeriod): void {
    // The new kind of period that holds the one on show: a quarter's month view shows its first month.
    const start = this.#start;
    this.#announceLoad = true;
    this.period = kind;
    this.startsOn = periodStart(kind, start, this.#fiscal);
  }
}

define('crm-forecast', CrmForecast);

declare global {
  interface HTMLElementTagNameMap {
    'crm-forecast': CrmForecast;
  }
}
