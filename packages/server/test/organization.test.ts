// Organization administration without SQL: an organization's own settings through
// `GET`/`PATCH /organization` (owners and admins change them, with immediate effect), the host's
// `createOrganization`/`updateOrganization`, and the default pipeline every new organization gets.
import { randomBytes, randomUUID } from 'node:crypto';
import { Organization, type Pipeline } from '@crmkit/core';
import { and, eq } from 'drizzle-orm';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, updateOrganization } from '../src/admin.js';
import { createCrm } from '../src/app.js';
import { mintEmbedToken } from '../src/auth/embed-token.js';
import { auditLog, organizations, pipelines } from '../src/db/schema/index.js';
import type { ProblemError } from '../src/http/problem.js';
import { testDatabases } from './databases.js';
import { createTestKit, type TestKit } from './kit.js';
import { mountKit } from './support/contract.js';

const secret = () => randomBytes(48).toString('base64');

describe.each(testDatabases())('organizations on $name', ({ get }) => {
  let kit: TestKit;
  beforeAll(async () => {
    kit = await createTestKit(get());
  });

  const patch = (who: keyof TestKit['acme']['users'], body: unknown, headers?: Record<string, string>) =>
    kit.request(kit.acme.users[who], 'PATCH', '/organization', body, headers);

  it('shows any member the settings, never the embed secret', async () => {
    await updateOrganization(get().db, kit.acme.id, { embedSecret: secret() });
    const res = await kit.request(kit.acme.users.viewer, 'GET', '/organization');
    expect(res.status).toBe(200);
    const org = Organization.parse(await res.json());
    expect(org).toMatchObject({ id: kit.acme.id, baseCurrency: 'USD', embedSecretSet: true });
    expect(JSON.stringify(org)).not.toMatch(/embedSecret"/);
    expect(res.headers.get('etag')).toBe(`"${org.version}"`);
  });

  it('lets owners and admins change the settings, others not', async () => {
    for (const who of ['manager', 'rep', 'viewer'] as const)
      expect((await patch(who, { locale: 'zh-Hant' })).status).toBe(403);
    const res = await patch('admin', {
      locale: 'zh-Hant',
      timeZone: 'Asia/Taipei',
      baseCurrency: 'TWD',
      exchangeRates: { USD: 32.5 },
      allowedOrigins: ['https://shop.example.com', 'https://shop.example.com', 'http://localhost:5173'],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      locale: 'zh-Hant',
      timeZone: 'Asia/Taipei',
      baseCurrency: 'TWD',
      exchangeRates: { USD: 32.5 },
      allowedOrigins: ['https://shop.example.com', 'http://localhost:5173'],
    });
    expect((await patch('owner', { name: 'Acme Taiwan' })).status).toBe(200);
  });

  it('refuses bad settings field by field, a weak embed secret among them, and changes nothing', async () => {
    const before = await (await kit.request(kit.acme.users.admin, 'GET', '/organization')).json();
    const cases: [unknown, string, string?][] = [
      [{ embedSecret: 'short' }, 'embedSecret', 'too_short'],
      [{ embedSecret: 'ab'.repeat(20) }, 'embedSecret', 'invalid_value'],
      [{ embedSecret: 'password'.repeat(5) }, 'embedSecret', 'invalid_value'],
      [{ allowedOrigins: ['https://shop.example.com/'] }, 'allowedOrigins.0'],
      [{ allowedOrigins: ['shop.example.com'] }, 'allowedOrigins.0'],
      [{ baseCurrency: 'usd' }, 'baseCurrency'],
      [{ exchangeRates: { EUR: 0 } }, 'exchangeRates.EUR'],
      [{ exchangeRates: { euro: 1 } }, 'exchangeRates.euro'],
      [{ locale: 'fr' }, 'locale'],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'invalid_value'],
      [{ weekStartsOn: 0 }, 'weekStartsOn', 'too_small'],
      [{ weekStartsOn: 8 }, 'weekStartsOn', 'too_big'],
      [{ weekStartsOn: 'mon' }, 'weekStartsOn', 'invalid_type'],
      [{ slug: 'renamed' }, 'slug', 'unknown_field'],
    ];
    for (const [body, path, code] of cases) {
      const res = await patch('admin', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { errors } = (await res.json()) as { errors: { path: string; code: string }[] };
      expect(errors, JSON.stringify(body)).toEqual([expect.objectContaining({ path, ...(code ? { code } : {}) })]);
    }
    // Two bad fields: both named.
    const both = await patch('admin', { embedSecret: 'x', locale: 'fr' });
    const { errors } = (await both.json()) as { errors: { path: string }[] };
    expect(errors.map((e) => e.path).sort()).toEqual(['embedSecret', 'locale']);
    expect(await (await kit.request(kit.acme.users.admin, 'GET', '/organization')).json()).toEqual(before);
  });

  it('honours If-Match, and writes nothing for a change of nothing', async () => {
    const read = await kit.request(kit.acme.users.admin, 'GET', '/organization');
    const etag = read.headers.get('etag')!;
    const { locale, version } = (await read.json()) as Organization;
    const same = await patch('admin', { locale }, { 'if-match': etag });
    expect(((await same.json()) as Organization).version).toBe(version);
    expect((await patch('admin', { name: 'Acme' }, { 'if-match': `"${version + 5}"` })).status).toBe(412);
    expect((await patch('admin', { name: 'Acme' }, { 'if-match': etag })).status).toBe(200);
  });

  it('keeps an audit entry of each change, without the secret', async () => {
    const value = secret();
    await patch('admin', { embedSecret: value, allowedOrigins: ['https://audit.example.com'] });
    const entries = await get()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, kit.acme.id), eq(auditLog.entity, 'organization')));
    const last = entries.at(-1)!;
    expect(last).toMatchObject({ action: 'update', actorId: kit.acme.users.admin.userId });
    expect(last.after).toMatchObject({ allowedOrigins: ['https://audit.example.com'], embedSecret: '(changed)' });
    expect(JSON.stringify(entries)).not.toContain(value);
  });

  it('applies allowed origins and the embed secret to the next request, in another kit too', async () => {
    const site = `https://shop-${randomUUID()}.example`;
    const other = mountKit(createCrm({ database: get() }));
    const fromSite = (app: Hono, token?: string) =>
      app.request('https://crm.example.com/api/crm/customers', {
        headers: { origin: site, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
    expect((await fromSite(other)).headers.get('access-control-allow-origin')).toBeNull();
    const key = secret();
    expect((await patch('admin', { allowedOrigins: [site], embedSecret: key })).status).toBe(200);
    const claims = { orgId: kit.acme.id, userId: kit.acme.users.rep.userId, scopes: ['*:read'], audience: site };
    const token = await mintEmbedToken(key, claims);
    const res = await fromSite(other, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(site);
    // Signed with anything but the organization's secret: worthless.
    expect((await fromSite(other, await mintEmbedToken(secret(), claims))).status).toBe(401);
    // Rotated: the old token stops at once.
    expect((await patch('admin', { embedSecret: secret() })).status).toBe(200);
    expect((await fromSite(other, token)).status).toBe(401);
  });

  it('refuses a change through an embed token', async () => {
    const key = secret();
    await updateOrganization(get().db, kit.globex.id, { embedSecret: key });
    const token = await mintEmbedToken(key, {
      orgId: kit.globex.id,
      userId: kit.globex.users.owner.userId,
      scopes: ['*:write'],
      audience: 'https://x.example',
    });
    const res = await kit.app.request('/api/crm/organization', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ allowedOrigins: ['https://evil.example'] }),
    });
    expect(res.status).toBe(403);
  });

  it("the host's createOrganization refuses bad fields by name and creates nothing", async () => {
    const slug = `bad-${randomUUID()}`;
    const refused = (await createOrganization(get().db, {
      slug,
      name: 'Bad',
      embedSecret: 'weak',
      locale: 'fr' as never,
    }).catch((e: unknown) => e)) as ProblemError;
    expect(refused.problem.errors?.map((e) => e.path).sort()).toEqual(['embedSecret', 'locale']);
    expect(await get().db.select().from(organizations).where(eq(organizations.slug, slug))).toEqual([]);
  });

  async function pipelinesOf(orgId: string, userId: string) {
    const app = mountKit(createCrm({ database: get(), identify: () => ({ orgId, userId, role: 'admin' }) }));
    const res = await app.request('/api/crm/pipelines');
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Pipeline[] }).items;
  }

  it.each([
    [
      'en',
      'New business',
      ['Initial contact', 'Needs analysis', 'Proposal', 'Negotiation', 'Won', 'Lost'],
      'No budget',
    ],
    ['zh-Hant', '新客戶開發', ['初步接觸', '需求分析', '提案報價', '議價協商', '成交', '未成交'], '沒有預算'],
    ['zh-Hans', '新客户开发', ['初步接触', '需求分析', '提案报价', '议价协商', '成交', '未成交'], '没有预算'],
  ] as const)(
    'comes with an organization the host creates, in its locale (%s)',
    async (locale, name, stages, reason) => {
      const org = await createOrganization(get().db, { slug: `dp-${randomUUID()}`, name: 'D', locale });
      const user = await createUser(get().db, org.id, { email: 'a@d.test', name: 'A', role: 'admin' });
      const [pipeline, ...more] = await pipelinesOf(org.id, user.id);
      expect(more).toEqual([]);
      expect(pipeline).toMatchObject({ name, isDefault: true });
      expect(pipeline!.stages.map((s) => [s.name, s.probability, s.kind])).toEqual(
        stages.map((s, i) => [s, [10, 25, 50, 75, 100, 0][i], ['open', 'open', 'open', 'open', 'won', 'lost'][i]]),
      );
      expect(pipeline!.stages.at(-1)!.requires).toEqual(['lostReason']);
      // With the usual reasons for losing a deal, in the same language.
      expect(pipeline!.lostReasons).toHaveLength(5);
      expect(pipeline!.lostReasons).toContain(reason);
    },
  );

  it("keeps a pipeline's lost reasons as an admin sets them, each once", async () => {
    const org = await createOrganization(get().db, { slug: `lr-${randomUUID()}`, name: 'L', locale: 'en' });
    const user = await createUser(get().db, org.id, { email: 'a@l.test', name: 'A', role: 'admin' });
    const app = mountKit(
      createCrm({ database: get(), identify: () => ({ orgId: org.id, userId: user.id, role: 'admin' }) }),
    );
    const [pipeline] = await pipelinesOf(org.id, user.id);
    const send = (lostReasons: unknown, version: number) =>
      app.request(`/api/crm/pipelines/${pipeline!.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': `"${version}"` },
        body: JSON.stringify({ lostReasons }),
      });
    const twice = await send(['Price', 'Price'], pipeline!.version);
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['lostReasons']);
    const saved = await send([' Price ', 'Timing'], pipeline!.version);
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as Pipeline;
    expect(body.lostReasons).toEqual(['Price', 'Timing']);
    // The stages are left as they were.
    expect(body.stages.map((s) => s.id)).toEqual(pipeline!.stages.map((s) => s.id));
  });

  it("comes with an organization a host's identify names first", async () => {
    const slug = `shop-${randomUUID()}`;
    const app = mountKit(
      createCrm({
        database: get(),
        identify: () => ({
          organization: { slug, name: 'Shop', locale: 'zh-Hans' },
          user: { externalRef: 'u1', email: 'u1@shop.test', name: 'U1', role: 'admin' },
        }),
      }),
    );
    const res = await app.request('/api/crm/pipelines');
    const { items } = (await res.json()) as { items: Pipeline[] };
    expect(items.map((p) => [p.name, p.isDefault, p.stages.length])).toEqual([['新客户开发', true, 6]]);
    const [org] = await get().db.select().from(organizations).where(eq(organizations.slug, slug));
    const board = await app.request(`/api/crm/pipelines/${items[0]!.id}/board`);
    expect(board.status).toBe(200);
    expect(await get().db.select().from(pipelines).where(eq(pipelines.orgId, org!.id))).toHaveLength(1);
  });
});
