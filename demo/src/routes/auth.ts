import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Accounts } from '../auth/accounts.js';
import { homeOf } from '../auth/role-pages.js';
import type { Sessions } from '../auth/session.js';
import { Throttle } from '../auth/throttle.js';
import type { ClientBundle } from '../bundle.js';
import { isLoginError, LOGIN_ERRORS, loginPage, type LoginError } from '../views/login.js';
import { safeNext } from './next.js';

interface AuthOptions {
  accounts: Accounts;
  sessions: Sessions;
  bundle: ClientBundle;
}

interface Credentials {
  email: string;
  password: string;
  next: string | undefined;
}

const FAILURES_PER_WINDOW = 10;
const WINDOW_MS = 15 * 60_000;

/**
 * The portal's own sign-in: `GET /login` (the page), `POST /login` (a form, answered with a
 * redirect, or JSON, answered with 200 or 401 JSON) and `POST /logout`.
 */
export function authRoutes({ accounts, sessions, bundle }: AuthOptions) {
  const throttle = new Throttle(FAILURES_PER_WINDOW, WINDOW_MS);

  return new Hono()
    .get('/login', async (c) => {
      const next = safeNext(c.req.query('next'));
      const session = await sessions.read(c);
      if (session && (await accounts.get(session.orgId, session.userId)))
        return c.redirect(next ?? homeOf(session.role));
      const error = c.req.query('error');
      return c.html(loginPage({ bundle, next, error: isLoginError(error) ? error : undefined }));
    })
    .post(
      '/login',
      bodyLimit({
        maxSize: 16 * 1024,
        onError: (c) => loginProblem(c, 'invalid', 413, 'Request too large.'),
      }),
      async (c) => {
        const json = isJson(c);
        const input = await readCredentials(c, json);
        const fail = (error: LoginError, status: 400 | 401 | 429) =>
          json
            ? loginProblem(c, error, status)
            : c.redirect(`/login?${new URLSearchParams({ error, ...(input?.next ? { next: input.next } : {}) })}`, 303);

        if (!input) return fail('invalid', 400);
        const key = input.email.toLowerCase();
        if (throttle.blocked(key)) {
          c.header('retry-after', String(WINDOW_MS / 1000));
          return fail('throttled', 429);
        }
        const account = await accounts.signIn(input.email, input.password);
        if (!account) {
          throttle.fail(key);
          return fail('credentials', 401);
        }
        throttle.clear(key);
        await sessions.start(c, { userId: account.userId, orgId: account.orgId, role: account.role });
        if (!json) return c.redirect(input.next ?? '/', 303);
        return c.json({
          user: { id: account.userId, email: account.email, name: account.name, role: account.role },
          organization: {
            id: account.orgId,
            name: account.orgName,
            locale: account.locale,
            currency: account.currency,
          },
        });
      },
    )
    .post('/logout', (c) => {
      sessions.end(c);
      return isJson(c) || c.req.header('accept') === 'application/json' ? c.body(null, 204) : c.redirect('/login', 303);
    });
}

const TITLES = { 400: 'Bad request', 401: 'Unauthorized', 413: 'Content too large', 429: 'Too many requests' };

/**
 * A failed sign-in for a JSON client: an RFC 9457 problem, which also carries the login page's
 * `error` code and `message`.
 */
function loginProblem(c: Context, error: LoginError, status: keyof typeof TITLES, message = LOGIN_ERRORS[error]) {
  return c.json({ type: 'about:blank', title: TITLES[status], status, detail: message, error, message }, status, {
    'content-type': 'application/problem+json',
  });
}

/**
 * Whether an email is text the database can hold and a person can type: no control characters
 * (a NUL cannot be stored in PostgreSQL text) and no lone UTF-16 surrogates.
 */
function isPlainText(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return isWellFormed(text) && !/[\u0000-\u001f\u007f]/.test(text);
}

/** No lone UTF-16 surrogate (String.prototype.isWellFormed, which Node 20's TypeScript lib lacks). */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

function isJson(c: Context): boolean {
  return /^application\/json\b/i.test(c.req.header('content-type') ?? '');
}

/** Reads `email`, `password` and `next` from a JSON or form body; `null` when they are not usable. */
async function readCredentials(c: Context, json: boolean): Promise<Credentials | null> {
  let body: unknown;
  try {
    body = json ? await c.req.json() : await c.req.parseBody();
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const { email, password, next } = body as Record<string, unknown>;
  if (typeof email !== 'string' || typeof password !== 'string') return null;
  const trimmed = email.trim();
  // An email is at most 320 characters; a long password only costs hashing time.
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed) || trimmed.length > 320 || !isPlainText(trimmed)) return null;
  if (password.length === 0 || password.length > 256 || !isWellFormed(password)) return null;
  return { email: trimmed, password, next: safeNext(next) };
}
