import { describe, expect, it } from 'vitest';
import { FORBIDDEN_CHARACTER_ERROR, JSON_LIMITS, jsonEqual, jsonIssues, JsonObject, mergePatch } from '../src/index.js';

/** An object nested `levels` deep, the outermost level included: nest(1) is `{}`. */
function nest(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

function keys(count: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
}

describe('free JSON limits', () => {
  it('takes a value right at every limit', () => {
    expect(jsonIssues(nest(JSON_LIMITS.depth))).toEqual([]);
    expect(jsonIssues(keys(JSON_LIMITS.keys))).toEqual([]);
    // {"s":"…"} is 8 bytes plus the text.
    expect(jsonIssues({ s: 'x'.repeat(JSON_LIMITS.bytes - 8) })).toEqual([]);
  });

  it('refuses one level too deep, counting arrays as levels', () => {
    const tooDeep = [{ path: [], message: 'Nested more than 5 levels deep', params: { code: 'too_deep', max: 5 } }];
    expect(jsonIssues(nest(JSON_LIMITS.depth + 1))).toEqual(tooDeep);
    expect(jsonIssues({ a: [[[[1]]]] })).toEqual([]);
    expect(jsonIssues({ a: [[[[[1]]]]] })).toEqual(tooDeep);
  });

  it('walks a value nested 100,000 levels without overflowing the stack', () => {
    expect(jsonIssues(nest(100_000))[0]?.params.code).toBe('too_deep');
  });

  it('counts keys at every level together', () => {
    const half = JSON_LIMITS.keys / 2;
    expect(jsonIssues({ ...keys(half - 1), inner: keys(half) })).toEqual([]);
    expect(jsonIssues({ ...keys(half), inner: keys(half) })).toEqual([
      { path: [], message: 'More than 100 keys', params: { code: 'too_many_keys', max: 100 } },
    ]);
  });

  it('measures size in UTF-8 bytes, not characters', () => {
    // "客" is 3 bytes in UTF-8 but one UTF-16 unit: a third of the limit in characters is too large.
    const text = '客'.repeat(Math.ceil(JSON_LIMITS.bytes / 3));
    expect(text.length).toBeLessThan(JSON_LIMITS.bytes);
    expect(jsonIssues({ text })).toEqual([
      { path: [], message: 'Larger than 16384 bytes as JSON', params: { code: 'too_large', max: 16_384 } },
    ]);
  });

  it('finds refused characters in values and keys, naming where', () => {
    expect(jsonIssues({ a: { b: ['ok', 'bad\u0000'] } })).toEqual([
      { path: ['a', 'b', 1], ...FORBIDDEN_CHARACTER_ERROR },
    ]);
    expect(FORBIDDEN_CHARACTER_ERROR.message).toMatch(/cannot be stored/);
    expect(jsonIssues({ a: { 'k\uD800': 1 } })).toEqual([
      expect.objectContaining({ path: ['a'], params: { code: 'forbidden_character' } }),
    ]);
  });

  it('reports the issues through the JsonObject schema with their paths', () => {
    const result = JsonObject.safeParse({ note: { text: '\u0000' } });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['note', 'text'],
        message: FORBIDDEN_CHARACTER_ERROR.message,
        params: { code: 'forbidden_character' },
      }),
    ]);
    expect(JsonObject.safeParse(nest(JSON_LIMITS.depth + 1)).error?.issues).toEqual([
      expect.objectContaining({ path: [], params: { code: 'too_deep', max: 5 } }),
    ]);
    expect(JsonObject.safeParse([1]).success).toBe(false);
    expect(JsonObject.parse({ a: 1 })).toEqual({ a: 1 });
  });
});

describe('JSON merge patch (RFC 7396)', () => {
  // The examples of RFC 7396, appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('merges %j with %j into %j', (target, patch, expected) => {
    expect(mergePatch(target, patch)).toEqual(expected);
  });

  it('leaves the stored value untouched', () => {
    const stored = { a: { b: 1 }, c: 2 };
    mergePatch(stored, { a: { b: 2 }, c: null });
    expect(stored).toEqual({ a: { b: 1 }, c: 2 });
  });

  it('keeps __proto__ an ordinary key instead of changing the prototype', () => {
    const merged = mergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('jsonEqual', () => {
  it('ignores key order but not array order, types or extra keys', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
