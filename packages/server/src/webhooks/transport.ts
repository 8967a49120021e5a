import { isIpLiteral, isLocalName, isPrivateAddress } from './addresses.js';

/** One webhook request, as the worker sends it. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What came back: the status (null when nothing did), the first 1 KB of the body, or why it failed. */
export interface WebhookAnswer {
  status: number | null;
  body: string;
  error?: string;
}

export interface TransportOptions {
  allowPrivateNetworks: boolean;
  timeoutMs: number;
}

/** Sends one webhook request; never throws (a failure is an answer with `error`). */
export type Transport = (request: WebhookRequest, options: TransportOptions) => Promise<WebhookAnswer>;

/** How much of an answer's body the delivery log keeps. */
export const RESPONSE_BYTES = 1024;

/** Thrown when a URL's host names an address a webhook may not reach. */
export class RefusedAddressError extends Error {}

/**
 * The check every transport makes before it connects: a private IP literal or a local name is
 * refused unless the host allows private networks (a transport that resolves names checks each
 * address it resolves as well).
 */
export function checkHost(url: URL, allowPrivateNetworks: boolean): void {
  if (allowPrivateNetworks) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isLocalName(host) || (isIpLiteral(host) && isPrivateAddress(host)))
    throw new RefusedAddressError(`${host} is a local or private address`);
}

/** The first bytes of a body as text, reading no further than needed. */
export async function firstBytes(body: ReadableStream<Uint8Array> | null): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) all.set(c, (at += c.length) - c.length);
  return new TextDecoder().decode(all.subarray(0, RESPONSE_BYTES));
}

/**
 * A transport over a host's `fetch` (another runtime, a proxy, a test): redirects are not
 * followed (a 3xx is the answer), and it stops waiting after the timeout. Such a `fetch` resolves
 * names itself, so only IP literals and local names are checked here: a host passing one that
 * reaches the public internet should resolve through a filtering proxy or resolver.
 */
export function fetchTransport(fetchFn: typeof fetch): Transport {
  return async (request, { allowPrivateNetworks, timeoutMs }) => {
    try {
      checkHost(new URL(request.url), allowPrivateNetworks);
      const res = await fetchFn(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: res.status, body: await firstBytes(res.body) };
    } catch (error) {
      return { status: null, body: '', error: describe(error) };
    }
  };
}

export function describe(error: unknown): string {
  if (error instanceof RefusedAddressError) return `Refused: ${error.message}`;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'Timed out';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return (error instanceof Error ? error.message : String(error)) + cause;
}
