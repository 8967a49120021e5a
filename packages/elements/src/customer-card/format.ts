// How the customer card writes a customer's addresses, sizes and dates. No element is defined here.
import { html, type TemplateResult } from 'lit';
import type { Localizer, MessageKey } from '../shared/localize.js';

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

/** A website as link text without the scheme; only http(s) addresses become links. */
export function webLink(website: string): { href?: string; text: string } {
  try {
    const url = new URL(website);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { text: website };
    const text = (url.host + url.pathname).replace(/\/$/, '') + url.search;
    return { href: url.href, text };
  } catch {
    return { text: website };
  }
}

/** A company size such as `201-1000` written with the locale's digits: `201–1,000`. */
export function sizeRange(t: Localizer, size: string): string {
  const [low, high] = size.replace('+', '').split('-').map(Number);
  if (low === undefined || Number.isNaN(low)) return size;
  if (high === undefined) return `${t.number(low)}+`;
  return `${t.number(low)}–${t.number(high)}`;
}
