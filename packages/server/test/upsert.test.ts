import { ApiError, createClient } from '@crmkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';

type Json = Record<string, unknown>;

/** Upsert by another system's id: `PUT /{resource}/by-external-id/{source}/{id}`. */
describe.each(testDatabases())('upsert by external id on $name', ({ get }) => {
  let kit: TestKit;
  const send = async (who: Member, method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await kit.request(who, method, path, body, headers);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as Json };
  };
  const run = Date.now().toString(36);

  beforeAll(async () => {
    kit = await createTestKit(get());
  });

  it('creates once, then answers the same body with the same record and version, writing nothing', async () => {
    const { admin } = kit.acme.users;
    const path = `/customers/by-external-id/shop/C-${run}-1`;
    const first = await send(admin, 'PUT', path, { name: 'Jade Mountain Tea', emails: ['tea@jade.test'] });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toMatch(new RegExp(`/customers/${String(first.body.id)}$`));
    expect(first.headers.get('etag')).toBe('"1"');
    const again = await send(admin, 'PUT', path, { name: 'Jade Mountain Tea', emails: ['tea@jade.test'] });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const history = await send(admin, 'GET', `/customers/${String(first.body.id)}/history`);
    expect((history.body.items as Json[]).map((h) => h.action)).toEqual(['create']);

    // A change of one field: the fields left out keep their values rather than their defaults.
    await send(admin, 'PATCH', `/customers/${String(first.body.id)}`, { tags: ['vip'], lifecycleStage: 'customer' });
    const changed = await send(admin, 'PUT', path, { name: 'Jade Mountain Tea Co.' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Jade Mountain Tea Co.', tags: ['vip'], lifecycleStage: 'customer' });
    expect(changed.body.emails).toEqual(['tea@jade.test']);
    expect(changed.body.version).toBe(3);
    const read = await send(admin, 'GET', path);
    expect(read.body).toEqual(changed.body);
  });

  it('keeps the ids of two systems on one record, each naming it', async () => {
    const { admin } = kit.acme.users;
    const shop = await send(admin, 'PUT', `/customers/by-external-id/shop/S-${run}`, { name: 'Two Systems Ltd' });
    // The ERP learns of the record through the kit and links its own id to it.
    const id = String(shop.body.id);
    const linked = await send(admin, 'PUT', `/customers/${id}/external-ids/erp/E-${run}`);
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual({ shop: `S-${run}`, erp: `E-${run}` });
    expect((await send(admin, 'PUT', `/customers/${id}/external-ids/erp/E-${run}`)).status).toBe(200);
    // The ERP's upsert now changes the same record; the shop's id still names it.
    const viaErp = await send(admin, 'PUT', `/customers/by-external-id/erp/E-${run}`, { name: 'Two Systems Co.' });
    expect(viaErp.status).toBe(200);
    expect(viaErp.body).toMatchObject({ id, name: 'Two Systems Co.', version: 2 });
    expect((await send(admin, 'GET', `/customers/by-external-id/shop/S-${run}`)).body.name).toBe('Two Systems Co.');
    expect((await send(admin, 'GET', `/customers/${id}/external-ids`)).body).toEqual({
      shop: `S-${run}`,
      erp: `E-${run}`,
    });
    // One id per system per record, and one record per id.
    expect((await send(admin, 'PUT', `/customers/${id}/external-ids/erp/E2-${run}`)).status).toBe(409);
    const other = await send(admin, 'PUT', `/customers/by-external-id/shop/S2-${run}`, { name: 'Other' });
    expect((await send(admin, 'PUT', `/customers/${String(other.body.id)}/external-ids/erp/E-${run}`)).status).toBe(
      409,
    );
    expect((await send(admin, 'GET', `/customers/by-external-id/erp/S-${run}`)).status).toBe(404);
    // The same id in another resource is another record.
    const contact = await send(admin, 'PUT', `/contacts/by-external-id/shop/S-${run}`, { name: 'Mei', customerId: id });
    expect(contact.status).toBe(201);
  });

  it('never matches the id of another organization', async () => {
    const path = `/customers/by-external-id/shop/T-${run}`;
    const acme = await send(kit.acme.users.admin, 'PUT', path, { name: 'Acme side' });
    const globex = await send(kit.globex.users.admin, 'PUT', path, { name: 'Globex side' });
    expect(acme.status).toBe(201);
    expect(globex.status).toBe(201);
    expect(globex.body.id).not.toBe(acme.body.id);
    expect((await send(kit.acme.users.admin, 'GET', path)).body.name).toBe('Acme side');
  });

  it("answers a rep's upsert onto a record they cannot see as a read would: 404, nothing changed", async () => {
    const { admin, rep, rep2, viewer } = kit.acme.users;
    const path = `/customers/by-external-id/shop/R-${run}`;
    const owned = await send(admin, 'PUT', path, { name: "Rep 2's client", ownerId: rep2.userId });
    expect((await send(rep, 'GET', `/customers/${String(owned.body.id)}`)).status).toBe(404);
    const upsert = await send(rep, 'PUT', path, { name: 'Taken over' });
    expect(upsert.status).toBe(404);
    expect(upsert.headers.get('content-type')).toBe('application/problem+json');
    expect((await send(rep, 'GET', path)).status).toBe(404);
    expect((await send(rep2, 'PUT', path, { name: "Rep 2's client" })).status).toBe(200);
    expect((await send(viewer, 'PUT', path, { name: 'Viewer' })).status).toBe(403);
    expect((await send(admin, 'GET', path)).body).toMatchObject({ name: "Rep 2's client", version: 1 });
  });

  it('honours If-Match when given: a stale version or a missing record is a 412', async () => {
    const { admin } = kit.acme.users;
    const path = `/customers/by-external-id/shop/M-${run}`;
    expect((await send(admin, 'PUT', path, { name: 'Matched' }, { 'if-match': '*' })).status).toBe(412);
    expect((await send(admin, 'PUT', path, { name: 'Matched' })).status).toBe(201);
    expect((await send(admin, 'PUT', path, { name: 'Stale' }, { 'if-match': '"7"' })).status).toBe(412);
    expect((await send(admin, 'PUT', path, { name: 'Fresh' }, { 'if-match': '"1"' })).body.version).toBe(2);
    expect((await send(admin, 'PUT', path, { name: 'Any' }, { 'if-match': '*' })).body.version).toBe(3);
  });

  it('refuses bad input field by field and changes nothing', async () => {
    const { admin } = kit.acme.users;
    const bad = await send(admin, 'PUT', `/customers/by-external-id/shop/B-${run}`, {
      name: 'a\u0000b',
      emails: ['x'],
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as Json[]).map((e) => [e.path, e.code])).toEqual([
      ['name', 'forbidden_character'],
      ['emails.0', 'invalid_format'],
    ]);
    expect((await send(admin, 'GET', `/customers/by-external-id/shop/B-${run}`)).status).toBe(404);
    const source = await send(admin, 'PUT', `/customers/by-external-id/${encodeURIComponent('bad source')}/1`, {
      name: 'x',
    });
    expect(source.status).toBe(400);
    expect((source.body.errors as Json[])[0]).toMatchObject({ path: 'source' });
    expect((await send(admin, 'PUT', `/customers/by-external-id/shop/${'x'.repeat(201)}`, { name: 'x' })).status).toBe(
      400,
    );
  });

  it('makes one record of two upserts of a new id at once', async () => {
    const { admin } = kit.acme.users;
    const path = `/customers/by-external-id/shop/RACE-${run}`;
    const [a, b] = await Promise.all([
      send(admin, 'PUT', path, { name: 'Race' }),
      send(admin, 'PUT', path, { name: 'Race' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
  });

  it('is in the typed client', async () => {
    const client = createClient({
      baseUrl: '/api/crm',
      headers: { 'x-test-user': kit.acme.users.admin.userId },
      fetch: (request) => kit.app.fetch(request),
    });
    const body = {
      customerId: String(
        (await send(kit.acme.users.admin, 'PUT', `/customers/by-external-id/shop/OC-${run}`, { name: 'Buyer' })).body
          .id,
      ),
      totalAmount: 12_900,
      currency: 'TWD',
      placedAt: '2026-03-01T10:00:00Z',
    };
    const created = await client.orders.upsert('shop', `O-${run}`, body);
    expect(created.version).toBe(1);
    expect((await client.orders.upsert('shop', `O-${run}`, body)).version).toBe(1);
    expect((await client.orders.getByExternalId('shop', `O-${run}`)).id).toBe(created.id);
    const stale = await client.orders
      .upsert('shop', `O-${run}`, { ...body, status: 'paid' }, { version: 9 })
      .catch((e: unknown) => e);
    expect((stale as ApiError).status).toBe(412);
  });
});
