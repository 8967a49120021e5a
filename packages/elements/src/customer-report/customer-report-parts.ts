// The parts of the customer analysis: the headline figures, the RFM segments as a bar chart (SVG) or a
// table, the customers at risk, the top products and the repeat-purchase cohorts.
import type { CustomerReport, OrderMoney, RfmSegment } from '@crmkit/core';
import { html, nothing, svg } from 'lit';
import { fullMoney, percent } from '../shared/format.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { periodName } from '../shared/period.js';

useEnglish(en.customerReport, en.period);

const dash = '–';
const money = (t: Localizer, m: OrderMoney) =>
  fullMoney(t, { amount: m.converted.sum, currency: m.converted.currency });
const segmentName = (t: Localizer, segment: RfmSegment) => t.t(`customerReport.seg.${segment}`);

/** The headline figures, as a list of terms and values. */
export function renderFigures(t: Localizer, r: CustomerReport) {
  const amount = (sum: string | null) => (sum === null ? dash : fullMoney(t, { amount: sum, currency: r.currency }));
  const figures: [string, string][] = [
    [t.t('customerReport.customers'), t.number(r.customers)],
    [t.t('customerReport.orders'), t.number(r.orders)],
    [t.t('customerReport.revenue'), money(t, r.revenue)],
    [t.t('customerReport.averageOrder'), amount(r.averageOrderValue)],
    [
      t.t('customerReport.frequency'),
      r.purchaseFrequency === null ? dash : t.number(r.purchaseFrequency, { maximumFractionDigits: 2 }),
    ],
    [t.t('customerReport.averageLifetimeValue'), amount(r.averageLifetimeValue)],
    [t.t('customerReport.repeatRate'), r.repeatRate === null ? dash : percent(t, r.repeatRate)],
  ];
  return html`<dl part="figures" class="figures-list">
    ${figures.map(
      ([term, value]) =>
        html`<div class="figure">
          <dt>${term}</dt>
          <dd>${value}</dd>
        </div>`,
    )}
  </dl>`;
}

const BAR = 22;
const GAP = 8;

/** The segments as horizontal bars of customers; a picture of the table, which screen readers get instead. */
export function renderSegmentChart(t: Localizer, r: CustomerReport, width: number) {
  const w = Math.max(240, width || 640);
  // Room for the longest segment name at the page's size, even on a narrow screen.
  const label = Math.min(180, Math.max(136, Math.round(w * 0.35)));
  const room = w - label - 72;
  const most = Math.max(1, ...r.segments.map((s) => s.customers));
  const height = r.segments.length * (BAR + GAP);
  return svg`<svg part="chart" class="chart" width=${w} height=${height} viewBox="0 0 ${w} ${height}" aria-hidden="true">
    ${r.segments.map((s, i) => {
      const y = i * (BAR + GAP);
      const length = Math.round((s.customers / most) * room);
      return svg`<g class="bar ${s.segment}">
        <text class="name" x=${label - 8} y=${y + BAR / 2 + 5} text-anchor="end">${segmentName(t, s.segment)}</text>
        <rect x=${label} y=${y} width=${Math.max(s.customers ? 2 : 0, length)} height=${BAR} rx="3" style="--_i: ${i}" />
        <text class="count" x=${label + length + 6} y=${y + BAR / 2 + 5}>${t.number(s.customers)}</text>
      </g>`;
    })}
  </svg>`;
}

/** The segments as a table: customers, their share, orders and revenue. */
export function renderSegmentTable(t: Localizer, r: CustomerReport, hidden: boolean) {
  if (hidden) return html`<div class="visually-hidden">${segmentTable(t, r)}</div>`;
  return html`<div class="table-box" tabindex="0" role="region" aria-label=${t.t('customerReport.chart')}>
    ${segmentTable(t, r)}
  </div>`;
}

function segmentTable(t: Localizer, r: CustomerReport) {
  return html`<div>
    <table part="segments-table" class="table">
      <caption class="visually-hidden">
        ${t.t('customerReport.chart')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.t('customerReport.segment')}</th>
          <th scope="col" class="num">${t.t('customerReport.customers')}</th>
          <th scope="col" class="num">${t.t('customerReport.orders')}</th>
          <th scope="col" class="num">${t.t('customerReport.revenue')}</th>
        </tr>
      </thead>
      <tbody>
        ${r.segments.map(
          (s) =>
            html`<tr data-segment=${s.segment}>
              <th scope="row">${segmentName(t, s.segment)}</th>
              <td class="num">
                ${t.number(s.customers)}
                ${r.customers ? html`<span class="muted">${percent(t, s.customers / r.customers)}</span>` : nothing}
              </td>
              <td class="num">${t.number(s.orders)}</td>
              <td class="num">${money(t, s.revenue)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The customers at risk: how many, their value, and the most valuable as buttons that open them. */
export function renderAtRisk(t: Localizer, r: CustomerReport, open: (customerId: string) => void) {
  const { atRisk } = r;
  if (!atRisk.customers) return html`<p class="muted">${t.t('customerReport.atRiskNone', { days: r.atRiskDays })}</p>`;
  return html`<p class="muted">
      ${t.t('customerReport.atRiskSummary', {
        customers: t.number(atRisk.customers),
        amount: money(t, atRisk.lifetimeValue),
      })}
    </p>
    <div
      class="table-box"
      tabindex="0"
      role="region"
      aria-label=${t.t('customerReport.atRisk', { days: r.atRiskDays })}
    >
      <table part="at-risk-table" class="table">
        <caption class="visually-hidden">
          ${t.t('customerReport.atRisk', { days: r.atRiskDays })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.t('customerReport.customer')}</th>
            <th scope="col">${t.t('customerReport.lastOrder')}</th>
            <th scope="col" class="num">${t.t('customerReport.orders')}</th>
            <th scope="col" class="num">${t.t('customerReport.lifetimeValue')}</th>
            <th scope="col">${t.t('customerReport.segment')}</th>
            <th scope="col" class="num">${t.t('customerReport.scores')}</th>
          </tr>
        </thead>
        <tbody>
          ${atRisk.top.map(
            (c) =>
              html`<tr data-customer=${c.customerId}>
                <th scope="row">
                  <button part="customer-link" class="link" type="button" @click=${() => open(c.customerId)}>
                    ${c.name}
                  </button>
                </th>
                <td>${t.t('customerReport.daysAgo', { days: t.number(c.daysSinceLastOrder) })}</td>
                <td class="num">${t.number(c.orders)}</td>
                <td class="num">${money(t, c.lifetimeValue)}</td>
                <td>${segmentName(t, c.segment)}</td>
                <td class="num">
                  <span aria-hidden="true">${c.recency} · ${c.frequency} · ${c.monetary}</span>
                  <span class="visually-hidden"
                    >${t.t('customerReport.scoresLabel', { r: c.recency, f: c.frequency, m: c.monetary })}</span
                  >
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

export function renderProducts(t: Localizer, r: CustomerReport) {
  return html`<div class="table-box" tabindex="0" role="region" aria-label=${t.t('customerReport.products')}>
    <table part="products-table" class="table">
      <caption class="visually-hidden">
        ${t.t('customerReport.products')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.t('customerReport.product')}</th>
          <th scope="col" class="num">${t.t('customerReport.quantity')}</th>
          <th scope="col" class="num">${t.t('customerReport.orders')}</th>
          <th scope="col" class="num">${t.t('customerReport.customers')}</th>
          <th scope="col" class="num">${t.t('customerReport.revenue')}</th>
        </tr>
      </thead>
      <tbody>
        ${r.topProducts.map(
          (p) =>
            html`<tr>
              <th scope="row">${p.name}${p.sku ? html` <span class="muted">${p.sku}</span>` : nothing}</th>
              <td class="num">${t.number(p.quantity)}</td>
              <td class="num">${t.number(p.orders)}</td>
              <td class="num">${t.number(p.customers)}</td>
              <td class="num">${money(t, p.revenue)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The cohorts: per month of first order, the share of its customers who ordered in each later month. */
export function renderCohorts(t: Localizer, r: CustomerReport) {
  const months = Math.max(1, ...r.cohorts.map((c) => c.retained.length));
  return html`<div class="table-box" tabindex="0" role="region" aria-label=${t.t('customerReport.cohorts')}>
    <table part="cohorts-table" class="table cohorts">
      <caption class="visually-hidden">
        ${t.t('customerReport.cohorts')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.t('customerReport.cohort')}</th>
          <th scope="col" class="num">${t.t('customerReport.customers')}</th>
          <th scope="col" class="num">${t.t('customerReport.repeat')}</th>
          ${Array.from(
            { length: months - 1 },
            (_, i) => html`<th scope="col" class="num">${t.t('customerReport.month', { n: i + 1 })}</th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${r.cohorts.map(
          (c) =>
            html`<tr data-month=${c.month}>
              <th scope="row">${periodName(t, 'month', `${c.month}-01`)}</th>
              <td class="num">${t.number(c.customers)}</td>
              <td class="num">${percent(t, c.customers ? c.repeatCustomers / c.customers : 0)}</td>
              ${Array.from({ length: months - 1 }, (_, i) => {
                const n = c.retained[i + 1];
                if (n === undefined) return html`<td></td>`;
                const share = c.customers ? n / c.customers : 0;
                return html`<td class="num cell" style="--_tint: ${Math.round(share * 30)}%">${percent(t, share)}</td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
