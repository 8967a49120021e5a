// The funnel's figures as a table: a row per stage, its name a button that selects it.
import type { Funnel } from '@crmkit/core';
import { html, nothing } from 'lit';
import { fullMoney, percent } from '../shared/format.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import { caption, days } from './funnel-text.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.funnel);

export function renderTable(t: Localizer, funnel: Funnel, onSelect: (index: number) => void) {
  return html`<div class="table-box">
    <table part="table" class="table">
      <caption class="visually-hidden">
        ${caption(t, funnel)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.t('funnel.stage')}</th>
          <th scope="col" class="num">${t.t('funnel.reached')}</th>
          <th scope="col" class="num">${t.t('funnel.amount')}</th>
          <th scope="col" class="num">${t.t('funnel.conversion')}</th>
          <th scope="col" class="num">${t.t('funnel.overall')}</th>
          <th scope="col" class="num">${t.t('funnel.dropOff')}</th>
          <th scope="col" class="num">${t.t('funnel.days')}</th>
        </tr>
      </thead>
      <tbody>
        ${funnel.stages.map(
          (step, index) =>
            html`<tr data-stage=${step.stageId}>
              <th scope="row">
                <button class="link-button" type="button" @click=${() => onSelect(index)}>${step.name}</button>
              </th>
              <td class="num">${t.number(step.reached)}</td>
              <td class="num">
                ${fullMoney(t, { amount: step.converted.sum, currency: step.converted.currency })}
                ${
                  step.amount.length > 1 || (step.amount[0] && step.amount[0].currency !== step.converted.currency)
                    ? html`<div class="muted">
                        ${t.list(step.amount.map((a) => fullMoney(t, { amount: a.amount, currency: a.currency })))}
                      </div>`
                    : nothing
                }
              </td>
              <td class="num">${step.conversion === null ? '–' : percent(t, step.conversion)}</td>
              <td class="num">${step.overall === null ? '–' : percent(t, step.overall)}</td>
              <td class="num">${step.dropOff === null ? '–' : t.number(step.dropOff)}</td>
              <td class="num">${step.averageDaysInStage === null ? '–' : days(t, step.averageDaysInStage)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
