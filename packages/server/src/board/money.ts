import {
  convertMinor,
  weightedMinor,
  type ConversionPart,
  type ConvertedTotal,
  type CurrencyTotal,
} from '@crmkit/core';

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

/** An organization's rates from its row (`base_currency`, the `exchange_rates` JSON, which may be missing). */
export function ratesOf(base: string, exchangeRates: unknown): Rates {
  return {
    base,
    rates: (exchangeRates && typeof exchangeRates === 'object' ? exchangeRates : {}) as Record<string, unknown>,
  };
}

/**
 * How one minor unit of `currency` converts into minor units of the base: `× rate × 10^shift`
 * (shift: the difference of their minor digits); undefined without a rate.
 */
export function conversion(currency: string, { base, rates }: Rates): { rate: number; shift: number } | undefined {
  if (currency === base) return { rate: 1, shift: 0 };
  const rate = rates[currency];
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) return undefined;
  return { rate, shift: minorDigits(base) - minorDigits(currency) };
}

/** Money of one currency before rounding, exact: amounts, and weighted sums in percent units. */
export interface Bucket {
  currency: string;
  count: number;
  sum: bigint;
  /** Σ amount × effective probability (percent): divide by 100 for minor units. */
  weightedCents: bigint;
}

/** Per-currency totals, by currency code, rounded once. */
export function currencyTotals(buckets: Iterable<Bucket>): CurrencyTotal[] {
  return [...buckets]
    .filter((b) => b.count !== 0)
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))
    .map((b) => ({
      currency: b.currency,
      count: b.count,
      sum: b.sum.toString(),
      weighted: weightedMinor(b.weightedCents).toString(),
    }));
}

/** The buckets converted into the base currency, exactly, rounded once; currencies without a rate are named. */
export function convertTotals(buckets: Iterable<Bucket>, rates: Rates): ConvertedTotal {
  const sums: ConversionPart[] = [];
  const weighted: ConversionPart[] = [];
  const missing = new Set<string>();
  for (const b of buckets) {
    if (b.count === 0) continue;
    const to = conversion(b.currency, rates);
    if (to === undefined) {
      missing.add(b.currency);
      continue;
    }
    sums.push({ units: b.sum, ...to });
    weighted.push({ units: b.weightedCents, rate: to.rate, shift: to.shift - 2 });
  }
  return {
    currency: rates.base,
    sum: convertMinor(sums).toString(),
    weighted: convertMinor(weighted).toString(),
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
