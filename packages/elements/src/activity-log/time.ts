import type { CrmLocale } from '../shared/localize.js';
import { daysFrom, HOUR, relativeFormat, relativeTime } from '../shared/relative-time.js';

export { daysFrom, relativeTime };

/** The local calendar day of a moment, as `YYYY-MM-DD`: how the timeline groups its entries. */
export function dayKey(value: string | Date): string {
  const date = new Date(value);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** The first letter in upper case, as a heading starts (a no-op for Chinese). */
function capitalize(text: string, locale: CrmLocale): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/**
 * A day's heading: "Today", "Yesterday" or "Tomorrow" (as `Intl.RelativeTimeFormat` words them
 * in the locale) with the date beside it, or else the weekday and date (with the year when it is
 * not this year's).
 */
export function dayHeading(locale: CrmLocale, value: string | Date, now: Date): { label: string; date?: string } {
  const date = new Date(value);
  const days = daysFrom(date, now);
  const sameYear = date.getFullYear() === now.getFullYear();
  const full = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
  if (Math.abs(days) <= 1) return { label: capitalize(relativeFormat(locale).format(days, 'day'), locale), date: full };
  return { label: full };
}

/** A moment as the entry shows it: relative while it is recent (under 12 hours), else the time of day. */
export function entryTime(locale: CrmLocale, value: string | Date, now: Date): string {
  if (Math.abs(new Date(value).getTime() - now.getTime()) < 12 * HOUR) return relativeTime(locale, value, now);
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(value));
}

/** A duration in minutes in the locale's short units: "45 min", "1 hr, 30 min", "1 小時 30 分鐘". */
export function duration(locale: CrmLocale, seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const unit = (value: number, unit: 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!rest) return unit(hours, 'hour');
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format([
    unit(hours, 'hour'),
    unit(rest, 'minute'),
  ]);
}

/** The value of an `<input type="datetime-local">` for a moment, in local time. */
export function toLocalInput(value: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}T${pad(value.getHours())}:${pad(value.getMinutes())}`;
}

/** The moment an `<input type="datetime-local">` value names (local time), or `undefined` if it is not one. */
export function fromLocalInput(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
