// The parts of the market analysis: the headline funnel, the funnel by campaign or by source as bars
// (SVG) or a table, the reasons deals were lost, and the win and loss against each competitor.
import type { MarketCampaign, MarketFunnel, MarketMoney, MarketReport, MarketSource } from '@crmkit/core';
import { html, nothing, svg } from 'lit';
import { fullMoney, percent } from '../shared/format.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.market);

type Row = MarketFunnel & Partial<MarketCampaign> & Partial<MarketSource>;

const dash = '–';
const money = (t: Localizer, m: MarketMoney) =>
  fullMoney(t, { amount: m.converted.sum, currency: m.converted.currency });
const rate = (t: Localizer, r: number | null) => (r === null ? dash : percent(t, r));
/** A row's name: its campaign or source, or what stands for none. */
export const rowName = (t: Localizer, r: Row) =>
  'source' in r ? (r.source ?? t.t('market.noSource')) : (r.name ?? t.t('market.noCampaign'));

/** The funnel's steps: the count of each, and its rate against the step before. */
const STEPS = [
  ['market.leads', (r: MarketFunnel) => r.leads, () => null],
  ['market.converted', (r: MarketFunnel) => r.convertedLeads, (r: MarketFunnel) => r.conversion.converted],
  ['market.deals', (r: MarketFunnel) => r.deals, (r: MarketFunnel) => r.conversion.deals],
  ['market.won', (r: MarketFunnel) => r.wonDeals, (r: MarketFunnel) => r.conversion.won],
] as const;

/** The headline figures of the period, each with the period before's beneath it. */
export function renderFigures(t: Localizer, r: MarketReport) {
  const figures: [string, (f: MarketFunnel) => string][] = [
    ...STEPS.map(([key, count, step]) => {
      const value = (f: MarketFunnel) => {
        const n = t.number(count(f));
        const s = step(f);
        return s === null ? n : `${n} · ${percent(t, s)}`;
      };
      return [t.t(key), value] as [string, (f: MarketFunnel) => string];
    }),
    [t.t('market.winRate'), (f) => rate(t, f.winRate)],
    [t.t('market.revenue'), (f) => money(t, f.won)],
  ];
  return html`<dl part="figures" class="figures-list">
    ${figures.map(
      ([term, value]) =>
        html`<div class="figure">
          <dt>${term}</dt>
          <dd>${value(r.total)}</dd>
          ${
            r.comparison
              ? html`<dd part="change" class="muted">${t.t('market.before', { value: value(r.comparison.total) })}</dd>`
              : nothing
          }
        </div>`,
    )}
  </dl>`;
}

const BAR = 10;
const BARS = 4 * (BAR + 2);

/**
 * The funnel of each row as four bars (leads, converted, deals, won); a picture of the table, which screen
 * readers get. On a narrow screen each row's name sits above its bars, else beside them.
 */
export function renderFunnelChart(t: Localizer, rows: Row[], width: number) {
  const w = Math.max(260, width || 640);
  const narrow = w < 480;
  const label = narrow ? 0 : Math.min(200, Math.max(110, Math.round(w * 0.3)));
  const above = narrow ? 18 : 0;
  const group = above + BARS + 12;
  const room = w - label - 56;
  const most = Math.max(1, ...rows.map((r) => Math.max(r.leads, r.deals)));
  const height = rows.length * group;
  return html`<svg
      part="chart"
      class="chart"
      width=${w}
      height=${height}
      viewBox="0 0 ${w} ${height}"
      aria-hidden="true"
    >
      ${rows.map((r, i) => {
        const top = i * group;
        const name = clip(rowName(t, r), narrow ? w : label);
        return svg`${
          narrow
            ? svg`<text class="name" x="0" y=${top + 13}>${name}</text>`
            : svg`<text class="name" x=${label - 8} y=${top + 2 * (BAR + 2) + 4} text-anchor="end">${name}</text>`
        }
          ${STEPS.map(([, count], step) => {
            const y = top + above + step * (BAR + 2);
            const n = count(r);
            const length = Math.round((n / most) * room);
            return svg`<rect class="step${step}" x=${label} y=${y} width=${Math.max(n ? 2 : 0, length)} height=${BAR} rx="2" />
              <text class="count" x=${label + length + 4} y=${y + BAR - 1}>${t.number(n)}</text>`;
          })}`;
      })}
    </svg>
    <p class="legend" aria-hidden="true">
      ${STEPS.map(([key], step) => html`<span><i class="swatch step${step}"></i>${t.t(key)}</span>`)}
    </p>`;
}

/** A label cut to what fits beside the bars (about 7 px a character; a CJK character twice that). */
function clip(text: string, room: number) {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    width += text.charCodeAt(i) > 0x2e80 ? 14 : 7;
    if (width > room - 16) return `${text.slice(0, i)}…`;
  }
  return text;
}

/** The funnel of each row as a table; campaigns with their cost and ROI. */
export function renderFunnelTable(t: Localizer, rows: Row[], campaigns: boolean) {
  const by = t.t(campaigns ? 'market.byCampaign' : 'market.bySource');
  const cell = (n: number, r: number | null) =>
    html`<td class="num">
      ${t.number(n)} ${r === null ? nothing : html`<span class="muted">${percent(t, r)}</span>`}
    </td>`;
  return html`<table part="funnel-table" class="table">
    <caption class="visually-hidden">
      ${t.t('market.chart')}: ${by}
    </caption>
    <thead>
      <tr>
        <th scope="col">${by}</th>
        ${STEPS.map(([key]) => html`<th scope="col" class="num">${t.t(key)}</th>`)}
        <th scope="col" class="num">${t.t('market.winRate')}</th>
        <th scope="col" class="num">${t.t('market.revenue')}</th>
        ${
          campaigns
            ? html`<th scope="col" class="num">${t.t('market.cost')}</th>
                <th scope="col" class="num">${t.t('market.roi')}</th>`
            : nothing
        }
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <th scope="row" class="name">${rowName(t, r)}</th>
            ${STEPS.map(([, count, step]) => cell(count(r), step(r)))}
            <td class="num">${rate(t, r.winRate)}</td>
            <td class="num">${money(t, r.won)}</td>
            ${
              campaigns
                ? html`<td class="num">
                      ${r.cost == null ? dash : fullMoney(t, { amount: r.cost, currency: r.won.converted.currency })}
                    </td>
                    <td class="num roi ${(r.roi ?? 0) < 0 ? 'down' : ''}">${rate(t, r.roi ?? null)}</td>`
                : nothing
            }
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** A bar inside a cell: `share` of its width, or won (full colour) beside lost (a picture of the figure beside it). */
const meter = (share: number, won?: number) =>
  html`<span class="meter" aria-hidden="true"
    >${won === undefined ? nothing : html`<i class="won" style="inline-size: ${Math.round(won * 100)}%"></i>`}<i
      style="inline-size: ${Math.round(share * 100)}%"
    ></i
  ></span>`;

/** The reasons deals were lost in the period: deals and amounts, most first. */
export function renderLostReasons(t: Localizer, r: MarketReport) {
  if (!r.lostReasons.length) return html`<p class="muted">${t.t('market.noneLost')}</p>`;
  const most = Math.max(...r.lostReasons.map((l) => l.deals));
  return html`<div class="table-box" tabindex="0" role="region" aria-label=${t.t('market.lostReasons')}>
    <table part="lost-table" class="table">
      <thead>
        <tr>
          <th scope="col">${t.t('market.reason')}</th>
          <th scope="col" class="num">${t.t('market.deals')}</th>
          <th scope="col" class="num">${t.t('market.amount')}</th>
        </tr>
      </thead>
      <tbody>
        ${r.lostReasons.map(
          (l) =>
            html`<tr>
              <th scope="row">${l.reason ?? t.t('market.noReason')}</th>
              <td class="num">${meter(l.deals / most)} ${t.number(l.deals)}</td>
              <td class="num">${money(t, l.amount)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Won and lost against each competitor in the period, and the win rate. */
export function renderCompetitors(t: Localizer, r: MarketReport) {
  if (!r.competitors.length) return html`<p class="muted">${t.t('market.noCompetitors')}</p>`;
  return html`<div class="table-box" tabindex="0" role="region" aria-label=${t.t('market.competitors')}>
    <table part="competitors-table" class="table">
      <thead>
        <tr>
          <th scope="col">${t.t('market.competitor')}</th>
          <th scope="col" class="num">${t.t('market.won')}</th>
          <th scope="col" class="num">${t.t('market.lost')}</th>
          <th scope="col" class="num">${t.t('market.winRate')}</th>
        </tr>
      </thead>
      <tbody>
        ${r.competitors.map(
          (c) =>
            html`<tr>
              <th scope="row">${c.competitor}</th>
              <td class="num">${t.number(c.wonDeals)}</td>
              <td class="num">${t.number(c.lostDeals)}</td>
              <td class="num">
                ${c.winRate === null ? nothing : meter(1 - c.winRate, c.winRate)} ${rate(t, c.winRate)}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
