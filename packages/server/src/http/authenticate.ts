import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { scopeStrings, verifyApiKey } from '../auth/api-keys.js';
import { unverifiedMember, verifyEmbedToken } from '../auth/embed-token.js';
import { HostIdentities, isHostIdentity } from '../auth/identity.js';
import { checkedMember, memberCache, memberRecord, notAMember, type MemberCache } from '../auth/membership.js';
import { checkAuthOptions, type AuthOptions } from '../auth/options.js';
import { roleRefusal } from '../auth/roles.js';
import { missingScope, requiredScopes, SCOPE_FILTERED } from '../auth/scopes.js';
import { DEFAULT_SESSION_POLICY, validateSession } from '../auth/session.js';
import type { Db } from '../db/database.js';
import type { Caller, CrmEnv } from './env.js';
import { isMemberChange } from './db-errors.js';
import { ProblemError } from './problem.js';

export const SESSION_COOKIE = '__Host-crmkit_session';
/** Plain `http://localhost` cannot set `__Host-` (Secure) cookies: development uses this name. */
export const DEV_SESSION_COOKIE = 'crmkit_session';

/** Whether the request came over plain HTTP to this machine: the only place the dev cookie is used. */
export function isLocalHttp(c: Context): boolean {
  const url = new URL(c.req.url);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE) ?? (isLocalHttp(c) ? getCookie(c, DEV_SESSION_COOKIE) : undefined);
}

/** The origin a browser says a request comes from, when it is not this server's own. */
export function foreignOrigin(c: Context): string | undefined {
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') return origin ?? undefined;
  try {
    return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host) ? undefined : origin;
  } catch {
    return origin;
  }
}

/**
 * Cookie-borne credentials (the kit's session, or the host's through `identify`) ride along on
 * any request a browser sends, so writes with them must come from this origin: the browser's
 * `Sec-Fetch-Site`, else its `Origin`, must say so. Clients that send neither are not browsers.
 */
export function requireSameOrigin(c: Context): void {
  const site = c.req.header('sec-fetch-site');
  const sameSite = site ? site === 'same-origin' || site === 'none' : !foreignOrigin(c);
  if (!sameSite) throw new ProblemError(403, 'Cross-site writes with cookies are refused; use a bearer token.');
}

async function bearerCaller(db: Db, c: Context, token: string, options: AuthOptions): Promise<Caller | null> {
  if (token.startsWith('crmk_')) {
    const key = await verifyApiKey(db, token);
    if (!key) return null;
    if (!key.creatorMayAct) {
      throw new ProblemError(403, 'The member who created this API key is no longer an active admin.');
    }
    return { orgId: key.row.orgId, userId: null, role: 'admin', via: 'api-key', scopes: scopeStrings(key.row) };
  }
  // Signed with the organization's own secret when it has one, else the kit's: read the member
  // and the secret in one query, and trust the member only once the signature is good.
  const named = unverifiedMember(token);
  const record = named ? await memberRecord(db, named.orgId, named.userId) : null;
  const secret = record?.embedSecret ?? options.embedSecret;
  const claims = secret ? await verifyEmbedToken(secret, token) : null;
  if (!claims) return null;
  const origin = foreignOrigin(c);
  if (origin && origin !== claims.audience) throw new ProblemError(403, 'This token was issued for another site.');
  const member = checkedMember(record);
  if (origin && !member.allowedOrigins.includes(origin))
    throw new ProblemError(403, 'This site is not allowed to embed this organization.');
  return { orgId: claims.orgId, userId: claims.userId, role: member.role, via: 'embed', scopes: claims.scopes };
}

/**
 * A caller the host's `identify` answered in the kit's terms: a claim, checked against the
 * member's record on every request, whose role is the one on record.
 */
async function hostCaller(db: Db, claimed: Caller, members: MemberCache): Promise<Caller> {
  if (!claimed.userId) throw new ProblemError(403, "The host's identify must name a member (userId).");
  const member = await members.get(db, claimed.orgId, claimed.userId);
  const { scopes } = claimed;
  return {
    orgId: claimed.orgId,
    userId: claimed.userId,
    role: member.role,
    via: 'host',
    ...(scopes ? { scopes } : {}),
  };
}

/**
 * Who is calling: a bearer token (API key or embed token), the kit's session, or the host's.
 * Each bearer or session path reads the member's record in the same single query that checks the
 * credential; the host's path takes it from the database's {@link MemberCache}. Either way the scoped
 * transaction checks it again, so a demotion or deactivation applies to the next request.
 */
async function resolveCaller(
  db: Db,
  c: Context,
  options: AuthOptions,
  identities: HostIdentities,
  members: MemberCache,
): Promise<Caller | null> {
  const authorization = c.req.header('authorization');
  if (authorization) {
    const [scheme, token] = authorization.split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? bearerCaller(db, c, token, options) : null;
  }
  const token = sessionToken(c);
  if (token) {
    const session = await validateSession(db, token, { ...DEFAULT_SESSION_POLICY, ...options.session });
    if (session) {
      if (!session.role) throw notAMember();
      return { orgId: session.orgId, userId: session.userId, role: session.role, via: 'session' };
    }
  }
  const identified = options.identify ? await options.identify(c) : null;
  if (!identified) return null;
  return isHostIdentity(identified)
    ? identities.resolve(db, identified, c.get('crmLogger'))
    : hostCaller(db, identified, members);
}

/** Requires a caller on every route registered after it, and holds tokens to their scopes. */
export function authenticate(options: AuthOptions): MiddlewareHandler<CrmEnv> {
  checkAuthOptions(options);
  // Per kit: which member each host identity names (bounded; see HostIdentities).
  const identities = new HostIdentities();
  return async (c, next) => {
    const members = memberCache(c.var.crmDb);
    const caller = await resolveCaller(c.var.crmDb, c, options, identities, members);
    if (!caller) throw new ProblemError(401, 'Sign in to use this.');
    // The event stream, the search and `/me` are open to any scope: they answer only what the scopes allow.
    if (caller.scopes && !SCOPE_FILTERED.includes(c.var.crmPath.split('/')[1] ?? '')) {
      const missing = missingScope(caller.scopes, requiredScopes(c.var.crmPath, c.req.method));
      if (missing)
        throw new ProblemError(403, `This token does not allow ${missing.access} access to ${missing.resource}.`);
    }
    // A role held to a few resources (a support agent) is held to them the same way.
    const refusal = roleRefusal(caller, c.var.crmPath, c.req.method);
    if (refusal) throw refusal;
    const via = caller.via ?? 'host';
    if ((via === 'session' || via === 'host') && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method))
      requireSameOrigin(c);
    if (via === 'host') members.watch(c.var.crmDatabase);
    c.set('crmCaller', caller);
    await next();
    // The caller's record changed since the kit read it: read it afresh next time. (Writes to a
    // member's record through the kit forget it themselves: see the users resource.)
    if (caller.userId && isMemberChange(c.error)) members.forget(caller.orgId, caller.userId);
  };
}
