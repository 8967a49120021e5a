import { hasForbiddenCharacter } from '@crmkit/core';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { validationProblem } from './problem.js';

/**
 * A keyset position: the sort key's value and the id of the last row seen, and the collation the
 * list sorted its text in when it followed the reader's language.
 */
export type KeysetPosition = [value: string | number | null, id: string, collation?: string];

export function encodeCursor([value, id, collation]: KeysetPosition): string {
  const position = collation ? [value, id, collation] : [value, id];
  return encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(position)));
}

/** The 400 for a cursor that is not one this list gave out. */
export const invalidCursor = () =>
  validationProblem([{ path: 'cursor', code: 'invalid_format', message: 'Not a cursor this list gave out' }]);

/** Reads a cursor back; anything that is not one of ours is a 400 naming `cursor`. */
export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(decodeBase64urlIgnorePadding(cursor)));
    if (
      Array.isArray(value) &&
      (value.length === 2 || (value.length === 3 && typeof value[2] === 'string')) &&
      ['string', 'number'].includes(typeof value[0]) !== (value[0] === null) &&
      typeof value[1] === 'string' &&
      !hasForbiddenCharacter(value.join(''))
    ) {
      return value as KeysetPosition;
    }
  } catch {
    // fall through to the problem below
  }
  throw invalidCursor();
}
