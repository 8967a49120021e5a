import type { Money } from '@crmkit/core';
import { en, type MessageKey, type Messages } from './messages/en.js';
import { zhHans } from './messages/zh-hans.js';
import { zhHant } from './messages/zh-hant.js';

export type { MessageKey } from './messages/en.js';

/** The locales crmkit ships strings for. */
export const LOCALES = ['en', 'zh-Hant', 'zh-Hans'] as const;
export type CrmLocale = (typeof LOCALES)[number];

const CATALOGS: Record<CrmLocale, Messages> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

/**
 * Maps any BCP 47 tag to a locale crmkit has: `zh-TW`, `zh-HK` and `zh-Hant-*` to `zh-Hant`;
 * `zh`, `zh-CN`, `zh-SG` and `zh-Hans-*` to `zh-Hans`; `en-*` to `en`. Anything else (or an
 * invalid tag) gives `undefined`, so the caller can fall back.
 */
export function matchLocale(tag: string | null | undefined): CrmLocale | undefined {
  if (!tag) return undefined;
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag).maximize();
  } catch {
    return undefined;
  }
  if (locale.language === 'zh') return locale.script === 'Hant' ? 'zh-Hant' : 'zh-Hans';
  if (locale.language === 'en') return 'en';
  return undefined;
}

/**
 * The language the page says `element` is in: the nearest `lang` attribute above it (looking
 * through shadow roots), else the document's. The host page stays in charge of its own language;
 * crmkit only reads it.
 */
export function pageLang(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  return document.documentElement.lang;
}

/** The locale to use: an explicit choice if crmkit has it, else the page's language, else English. */
export function resolveLocale(explicit: string | null | undefined, element: Element): CrmLocale {
  return matchLocale(explicit) ?? matchLocale(pageLang(element)) ?? 'en';
}

/**
 * Strings and `Intl` formatting for one locale. Each provider (or stand-alone element) picks its
 * own, so two widgets on one page can speak different languages and the page's own
 * localization is never touched.
 */
export class Localizer {
  readonly locale: CrmLocale;
  readonly #messages: Messages;
  readonly #formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();

  constructor(locale: CrmLocale) {
    this.locale = locale;
    this.#messages = CATALOGS[locale];
  }

  /** A message, with `{name}` placeholders filled from `params`. */
  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    const template = this.#messages[key] ?? en[key];
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }

  number(value: number, options: Intl.NumberFormatOptions = {}): string {
    return this.#numberFormat(options).format(value);
  }

  /** Money in minor units (e.g. cents) in its own currency: `{ amount: 123456, currency: 'USD' }` → `$1,234.56`. */
  money(money: Money, options: Intl.NumberFormatOptions = {}): string {
    const format = this.#numberFormat({ ...options, style: 'currency', currency: money.currency });
    return format.format(money.amount / 10 ** minorDigits(money.currency));
  }

  /** A date or time; `value` may be an ISO string as the API sends it. */
  date(value: string | number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
    const key = `date:${JSON.stringify(options)}`;
    let format = this.#formats.get(key) as Intl.DateTimeFormat | undefined;
    if (!format) this.#formats.set(key, (format = new Intl.DateTimeFormat(this.locale, options)));
    return format.format(new Date(value));
  }

  /** A list in the locale's style: `a, b, and c` / `a、b和c`. */
  list(items: string[], options: Intl.ListFormatOptions = { type: 'conjunction' }): string {
    const key = `list:${JSON.stringify(options)}`;
    let format = this.#formats.get(key) as Intl.ListFormat | undefined;
    if (!format) this.#formats.set(key, (format = new Intl.ListFormat(this.locale, options)));
    return format.format(items);
  }

  #numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
    const key = `number:${JSON.stringify(options)}`;
    let format = this.#formats.get(key) as Intl.NumberFormat | undefined;
    if (!format) this.#formats.set(key, (format = new Intl.NumberFormat(this.locale, options)));
    return format;
  }
}

const digitsCache = new Map<string, number>();

/** How many minor units a currency has (2 for USD and TWD, 0 for JPY), as ISO 4217 and CLDR agree. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

const localizers = new Map<CrmLocale, Localizer>();

/** The shared (stateless apart from caches) localizer of a locale. */
export function localizer(locale: CrmLocale): Localizer {
  let found = localizers.get(locale);
  if (!found) localizers.set(locale, (found = new Localizer(locale)));
  return found;
}
