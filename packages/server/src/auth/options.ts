import type { Context } from 'hono';
import type { Caller } from '../http/env.js';
import type { HostIdentity } from './identity.js';
import type { PasswordHasher } from './passwords.js';
import type { SessionPolicy } from './session.js';

/** Resolves the signed-in caller from the host's own session; `null` means not signed in. */
export type Identify = (c: Context) => Caller | HostIdentity | null | Promise<Caller | HostIdentity | null>;

export interface AuthOptions {
  /** The host's sign-in: who is calling, in the kit's terms or the host's (provisioned on first sight). */
  identify?: Identify;
  /** Enables the kit's own sign-in (`/auth/login`) with this password hasher. */
  passwords?: PasswordHasher;
  /** Idle timeout and lifetime of the kit's sessions, in seconds. */
  session?: Partial<SessionPolicy>;
  /**
   * The secret embed tokens are signed with (see `mintEmbedToken`); enables them. At least 32
   * bytes (e.g. `openssl rand -base64 48`): `createCrm` refuses a shorter one.
   */
  embedSecret?: string;
  /**
   * The client's network address, which sign-in limits count failures by. Overrides `trustProxy`;
   * return an empty string to fall back to it.
   */
  clientAddress?: (c: Context) => string;
  /**
   * How many reverse proxies in front of the kit append to `X-Forwarded-For` (default 0: the
   * header is ignored and the Node socket's address is used, else `unknown`). Behind one proxy
   * set 1, or every user shares the proxy's address and its sign-in limit.
   */
  trustProxy?: number;
}

/** Bytes an `embedSecret` needs at least: HMAC-SHA256 with a shorter key is open to guessing. */
export const EMBED_SECRET_MIN_BYTES = 32;

/** Refuses options that would leave the kit open (called when a kit is built). */
export function checkAuthOptions(options: AuthOptions): void {
  const secret = options.embedSecret;
  if (secret !== undefined && new TextEncoder().encode(secret).length < EMBED_SECRET_MIN_BYTES) {
    throw new Error(
      `crmkit: embedSecret must be at least ${EMBED_SECRET_MIN_BYTES} bytes of random data (e.g. openssl rand -base64 48).`,
    );
  }
  const hops = options.trustProxy;
  if (hops !== undefined && (!Number.isInteger(hops) || hops < 0)) {
    throw new Error('crmkit: trustProxy is the number of proxies in front of the kit: a whole number, 0 or more.');
  }
}
