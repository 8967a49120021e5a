import { jsonEqual, type MergeSide } from '@crmkit/core';
import type { Row } from '../resource.js';

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

const isObject = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The items of both lists, each once, the first list's first (in their order). */
function union(first: unknown[], second: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of [...first, ...second]) if (!out.some((seen) => jsonEqual(seen, item))) out.push(item);
  return out;
}

/**
 * The values of the writable `fields` the kept record has after a merge, from the API forms of the
 * kept record (`into`) and the duplicate (`from`). A side named in `sides` gives its value as it
 * is. Otherwise: lists are joined (the kept items first, no repeats), free objects (`attributes`)
 * joined key by key with the kept values winning, and any other field keeps the kept value unless
 * that is empty (null, '' or []), where the duplicate's fills it.
 */
export function mergedValues(
  fields: readonly string[],
  into: Row,
  from: Row,
  sides: Partial<Record<string, MergeSide>> = {},
): Row {
  const values: Row = {};
  for (const field of fields) {
    const kept = into[field];
    const other = from[field];
    const side = sides[field];
    if (side) values[field] = side === 'from' ? other : kept;
    else if (Array.isArray(kept) && Array.isArray(other)) values[field] = union(kept, other);
    else if (isObject(kept) && isObject(other)) values[field] = { ...other, ...kept };
    else values[field] = isEmpty(kept) ? other : kept;
  }
  return values;
}
