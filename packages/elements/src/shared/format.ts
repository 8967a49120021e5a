// How elements write names, counts, money, ratios and days. No element is defined here.
import { minorUnits } from '@crmkit/core';
import type { Localizer, MessageKey, MoneyFigure } from './localize.js';
import { minorDigits } from './localize.js';

/** One or two letters for an avatar: initials of Latin names, the first character of CJK ones. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = [...(words[0] ?? '')][0] ?? '';
  if (/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(first)) return first;
  const letters = words.map((word) => [...word][0] ?? '').filter((char) => /\p{L}|\p{N}/u.test(char));
  return letters.slice(0, 2).join('').toUpperCase();
}

/** A count in words with the locale's plural rules: `1 deal`, `2 deals`. */
export function plural(t: Localizer, count: number, one: MessageKey, other: MessageKey): string {
  const rule = new Intl.PluralRules(t.locale).select(count);
  return t.t(rule === 'one' ? one : other, { count: t.number(count) });
}

/** Whether money is a whole number of major units (no cents to show), exactly, however large. */
function isWhole(money: MoneyFigure): boolean {
  return minorUnits(money.amount) % 10n ** BigInt(minorDigits(money.currency)) === 0n;
}

/**
 * Money for a figure: without a row of zero cents (`$12,340`, but `$12,340.50`), whole from ten
 * thousand on, and compact (`$12.3M`, `$1,230萬`) from ten million on. `reference` (the larger
 * amount shown beside this one, e.g. the sum next to its weighted sum) picks the notation, so
 * figures read side by side are written alike. Amounts are numbers or, for sums, decimal strings.
 */
export function moneyText(t: Localizer, money: MoneyFigure, reference = money.amount): string {
  // Only to pick a notation: the digits shown come from the exact amount.
  const major = Math.abs(Number(reference)) / 10 ** minorDigits(money.currency);
  if (major >= 10_000_000) return t.money(money, { notation: 'compact', maximumSignificantDigits: 3 });
  return t.money(
    money,
    isWhole(money) || major >= 10_000 ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {},
  );
}

/** Money in full (every digit, exactly), for titles and tables. */
export function fullMoney(t: Localizer, money: MoneyFigure): string {
  return t.money(money, isWhole(money) ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {});
}

/** `0.625` as `63%` (or `62.5%` when the whole percent would hide a difference that matters). */
export function percent(t: Localizer, ratio: number): string {
  return t.number(ratio, { style: 'percent', maximumFractionDigits: ratio > 0 && ratio < 0.1 ? 1 : 0 });
}

/** A day on a card: without the year when it is this year's (`Mar 31`, `3月31日`), else with it. */
export function shortDay(t: Localizer, day: string, today: string): string {
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return t.date(`${day}T00:00:00Z`, {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** A calendar day (`2026-03-31`, as the API sends it) in the locale's medium style, read as that day wherever the reader is. */
export function dayText(t: Localizer, day: string): string {
  return t.date(`${day}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** What separates short phrases read as one: `, ` (`，` in Chinese). */
export function separator(t: Localizer): string {
  return t.locale === 'en' ? ', ' : '，';
}

/** An amount typed in major units (`1,200.50`) in minor units (`120050`); empty is 0. */
export function typedMinorUnits(typed: string, currency: string): number | undefined {
  const plain = typed.replace(/[\s,，]/g, '');
  if (!plain) return 0;
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return undefined;
  let digits = 2;
  try {
    digits = minorDigits(currency);
  } catch {
    // An unknown currency: the kit names it; two decimals until then.
  }
  return Math.round(Number(plain) * 10 ** digits);
}
