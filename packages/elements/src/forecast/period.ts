// Calendar periods of the forecast: the first day of the one that holds a day, the one before or
// after, and how each is named (`Q4 2026`, `2026年第4季`).
import type { ForecastPeriod } from '@crmkit/core';
import type { Localizer } from '../shared/localize.js';

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

/** The period's name in the locale: `November 2026`, `Q4 2026`, `2026`. */
export function periodName(t: Localizer, period: ForecastPeriod, startsOn: string): string {
  const [year, month] = startsOn.split('-').map(Number) as [number, number];
  if (period === 'quarter') return t.t('forecast.quarter', { quarter: Math.floor((month - 1) / 3) + 1, year });
  const day = `${startsOn}T00:00:00Z`;
  return period === 'month'
    ? t.date(day, { year: 'numeric', month: 'long', timeZone: 'UTC' })
    : t.date(day, { year: 'numeric', timeZone: 'UTC' });
}
