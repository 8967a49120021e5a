import { NoQuery, Problem } from '@crmkit/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { inOrg, readInOrg } from '../db/database.js';
import { apiKeys, organizations, users } from '../db/schema/index.js';
import { DEV_SESSION_COOKIE, isLocalHttp, requireSameOrigin, sessionToken } from '../http/authenticate.js';
import type { CrmEnv } from '../http/env.js';
import { ProblemError, validationProblem } from '../http/problem.js';
import { createApiKey, scopeStrings } from './api-keys.js';
import { clientAddress } from './client-address.js';
import type { AuthOptions } from './options.js';
import { PASSWORD_MAX, PASSWORD_MIN, type PasswordHasher } from './passwords.js';
import { SCOPE_PATTERN } from './scopes.js';
import {
  createSession,
  DEFAULT_SESSION_POLICY,
  generateSessionToken,
  invalidateSession,
  invalidateUserSessions,
  type SessionPolicy,
} from './session.js';
import { ACCOUNT_RULE, ADDRESS_RULE, clearFailures, lockedFor, recordFailure } from './throttle.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const Login = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(PASSWORD_MAX),
  organization: z
    .string()
    .max(100)
    .optional()
    .describe('The organization slug, needed when the same email and password sign in to several'),
});
const SessionInfo = z.object({
  user: z.object({
    id: z.uuid().nullable(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    role: z.string(),
  }),
  organization: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    locale: z.string(),
    baseCurrency: z.string(),
    timeZone: z.string(),
  }),
  via: z.enum(['session', 'host', 'embed', 'api-key']),
});
const PasswordChange = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: z.string().min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX),
});
const ApiKeyCreate = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.string().regex(SCOPE_PATTERN, 'Like customers:read or *:write')).min(1).max(50),
});
const ApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** A hash to verify against when no member matches, so a wrong email costs as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

function setSessionCookie(c: Context, token: string, policy: SessionPolicy) {
  const local = isLocalHttp(c);
  // Hono adds the `__Host-` prefix itself (and checks Secure and Path=/ for it).
  setCookie(c, DEV_SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: !local,
    sameSite: 'Lax',
    maxAge: policy.maxAge,
    ...(local ? {} : { prefix: 'host' as const }),
  });
}

function clearSessionCookie(c: Context) {
  const local = isLocalHttp(c);
  deleteCookie(c, DEV_SESSION_COOKIE, { path: '/', secure: !local, ...(local ? {} : { prefix: 'host' as const }) });
}

/** `/auth/login` and `/auth/logout`: they work before anyone is signed in. */
export function signInRoutes(options: AuthOptions) {
  const policy = { ...DEFAULT_SESSION_POLICY, ...options.session };
  const app = new OpenAPIHono<CrmEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['Auth'],
      summary: 'Sign in with email and password',
      description:
        'Sets the session cookie (`__Host-crmkit_session`; `crmkit_session` on plain http://localhost). Ten wrong passwords for one account in 15 minutes lock it for 15 minutes (429 with Retry-After).',
      security: [],
      request: { body: { required: true, content: { 'application/json': { schema: Login } } } },
      responses: {
        200: json(SessionInfo, 'Signed in'),
        401: problem('Wrong email or password'),
        429: problem('Too many failed attempts; see Retry-After'),
        501: problem('The host has not enabled the built-in sign-in'),
      },
    }),
    async (c) => {
      requireSameOrigin(c);
      const hasher: PasswordHasher | undefined = options.passwords;
      if (!hasher) throw new ProblemError(501, 'This host signs people in itself.');
      const { email, password, organization } = c.req.valid('json');
      const db = c.var.crmDb;
      const accountKey = `account:${email.toLowerCase()}`;
      const addressKey = `address:${clientAddress(c, options)}`;
      const wait = Math.max(await lockedFor(db, accountKey), await lockedFor(db, addressKey));
      if (wait > 0) {
        c.header('retry-after', String(wait));
        throw new ProblemError(429, 'Too many failed sign-ins. Try again later.');
      }
      const members = await db
        .select({ user: users, org: organizations })
        .from(users)
        .innerJoin(organizations, eq(organizations.id, users.orgId))
        .where(
          and(
            eq(users.email, email.toLowerCase()),
            eq(users.active, true),
            isNull(users.deletedAt),
            isNull(organizations.deletedAt),
          ),
        );
      const candidates = organization ? members.filter((m) => m.org.slug === organization) : members;
      const withPassword = candidates.filter((m) => m.user.passwordHash);
      // Every membership is verified, so the time taken does not tell which one matched.
      const matches: typeof members = [];
      for (const m of withPassword) if (await hasher.verify(m.user.passwordHash!, password)) matches.push(m);
      if (withPassword.length === 0) await hasher.verify(await (decoyHash ??= hasher.hash('decoy password')), password);
      const match = matches[0];
      if (!match) {
        await recordFailure(db, accountKey, ACCOUNT_RULE);
        await recordFailure(db, addressKey, ADDRESS_RULE);
        throw new ProblemError(401, 'Wrong email or password.');
      }
      // The same password opens several organizations: the person names one. Which ones is not
      // said: a password that opens one of them must not list the others.
      if (matches.length > 1) {
        throw validationProblem([
          {
            path: 'organization',
            code: 'required',
            message: 'This email signs in to several organizations: name the one you mean',
          },
        ]);
      }
      await clearFailures(db, accountKey);
      const token = generateSessionToken();
      await createSession(db, token, match.org.id, match.user.id, policy);
      setSessionCookie(c, token, policy);
      const { user, org } = match;
      return c.json(
        {
          user: { id: user.id, email: user.email, name: user.name, role: user.role },
          organization: {
            id: org.id,
            slug: org.slug,
            name: org.name,
            locale: org.locale,
            baseCurrency: org.baseCurrency,
            timeZone: org.timeZone,
          },
          via: 'session' as const,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['Auth'],
      summary: 'Sign out: ends the session and clears its cookie',
      security: [],
      responses: { 204: { description: 'Signed out' }, 403: problem('A cross-site request with the cookie') },
    }),
    async (c) => {
      requireSameOrigin(c);
      const token = sessionToken(c);
      if (token) await invalidateSession(c.var.crmDb, token);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );
  return app;
}

/** Routes for a signed-in caller: who am I, change my password, manage API keys. */
export function accountRoutes(options: AuthOptions) {
  const policy = { ...DEFAULT_SESSION_POLICY, ...options.session };
  const app = new OpenAPIHono<CrmEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/auth/session',
      tags: ['Auth'],
      summary: 'Who is signed in, and in which organization',
      request: { query: NoQuery },
      responses: { 200: json(SessionInfo, 'The caller'), 401: problem('Not signed in') },
    }),
    async (c) => {
      const caller = c.var.crmCaller;
      const info = await readInOrg(c.var.crmDb, caller, async (tx) => {
        const [org] = await tx.select().from(organizations).where(eq(organizations.id, caller.orgId));
        const [user] = caller.userId
          ? await tx
              .select()
              .from(users)
              .where(and(eq(users.orgId, caller.orgId), eq(users.id, caller.userId)))
          : [];
        return { org: org!, user };
      });
      return c.json(
        {
          user: {
            id: info.user?.id ?? null,
            email: info.user?.email ?? null,
            name: info.user?.name ?? null,
            role: caller.role,
          },
          organization: {
            id: info.org.id,
            slug: info.org.slug,
            name: info.org.name,
            locale: info.org.locale,
            baseCurrency: info.org.baseCurrency,
            timeZone: info.org.timeZone,
          },
          via: caller.via ?? 'host',
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      tags: ['Auth'],
      summary: 'Change your password: ends every other session',
      request: { body: { required: true, content: { 'application/json': { schema: PasswordChange } } } },
      responses: {
        204: { description: 'Changed' },
        400: problem('The new password is not acceptable'),
        401: problem('The current password is wrong'),
      },
    }),
    async (c) => {
      const caller = c.var.crmCaller;
      if (!options.passwords || caller.via !== 'session' || !caller.userId) {
        throw new ProblemError(403, 'Passwords are changed where you signed in.');
      }
      const { currentPassword, newPassword } = c.req.valid('json');
      const db = c.var.crmDb;
      const [user] = await db
        .select()
        .from(users)
        .where(and(eq(users.orgId, caller.orgId), eq(users.id, caller.userId)));
      if (!user?.passwordHash || !(await options.passwords.verify(user.passwordHash, currentPassword))) {
        throw new ProblemError(401, 'The current password is wrong.', {
          errors: [{ path: 'currentPassword', code: 'invalid_value', message: 'Wrong password' }],
        });
      }
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash: await options.passwords!.hash(newPassword) })
          .where(and(eq(users.orgId, caller.orgId), eq(users.id, user.id)));
      });
      await invalidateUserSessions(db, caller.orgId, user.id);
      const token = generateSessionToken();
      await createSession(db, token, caller.orgId, user.id, policy);
      setSessionCookie(c, token, policy);
      return c.body(null, 204);
    },
  );

  // Keys are managed by a signed-in admin: never with a token, whatever its scopes (an embed
  // token lives in a browser page and must not mint credentials that outlive it).
  const adminOnly = (c: Context<CrmEnv>) => {
    const { role, via } = c.var.crmCaller;
    if (!['owner', 'admin'].includes(role) || via === 'api-key' || via === 'embed') {
      throw new ProblemError(403, 'Only admins manage API keys, signed in rather than with a token.');
    }
  };
  const present = (row: typeof apiKeys.$inferSelect) => ({
    id: row.id,
    name: row.name,
    scopes: scopeStrings(row),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api-keys',
      tags: ['API keys'],
      summary: 'Create an API key for a server-to-server integration',
      description: 'The key is in the response once and never again; only its hash is kept.',
      request: { body: { required: true, content: { 'application/json': { schema: ApiKeyCreate } } } },
      responses: { 201: json(ApiKey.extend({ key: z.string() }), 'The new key'), 403: problem('Admins only') },
    }),
    async (c) => {
      adminOnly(c);
      const caller = c.var.crmCaller;
      const { name, scopes } = c.req.valid('json');
      const created = await inOrg(c.var.crmDb, caller, (tx) =>
        createApiKey(tx, caller.orgId, caller.userId, name, scopes),
      );
      return c.json({ ...present(created.row), key: created.key }, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api-keys',
      tags: ['API keys'],
      summary: 'List API keys (without their secrets)',
      request: { query: NoQuery },
      responses: { 200: json(z.object({ items: z.array(ApiKey) }), 'Keys, newest first'), 403: problem('Admins only') },
    }),
    async (c) => {
      adminOnly(c);
      const caller = c.var.crmCaller;
      const rows = await readInOrg(c.var.crmDb, caller, (tx) =>
        tx.select().from(apiKeys).where(eq(apiKeys.orgId, caller.orgId)).orderBy(desc(apiKeys.id)),
      );
      return c.json({ items: rows.map(present) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api-keys/{id}',
      tags: ['API keys'],
      summary: 'Revoke an API key',
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: json(ApiKey, 'The revoked key'), 404: problem('No such key') },
    }),
    async (c) => {
      adminOnly(c);
      const caller = c.var.crmCaller;
      const [row] = await inOrg(c.var.crmDb, caller, (tx) =>
        tx
          .update(apiKeys)
          .set({ revokedAt: new Date() })
          .where(and(eq(apiKeys.orgId, caller.orgId), eq(apiKeys.id, c.req.valid('param').id)))
          .returning(),
      );
      if (!row) throw new ProblemError(404, 'No API key with this id.');
      return c.json(present(row), 200);
    },
  );
  return app;
}
