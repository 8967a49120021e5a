// Formatting helpers more than one element uses. No element is defined here.
import type { Localizer, MessageKey } from './localize.js';

/** One or two letters for an avatar: initials of Latin names, the first character of CJK ones. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = [...(words[0] ?? '')][0] ?? '';
  if (/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(first)) return first;
  const letters = words.map((word) => [...word][0] ?? '').filter((char) => /\p{L}|\p{N}/u.test(char));
  return letters.slice(0, 2).join('').toUpperCase();
}

/** A count in words with the locale's plural rules: `1 order`, `2 orders`. */
export function plural(t: Localizer, count: number, one: MessageKey, other: MessageKey): string {
  const rule = new Intl.PluralRules(t.locale).select(count);
  return t.t(rule === 'one' ? one : other, { count: t.number(count) });
}
