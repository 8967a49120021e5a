// How long ago (or ahead) a moment is, in the locale's words: what the activity log and the lead
// inbox say of their entries' times.
import type { CrmLocale } from './localize.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const relativeFormats = new Map<CrmLocale, Intl.RelativeTimeFormat>();

export function relativeFormat(locale: CrmLocale): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  return format;
}

/** Whole local calendar days from `now` to `value`: 0 today, -1 yesterday, 1 tomorrow. */
export function daysFrom(value: string | Date, now: Date): number {
  const date = new Date(value);
  const start = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((start(date) - start(now)) / DAY);
}

/**
 * How long ago (or how far ahead) a moment is, in the locale's words: "now", "5 minutes ago",
 * "in 3 hours", "yesterday", "in 2 weeks". Hours are for today (and the next or last few hours
 * across midnight); another day is named as a day, as people do: a task due tomorrow afternoon is
 * "due tomorrow", not "due in 22 hours".
 */
export function relativeTime(locale: CrmLocale, value: string | Date, now: Date): string {
  const format = relativeFormat(locale);
  const diff = new Date(value).getTime() - now.getTime();
  const size = Math.abs(diff);
  const days = daysFrom(value, now);
  if (size < 45_000) return format.format(0, 'second');
  if (size < 45 * MINUTE) return format.format(Math.round(diff / MINUTE), 'minute');
  if (days === 0 || size < 6 * HOUR) return format.format(Math.round(diff / HOUR), 'hour');
  if (Math.abs(days) < 7) return format.format(days, 'day');
  if (Math.abs(days) < 35) return format.format(Math.round(days / 7), 'week');
  if (Math.abs(days) < 365) return format.format(Math.round(days / 30.4), 'month');
  return format.format(Math.round(days / 365.25), 'year');
}
