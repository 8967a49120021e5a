import type { FieldError } from '@crmkit/core';
import type { MiddlewareHandler } from 'hono';
import { validationProblem } from './problem.js';

/**
 * Refuses a JSON body with a key named `__proto__` at any level, with a 400 naming where it is.
 * JSON.parse keeps such a key as an ordinary one, but copying the object by assignment (as zod
 * does for free objects such as `attributes`) drops it silently, and other code may take it for
 * the prototype: a key the kit cannot keep faithfully is refused instead of lost.
 */
export function refuseProtoKeys(): MiddlewareHandler {
  return async (c, next) => {
    if (/^application\/(.+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      // Hono keeps the parsed body for the route's validator; malformed JSON is the validator's to answer.
      const body: unknown = await c.req.json().catch(() => undefined);
      const path = protoKeyPath(body);
      if (path) {
        throw validationProblem([protoKeyError(path)]);
      }
    }
    await next();
  };
}

/** The field error of a `__proto__` key at `path`. */
export const protoKeyError = (path: string): FieldError => ({
  path,
  code: 'invalid_value',
  message: 'A key named __proto__ is not accepted',
});

/** Where a value sits in the body: its key and its parent's place (a linked path, cheap at any depth). */
interface Place {
  key: string;
  parent: Place | undefined;
}

/** The path of the first `__proto__` key in a parsed JSON value, walked without recursion (bodies may nest deeply). */
export function protoKeyPath(value: unknown): string | undefined {
  const stack: [unknown, Place | undefined][] = [[value, undefined]];
  while (stack.length) {
    const [node, place] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, item] of Object.entries(node)) {
      const at: Place = { key, parent: place };
      if (key === '__proto__' && !Array.isArray(node)) return pathOf(at);
      stack.push([item, at]);
    }
  }
  return undefined;
}

function pathOf(place: Place | undefined): string {
  const keys: string[] = [];
  for (let p = place; p; p = p.parent) keys.unshift(p.key);
  return keys.join('.');
}
