import type { CustomerReport } from '@crmkit/core';
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { buttons } from '../shared/buttons.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmCustomerSelectEvent } from '../shared/events.js';
import { reportFailures } from '../shared/failure.js';
import { dayText } from '../shared/format.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { ReportLoader } from '../shared/report-loader.js';
import { headingLevel, reportHeader as header, reportSkeleton, reportState } from '../shared/report-state.js';
import { reportHeader } from '../shared/report.styles.js';
import { emptyState } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tables } from '../shared/table.styles.js';
import { tokens } from '../shared/tokens.js';
import {
  renderAtRisk,
  renderCohorts,
  renderFigures,
  renderProducts,
  renderSegmentChart,
  renderSegmentTable,
} from './customer-report-parts.js';

useEnglish(en.action, en.card, en.error, en.customerReport);

const FAILURES = reportFailures('customerReport');

/**
 * Customer analysis from orders, as `GET /reports/customers` computes it: the customers who ordered,
 * their orders, average order and lifetime value and how many came back; the RFM segments (recency,
 * frequency and monetary scores) as a bar chart or a table; the customers with no order in
 * `at-risk-days` days, each opening the customer; the top products; and the repeat-purchase cohorts
 * by month of first order. It follows orders and customers as they change.
 *
 * ```html
 * <crm-provider base-url="/api/crm">
 *   <crm-customer-report at-risk-days="90"></crm-customer-report>
 * </crm-provider>
 * ```
 *
 * @summary Customer analysis: RFM segments, customers at risk, top products and repeat purchases.
 * @tag crm-customer-report
 *
 * @slot actions - Buttons or links at the end of the header.
 *
 * @csspart base - The outer box.
 * @csspart header - Title, view toggle and caption.
 * @csspart heading - The title.
 * @csspart caption - What the figures cover.
 * @csspart toggle - The button that switches the segments between chart and table.
 * @csspart figures - The headline figures.
 * @csspart chart - The segments' bar chart (SVG).
 * @csspart segments-table - The segments' table.
 * @csspart at-risk-table - The customers at risk.
 * @csspart customer-link - A customer's name in the at-risk list: a button that opens the customer.
 * @csspart products-table - The top products.
 * @csspart cohorts-table - The repeat-purchase cohorts.
 * @csspart empty - The note shown when nobody has ordered.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error message box.
 * @csspart retry-button - The "Try again" button.
 *
 * @cssproperty [--crm-customer-report-bar-color=the accent colour] - The bars of the segment chart.
 *
 * @fires {CrmCustomerSelectEvent} crm-customer-select - A customer at risk was opened (click, or Enter/Space on their name); `event.detail.customer` is the customer.
 */
export class CrmCustomerReport extends CrmElement {
  static override styles = [
    tokens,
    buttons,
    states,
    tables,
    reportHeader,
    css`
      :host {
        background: var(--_ground);
        line-height: 1.4;
        --_bar: var(--crm-customer-report-bar-color, var(--_accent));
      }
      .report {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 20px;
      }
      .report.reloading .body {
        opacity: 0.6;
        transition: opacity 150ms 100ms;
      }
      .body {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 20px;
      }
      .body > * {
        min-inline-size: 0;
      }
      .figures-list {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
        gap: 12px;
        margin: 0;
      }
      .figure dt {
        color: var(--_muted);
        font-size: 13px;
      }
      .figure dd {
        margin: 0;
        font-size: 18px;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .section-title {
        margin: 0 0 8px;
        font-size: 15px;
        font-weight: 600;
      }
      .section-head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
      }
      .chart {
        display: block;
        font-family: var(--_font);
        font-size: 13px;
      }
      .chart rect {
        fill: color-mix(in srgb, var(--_bar) max(40%, calc(90% - var(--_i, 0) * 5%)), var(--_surface));
      }
      .chart text {
        fill: var(--_text);
      }
      .chart .count {
        fill: var(--_muted);
        font-variant-numeric: tabular-nums;
      }
      .link {
        all: unset;
        cursor: pointer;
        color: var(--_accent);
        text-decoration: underline;
        text-underline-offset: 2px;
      }
      .link:focus-visible {
        outline: 2px solid var(--_accent);
        outline-offset: 2px;
        border-radius: 2px;
      }
      /* At most a light tint, so the share's text keeps its contrast. */
      .cohorts .cell {
        background: color-mix(in srgb, var(--_bar) var(--_tint, 0%), transparent);
      }
      .muted {
        color: var(--_muted);
      }
    `,
  ];

  /** A customer is at risk when their last order is more than this many days ago. */
  @property({ attribute: 'at-risk-days', type: Number, reflect: true }) atRiskDays = 90;

  /** `chart` (the default) or `table`: how the RFM segments are shown. The toggle button switches it. */
  @property({ reflect: true }) view: 'chart' | 'table' = 'chart';

  /** The level of the heading (1–6); the sections' headings are one below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private announcement = '';
  @state() private width = 0;

  readonly #resize = new ResizeObserver((entries) => {
    const width = Math.round(entries[0]?.contentRect.width ?? 0);
    if (width !== this.width) this.width = width;
  });

  readonly #report = new ReportLoader<CustomerReport>(this, {
    client: () => this.client,
    entities: ['order', 'customer'],
    key: () => String(this.#days),
    read: (client, signal) => client.reports.customers({ atRiskDays: this.#days }, { signal }),
    loaded: () => {
      this.announcement = this.localize.t('customerReport.loaded');
    },
  });

  /** The report on show, once loaded. */
  get report(): CustomerReport | undefined {
    return this.#report.value;
  }

  /** Loads the report again; the figures on show stay, dimmed, until the new ones arrive. */
  reload(): void {
    this.#report.reload();
  }

  get #days(): number {
    const days = Math.round(Number(this.atRiskDays));
    return Number.isFinite(days) ? Math.min(3650, Math.max(1, days)) : 90;
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
    return html`<section
      part="base"
      class=${classMap({ report: true, reloading: this.#report.reloading })}
      aria-labelledby="heading"
      aria-busy=${report && !this.#report.reloading ? 'false' : 'true'}
    >
      ${header(
        level,
        t.t('customerReport.label'),
        nothing,
        report && t.t('customerReport.caption', { day: dayText(t, report.asOf), currency: report.currency }),
      )}
      ${
        !report
          ? reportSkeleton(t.t('customerReport.loading'))
          : !report.customers
            ? emptyState({ title: t.t('customerReport.empty'), detail: t.t('customerReport.emptyDetail') })
            : html`<div class="body">
                ${renderFigures(t, report)}
                <section>
                  <div class="section-head">
                    ${heading(t.t('customerReport.segments'))}
                    <button part="toggle" class="button" type="button" @click=${() => this.#toggle()}>
                      ${this.view === 'table' ? t.t('customerReport.showChart') : t.t('customerReport.showTable')}
                    </button>
                  </div>
                  ${this.view === 'table' ? nothing : renderSegmentChart(t, report, this.width)}
                  ${renderSegmentTable(t, report, this.view !== 'table')}
                </section>
                <section>
                  ${heading(t.t('customerReport.atRisk', { days: report.atRiskDays }))}
                  ${renderAtRisk(t, report, (id) => void this.#open(id))}
                </section>
                <section>${heading(t.t('customerReport.products'))} ${renderProducts(t, report)}</section>
                <section>${heading(t.t('customerReport.cohorts'))} ${renderCohorts(t, report)}</section>
              </div>`
      }
    </section>`;
  }

  #toggle(): void {
    this.view = this.view === 'table' ? 'chart' : 'table';
  }

  /** Opens a customer at risk: the event carries the whole customer, as the other elements' do. */
  async #open(customerId: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      this.dispatchEvent(new CrmCustomerSelectEvent(await client.customers.get(customerId)));
    } catch {
      this.announcement = this.localize.t('customerReport.openFailed');
    }
  }
}

define('crm-customer-report', CrmCustomerReport);

declare global {
  interface HTMLElementTagNameMap {
    'crm-customer-report': CrmCustomerReport;
  }
}
