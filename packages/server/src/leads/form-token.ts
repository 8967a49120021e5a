import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';

async function hmac(secret: string, text: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text)));
}

/** A token saying when the form was opened, signed with the form's secret: `<ms>.<signature>`. */
export async function issueFormToken(secret: string, now = Date.now()): Promise<string> {
  return `${now}.${encodeBase64urlNoPadding(await hmac(secret, String(now)))}`;
}

/** When the form was opened, from a token this form issued; null for anything else. */
export async function formTokenTime(secret: string, token: string | undefined): Promise<number | null> {
  const match = token?.match(/^(\d{13})\.([A-Za-z0-9_-]{43})$/);
  if (!match) return null;
  let given: Uint8Array;
  try {
    given = decodeBase64urlIgnorePadding(match[2]!);
  } catch {
    return null;
  }
  const expected = await hmac(secret, match[1]!);
  // Compared in full, whatever differs first: no early exit to time.
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given[i] ?? 0) ^ expected[i]!;
  return diff === 0 ? Number(match[1]) : null;
}
