import type { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCrm } from '../src/app.js';
import { mountKit } from './support/contract.js';
import { mintEmbedToken } from '../src/auth/embed-token.js';
import { organizations } from '../src/db/schema/index.js';
import { testDatabases } from './databases.js';
import { createTestKit, type TestKit } from './kit.js';
import { afterSeconds } from './support/clock.js';

const SECRET = 'an embed secret of at least thirty-two bytes!';
const SHOP = 'https://shop.example.com';

describe.each(testDatabases())('embed tokens and API keys on $name', ({ get }) => {
  let kit: TestKit;
  let app: Hono;

  beforeAll(async () => {
    kit = await createTestKit(get());
    await get()
      .db.update(organizations)
      .set({ allowedOrigins: [SHOP] })
      .where(eq(organizations.id, kit.acme.id));
    app = mountKit(createCrm({ database: get(), embedSecret: SECRET }));
  });

  const bearer = (token: string, path: string, init: RequestInit = {}, origin = SHOP) =>
    app.request(`https://crm.example.com/api/crm${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        origin,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string>),
      },
    });

  it('lets an embed token from an allowed site read within its scopes, with CORS headers', async () => {
    const rep = kit.acme.users.rep;
    const token = await mintEmbedToken(SECRET, {
      orgId: rep.orgId,
      userId: rep.userId,
      scopes: ['customers:read'],
      audience: SHOP,
    });
    const res = await bearer(token, '/customers');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await bearer(token, '/customers', { method: 'POST', body: JSON.stringify({ name: 'X' }) })).status).toBe(
      403,
    );
    expect((await bearer(token, '/opportunities')).status).toBe(403);
  });

  // An embed token lives in a browser page: whatever its scopes, it never mints or manages credentials.
  it("refuses an embed token's API key writes, even with the api_keys scope", async () => {
    const admin = kit.acme.users.admin;
    const token = await mintEmbedToken(SECRET, {
      orgId: admin.orgId,
      userId: admin.userId,
      scopes: ['api_keys:write', '*:write'],
      audience: SHOP,
    });
    const create = await bearer(token, '/api-keys', {
      method: 'POST',
      body: JSON.stringify({ name: 'From a page', scopes: ['*:write'] }),
    });
    expect(create.status).toBe(403);
    expect((await bearer(token, '/api-keys')).status).toBe(403);
    const keys = (await (await kit.request(admin, 'GET', '/api-keys')).json()) as { items: { name: string }[] };
    expect(keys.items.map((k) => k.name)).not.toContain('From a page');
  });

  it('answers a preflight from an allowed site, and not from another', async () => {
    const ok = await app.request('https://crm.example.com/api/crm/customers', {
      method: 'OPTIONS',
      headers: {
        origin: SHOP,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, if-match',
      },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(ok.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/If-Match/i);
    const other = await app.request('https://crm.example.com/api/crm/customers', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a token used from another site, a forged or expired token, and another organization', async () => {
    const rep = kit.acme.users.rep;
    const token = await mintEmbedToken(SECRET, {
      orgId: rep.orgId,
      userId: rep.userId,
      scopes: ['*:read'],
      audience: SHOP,
    });
    expect((await bearer(token, '/customers', {}, 'https://evil.example')).status).toBe(403);
    const forged = await mintEmbedToken('another secret that is long enough ...', {
      orgId: rep.orgId,
      userId: rep.userId,
      scopes: ['*:write'],
      audience: SHOP,
    });
    expect((await bearer(forged, '/customers')).status).toBe(401);
    const shortLived = await mintEmbedToken(
      SECRET,
      { orgId: rep.orgId, userId: rep.userId, scopes: ['*:read'], audience: SHOP },
      60,
    );
    expect((await bearer(shortLived, '/customers')).status).toBe(200);
    expect(await afterSeconds(61, async () => (await bearer(shortLived, '/customers')).status)).toBe(401);
    // A token naming a member of another organization is worthless: the member is not in it.
    const mixed = await mintEmbedToken(SECRET, {
      orgId: kit.acme.id,
      userId: kit.globex.users.admin.userId,
      scopes: ['*:read'],
      audience: SHOP,
    });
    expect((await bearer(mixed, '/customers')).status).toBe(401);
    // Globex has not allowed the shop's origin.
    const globex = await mintEmbedToken(SECRET, {
      orgId: kit.globex.id,
      userId: kit.globex.users.admin.userId,
      scopes: ['*:read'],
      audience: SHOP,
    });
    expect((await bearer(globex, '/customers')).status).toBe(403);
  });

  it('creates scoped API keys for admins only, uses and revokes them', async () => {
    const admin = kit.acme.users.admin;
    expect(
      (await kit.request(kit.acme.users.rep, 'POST', '/api-keys', { name: 'ERP', scopes: ['customers:write'] })).status,
    ).toBe(403);
    const bad = await kit.request(admin, 'POST', '/api-keys', { name: 'ERP', scopes: ['everything'] });
    expect(bad.status).toBe(400);
    const created = await kit.request(admin, 'POST', '/api-keys', {
      name: 'ERP sync',
      scopes: ['customers:write', 'orders:read'],
    });
    expect(created.status).toBe(201);
    const { key, id } = (await created.json()) as { key: string; id: string };
    expect(key).toMatch(/^crmk_[0-9a-f]{32}_[a-z2-7]+$/);

    const listed = (await (await kit.request(admin, 'GET', '/api-keys')).json()) as {
      items: Record<string, unknown>[];
    };
    const shown = listed.items.find((k) => k.id === id)!;
    expect(shown).toMatchObject({ name: 'ERP sync', scopes: ['customers:write', 'orders:read'], revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(key.split('_')[2]!);

    const use = (path: string, init: RequestInit = {}) =>
      kit.app.request(`/api/crm${path}`, {
        ...init,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      });
    const customer = await use('/customers', {
      method: 'POST',
      body: JSON.stringify({ name: 'Synced from ERP', externalId: `erp-${id}` }),
    });
    expect(customer.status).toBe(201);
    const { id: customerId } = (await customer.json()) as { id: string };
    const history = (await (await kit.request(admin, 'GET', `/customers/${customerId}/history`)).json()) as {
      items: { actorId: string | null }[];
    };
    expect(history.items[0]!.actorId).toBeNull();
    expect((await use('/orders')).status).toBe(200);
    expect((await use('/opportunities')).status).toBe(403);
    expect((await use('/api-keys')).status).toBe(403);

    expect((await kit.request(admin, 'DELETE', `/api-keys/${id}`)).status).toBe(200);
    expect((await use('/customers')).status).toBe(401);
    expect((await kit.request(kit.globex.users.admin, 'DELETE', `/api-keys/${id}`)).status).toBe(404);
  });
});
