// The portal's shop: a few products with their prices in the organizations' currencies.
import type { Lang } from '../i18n.js';

export interface Product {
  sku: string;
  name: Record<Lang, string>;
  /** Minor units, by currency. */
  price: Record<string, number>;
}

export const PRODUCTS: Product[] = [
  {
    sku: 'TEA-OOLONG',
    name: { en: 'Oolong tea, 250 g', 'zh-Hant': '烏龍茶 250 公克' },
    price: { USD: 1800, TWD: 45000 },
  },
  { sku: 'TEA-BLACK', name: { en: 'Black tea, 500 g', 'zh-Hant': '紅茶 500 公克' }, price: { USD: 2400, TWD: 60000 } },
  { sku: 'CUP-SET', name: { en: 'Tasting cup set', 'zh-Hant': '品茗杯組' }, price: { USD: 3600, TWD: 99000 } },
  { sku: 'POT-CLAY', name: { en: 'Clay teapot', 'zh-Hant': '紫砂壺' }, price: { USD: 5200, TWD: 150000 } },
];

/** The largest quantity of one product in an order. */
export const MAX_QUANTITY = 99;

/** A product's price in `currency`: the sample organizations' USD and TWD, else the dollar figure as it is. */
export function priceOf(product: Product, currency: string): number {
  return product.price[currency] ?? product.price.USD!;
}

/** An amount in minor units as a person reads it, e.g. `$18.00` or `NT$450.00`. */
export function formatMoney(amount: number, currency: string, lang: Lang): string {
  const format = new Intl.NumberFormat(lang, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
