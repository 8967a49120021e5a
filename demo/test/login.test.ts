// The portal's `POST /login` refuses text the database cannot hold (a NUL, a lone surrogate)
// before it reaches a query, and answers JSON clients with a problem, never a 500 page.
import { describe, expect, it } from 'vitest';
import type { Accounts } from '../src/auth/accounts.js';
import { authRoutes } from '../src/routes/auth.js';

/** Accounts that fail the way PostgreSQL does on a NUL in text (22021), and know no one. */
const accounts = {
  signIn: async (email: string) => {
    if (email.includes('\u0000')) throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
    return null;
  },
} as unknown as Accounts;
const app = authRoutes({ accounts, sessions: {} as never, bundle: {} as never });

const login = (body: string, contentType = 'application/json') =>
  app.request('http://localhost/login', { method: 'POST', headers: { 'content-type': contentType }, body });

describe('the portal sign-in', () => {
  it('answers a NUL or a lone surrogate in the email with a 400 problem for JSON', async () => {
    for (const email of ['rep\u0000@acme.test', 'rep@acme.test\u0000', 'rep\ud800@acme.test', 'r\u0007p@acme.test']) {
      const res = await login(JSON.stringify({ email, password: 'crmkit-demo' }));
      expect(res.status, JSON.stringify(email)).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 400, error: 'invalid' });
    }
  });

  it('answers a form with a NUL by sending the page back with the error', async () => {
    const res = await login(
      new URLSearchParams({ email: 'rep\u0000@acme.test', password: 'x' }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('error=invalid');
  });

  it('answers wrong credentials with a 401 problem that keeps the error code', async () => {
    const res = await login(JSON.stringify({ email: 'nobody@acme.test', password: 'wrong' }));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 401, error: 'credentials' });
  });
});
