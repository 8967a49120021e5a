// `GET /me`: what each caller may see and do, so that screens offer only what will work. Checked
// against what the kit then allows: a write it reports as allowed goes through, one it reports
// as refused is refused.
import { Capabilities } from '@crmkit/core';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { mintEmbedToken } from '../src/auth/embed-token.js';
import { createCrm } from '../src/app.js';
import { organizations } from '../src/db/schema/index.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';
import { mountKit } from './support/contract.js';

const SECRET = 'an embed secret of at least thirty-two bytes!';
const SHOP = 'https://shop.example.com';

describe.each(testDatabases())('capabilities on $name', ({ get }) => {
  let kit: TestKit;

  const me = async (who: Member) => {
    const res = await kit.request(who, 'GET', '/me');
    expect(res.status).toBe(200);
    return Capabilities.parse(await res.json());
  };
  const bearer = (app: ReturnType<typeof mountKit>, token: string, path: string, init: RequestInit = {}) =>
    app.request(`https://crm.example.com/api/crm${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        origin: SHOP,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });

  beforeAll(async () => {
    kit = await createTestKit(get());
    const { admin, manager, rep } = kit.acme.users;
    const team = (await (
      await kit.request(admin, 'POST', '/teams', { name: 'Me East', managerId: manager.userId })
    ).json()) as {
      id: string;
    };
    await kit.request(admin, 'PATCH', `/users/${rep.userId}`, { teamId: team.id });
  });

  it('lets owners and admins do everything and see every owner', async () => {
    for (const who of [kit.acme.users.owner, kit.acme.users.admin]) {
      const caps = await me(who);
      expect(caps).toMatchObject({
        userId: who.userId,
        role: who.role,
        visibility: 'all',
        owners: null,
        unowned: true,
      });
      expect(caps.resources.customers).toEqual({ read: true, create: true, edit: true, delete: true });
      expect(caps.resources.users.create).toBe(true);
      expect(caps.opportunities.move).toBe(true);
    }
  });

  it('lets a manager write records but not people, and see their team and unowned records', async () => {
    const { manager, rep } = kit.acme.users;
    const caps = await me(manager);
    expect(caps).toMatchObject({ role: 'manager', visibility: 'team', unowned: true });
    expect(new Set(caps.owners)).toEqual(new Set([manager.userId, rep.userId]));
    expect(caps.resources.opportunities.create).toBe(true);
    expect(caps.resources.users).toEqual({ read: true, create: false, edit: false, delete: false });
    expect(caps.resources.pipelines.edit).toBe(false);
    // What it says holds: the kit refuses the manager a change to people.
    expect((await kit.request(manager, 'POST', '/users', { email: 'x@acme.test', name: 'X' })).status).toBe(403);
  });

  it('shows a rep only their own records as an owner, and lets them create', async () => {
    const { rep } = kit.acme.users;
    const caps = await me(rep);
    expect(caps).toMatchObject({ role: 'rep', visibility: 'own', owners: [rep.userId], unowned: false });
    expect(caps.resources.customers.create).toBe(true);
    expect(caps.opportunities.move).toBe(true);
    expect((await kit.request(rep, 'POST', '/customers', { name: 'Created by a rep' })).status).toBe(201);
  });

  it('lets a viewer read everything and change nothing', async () => {
    const { viewer } = kit.acme.users;
    const caps = await me(viewer);
    expect(caps).toMatchObject({ role: 'viewer', visibility: 'all', owners: null });
    for (const abilities of Object.values(caps.resources)) {
      expect(abilities).toEqual({ read: true, create: false, edit: false, delete: false });
    }
    expect(caps.opportunities.move).toBe(false);
    expect((await kit.request(viewer, 'POST', '/customers', { name: 'Refused' })).status).toBe(403);
  });

  it('holds an embed token to its scopes, whatever its role allows', async () => {
    await get()
      .db.update(organizations)
      .set({ allowedOrigins: [SHOP] })
      .where(eq(organizations.id, kit.acme.id));
    const app = mountKit(createCrm({ database: get(), embedSecret: SECRET }));
    const rep = kit.acme.users.rep;
    const token = await mintEmbedToken(SECRET, {
      orgId: rep.orgId,
      userId: rep.userId,
      scopes: ['customers:read', 'opportunities:write'],
      audience: SHOP,
    });
    // Open to the token though it has no scope named after it.
    const res = await bearer(app, token, '/me');
    expect(res.status).toBe(200);
    const caps = Capabilities.parse(await res.json());
    expect(caps).toMatchObject({ userId: rep.userId, role: 'rep', via: 'embed', visibility: 'own' });
    expect(caps.resources.customers).toEqual({ read: true, create: false, edit: false, delete: false });
    expect(caps.resources.opportunities).toEqual({ read: true, create: true, edit: true, delete: true });
    expect(caps.resources.activities.read).toBe(false);
    const refused = await bearer(app, token, '/customers', { method: 'POST', body: JSON.stringify({ name: 'No' }) });
    expect(refused.status).toBe(403);
  });

  it('answers an API key as the organization: every owner, within its scopes', async () => {
    const created = await kit.request(kit.acme.users.admin, 'POST', '/api-keys', {
      name: 'Capabilities',
      scopes: ['*:read', 'orders:write'],
    });
    const { key } = (await created.json()) as { key: string };
    const res = await kit.app.request('/api/crm/me', { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const caps = Capabilities.parse(await res.json());
    expect(caps).toMatchObject({ userId: null, role: 'admin', via: 'api-key', visibility: 'all', owners: null });
    expect(caps.resources.orders.create).toBe(true);
    expect(caps.resources.customers).toEqual({ read: true, create: false, edit: false, delete: false });
  });

  it('refuses a caller who is not signed in, and takes no parameters', async () => {
    expect((await kit.request(null, 'GET', '/me')).status).toBe(401);
    expect((await kit.request(kit.acme.users.rep, 'GET', '/me?role=admin')).status).toBe(400);
  });
});
