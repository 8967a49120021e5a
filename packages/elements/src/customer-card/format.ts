// Helpers that <crm-customer-card> and <crm-customer-list> share: how a customer, its money and
// a failed request are shown. No element is defined here.
import { ApiError, type Money } from '@crmkit/core';
import { html, type TemplateResult } from 'lit';
import type { Localizer, MessageKey } from '../shared/localize.js';

/** Why a request failed, as the user is told it. */
export type Failure = 'notFound' | 'unauthorized' | 'forbidden' | 'network' | 'generic';

/** What a failed request means for the user. A 400 on a load can only be a malformed id. */
export function failureOf(error: unknown): Failure {
  if (error instanceof ApiError) {
    if (error.status === 404 || error.status === 400) return 'notFound';
    if (error.status === 401) return 'unauthorized';
    if (error.status === 403) return 'forbidden';
    return 'generic';
  }
  // fetch rejects with a TypeError when the network fails.
  return error instanceof TypeError ? 'network' : 'generic';
}

/** One or two letters for the avatar: initials of Latin names, the first character of CJK ones. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = [...(words[0] ?? '')][0] ?? '';
  if (/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(first)) return first;
  const letters = words.map((word) => [...word][0] ?? '').filter((char) => /\p{L}|\p{N}/u.test(char));
  return letters.slice(0, 2).join('').toUpperCase();
}

/**
 * An email address or web address with line-break opportunities after `@` and `/` and before
 * dots, so a narrow card wraps it as a person would rather than at any letter.
 */
export function breakable(text: string) {
  return text.split(/(?<=[@/])|(?=\.)/).map((piece, i) => (i === 0 ? piece : html`<wbr />${piece}`));
}

/** A `tel:` URL with only the characters dialers understand. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+0-9]/g, '')}`;
}

/** A count in words with the locale's plural rules: `1 order`, `2 orders`. */
export function plural(t: Localizer, count: number, one: MessageKey, other: MessageKey): string {
  const rule = new Intl.PluralRules(t.locale).select(count);
  return t.t(rule === 'one' ? one : other, { count: t.number(count) });
}

/** Money without a row of zero cents: `$12,340` but `$12,340.50`. */
export function moneyText(t: Localizer, money: Money): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: money.currency }).resolvedOptions()
    .maximumFractionDigits;
  const whole = money.amount % 10 ** (digits ?? 2) === 0;
  return t.money(money, whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {});
}

/** A date as a `<time>` in the locale's medium style. */
export function timeOf(t: Localizer, iso: string, options?: Intl.DateTimeFormatOptions): TemplateResult {
  return html`<time datetime=${iso}>${t.date(iso, options)}</time>`;
}

/**
 * A message with one `{placeholder}` replaced by a template (e.g. a `<time>`), so markup can sit
 * inside a translated sentence.
 */
export function withPart(t: Localizer, key: MessageKey, name: string, part: unknown): TemplateResult {
  const [before, after] = t.t(key, { [name]: '\u0000' }).split('\u0000');
  return html`${before}${part}${after ?? ''}`;
}
