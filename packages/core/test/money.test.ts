import { describe, expect, it } from 'vitest';
import {
  addMinor,
  convertMinor,
  CurrencyTotal,
  divideRounded,
  exactDecimal,
  majorDecimal,
  minorUnits,
  weigh,
  weightedMinor,
} from '../src/index.js';

const MAX = Number.MAX_SAFE_INTEGER; // 9007199254740991

describe('exact money', () => {
  it('adds amounts and sums past 2^53 to the last unit', () => {
    expect(addMinor(MAX, MAX)).toBe('18014398509481982');
    expect(addMinor('18014398509481982', MAX, -1)).toBe('27021597764222972');
    expect(addMinor()).toBe('0');
    expect(addMinor(12n, '-20')).toBe('-8');
  });

  it('refuses what is not a whole number of minor units', () => {
    for (const bad of [1.5, MAX + 1, Number.NaN, '1.5', '1e3', '', ' 1', '0x10'] as const) {
      expect(() => minorUnits(bad), String(bad)).toThrow(RangeError);
    }
  });

  it('rounds half up once, as Math.round does', () => {
    for (const [n, d] of [
      [250, 100],
      [251, 100],
      [249, 100],
      [-250, 100],
      [-251, 100],
      [-249, 100],
      [0, 7],
      [7, 7],
      [-1, 3],
    ] as const) {
      expect(divideRounded(BigInt(n), BigInt(d)), `${n}/${d}`).toBe(BigInt(Math.round(n / d)));
    }
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
  });

  it('weighs by a probability in percent, rounding the sum once rather than each deal', () => {
    expect(weigh(1001, 50)).toBe(501n);
    expect(weigh(MAX, 50)).toBe(4503599627370496n); // 4503599627370495.5, rounded up
    // Three deals of 1 at 50%: 1.5 in all, 2 once rounded; rounding each would give 3.
    expect(weightedMinor(1 * 50 + 1 * 50 + 1 * 50)).toBe(2n);
    expect(weightedMinor('1801439850948198200')).toBe(18014398509481982n);
  });

  it('reads a number as the decimal it is written as', () => {
    expect(exactDecimal(1.1)).toEqual({ units: 11n, scale: 1 });
    expect(exactDecimal(30)).toEqual({ units: 30n, scale: 0 });
    expect(exactDecimal(1e-7)).toEqual({ units: 1n, scale: 7 });
    expect(exactDecimal(1.25e21)).toEqual({ units: 1250000000000000000000n, scale: 0 });
    expect(exactDecimal(-0.5)).toEqual({ units: -5n, scale: 1 });
    expect(() => exactDecimal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('converts several currencies exactly and rounds once at the end', () => {
    // 1.1 is not exact in binary: 5 × 1.1 is 5.500000000000001 as numbers, 5.5 here.
    expect(convertMinor([{ units: 5, rate: 1.1, shift: 0 }])).toBe(6n);
    expect(convertMinor([{ units: 15, rate: 0.1, shift: 0 }])).toBe(2n); // 1.5 → 2
    // Rounded once: 0.5 + 0.5 is 1, where rounding each part first would give 2.
    expect(
      convertMinor([
        { units: 1, rate: 0.5, shift: 0 },
        { units: 1, rate: 0.5, shift: 0 },
      ]),
    ).toBe(1n);
    // JPY (0 digits) into USD (2 digits) at 0.0067: 1,000,000 yen is 6,700.00 dollars.
    expect(convertMinor([{ units: 1_000_000, rate: 0.0067, shift: 2 }])).toBe(670000n);
    // Percent units (shift -2) of the base currency itself.
    expect(convertMinor([{ units: 150, rate: 1, shift: -2 }])).toBe(2n);
    expect(convertMinor([{ units: '18014398509481982', rate: 1, shift: 0 }])).toBe(18014398509481982n);
    expect(convertMinor([])).toBe(0n);
  });

  it('writes minor units as major units without a binary fraction', () => {
    expect(majorDecimal(12345, 2)).toBe('123.45');
    expect(majorDecimal(-5, 2)).toBe('-0.05');
    expect(majorDecimal('18014398509481982', 2)).toBe('180143985094819.82');
    expect(majorDecimal(1234, 0)).toBe('1234');
    expect(majorDecimal(7n, 3)).toBe('0.007');
  });

  it('holds sums in the contract as decimal strings', () => {
    const total = { currency: 'USD', count: 2, sum: '18014398509481982', weighted: '9007199254740991' };
    expect(CurrencyTotal.parse(total)).toEqual(total);
    expect(CurrencyTotal.safeParse({ ...total, sum: 18014398509481982 }).success).toBe(false);
    expect(CurrencyTotal.safeParse({ ...total, sum: '1.5' }).success).toBe(false);
  });
});
