import type { ForecastPeriod, MarketReport } from '@crmkit/core';
import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { reportFailures } from '../shared/failure.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { periodControls, periodEnd, periodName, periodStart, shiftPeriod, shownPeriodStart } from '../shared/period.js';
import { ReportLoader } from '../shared/report-loader.js';
import { headingLevel, reportHeader, reportSkeleton, reportState } from '../shared/report-state.js';
import { emptyState } from '../shared/states.js';
import {
  renderCompetitors,
  renderFigures,
  renderFunnelChart,
  renderFunnelTable,
  renderLostReasons,
} from './market-parts.js';
import { marketStyles } from './market-report.styles.js';

useEnglish(en.action, en.card, en.error, en.market, en.period);

const FAILURES = reportFailures('market');

/**
 * Market analysis over a month, quarter or year, as `GET /reports/market` computes it: the leads and
 * deals that came in, by campaign or by source, and what became of them at each step (converted, deals,
 * won), the revenue, each campaign's cost and return on it; why deals were lost; and how deals that
 * named a competitor ended. Each figure is shown beside the period before's. The funnel is drawn as bars
 * or shown as a table (screen readers always get the table). It follows leads, deals and campaigns as
 * they change.
 *
 * ```html
 * <crm-provider base-url="/api/crm">
 *   <crm-market-report period="quarter" by="campaign"></crm-market-report>
 * </crm-provider>
 * ```
 *
 * @summary Market analysis: leads to won deals by campaign and source, ROI, lost reasons, competitors.
 * @tag crm-market-report
 *
 * @slot actions - Buttons or links at the end of the header.
 *
 * @csspart base - The outer box.
 * @csspart header - Title, period controls and caption.
 * @csspart heading - The title.
 * @csspart period - The period kind and the previous and next buttons.
 * @csspart caption - What the figures cover.
 * @csspart figures - The headline figures.
 * @csspart change - A figure of the period before.
 * @csspart by - The buttons that show the funnel by campaign or by source.
 * @csspart toggle - The button that switches the funnel between chart and table.
 * @csspart chart - The funnel's bars (SVG).
 * @csspart funnel-table - The funnel's table.
 * @csspart lost-table - The reasons deals were lost.
 * @csspart competitors-table - Won and lost against each competitor.
 * @csspart empty - The note shown when the period has nothing to show.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 *
 * @cssproperty [--crm-market-report-bar-color=the accent colour] - The bars of the chart and the tables.
 */
export class CrmMarketReport extends CrmElement {
  static override styles = marketStyles;

  /** `month`, `quarter` (the default) or `year`. */
  @property({ reflect: true }) period: ForecastPeriod = 'quarter';

  /** The period's first day (`2026-10-01`); by default the period that holds today. A day inside a period stands for it. */
  @property({ attribute: 'starts-on', reflect: true }) startsOn = '';

  /** Only the leads and deals of the members of this team and of the teams under it. */
  @property({ attribute: 'team-id', reflect: true }) teamId = '';

  /** Only deals of this pipeline (leads are no pipeline's). */
  @property({ attribute: 'pipeline-id', reflect: true }) pipelineId = '';

  /** `campaign` (the default) or `source`: what the funnel is shown by. Its buttons switch it. */
  @property({ reflect: true }) by: 'campaign' | 'source' = 'campaign';

  /** `chart` (the default) or `table`: how the funnel is shown. The toggle button switches it. */
  @property({ reflect: true }) view: 'chart' | 'table' = 'chart';

  /** The level of the heading (1–6); the sections' headings are one below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private announcement = '';
  @state() private width = 0;

  readonly #resize = new ResizeObserver((entries) => {
    const width = Math.round(entries[0]?.contentRect.width ?? 0);
    if (width !== this.width) this.width = width;
  });

  readonly #report = new ReportLoader<MarketReport>(this, {
    client: () => this.client,
    entities: ['lead', 'opportunity', 'campaign'],
    key: () => JSON.stringify([this.period, this.#start, this.teamId.trim(), this.pipelineId.trim()]),
    read: (client, signal) => {
      const { period } = this;
      const from = this.#start;
      const compareFrom = shiftPeriod(period, from, -1);
      const teamId = this.teamId.trim();
      const pipelineId = this.pipelineId.trim();
      return client.reports.market(
        {
          from,
          to: periodEnd(period, from),
          compareFrom,
          compareTo: periodEnd(period, compareFrom),
          ...(teamId ? { teamId } : {}),
          ...(pipelineId ? { pipelineId } : {}),
        },
        { signal },
      );
    },
    loaded: () => {
      if (!this.#announceLoad) return;
      this.#announceLoad = false;
      this.announcement = this.localize.t('market.loaded', {
        period: periodName(this.localize, this.period, this.#start, this.#fiscal),
      });
    },
  });

  /** Whether the next load was asked for by the reader (another period), and so is announced. */
  #announceLoad = false;

  /** The report on show, once loaded. */
  get report(): MarketReport | undefined {
    return this.#report.value;
  }

  /** Loads the report again; the figures on show stay, dimmed, until the new ones arrive. */
  reload(): void {
    this.#report.reload();
  }

  /** The month in which the fiscal year starts, as the last report said (January until one has loaded). */
  get #fiscal(): number {
    return this.report?.fiscalYearStartMonth ?? 1;
  }

  /** The first day of the period on show: `starts-on`'s period, else today's. */
  get #start(): string {
    return shownPeriodStart(this.period, this.startsOn, this.#fiscal);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
  }

  protected override render() {
    return reportState(this.localize, this.#report.view, {
      failures: FAILURES,
      retry: () => this.reload(),
      announcement: this.announcement,
      report: () => this.#renderReport(this.localize),
    });
  }

  #renderReport(t: Localizer) {
    const report = this.report;
    const level = headingLevel(this.headingLevel);
    const sub = Math.min(6, level + 1);
    const heading = (text: string) => html`<div class="section-title" role="heading" aria-level=${sub}>${text}</div>`;
    const start = this.#start;
    const name = periodName(t, this.period, start, this.#fiscal);
    const previous = periodName(t, this.period, shiftPeriod(this.period, start, -1), this.#fiscal);
    const total = report?.total;
    const empty = total && !total.leads && !total.deals && !report.lostReasons.length && !report.competitors.length;
    return html`<section
      part="base"
      class=${classMap({ report: true, reloading: this.#report.reloading })}
      aria-labelledby="heading"
      aria-busy=${report && !this.#report.reloading ? 'false' : 'true'}
    >
      ${reportHeader(
        level,
        t.t('market.label', { period: name }),
        periodControls(t, this.period, { step: (steps) => this.#step(steps), kind: (kind) => this.#setKind(kind) }),
        report && t.t('market.caption', { period: name, previous, currency: report.currency }),
      )}
      ${
        !report
          ? reportSkeleton(t.t('market.loading'))
          : empty
            ? emptyState({ title: t.t('market.empty'), detail: t.t('market.emptyDetail') })
            : html`<div class="body">
                ${renderFigures(t, report)}
                <section>${this.#renderFunnel(t, report, heading)}</section>
                <section>${heading(t.t('market.lostReasons'))} ${renderLostReasons(t, report)}</section>
                <section>${heading(t.t('market.competitors'))} ${renderCompetitors(t, report)}</section>
              </div>`
      }
    </section>`;
  }

  #renderFunnel(t: Localizer, report: MarketReport, heading: (text: string) => unknown) {
    const campaigns = this.by !== 'source';
    const rows = campaigns ? report.campaigns : report.sources;
    const label = t.t('market.chart');
    const chart = this.view !== 'table';
    const table = renderFunnelTable(t, rows, campaigns);
    const choice = (value: 'campaign' | 'source', key: 'market.byCampaign' | 'market.bySource') =>
      html`<button class="button" type="button" aria-pressed=${this.by === value} @click=${() => (this.by = value)}>
        ${t.t(key)}
      </button>`;
    return html`<div class="section-head">
        ${heading(label)}
        <div part="by" class="by" role="group" aria-label=${label}>
          ${choice('campaign', 'market.byCampaign')} ${choice('source', 'market.bySource')}
        </div>
        <button part="toggle" class="button" type="button" @click=${() => (this.view = chart ? 'table' : 'chart')}>
          ${t.t(chart ? 'market.showTable' : 'market.showChart')}
        </button>
      </div>
      ${
        chart
          ? html`${renderFunnelChart(t, rows, this.width)}
              <div class="visually-hidden">${table}</div>`
          : html`<div class="table-box" tabindex="0" role="region" aria-label=${label}>${table}</div>`
      }`;
  }

  #step(steps: number): void {
    this.#announceLoad = true;
    this.startsOn = shiftPeriod(this.period, this.#start, steps);
  }

  #setKind(kind: ForecastPeriod): void {
    const start = this.#start;
    this.#announceLoad = true;
    this.period = kind;
    this.startsOn = periodStart(kind, start, this.#fiscal);
  }
}

define('crm-market-report', CrmMarketReport);

declare global {
  interface HTMLElementTagNameMap {
    'crm-market-report': CrmMarketReport;
  }
}
