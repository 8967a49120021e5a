import type { Context } from 'hono';
import type { AuthOptions } from './options.js';

/** Where the address of the Node socket is (the `env` of @hono/node-server); other runtimes have none. */
const socketAddress = (c: Context): string | undefined =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;

/**
 * The client's network address, which sign-in limits count failures by:
 * 1. the host's `clientAddress(c)` when given (e.g. a platform's header such as `CF-Connecting-IP`);
 * 2. with `trustProxy: n`, the n-th address from the right of `X-Forwarded-For` (each of the n
 *    proxies in front of the kit appends the address it was called from; anything further left
 *    was written by the client and is not to be believed);
 * 3. else the Node socket's address, else `unknown` (one shared limit).
 */
export function clientAddress(c: Context, options: Pick<AuthOptions, 'clientAddress' | 'trustProxy'>): string {
  const given = options.clientAddress?.(c);
  if (given) return given;
  const hops = options.trustProxy ?? 0;
  if (hops > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    // With fewer entries than proxies the leftmost is the nearest to the client we have.
    const address = forwarded[Math.max(0, forwarded.length - hops)];
    if (address) return address;
  }
  return socketAddress(c) ?? 'unknown';
}
