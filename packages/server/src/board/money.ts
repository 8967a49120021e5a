import type { ConvertedTotal, CurrencyTotal } from '@crmkit/core';

const digits = new Map<string, number>();

/** The number of minor-unit digits of a currency (USD 2, JPY 0, KWD 3), from ISO 4217 via Intl. */
export function minorDigits(currency: string): number {
  let n = digits.get(currency);
  if (n === undefined) {
    try {
      n = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      n = 2;
    }
    digits.set(currency, n);
  }
  return n;
}

/** The organization's currency setting: its base currency and units of base per unit of others. */
export interface Rates {
  base: string;
  rates: Record<string, unknown>;
}

/** How many minor units of the base currency one minor unit of `currency` is worth; undefined without a rate. */
export function factor(currency: string, { base, rates }: Rates): number | undefined {
  if (currency === base) return 1;
  const rate = rates[currency];
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) return undefined;
  return rate * 10 ** (minorDigits(base) - minorDigits(currency));
}

/** Money of one currency before rounding: amounts, and weighted sums in hundredths of minor units. */
export interface Bucket {
  currency: string;
  count: number;
  sum: number;
  /** Σ amount × effective probability (percent): divide by 100 for minor units. */
  weightedCents: number;
}

/** Per-currency totals, by currency code, rounded once. */
export function currencyTotals(buckets: Iterable<Bucket>): CurrencyTotal[] {
  return [...buckets]
    .filter((b) => b.count !== 0)
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))
    .map((b) => ({ currency: b.currency, count: b.count, sum: b.sum, weighted: Math.round(b.weightedCents / 100) }));
}

/** The buckets converted into the base currency; currencies without a rate are named, not dropped silently. */
export function convertTotals(buckets: Iterable<Bucket>, rates: Rates): ConvertedTotal {
  let sum = 0;
  let weighted = 0;
  const missing = new Set<string>();
  for (const b of buckets) {
    if (b.count === 0) continue;
    const f = factor(b.currency, rates);
    if (f === undefined) {
      missing.add(b.currency);
      continue;
    }
    sum += b.sum * f;
    weighted += (b.weightedCents / 100) * f;
  }
  return {
    currency: rates.base,
    sum: Math.round(sum),
    weighted: Math.round(weighted),
    missingRates: [...missing].sort(),
  };
}

/** Adds one bucket into a map of buckets by currency. */
export function addBucket(into: Map<string, Bucket>, b: Bucket) {
  const have = into.get(b.currency);
  if (have) {
    have.count += b.count;
    have.sum += b.sum;
    have.weightedCents += b.weightedCents;
  } else {
    into.set(b.currency, { ...b });
  }
}
