import { eq } from 'drizzle-orm';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser } from '../src/admin.js';
import { argon2Passwords } from '../src/auth/argon2.js';
import { createCrm } from '../src/app.js';
import { mountKit } from './support/contract.js';
import { sessions } from '../src/db/schema/index.js';
import { testDatabases } from './databases.js';
import { afterSeconds } from './support/clock.js';

const PASSWORD = 'correct horse battery';

describe.each(testDatabases())('sign-in on $name', ({ get }) => {
  let app: Hono;
  let email: string;
  let slug: string;

  const login = (body: unknown, base = 'http://localhost', headers: Record<string, string> = {}) =>
    app.request(`${base}/api/crm/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';

  beforeAll(async () => {
    const db = get().db;
    const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    slug = `signin-${id}`;
    email = `person-${id}@example.com`;
    const org = await createOrganization(db, { slug, name: 'Sign-in Co' });
    await createUser(db, org.id, {
      email,
      name: 'Pat',
      role: 'rep',
      passwordHash: await argon2Passwords.hash(PASSWORD),
    });
    // Each run its own address, so the per-address limit of a shared database never trips it.
    const address = `198.51.100.${Math.floor(Math.random() * 250)}-${id}`;
    const crm = createCrm({
      database: get(),
      passwords: argon2Passwords,
      session: { idleTimeout: 2, maxAge: 3600 },
      clientAddress: () => address,
    });
    app = mountKit(crm);
  });

  it('signs in with a fresh random session whose token is stored only as a hash', async () => {
    const a = await login({ email, password: PASSWORD });
    expect(a.status).toBe(200);
    expect(await a.json()).toMatchObject({ user: { email, role: 'rep' }, organization: { slug }, via: 'session' });
    const token = cookieOf(a).split('=')[1]!;
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const b = await login({ email, password: PASSWORD });
    expect(cookieOf(b)).not.toBe(cookieOf(a));
    const stored = await get().db.select().from(sessions);
    expect(stored.some((s) => s.id === token)).toBe(false);
    expect(stored.some((s) => s.id.length === 64)).toBe(true);
  });

  it('sets a __Host- cookie, HttpOnly, Secure and SameSite=Lax over https; a plain one only on http://localhost', async () => {
    const secure = await login({ email, password: PASSWORD }, 'https://crm.example.com');
    const cookie = secure.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-crmkit_session=/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    const local = await login({ email, password: PASSWORD });
    expect(local.headers.get('set-cookie')).toMatch(/^crmkit_session=.*HttpOnly.*SameSite=Lax/);
    // The development cookie is not accepted anywhere but plain http on this machine.
    const elsewhere = await app.request('https://crm.example.com/api/crm/auth/session', {
      headers: { cookie: cookieOf(local) },
    });
    expect(elsewhere.status).toBe(401);
  });

  it('keeps a session across requests, ends it at sign-out and after the idle timeout', async () => {
    const cookie = cookieOf(await login({ email, password: PASSWORD }));
    const me = await app.request('http://localhost/api/crm/auth/session', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await app.request('http://localhost/api/crm/customers', { headers: { cookie } })).status).toBe(200);
    const out = await app.request('http://localhost/api/crm/auth/logout', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect((await app.request('http://localhost/api/crm/auth/session', { headers: { cookie } })).status).toBe(401);

    const idle = cookieOf(await login({ email, password: PASSWORD }));
    const session = () => app.request('http://localhost/api/crm/auth/session', { headers: { cookie: idle } });
    expect((await afterSeconds(3, session)).status).toBe(401);
  });

  it('refuses cross-site writes that carry the session cookie', async () => {
    const cookie = cookieOf(await login({ email, password: PASSWORD }));
    const crossSite = await app.request('http://localhost/api/crm/customers', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ name: 'Forged' }),
    });
    expect(crossSite.status).toBe(403);
    const foreignOrigin = await app.request('http://localhost/api/crm/customers', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'Forged' }),
    });
    expect(foreignOrigin.status).toBe(403);
    const list = (await (
      await app.request('http://localhost/api/crm/customers?q=forged', { headers: { cookie } })
    ).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    const sameOrigin = await app.request('http://localhost/api/crm/customers', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ name: 'Real' }),
    });
    expect(sameOrigin.status).toBe(201);
  });

  it('revokes every session when the password changes, and signs in with the new one only', async () => {
    const other = cookieOf(await login({ email, password: PASSWORD }));
    const mine = cookieOf(await login({ email, password: PASSWORD }));
    const weak = await app.request('http://localhost/api/crm/auth/password', {
      method: 'POST',
      headers: { cookie: mine, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'short' }),
    });
    expect(weak.status).toBe(400);
    const changed = await app.request('http://localhost/api/crm/auth/password', {
      method: 'POST',
      headers: { cookie: mine, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: PASSWORD, newPassword: `${PASSWORD} 2` }),
    });
    expect(changed.status).toBe(204);
    const fresh = cookieOf(changed);
    expect((await app.request('http://localhost/api/crm/auth/session', { headers: { cookie: other } })).status).toBe(
      401,
    );
    expect((await app.request('http://localhost/api/crm/auth/session', { headers: { cookie: mine } })).status).toBe(
      401,
    );
    expect((await app.request('http://localhost/api/crm/auth/session', { headers: { cookie: fresh } })).status).toBe(
      200,
    );
    expect((await login({ email, password: PASSWORD })).status).toBe(401);
    expect((await login({ email, password: `${PASSWORD} 2` })).status).toBe(200);
    // Put it back for the other tests.
    await app.request('http://localhost/api/crm/auth/password', {
      method: 'POST',
      headers: { cookie: fresh, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: `${PASSWORD} 2`, newPassword: PASSWORD }),
    });
  });

  it('locks an account after ten wrong passwords in a row: the twelfth gets 429 with Retry-After', async () => {
    const target = `nobody-${Math.random().toString(36).slice(2)}@example.com`;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login({ email: target, password: `guess ${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const locked = await login({ email: target, password: 'guess' });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers a wrong email and a wrong password alike', async () => {
    const wrongEmail = await login({ email: 'no-such-person@example.com', password: PASSWORD });
    const wrongPassword = await login({ email, password: 'not the password' });
    expect(wrongEmail.status).toBe(401);
    expect(wrongPassword.status).toBe(401);
    expect(((await wrongEmail.json()) as { detail: string }).detail).toBe(
      ((await wrongPassword.json()) as { detail: string }).detail,
    );
  });

  it('asks for credentials: no cookie, a forged cookie or a malformed bearer get 401', async () => {
    expect((await app.request('http://localhost/api/crm/customers')).status).toBe(401);
    expect(
      (await app.request('http://localhost/api/crm/customers', { headers: { cookie: 'crmkit_session=forged' } }))
        .status,
    ).toBe(401);
    expect(
      (await app.request('http://localhost/api/crm/customers', { headers: { authorization: 'Bearer nonsense' } }))
        .status,
    ).toBe(401);
    const gone = await get().db.select().from(sessions).where(eq(sessions.id, 'forged'));
    expect(gone).toEqual([]);
  });
});
