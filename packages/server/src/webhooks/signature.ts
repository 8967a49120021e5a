import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';

/** Standard Webhooks secrets: `whsec_` and the base64 of the key. */
const PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes (Standard Webhooks asks for 24 to 64). */
export function generateSecret(): string {
  return PREFIX + encodeBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, with the key the secret encodes. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = decodeBase64(secret.slice(PREFIX.length));
  const mac = hmac(SHA256, key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return `v1,${encodeBase64(mac)}`;
}

/** The `webhook-*` headers of one attempt: one signature per secret in use (two during a rotation). */
export function webhookHeaders(secrets: string[], id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'crmkit-webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => signature(s, id, timestamp, body)).join(' '),
  };
}
