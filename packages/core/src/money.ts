// Exact arithmetic on money in minor units. One amount fits a JS number (at most 2^53 - 1), but a
// sum of amounts may not: sums travel as base-10 integer strings and are computed with BigInt, so
// the server and the elements add, weigh and convert money the same way, to the last unit.

/** Minor units as a BigInt, from an amount (a safe integer), a sum (a decimal string) or a BigInt. */
export function minorUnits(value: number | string | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number of minor units: ${value}`);
    return BigInt(value);
  }
  if (!/^-?\d+$/.test(value)) throw new RangeError(`Not a whole number of minor units: ${JSON.stringify(value)}`);
  return BigInt(value);
}

/** The exact sum of amounts and sums, as a decimal string. */
export function addMinor(...values: (number | string | bigint)[]): string {
  return values.reduce<bigint>((total, value) => total + minorUnits(value), 0n).toString();
}

/** `numerator / denominator` rounded half up (toward +∞, as `Math.round` does): a figure's one rounding. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('The denominator must be positive');
  const twice = 2n * numerator + denominator;
  const divisor = 2n * denominator;
  // BigInt division truncates toward zero; floor is wanted here.
  const quotient = twice / divisor;
  return twice % divisor < 0n ? quotient - 1n : quotient;
}

/**
 * A weighted figure from Σ amount × probability (probability in percent), rounded once: the sum
 * is taken first, whole, and divided by 100 at the end.
 */
export function weightedMinor(percentUnits: number | string | bigint): bigint {
  return divideRounded(minorUnits(percentUnits), 100n);
}

/** One amount weighted by a probability in percent, rounded once: `weigh(1001, 50)` is 501n. */
export function weigh(amount: number | string | bigint, probability: number): bigint {
  return weightedMinor(minorUnits(amount) * BigInt(Math.trunc(probability)));
}

/**
 * A finite number as the decimal it is written as (its shortest round-trip form): 1.1 is 11 × 10^-1,
 * not the binary fraction nearest to it. Exchange rates are entered as decimals and kept as numbers.
 */
export function exactDecimal(value: number): { units: bigint; scale: number } {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`Not a finite number: ${value}`);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let units = BigInt(`${sign}${whole}${fraction}`);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units, scale };
}

/** Minor units of one currency to convert: `units × rate × 10^shift` (shift: the difference of minor digits). */
export interface ConversionPart {
  units: number | string | bigint;
  rate: number;
  shift: number;
}

/**
 * Σ units × rate × 10^shift over the parts, exactly, rounded once at the end: money of several
 * currencies in one (`shift` carries the currencies' minor digits, and -2 for percent units).
 */
export function convertMinor(parts: Iterable<ConversionPart>): bigint {
  const terms: { numerator: bigint; exponent: number }[] = [];
  let common = 0;
  for (const part of parts) {
    const rate = exactDecimal(part.rate);
    const exponent = rate.scale - part.shift;
    const numerator = minorUnits(part.units) * rate.units * (exponent < 0 ? 10n ** BigInt(-exponent) : 1n);
    terms.push({ numerator, exponent: Math.max(exponent, 0) });
    common = Math.max(common, exponent);
  }
  const total = terms.reduce((sum, t) => sum + t.numerator * 10n ** BigInt(common - t.exponent), 0n);
  return divideRounded(total, 10n ** BigInt(common));
}

/**
 * Minor units as a decimal string of major units, exactly (`'-12345'`, 2 digits: `'-123.45'`), the
 * form `Intl.NumberFormat` formats without going through a binary fraction.
 */
export function majorDecimal(value: number | string | bigint, digits: number): string {
  const units = minorUnits(value);
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const whole = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return negative ? `-${whole}` : whole;
}
