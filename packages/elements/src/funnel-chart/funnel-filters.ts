// The funnel's filters: the period (with its days when custom) and the owner.
import { html, nothing } from 'lit';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import type { FunnelPeriod } from './funnel-chart.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.filter, en.period);

/** The periods the period filter offers; `custom` uses `from` and `to`. */
const PERIODS: [FunnelPeriod, MessageKey][] = [
  ['all', 'period.all'],
  ['last-30-days', 'period.30d'],
  ['last-90-days', 'period.90d'],
  ['this-year', 'period.thisYear'],
  ['last-year', 'period.lastYear'],
  ['custom', 'period.custom'],
];

export interface FilterState {
  period: FunnelPeriod;
  from: string;
  to: string;
  ownerId: string;
  /** The users to filter by, as `[id, name]`. */
  owners: [string, string][];
  onPeriodChange(event: Event): void;
  onFromChange(event: Event): void;
  onToChange(event: Event): void;
  onOwnerChange(event: Event): void;
}

export function renderFilters(t: Localizer, filters: FilterState) {
  const { period, from, to, ownerId, owners } = filters;
  return html`<fieldset part="filters" class="filters">
    <legend class="visually-hidden">${t.t('filter.label')}</legend>
    <label class="filter wide">
      <span>${t.t('period.label')}</span>
      <select class="control" name="period" @change=${filters.onPeriodChange}>
        ${PERIODS.map(([value, key]) => html`<option value=${value} ?selected=${period === value}>${t.t(key)}</option>`)}
      </select>
    </label>
    ${
      period === 'custom'
        ? html`<label class="filter narrow">
              <span>${t.t('period.from')}</span>
              <input
                class="control"
                type="date"
                name="from"
                .value=${from}
                max=${to || nothing}
                @change=${filters.onFromChange}
              />
            </label>
            <label class="filter narrow">
              <span>${t.t('period.to')}</span>
              <input
                class="control"
                type="date"
                name="to"
                .value=${to}
                min=${from || nothing}
                @change=${filters.onToChange}
              />
            </label>`
        : nothing
    }
    ${
      owners.length
        ? html`<label class="filter wide">
            <span>${t.t('filter.owner')}</span>
            <select class="control" name="owner" @change=${filters.onOwnerChange}>
              <option value="" ?selected=${!ownerId}>${t.t('filter.allOwners')}</option>
              ${owners.map(([id, name]) => html`<option value=${id} ?selected=${ownerId === id}>${name}</option>`)}
            </select>
          </label>`
        : nothing
    }
  </fieldset>`;
}
