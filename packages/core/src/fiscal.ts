// Periods of quotas and reports on an organization's fiscal calendar: months, and quarters and
// years that start in its fiscal year's first month (1 = January: the calendar year). A fiscal
// year is named after the calendar year in which it ends: with April as the first month, FY2027
// runs from April 2026 to March 2027, and its Q1 is April to June 2026.
import type { ForecastPeriod } from './schemas/forecast.js';

/** Months in a period of each kind. */
export const PERIOD_MONTHS: Record<ForecastPeriod, number> = { month: 1, quarter: 3, year: 12 };

const pad = (n: number) => String(n).padStart(2, '0');
/** Months since year 0 of a YYYY-MM-DD day (its year × 12 + its month − 1). */
const monthIndex = (day: string) => {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return year * 12 + month - 1;
};
const firstDay = (index: number) => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;

/** The first day of the period of this kind that holds `day` (YYYY-MM-DD). */
export function fiscalPeriodStart(period: ForecastPeriod, day: string, fiscalYearStartMonth = 1): string {
  const index = monthIndex(day);
  const length = PERIOD_MONTHS[period];
  // Months since the fiscal year's first month, rounded down to a whole period.
  const offset = (((index - (fiscalYearStartMonth - 1)) % length) + length) % length;
  return firstDay(index - offset);
}

/** The first and last day of the period of this kind that starts on `startsOn`. */
export function fiscalPeriodDays(period: ForecastPeriod, startsOn: string): { from: string; to: string } {
  const [year, month] = startsOn.split('-').map(Number) as [number, number];
  // Day 0 of the month after the period is its last day.
  const last = new Date(Date.UTC(year, month - 1 + PERIOD_MONTHS[period], 0));
  return { from: startsOn, to: last.toISOString().slice(0, 10) };
}

/** Whether `startsOn` is the first day of a period of this kind on the fiscal calendar. */
export function isPeriodStart(period: ForecastPeriod, startsOn: string, fiscalYearStartMonth = 1): boolean {
  return fiscalPeriodStart(period, startsOn, fiscalYearStartMonth) === startsOn;
}

/** The first day of the period `steps` periods after (or before) the one starting on `startsOn`. */
export function shiftPeriodStart(period: ForecastPeriod, startsOn: string, steps: number): string {
  return firstDay(monthIndex(startsOn) + steps * PERIOD_MONTHS[period]);
}

/** The fiscal year (named after the calendar year it ends in) and quarter (1–4) that hold `day`. */
export function fiscalQuarterOf(day: string, fiscalYearStartMonth = 1): { year: number; quarter: number } {
  const index = monthIndex(day);
  const start = monthIndex(fiscalPeriodStart('year', day, fiscalYearStartMonth));
  // The year's last month decides its name.
  return { year: Math.floor((start + 11) / 12), quarter: Math.floor((index - start) / 3) + 1 };
}
