// The win rates as two tables: by stage (the configured probability beside the historical rate, and the
// open deals weighted by each) with the total, and by member (each stage's rate of their own deals).
import type { WeightedFigures, WinRateCounts, WinRates } from '@crmkit/core';
import { html, nothing } from 'lit';
import { fullMoney, moneyText, percent } from '../shared/format.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.winRates);

/** Money of the open deals in the base currency: their sum, weighted by the set probability, by history. */
function money(t: Localizer, figures: WeightedFigures) {
  const { currency, sum, weighted, weightedByHistory } = figures.converted;
  const cell = (amount: string) =>
    html`<td class="num" title=${fullMoney(t, { amount, currency })}>${moneyText(t, { amount, currency }, sum)}</td>`;
  return html`<td class="num">${t.number(figures.count)}</td>
    ${cell(sum)} ${cell(weighted)} ${cell(weightedByHistory)}`;
}

/** A historical rate: the share, with how many closed beneath; a dash where none did. */
function rate(t: Localizer, counts: WinRateCounts, configured?: number) {
  if (counts.rate === null) return html`<td class="num muted" title=${t.t('winRates.none')}>—</td>`;
  const from = configured === undefined ? 0 : counts.probability! - configured;
  return html`<td class="num">
    <span class="rate">${percent(t, counts.rate)}</span>
    ${
      configured !== undefined && from !== 0
        ? html`<span class=${from > 0 ? 'delta up' : 'delta down'}
            >${t.t(from > 0 ? 'winRates.above' : 'winRates.below', { points: t.number(Math.abs(from)) })}</span
          >`
        : nothing
    }
    <span class="count"
      >${t.t('winRates.ofClosed', { won: t.number(counts.won), closed: t.number(counts.closed) })}</span
    >
  </td>`;
}

export function renderStages(t: Localizer, report: WinRates) {
  return html`<table part="table" class="table">
    <caption class="visually-hidden">
      ${t.t('winRates.byStage')}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.t('winRates.stage')}</th>
        <th scope="col" class="num">${t.t('winRates.set')}</th>
        <th scope="col" class="num">${t.t('winRates.rate')}</th>
        <th scope="col" class="num">${t.t('winRates.open')}</th>
        <th scope="col" class="num">${t.t('winRates.amount')}</th>
        <th scope="col" class="num">${t.t('winRates.weighted')}</th>
        <th scope="col" class="num">${t.t('winRates.weightedHistory')}</th>
      </tr>
    </thead>
    <tbody>
      ${report.stages.map(
        (s) =>
          html`<tr>
            <th scope="row">${s.name}</th>
            <td class="num">${percent(t, s.probability / 100)}</td>
            ${rate(t, s.history, s.probability)} ${money(t, s.open)}
          </tr>`,
      )}
      <tr class="total">
        <th scope="row">${t.t('winRates.total')}</th>
        <td></td>
        <td></td>
        ${money(t, report.total)}
      </tr>
    </tbody>
  </table>`;
}

export function renderMembers(t: Localizer, report: WinRates) {
  if (!report.owners.length) return nothing;
  return html`<table part="members" class="table">
    <caption class="heading-small">
      ${t.t('winRates.byMember')}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.t('winRates.member')}</th>
        ${report.stages.map((s) => html`<th scope="col" class="num">${s.name}</th>`)}
        <th scope="col" class="num">${t.t('winRates.weighted')}</th>
        <th scope="col" class="num">${t.t('winRates.weightedHistory')}</th>
      </tr>
    </thead>
    <tbody>
      ${report.owners.map((o) => {
        const { currency, sum, weighted, weightedByHistory } = o.open.converted;
        return html`<tr>
          <th scope="row">${o.name}</th>
          ${o.stages.map((s) => rate(t, s))}
          <td class="num">${moneyText(t, { amount: weighted, currency }, sum)}</td>
          <td class="num">${moneyText(t, { amount: weightedByHistory, currency }, sum)}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}
