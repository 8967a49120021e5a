// The kit's sign-in and embedding settings: a weak embed secret is refused, the throttle counts
// the client behind a proxy, a password does not list a person's organizations, and a change of
// an organization's allowed origins applies to the next request of every kit.
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser } from '../src/admin.js';
import { createCrm } from '../src/app.js';
import { mountKit } from './support/contract.js';
import { clientAddress } from '../src/auth/client-address.js';
import { LruCache } from '../src/auth/lru.js';
import type { PasswordHasher } from '../src/auth/passwords.js';
import { organizations } from '../src/db/schema/index.js';
import { testDatabases } from './databases.js';

const plainPasswords: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  verify: async (hash, password) => hash === `plain:${password}`,
};

describe('kit options', () => {
  const database = new Promise(() => {}) as never;

  it('refuses an embed secret shorter than 32 bytes, with a clear error', () => {
    expect(() => createCrm({ database, embedSecret: 'secret' })).toThrow(/embedSecret must be at least 32 bytes/);
    expect(() => createCrm({ database, embedSecret: '' })).toThrow(/at least 32 bytes/);
    expect(() => createCrm({ database, embedSecret: 'x'.repeat(32) })).not.toThrow();
    // Bytes, not characters: 11 CJK characters are 33 bytes of UTF-8.
    expect(() => createCrm({ database, embedSecret: '密'.repeat(11) })).not.toThrow();
    expect(() => createCrm({ database, trustProxy: -1 })).toThrow(/trustProxy/);
  });

  it('reads the client address behind trusted proxies, and nothing a client wrote itself', async () => {
    const addressOf = async (options: Parameters<typeof clientAddress>[1], headers: Record<string, string>) => {
      let seen = '';
      const app = new Hono().get('/', (c) => {
        seen = clientAddress(c, options);
        return c.body(null);
      });
      await app.request('/', { headers });
      return seen;
    };
    const spoofed = { 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' };
    expect(await addressOf({}, spoofed)).toBe('unknown');
    expect(await addressOf({ trustProxy: 1 }, spoofed)).toBe('10.0.0.2');
    expect(await addressOf({ trustProxy: 2 }, spoofed)).toBe('203.0.113.7');
    expect(await addressOf({ trustProxy: 1 }, {})).toBe('unknown');
    expect(await addressOf({ trustProxy: 1, clientAddress: (c) => c.req.header('cf-connecting-ip') ?? '' }, {})).toBe(
      'unknown',
    );
    expect(
      await addressOf(
        { clientAddress: (c) => c.req.header('cf-connecting-ip') ?? '' },
        { 'cf-connecting-ip': '1.2.3.4' },
      ),
    ).toBe('1.2.3.4');
  });

  it('keeps a bounded cache to its capacity, forgetting the least recently used', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
  });
});

describe.each(testDatabases())('sign-in and embedding settings on $name', ({ get }) => {
  let app: Hono;
  let id: string;
  const login = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('http://localhost/api/crm/auth/login', {
      method: 'POST',
      // Each run its own address (the database is shared between runs), unless a test names one.
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `run-${id}`, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    app = mountKit(createCrm({ database: get(), passwords: plainPasswords, trustProxy: 1 }));
  });

  it('does not list the organizations of an email, and signs in where the password opens one', async () => {
    const email = `two-orgs-${id}@example.com`;
    const slugs = [`first-${id}`, `second-${id}`];
    for (const [i, slug] of slugs.entries()) {
      const org = await createOrganization(get().db, { slug, name: slug });
      await createUser(get().db, org.id, { email, name: 'Pat', role: 'rep', passwordHash: `plain:password ${i}` });
    }
    // Each organization's own password opens that organization alone; the other is not named.
    const first = await login({ email, password: 'password 0' });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { organization: { slug: string } }).organization.slug).toBe(slugs[0]);

    // The same password in both: the person names one, and nothing lists them.
    const org2 = (await get().db.select().from(organizations).where(eq(organizations.slug, slugs[1]!)))[0]!;
    const org3 = await createOrganization(get().db, { slug: `third-${id}`, name: 'third' });
    await createUser(get().db, org3.id, { email, name: 'Pat', role: 'rep', passwordHash: 'plain:password 1' });
    const ambiguous = await login({ email, password: 'password 1' });
    expect(ambiguous.status).toBe(400);
    const text = await ambiguous.text();
    expect(text).toContain('organization');
    for (const slug of [...slugs, `third-${id}`]) expect(text).not.toContain(slug);
    const named = await login({ email, password: 'password 1', organization: org2.slug });
    expect(named.status).toBe(200);
  });

  it('throttles each client behind the proxy by its own address', async () => {
    const email = `throttled-${id}@example.com`;
    const org = await createOrganization(get().db, { slug: `throttle-${id}`, name: 'Throttle' });
    await createUser(get().db, org.id, { email, name: 'Pat', role: 'rep', passwordHash: 'plain:right password' });
    // An attacker behind the proxy exhausts the address limit of their own address only.
    // (Addresses made unique per run, as the database is shared between runs.)
    const attacker = { 'x-forwarded-for': `spoofed, attacker-${id}` };
    for (let i = 0; i < 100; i++) {
      const res = await login({ email: `nobody-${i}-${id}@example.com`, password: 'wrong' }, attacker);
      expect(res.status).toBe(401);
    }
    expect((await login({ email, password: 'right password' }, attacker)).status).toBe(429);
    const neighbour = { 'x-forwarded-for': `neighbour-${id}` };
    expect((await login({ email, password: 'right password' }, neighbour)).status).toBe(200);
  });

  it("applies a change of an organization's allowed origins to the next request, in every kit", async () => {
    const site = `https://shop-${id}.example`;
    const org = await createOrganization(get().db, { slug: `cors-${id}`, name: 'Cors' });
    const other = mountKit(createCrm({ database: get() }));
    const preflight = (kit: Hono) =>
      kit.request('https://crm.example.com/api/crm/customers', {
        method: 'OPTIONS',
        headers: { origin: site, 'access-control-request-method': 'GET' },
      });
    const setOrigins = (allowedOrigins: string[]) =>
      get().db.update(organizations).set({ allowedOrigins }).where(eq(organizations.id, org.id));

    for (const kit of [app, other])
      expect((await preflight(kit)).headers.get('access-control-allow-origin')).toBeNull();
    await setOrigins([site]);
    for (const kit of [app, other])
      expect((await preflight(kit)).headers.get('access-control-allow-origin')).toBe(site);
    await setOrigins([]);
    for (const kit of [app, other])
      expect((await preflight(kit)).headers.get('access-control-allow-origin')).toBeNull();
  });
});
