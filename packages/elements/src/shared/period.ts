// Periods of the reports (the forecast, sales performance) on the organization's fiscal calendar: the first
// day of the one that holds a day, the one before or after, and how each is named (`Q4 2026`, `2026年第4季`).
import { fiscalPeriodStart, fiscalQuarterOf, shiftPeriodStart, type ForecastPeriod } from '@crmkit/core';
import { html } from 'lit';
import type { Localizer } from './localize.js';

const KINDS: [ForecastPeriod, 'period.month' | 'period.quarterKind' | 'period.year'][] = [
  ['month', 'period.month'],
  ['quarter', 'period.quarterKind'],
  ['year', 'period.year'],
];

/** The period's kind between "previous" and "next" buttons (part `period`), as the reports' headers show it. */
export function periodControls(
  t: Localizer,
  period: ForecastPeriod,
  on: { step(steps: number): void; kind(kind: ForecastPeriod): void },
) {
  return html`<div part="period" class="period" role="group" aria-label=${t.t('period.label')}>
    <button class="button icon" type="button" aria-label=${t.t('period.previous')} @click=${() => on.step(-1)}>
      <span aria-hidden="true">‹</span>
    </button>
    <select
      class="control"
      aria-label=${t.t('period.label')}
      @change=${(event: Event) => on.kind((event.target as HTMLSelectElement).value as ForecastPeriod)}
    >
      ${KINDS.map(([value, label]) => html`<option value=${value} ?selected=${value === period}>${t.t(label)}</option>`)}
    </select>
    <button class="button icon" type="button" aria-label=${t.t('period.next')} @click=${() => on.step(1)}>
      <span aria-hidden="true">›</span>
    </button>
  </div>`;
}

/**
 * The first day of the period of this kind that holds `day` (YYYY-MM-DD), on a fiscal calendar whose
 * year starts in month `fiscal` (1: January; the organization's setting, as its reports give it).
 */
export const periodStart = (period: ForecastPeriod, day: string, fiscal = 1): string =>
  fiscalPeriodStart(period, day, fiscal);

/** The first day of the period `steps` periods after (or before) the one starting on `startsOn`. */
export const shiftPeriod = shiftPeriodStart;

/** The last day of the period of this kind that starts on `start`. */
export function periodEnd(period: ForecastPeriod, start: string): string {
  const day = new Date(`${shiftPeriod(period, start, 1)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The period's name in the locale: `November 2026`, `Q4 2026`, `2026`; on a fiscal calendar that does
 * not start in January, `Q1 FY2027` and `FY2027` (a fiscal year is named after the year it ends in).
 */
export function periodName(t: Localizer, period: ForecastPeriod, startsOn: string, fiscal = 1): string {
  const [year, month] = startsOn.split('-').map(Number) as [number, number];
  if (fiscal !== 1 && period !== 'month') {
    const fy = fiscalQuarterOf(startsOn, fiscal);
    return period === 'quarter'
      ? t.t('period.fiscalQuarter', { quarter: fy.quarter, year: fy.year })
      : t.t('period.fiscalYear', { year: fy.year });
  }
  if (period === 'quarter') return t.t('period.quarter', { quarter: Math.floor((month - 1) / 3) + 1, year });
  const day = `${startsOn}T00:00:00Z`;
  return period === 'month'
    ? t.date(day, { year: 'numeric', month: 'long', timeZone: 'UTC' })
    : t.date(day, { year: 'numeric', timeZone: 'UTC' });
}

/** Today on the reader's calendar, as YYYY-MM-DD. */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The first day of the period on show: that of `startsOn` (a day inside it) when given, else today's. */
export function shownPeriodStart(period: ForecastPeriod, startsOn: string, fiscal = 1): string {
  return periodStart(period, /^\d{4}-\d{2}-\d{2}$/.test(startsOn) ? startsOn : localToday(), fiscal);
}
