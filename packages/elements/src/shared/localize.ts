import { majorDecimal } from '@crmkit/core';
import type { EnglishPart, MessageKey, Messages } from './messages/en.js';
import { SECTION_OF, type PartName, type Section } from './messages/sections.js';

export type { EnglishPart, MessageKey } from './messages/en.js';

/** The locales crmkit ships strings for. */
export const LOCALES = ['en', 'zh-Hant', 'zh-Hans'] as const;
export type CrmLocale = (typeof LOCALES)[number];

/** Fetches one section of a locale's strings. */
export type CatalogLoader = () => Promise<Partial<Messages>>;

/**
 * The English strings the page's crmkit modules have registered: the fallback of every locale. Each module
 * registers the parts it shows (see `useEnglish`), so a page carries the English of the elements it has,
 * not of all of them.
 */
const english: Partial<Messages> = {};

/** The sections of the other locales' catalogs that the registered parts are in: what a page loads. */
const shownSections = new Set<Section>();

/**
 * Registers parts of the English catalog (messages/en.ts, one per key prefix): a module calls it, at its
 * top, with the part of every prefix whose keys it shows. That also tells which section of a Chinese
 * catalog the page needs (messages/sections.ts). (e2e/packages/strings.test.ts checks, for each element's
 * own entry, that every key the code names has its English in the same build.)
 */
export function useEnglish(...parts: EnglishPart[]): void {
  for (const part of parts) {
    Object.assign(english, part);
    const [key] = Object.keys(part);
    shownSections.add(SECTION_OF[key!.slice(0, key!.indexOf('.')) as PartName]);
  }
}

/**
 * English is built in (see `english`): it is the fallback and the source of the message keys' type. The Chinese
 * catalogs are modules of their own, a few per locale (messages/sections.ts), each loaded the first time an
 * element needs it, so a page downloads only the strings it shows: an English page no Chinese at all. Each
 * section is typed `SectionStrings`, so it is still checked against the English keys at compile time. The
 * specifiers are literal so that every bundler (a host's Vite, webpack, esbuild; crmkit's own build)
 * splits them off.
 */
const LOADERS: Record<Exclude<CrmLocale, 'en'>, Record<Section, CatalogLoader>> = {
  'zh-Hant': {
    common: () => import('./messages/zh-hant/common.js').then((module) => module.default),
    customers: () => import('./messages/zh-hant/customers.js').then((module) => module.default),
    activities: () => import('./messages/zh-hant/activities.js').then((module) => module.default),
    sales: () => import('./messages/zh-hant/sales.js').then((module) => module.default),
    leads: () => import('./messages/zh-hant/leads.js').then((module) => module.default),
    tasks: () => import('./messages/zh-hant/tasks.js').then((module) => module.default),
    cases: () => import('./messages/zh-hant/cases.js').then((module) => module.default),
    integration: () => import('./messages/zh-hant/integration.js').then((module) => module.default),
  },
  'zh-Hans': {
    common: () => import('./messages/zh-hans/common.js').then((module) => module.default),
    customers: () => import('./messages/zh-hans/customers.js').then((module) => module.default),
    activities: () => import('./messages/zh-hans/activities.js').then((module) => module.default),
    sales: () => import('./messages/zh-hans/sales.js').then((module) => module.default),
    leads: () => import('./messages/zh-hans/leads.js').then((module) => module.default),
    tasks: () => import('./messages/zh-hans/tasks.js').then((module) => module.default),
    cases: () => import('./messages/zh-hans/cases.js').then((module) => module.default),
    integration: () => import('./messages/zh-hans/integration.js').then((module) => module.default),
  },
};

/**
 * Which sections of which catalogs are here, loading, or could not be loaded. One registry serves the
 * page (see `catalogs`); each section is fetched at most once, however many elements ask for it.
 */
export class CatalogRegistry {
  readonly #loaders: Partial<Record<CrmLocale, Partial<Record<Section, CatalogLoader>>>>;
  readonly #sections: ReadonlySet<Section>;
  /** Each locale's strings loaded so far, its sections merged. */
  readonly #loaded = new Map<CrmLocale, Partial<Messages>>([['en', english]]);
  /** Each section's load (`zh-Hant/sales`), once asked for. */
  readonly #loads = new Map<string, Promise<void>>();
  /** The sections loaded, or known to be unavailable. */
  readonly #settled = new Set<string>();

  /**
   * @param loaders each locale's sections
   * @param sections the sections the page needs (by default those of the parts its modules registered,
   *   a set that grows when a module loaded later registers more)
   */
  constructor(
    loaders: Partial<Record<CrmLocale, Partial<Record<Section, CatalogLoader>>>>,
    sections: ReadonlySet<Section> = shownSections,
  ) {
    this.#loaders = loaders;
    this.#sections = sections;
  }

  /** A locale's strings, as far as they are here. */
  get(locale: CrmLocale): Partial<Messages> | undefined {
    return this.#loaded.get(locale);
  }

  /**
   * Whether some of the strings the page needs in this locale are still to come: not here, and not known
   * to be unavailable. An element waits for them before it renders in that locale.
   */
  pending(locale: CrmLocale): boolean {
    if (locale === 'en') return false;
    for (const section of this.#sections) if (!this.#settled.has(`${locale}/${section}`)) return true;
    return false;
  }

  /**
   * Loads the sections of a locale the page needs (each once: later calls share the first load). Rejects
   * when one cannot be loaded (e.g. its file is not served beside the bundle); that section's strings
   * then show in English, and it is not asked for again.
   */
  async load(locale: CrmLocale): Promise<void> {
    if (locale === 'en') return;
    await Promise.all([...this.#sections].map((section) => this.#section(locale, section)));
  }

  #section(locale: CrmLocale, section: Section): Promise<void> {
    const key = `${locale}/${section}`;
    let load = this.#loads.get(key);
    if (!load) this.#loads.set(key, (load = this.#fetch(locale, section)));
    return load;
  }

  async #fetch(locale: CrmLocale, section: Section): Promise<void> {
    try {
      const loader = this.#loaders[locale]?.[section];
      if (!loader) throw new Error(`crmkit has no ${section} strings for ${locale}`);
      const strings = await loader();
      this.#loaded.set(locale, { ...this.#loaded.get(locale), ...strings });
    } catch (error) {
      console.warn(`crmkit: could not load the ${locale} strings (${section}), so English is shown instead.`, error);
      throw error;
    } finally {
      this.#settled.add(`${locale}/${section}`);
    }
  }
}

/** The page's catalogs. */
export const catalogs = /* @__PURE__ */ new CatalogRegistry(LOADERS);

/** Loads the strings of `locale` if they are not here yet; see `CatalogRegistry.load`. */
export function loadCatalog(locale: CrmLocale): Promise<void> {
  return catalogs.load(locale);
}

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
  readonly #catalogs: CatalogRegistry;
  readonly #formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();

  constructor(locale: CrmLocale, registry: CatalogRegistry = catalogs) {
    this.locale = locale;
    this.#catalogs = registry;
  }

  /**
   * A message, with `{name}` placeholders filled from `params`. In English while the locale's catalog
   * is not loaded (elements wait for it before they render, see `CrmElement`); the key itself if not even
   * its English is registered (a module forgot its `useEnglish`).
   */
  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    const template = this.#catalogs.get(this.locale)?.[key] ?? english[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }

  number(value: number, options: Intl.NumberFormatOptions = {}): string {
    return this.#numberFormat(options).format(value);
  }

  /**
   * Money in minor units (e.g. cents) in its own currency: `{ amount: 123456, currency: 'USD' }` →
   * `$1,234.56`. Exact to the last digit however large: the amount (a number, or a sum as the API's
   * decimal string) goes to Intl as a decimal string, never through a binary fraction.
   */
  money(money: MoneyFigure, options: Intl.NumberFormatOptions = {}): string {
    const format = this.#numberFormat({ ...options, style: 'currency', currency: money.currency });
    const digits = minorDigits(money.currency);
    const { amount } = money;
    // A number that is no whole safe integer is already inexact: it is shown as the number it is.
    if (typeof amount === 'number' && !Number.isSafeInteger(amount)) return format.format(amount / 10 ** digits);
    return format.format(majorDecimal(amount, digits) as `${number}`);
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

/** Money to show: an amount of a record (a number) or a sum (a decimal string, exact past 2^53), in minor units. */
export interface MoneyFigure {
  amount: number | string | bigint;
  currency: string;
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
