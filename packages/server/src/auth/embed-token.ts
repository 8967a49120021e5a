import { decode, sign, verify } from 'hono/jwt';
import { SCOPE_PATTERN } from './scopes.js';

export interface EmbedClaims {
  orgId: string;
  userId: string;
  /** What the token may do, e.g. `['customers:read', 'activities:write']`. */
  scopes: string[];
  /** The origin of the page that embeds the components, e.g. `https://shop.example.com`. */
  audience: string;
}

const ISSUER = 'crmkit';

/**
 * Mints a short-lived embed token on the host's server, for components on another origin.
 * Signed with HMAC-SHA256 using the secret the kit was given as `embedSecret`.
 */
export async function mintEmbedToken(secret: string, claims: EmbedClaims, expiresIn = 900): Promise<string> {
  if (!claims.scopes.every((s) => SCOPE_PATTERN.test(s))) throw new Error('Scopes look like customers:read or *:write');
  if (expiresIn <= 0 || expiresIn > 86_400) throw new Error('An embed token lives between 1 second and a day');
  const now = Math.floor(Date.now() / 1000);
  return sign(
    {
      iss: ISSUER,
      sub: claims.userId,
      org: claims.orgId,
      scp: claims.scopes,
      aud: claims.audience,
      iat: now,
      exp: now + expiresIn,
    },
    secret,
    'HS256',
  );
}

/**
 * Whom a token says it is for, before it is verified: which organization's secret to verify it
 * with. Trust nothing else of it until {@link verifyEmbedToken} says so.
 */
export function unverifiedMember(token: string): { orgId: string; userId: string } | null {
  try {
    const { sub, org } = decode(token).payload as { sub?: unknown; org?: unknown };
    return typeof sub === 'string' && typeof org === 'string' ? { orgId: org, userId: sub } : null;
  } catch {
    return null;
  }
}

/** The claims of a valid, unexpired token of ours; null otherwise. */
export async function verifyEmbedToken(secret: string, token: string): Promise<EmbedClaims | null> {
  try {
    const payload = await verify(token, secret, { alg: 'HS256', iss: ISSUER });
    const { sub, org, scp, aud } = payload as { sub?: unknown; org?: unknown; scp?: unknown; aud?: unknown };
    if (typeof sub !== 'string' || typeof org !== 'string' || typeof aud !== 'string' || !Array.isArray(scp))
      return null;
    return { userId: sub, orgId: org, scopes: scp.map(String), audience: aud };
  } catch {
    return null;
  }
}
