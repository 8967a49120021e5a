// Calendar periods of the reports (the forecast, sales performance): the first day of the one that holds a day,
// the one before or after, and how each is named (`Q4 2026`, `2026年第4季`).
import type { ForecastPeriod } from '@crmkit/core';
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

const MONTHS: Record<ForecastPeriod, number> = { month: 1, quarter: 3, year: 12 };

/** The first day of the period of this kind that holds `day` (YYYY-MM-DD). */
export function periodStart(period: ForecastPeriod, day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const first = period === 'month' ? month : period === 'quarter' ? month - ((month - 1) % 3) : 1;
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

/** The first day of the period `steps` periods after (or before) the one starting on `startsOn`. */
export function shiftPeriod(period: ForecastPeriod, startsOn: string, steps: number): string {
  const [year, month] = startsOn.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + steps * MONTHS[period];
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The last day of the period of this kind that starts on `start`. */
export function periodEnd(period: ForecastPeriod, start: string): string {
  const day = new Date(`${shiftPeriod(period, start, 1)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** The period's name in the locale: `November 2026`, `Q4 2026`, `2026`. */
export function periodName(t: Localizer, period: ForecastPeriod, startsOn: string): string {
  const [year, month] = startsOn.split('-').map(Number) as [number, number];
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
export function shownPeriodStart(period: ForecastPeriod, startsOn: string): string {
  return periodStart(period, /^\d{4}-\d{2}-\d{2}$/.test(startsOn) ? startsOn : localToday());
}
