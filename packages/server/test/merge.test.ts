import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows } from '../src/db/rows.js';
import { linkName, MERGE_LINKS } from '../src/resources/merge/links.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

/** Merging duplicates: `POST /{customers,contacts,leads}/{id}/merge`. */
describe.each(testDatabases())('merge on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let rep: Member;
  let rep2: Member;
  let viewer: Member;
  let pipelineId: string;
  let stageId: string;
  let run = 0;
  const send = (...args: Parameters<TestKit['send']>) => kit.send(...args);
  const created = async (who: Member, path: string, body: Json) => {
    const res = await send(who, 'POST', path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const customer = (who: Member, body: Json = {}) => created(who, '/customers', { name: `Acme ${run++}`, ...body });
  const merge = (who: Member, path: string, into: unknown, body: Json, headers?: Record<string, string>) =>
    send(who, 'POST', `/${path}/${String(into)}/merge`, body, headers);
  /** Rows of the organization, in the tables that link to `table`, still naming `id` (from the catalog). */
  const linksTo = async (table: string, id: unknown) => {
    const links = await rows<{ tbl: string; col: string }>(
      get().db,
      sql`select c.conrelid::regclass::text as tbl, a.attname as col
          from pg_constraint c
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey) and a.attname <> 'org_id'
          where c.contype = 'f' and c.confrelid = ${`crm.${table}`}::regclass`,
    );
    let total = 0;
    for (const { tbl, col } of links) {
      const [row] = await rows<{ n: number }>(
        get().db,
        sql`select count(*)::int as n from ${sql.raw(tbl)} where org_id = ${kit.acme.id} and ${sql.identifier(col)} = ${String(id)}::uuid`,
      );
      total += row!.n;
    }
    return total;
  };
  const auditCount = async () => {
    const [row] = await rows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from crm.audit_log where org_id = ${kit.acme.id}`,
    );
    return row!.n;
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep, rep2, viewer } = kit.acme.users);
    const pipeline = await created(admin, '/pipelines', {
      name: 'Sales',
      stages: [
        { name: 'Discovery', probability: 10 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    pipelineId = String(pipeline.id);
    stageId = String((pipeline.stages as Json[])[0]!.id);
  });

  it('holds the merge links to every foreign key of the catalog that names a customer, a contact or a lead', async () => {
    for (const [table, links] of Object.entries(MERGE_LINKS)) {
      const catalog = await rows<{ name: string }>(
        get().db,
        sql`select c.conrelid::regclass::text || '.' || a.attname as name
            from pg_constraint c
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey) and a.attname <> 'org_id'
            where c.contype = 'f' and c.confrelid = ${`crm.${table}`}::regclass`,
      );
      const known = links.filter((link) => !link.soft).map((link) => `crm.${linkName(link)}`);
      expect(catalog.map((r) => r.name).sort(), `foreign keys to crm.${table}`).toEqual(known.sort());
    }
  });

  it('moves every link of a customer onto the kept one and trashes the duplicate, counting each kind', async () => {
    const kept = await customer(admin);
    // The duplicate is known to the shop by an id; another customer was merged into it before.
    const shopId = `S-${Date.now()}-${run++}`;
    const upserted = await send(admin, 'PUT', `/customers/by-external-id/shop/${shopId}`, { name: 'Acme dup' });
    expect(upserted.status).toBe(201);
    const dup = upserted.body;
    const older = await customer(admin);
    expect((await merge(admin, 'customers', dup.id, { from: older.id })).status).toBe(200);

    const contact = await created(admin, '/contacts', { name: 'Ann', customerId: dup.id });
    const deal = await created(admin, '/opportunities', {
      name: 'Deal',
      customerId: dup.id,
      pipelineId,
      stageId,
      currency: 'USD',
    });
    const note = await created(admin, '/activities', { type: 'note', subject: 'Met', customerId: dup.id });
    const order = await created(admin, '/orders', {
      customerId: dup.id,
      totalAmount: 500,
      currency: 'USD',
      placedAt: '2026-01-01T00:00:00Z',
    });
    const ticket = await created(admin, '/cases', { subject: 'Broken', customerId: dup.id });
    const lead = await created(admin, '/leads', { name: 'Bo' });
    const converted = await send(admin, 'POST', `/leads/${String(lead.id)}/convert`, {
      customerId: dup.id,
      createContact: false,
    });
    expect(converted.status).toBe(201);
    // A child in the trash moves too: restoring it brings it back under the kept customer.
    const trashedNote = await created(admin, '/activities', { type: 'call', subject: 'Old', customerId: dup.id });
    expect((await send(admin, 'DELETE', `/activities/${String(trashedNote.id)}`)).status).toBe(200);

    const res = await merge(admin, 'customers', kept.id, { from: dup.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.moved).toEqual({
      contacts: 1,
      opportunities: 1,
      activities: 2,
      orders: 1,
      cases: 1,
      leads: 1,
      merged: 1,
      externalIds: 1,
    });
    expect(res.body.record).toMatchObject({ id: kept.id, deletedAt: null, mergedIntoId: null });
    expect(res.res.headers.get('etag')).toBe(`"${String((res.body.record as Json).version)}"`);
    expect(await linksTo('customers', dup.id)).toBe(0);

    for (const [path, id] of [
      ['contacts', contact.id],
      ['opportunities', deal.id],
      ['activities', note.id],
      ['orders', order.id],
      ['cases', ticket.id],
    ] as const) {
      const child = await send(admin, 'GET', `/${path}/${String(id)}`);
      expect(child.body.customerId, path).toBe(kept.id);
      expect(child.body.version, path).toBe(2);
      const history = await send(admin, 'GET', `/${path}/${String(id)}/history`);
      expect((history.body.items as Json[])[0]).toMatchObject({
        action: 'update',
        before: { customerId: dup.id, version: 1 },
        after: { customerId: kept.id, version: 2 },
      });
    }
    expect((await send(admin, 'GET', `/leads/${String(lead.id)}`)).body.convertedCustomerId).toBe(kept.id);
    expect((await send(admin, 'GET', `/customers/${String(older.id)}`)).body.mergedIntoId).toBe(kept.id);
    expect((await send(admin, 'GET', `/customers/by-external-id/shop/${shopId}`)).body.id).toBe(kept.id);
    const gone = await send(admin, 'GET', `/customers/${String(dup.id)}`);
    expect(gone.body).toMatchObject({ mergedIntoId: kept.id, deletedAt: expect.any(String) });

    const keptHistory = (await send(admin, 'GET', `/customers/${String(kept.id)}/history`)).body.items as Json[];
    expect(keptHistory[0]).toMatchObject({
      action: 'merge',
      actorId: admin.userId,
      after: { mergedFromId: dup.id, moved: res.body.moved },
    });
    const dupHistory = (await send(admin, 'GET', `/customers/${String(dup.id)}/history`)).body.items as Json[];
    expect(dupHistory.slice(0, 2)).toMatchObject([
      { action: 'merge', after: { mergedIntoId: kept.id } },
      { action: 'delete', after: { mergedIntoId: kept.id } },
    ]);

    // Restoring the duplicate brings it back empty: its links stay with the kept customer.
    const restored = await send(admin, 'POST', `/customers/${String(dup.id)}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ deletedAt: null, mergedIntoId: kept.id });
    expect(await linksTo('customers', dup.id)).toBe(0);
    expect((await send(admin, 'GET', `/contacts?customerId=${String(kept.id)}`)).body.items).toHaveLength(1);
  });

  it("leaves one primary contact: the duplicate's gives it up when the kept customer has one", async () => {
    const contactOf = (customerId: unknown, name: string, isPrimary: boolean) =>
      created(admin, '/contacts', { name, customerId, isPrimary });
    const primaryOf = async (customerId: unknown) => {
      const res = await send(admin, 'GET', `/contacts?customerId=${String(customerId)}&limit=50`);
      return (res.body.items as Json[]).filter((c) => c.isPrimary).map((c) => c.name);
    };

    const kept = await customer(admin);
    const dup = await customer(admin);
    await contactOf(kept.id, 'Kept primary', true);
    const moving = await contactOf(dup.id, 'Dup primary', true);
    await contactOf(dup.id, 'Dup other', false);
    expect((await merge(admin, 'customers', kept.id, { from: dup.id })).status).toBe(200);
    expect(await primaryOf(kept.id)).toEqual(['Kept primary']);
    // The contact's history says what the move changed.
    const history = await send(admin, 'GET', `/contacts/${String(moving.id)}/history`);
    const entry = (history.body.items as Json[])[0]!;
    expect(entry.before).toMatchObject({ isPrimary: true, customerId: dup.id });
    expect(entry.after).toMatchObject({ isPrimary: false, customerId: kept.id });

    // A kept customer without a primary contact takes the duplicate's.
    const bare = await customer(admin);
    const other = await customer(admin);
    await contactOf(other.id, 'Only primary', true);
    expect((await merge(admin, 'customers', bare.id, { from: other.id })).status).toBe(200);
    expect(await primaryOf(bare.id)).toEqual(['Only primary']);
  });

  it('keeps the kept values, fills its empty ones, joins lists and attributes, and takes the sides asked for', async () => {
    const kept = await customer(admin, {
      name: 'Acme',
      emails: ['a@acme.test'],
      tags: ['vip'],
      attributes: { tier: 'gold' },
      website: 'https://acme.test',
    });
    const dup = await customer(admin, {
      name: 'Acme Inc.',
      industry: 'Retail',
      region: 'North',
      emails: ['b@acme.test', 'a@acme.test'],
      tags: ['asia', 'vip'],
      attributes: { tier: 'silver', erp: '42' },
      website: 'https://acme-inc.test',
      lifecycleStage: 'customer',
    });
    const res = await merge(admin, 'customers', kept.id, {
      from: dup.id,
      fields: { name: 'from', lifecycleStage: 'from', tags: 'into' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.record).toMatchObject({
      name: 'Acme Inc.',
      industry: 'Retail',
      region: 'North',
      website: 'https://acme.test',
      emails: ['a@acme.test', 'b@acme.test'],
      tags: ['vip'],
      attributes: { tier: 'gold', erp: '42' },
      lifecycleStage: 'customer',
      version: 2,
    });
    const history = (await send(admin, 'GET', `/customers/${String(kept.id)}/history`)).body.items as Json[];
    expect(history.map((h) => h.action).slice(0, 2)).toEqual(['merge', 'update']);

    // A unique external id the kept customer takes, the duplicate gives up.
    const erpId = `ERP-${Date.now()}-${run++}`;
    const bare = await customer(admin);
    const known = await customer(admin, { externalId: erpId });
    const took = await merge(admin, 'customers', bare.id, { from: known.id });
    expect(took.status, JSON.stringify(took.body)).toBe(200);
    expect(took.body.record).toMatchObject({ externalId: erpId });
    expect((await send(admin, 'GET', `/customers/${String(known.id)}`)).body).toMatchObject({
      externalId: null,
      mergedIntoId: bare.id,
    });

    // Tags are joined when no side is picked.
    const a = await customer(admin, { tags: ['x', 'y'] });
    const b = await customer(admin, { tags: ['y', 'z'] });
    expect((await merge(admin, 'customers', a.id, { from: b.id })).body.record).toMatchObject({
      tags: ['x', 'y', 'z'],
    });
  });

  it('refuses a bad body field by field, and a join past a limit, changing nothing', async () => {
    const kept = await customer(admin);
    const dup = await customer(admin);
    const before = await auditCount();
    for (const [body, errors] of [
      [{ from: dup.id, fields: { bogus: 'from', mergedIntoId: 'from' } }, ['fields.bogus', 'fields.mergedIntoId']],
      [{ from: dup.id, fields: { name: 'both' } }, ['fields.name']],
      [{ from: dup.id, extra: 1 }, ['extra']],
      [{ from: 'not-an-id' }, ['from']],
      [{}, ['from']],
    ] as const) {
      const res = await merge(admin, 'customers', kept.id, body as Json);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body.errors ?? []).map((e) => e.path).sort()).toEqual([...errors].sort());
    }
    const self = await merge(admin, 'customers', kept.id, { from: kept.id });
    expect(self.status).toBe(400);
    expect(self.body.errors).toEqual([expect.objectContaining({ path: 'from', code: 'invalid_value' })]);

    const many = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}${i}`);
    const tagged = await customer(admin, { tags: many('a') });
    const other = await customer(admin, { tags: many('b') });
    const tooMany = await merge(admin, 'customers', tagged.id, { from: other.id });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ path: 'fields.tags', code: 'too_long' })]);
    expect((await send(admin, 'GET', `/customers/${String(other.id)}`)).body.deletedAt).toBeNull();
    expect(await auditCount()).toBe(before + 2); // the two customers created above, nothing else
    // Picking a side for the list lets it through.
    expect((await merge(admin, 'customers', tagged.id, { from: other.id, fields: { tags: 'into' } })).status).toBe(200);
  });

  it("answers what a PATCH would: a rep's 404 for a record they cannot see, a viewer's 403, 409 in the trash", async () => {
    const mine = await customer(rep);
    const theirs = await customer(admin);
    for (const [into, from] of [
      [mine.id, theirs.id],
      [theirs.id, mine.id],
    ]) {
      const res = await merge(rep, 'customers', into, { from });
      expect(res.status).toBe(404);
      expect(res.res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await merge(viewer, 'customers', theirs.id, { from: mine.id })).status).toBe(403);
    expect((await send(admin, 'GET', `/customers/${String(mine.id)}`)).body).toMatchObject({
      version: 1,
      deletedAt: null,
    });
    expect((await send(admin, 'GET', `/customers/${String(theirs.id)}`)).body).toMatchObject({
      version: 1,
      deletedAt: null,
    });

    const trashed = await customer(admin);
    await send(admin, 'DELETE', `/customers/${String(trashed.id)}`);
    expect((await merge(admin, 'customers', theirs.id, { from: trashed.id })).status).toBe(409);
    expect((await merge(admin, 'customers', trashed.id, { from: theirs.id })).status).toBe(409);

    // Another organization's record is no record at all.
    const foreign = await created(kit.globex.users.admin, '/customers', { name: 'Globex' });
    expect((await merge(admin, 'customers', theirs.id, { from: foreign.id })).status).toBe(404);
    expect((await merge(admin, 'customers', foreign.id, { from: theirs.id })).status).toBe(404);
    expect((await send(kit.globex.users.admin, 'GET', `/customers/${String(foreign.id)}`)).body.deletedAt).toBeNull();

    // A rep merges two of their own customers.
    const mine2 = await customer(rep);
    expect((await merge(rep, 'customers', mine.id, { from: mine2.id })).status).toBe(200);
  });

  it('refuses a merge that would leave links the caller cannot see on the duplicate', async () => {
    const kept = await customer(rep);
    const dup = await customer(rep);
    // Another rep's deal on the duplicate: the rep cannot see it, so cannot move it.
    await created(admin, '/opportunities', {
      name: 'Not yours',
      customerId: dup.id,
      pipelineId,
      stageId,
      currency: 'USD',
      ownerId: rep2.userId,
    });
    const note = await created(rep, '/activities', { type: 'note', subject: 'Mine', customerId: dup.id });
    const res = await merge(rep, 'customers', kept.id, { from: dup.id });
    expect(res.status).toBe(409);
    expect((await send(rep, 'GET', `/activities/${String(note.id)}`)).body).toMatchObject({
      customerId: dup.id,
      version: 1,
    });
    expect((await send(rep, 'GET', `/customers/${String(dup.id)}`)).body.deletedAt).toBeNull();
    // Someone who sees everything can.
    expect((await merge(admin, 'customers', kept.id, { from: dup.id })).body.moved).toMatchObject({
      opportunities: 1,
      activities: 1,
    });
  });

  it('honours If-Match on the kept record and replays an Idempotency-Key without merging twice', async () => {
    const kept = await customer(admin);
    const dup = await customer(admin);
    await created(admin, '/contacts', { name: 'Cy', customerId: dup.id });
    expect((await merge(admin, 'customers', kept.id, { from: dup.id }, { 'if-match': '"7"' })).status).toBe(412);
    expect((await send(admin, 'GET', `/customers/${String(dup.id)}`)).body.deletedAt).toBeNull();

    const key = { 'idempotency-key': `merge-${run++}`, 'if-match': '"1"' };
    const first = await merge(admin, 'customers', kept.id, { from: dup.id }, key);
    expect(first.status).toBe(200);
    const entries = await auditCount();
    const again = await merge(admin, 'customers', kept.id, { from: dup.id }, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await auditCount()).toBe(entries);
    const other = await merge(admin, 'customers', kept.id, { from: kept.id }, key);
    expect(other.status).toBe(422);
  });

  it('merges contacts, moving their deals, activities, cases and leads', async () => {
    const company = await customer(admin);
    const kept = await created(admin, '/contacts', { name: 'Dee', customerId: company.id, emails: ['d@x.test'] });
    const dup = await created(admin, '/contacts', { name: 'Dee L.', title: 'CTO', emails: ['dee@x.test'] });
    await created(admin, '/opportunities', {
      name: 'Deal',
      customerId: company.id,
      contactId: dup.id,
      pipelineId,
      stageId,
      currency: 'USD',
    });
    await created(admin, '/activities', { type: 'call', subject: 'Called', contactId: dup.id });
    await created(admin, '/cases', { subject: 'Help', contactId: dup.id });
    const lead = await created(admin, '/leads', { name: 'Dee' });
    await send(admin, 'POST', `/leads/${String(lead.id)}/convert`, { customerId: company.id, contactId: dup.id });
    const res = await merge(admin, 'contacts', kept.id, { from: dup.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.moved).toMatchObject({ opportunities: 1, activities: 1, cases: 1, leads: 1, merged: 0 });
    expect(res.body.record).toMatchObject({ name: 'Dee', title: 'CTO', emails: ['d@x.test', 'dee@x.test'] });
    expect(await linksTo('contacts', dup.id)).toBe(0);
  });

  it('merges leads, moving their activities; a converted duplicate is refused', async () => {
    const kept = await created(admin, '/leads', { name: 'Eve', email: 'eve@x.test', attributes: { a: 1 } });
    const dup = await created(admin, '/leads', { name: 'Eve', company: 'Eve Co', phone: '+886 2 1234 5678' });
    await created(admin, '/activities', { type: 'email', subject: 'Hello', leadId: dup.id });
    const res = await merge(admin, 'leads', kept.id, { from: dup.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.moved).toMatchObject({ activities: 1, leadFormSubmissions: 0 });
    expect(res.body.record).toMatchObject({ company: 'Eve Co', phone: '+886 2 1234 5678', email: 'eve@x.test' });
    expect(await linksTo('leads', dup.id)).toBe(0);

    const company = await customer(admin);
    const converted = await created(admin, '/leads', { name: 'Fay' });
    await send(admin, 'POST', `/leads/${String(converted.id)}/convert`, { customerId: company.id });
    expect((await merge(admin, 'leads', kept.id, { from: converted.id })).status).toBe(409);
  });

  it('announces what it changed as updates and a trash do: change events and webhook deliveries', async () => {
    const endpointId = uuidv7();
    await get().db.execute(
      sql`insert into crm.webhook_endpoints (org_id, id, url, secret, event_types)
          values (${kit.acme.id}, ${endpointId}, 'https://hooks.example.com/crm', 'whsec_test', ${sql.param(['customer.*', 'contact.*'])})`,
    );
    try {
      const kept = await customer(admin);
      const dup = await customer(admin, { industry: 'Retail' });
      const contact = await created(admin, '/contacts', { name: 'Gus', customerId: dup.id });
      expect((await merge(admin, 'customers', kept.id, { from: dup.id })).status).toBe(200);
      const deliveries = await rows<{ type: string; id: string; version: number }>(
        get().db,
        sql`select event_type as type, payload->'data'->>'id' as id, (payload->'data'->>'version')::int as version
            from crm.webhook_deliveries where org_id = ${kit.acme.id} and endpoint_id = ${endpointId}
              and payload->'data'->>'id' in (${String(kept.id)}, ${String(dup.id)}, ${String(contact.id)})
            order by id`,
      );
      expect(
        deliveries
          .map(
            ({ type, id, version }) =>
              `${type} ${id === kept.id ? 'kept' : id === dup.id ? 'dup' : 'contact'} v${version}`,
          )
          .sort(),
      ).toEqual(
        [
          'customer.created kept v1',
          'customer.created dup v1',
          'contact.created contact v1',
          'customer.deleted dup v2',
          'contact.updated contact v2',
          'customer.updated kept v2',
        ].sort(),
      );
    } finally {
      await get().db.execute(
        sql`delete from crm.webhook_endpoints where org_id = ${kit.acme.id} and id = ${endpointId}`,
      );
    }
  });

  it('refuses mergedIntoId in writes with a 400 naming it', async () => {
    const target = await customer(admin);
    for (const [method, path] of [
      ['POST', '/customers'],
      ['PATCH', `/customers/${String(target.id)}`],
      ['POST', '/contacts'],
      ['POST', '/leads'],
    ] as const) {
      const res = await send(admin, method, path, { name: 'X', mergedIntoId: target.id });
      expect(res.status, path).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'mergedIntoId', code: 'invalid_value' })]);
    }
  });
});
