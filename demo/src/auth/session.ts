import type { Role } from '@crmkit/server';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';

/** Who is signed in to the portal. The kit learns it through `identify`. */
export interface Session {
  userId: string;
  orgId: string;
  role: Role;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const COOKIE = 'portal_session';
const LIFETIME_SECONDS = 8 * 60 * 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROLES: readonly Role[] = ['owner', 'admin', 'manager', 'rep', 'viewer', 'support'];

/**
 * The portal's sessions: a signed cookie that carries the caller, so that answering a request
 * (including each call the components make to the kit) needs an HMAC check but no database.
 * The price of keeping no server-side state: signing out forgets the cookie in this browser only,
 * and a session lasts until it expires (8 hours).
 */
export class Sessions {
  readonly #secret: Uint8Array<ArrayBuffer>;

  constructor(secret: Uint8Array<ArrayBuffer>) {
    this.#secret = secret;
  }

  async read(c: Context): Promise<Session | null> {
    // `undefined` when absent, `false` when the signature does not match.
    const value = await getSignedCookie(c, this.#secret, COOKIE);
    if (!value) return null;
    const session = decode(value);
    return session && session.expiresAt * 1000 > Date.now() ? session : null;
  }

  async start(c: Context, who: Omit<Session, 'expiresAt'>): Promise<void> {
    const session: Session = { ...who, expiresAt: Math.floor(Date.now() / 1000) + LIFETIME_SECONDS };
    await setSignedCookie(c, COOKIE, encode(session), this.#secret, {
      ...cookieOptions(c),
      maxAge: LIFETIME_SECONDS,
    });
  }

  end(c: Context): void {
    deleteCookie(c, COOKIE, cookieOptions(c));
  }
}

function cookieOptions(c: Context): CookieOptions {
  // Behind a TLS-terminating proxy the request itself arrives over http; the proxy says so.
  const https = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
  return { path: '/', httpOnly: true, sameSite: 'Lax', secure: https };
}

function encode(session: Session): string {
  return Buffer.from(JSON.stringify(session)).toString('base64url');
}

/** Even a signed value is checked field by field: a cookie from an older format must not slip through. */
function decode(value: string): Session | null {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { userId, orgId, role, expiresAt } = data as Record<string, unknown>;
  if (typeof userId !== 'string' || !UUID.test(userId)) return null;
  if (typeof orgId !== 'string' || !UUID.test(orgId)) return null;
  if (!ROLES.includes(role as Role)) return null;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return null;
  return { userId, orgId, role: role as Role, expiresAt };
}
