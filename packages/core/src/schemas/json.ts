import { z } from 'zod';
import type { FieldErrorCode } from './common.js';
import { FORBIDDEN_CHARACTER_ERROR, hasForbiddenCharacter } from './fields.js';

/** How big a free JSON field (such as a customer's `attributes`) may be. */
export const JSON_LIMITS = {
  /** Levels of objects and arrays, the field's own object included. */
  depth: 5,
  /** Object keys at all levels together. */
  keys: 100,
  /** UTF-8 bytes of its JSON text. */
  bytes: 16_384,
} as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One problem of a JSON value: where (below the value), what, and the limit it broke. */
export interface JsonIssue {
  path: (string | number)[];
  message: string;
  params: { code: FieldErrorCode; max?: number };
}

/**
 * What breaks {@link JSON_LIMITS} or holds a refused character in a JSON value. The walk never
 * goes below the depth limit, so even a value nested 100,000 levels cannot overflow the stack
 * (as `JSON.stringify` or the database driver would).
 */
export function jsonIssues(value: unknown): JsonIssue[] {
  const issues: JsonIssue[] = [];
  let keys = 0;
  let tooDeep = false;
  const walk = (node: unknown, depth: number, path: (string | number)[]): void => {
    if (typeof node === 'string') {
      if (hasForbiddenCharacter(node)) issues.push({ path, ...FORBIDDEN_CHARACTER_ERROR });
      return;
    }
    if (typeof node !== 'object' || node === null || tooDeep || keys > JSON_LIMITS.keys) return;
    if (depth > JSON_LIMITS.depth) {
      tooDeep = true;
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, depth + 1, [...path, i]));
      return;
    }
    for (const [key, item] of Object.entries(node)) {
      keys++;
      if (hasForbiddenCharacter(key)) issues.push({ path, ...FORBIDDEN_CHARACTER_ERROR });
      walk(item, depth + 1, [...path, key]);
    }
  };
  walk(value, 1, []);
  if (tooDeep) {
    const max = JSON_LIMITS.depth;
    return [{ path: [], message: `Nested more than ${max} levels deep`, params: { code: 'too_deep', max } }];
  }
  if (keys > JSON_LIMITS.keys) {
    const max = JSON_LIMITS.keys;
    return [{ path: [], message: `More than ${max} keys`, params: { code: 'too_many_keys', max } }];
  }
  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  if (bytes > JSON_LIMITS.bytes) {
    const max = JSON_LIMITS.bytes;
    issues.push({ path: [], message: `Larger than ${max} bytes as JSON`, params: { code: 'too_large', max } });
  }
  return issues;
}

/** A JSON object of the caller's own keys and values, within {@link JSON_LIMITS}. */
export const JsonObject = z
  .record(z.string(), z.unknown())
  .superRefine((value, context) => {
    for (const issue of jsonIssues(value)) context.addIssue({ code: 'custom', input: value, ...issue });
  })
  .describe(
    `Free JSON: at most ${JSON_LIMITS.depth} levels deep, ${JSON_LIMITS.keys} keys in all and ${JSON_LIMITS.bytes} bytes. ` +
      'A PATCH merges it per key (RFC 7396 JSON merge patch): a key set to null is removed, ' +
      'an object merges into the object stored under its key, any other value replaces it. ' +
      'A key named `__proto__` is refused (400), at any level.',
  );

/** Applies an RFC 7396 JSON merge patch: null removes a key, objects merge, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  // A Map, then fromEntries: a key such as `__proto__` stays an ordinary key.
  const result = new Map(Object.entries(isObject(target) ? target : {}));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) result.delete(key);
    else result.set(key, mergePatch(result.get(key), value));
  }
  return Object.fromEntries(result);
}

/** Whether two JSON values are equal (object keys in any order). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}
