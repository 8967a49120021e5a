import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

/** Custom fields: definitions (`/custom-fields`) and the values records carry (`customFields`). */
describe.each(testDatabases())('custom fields on $name', ({ get }) => {
  let kit: TestKit;
  const run = Date.now().toString(36);
  const define = (who: Member, body: Json) => kit.send(who, 'POST', '/custom-fields', body);

  beforeAll(async () => {
    kit = await createTestKit(get());
    const { admin } = kit.acme.users;
    const fields: Json[] = [
      { key: 'tier', label: 'Tier', labels: { 'zh-Hant': '等級' }, type: 'select', position: 1 },
      { key: 'seats', label: 'Seats', type: 'number', position: 2 },
      { key: 'budget', label: 'Budget', type: 'money', position: 3 },
      { key: 'renewal', label: 'Renewal', type: 'date', position: 4 },
      { key: 'channels', label: 'Channels', type: 'multi_select', position: 5 },
      { key: 'vat_exempt', label: 'VAT exempt', type: 'boolean', position: 6 },
      { key: 'portal', label: 'Portal', type: 'url', position: 7 },
      { key: 'erp_code', label: 'ERP code', type: 'text', required: true, position: 0 },
    ];
    const options: Record<string, Json[]> = {
      tier: [
        { value: 'gold', label: 'Gold', labels: { 'zh-Hant': '金' } },
        { value: 'silver', label: 'Silver' },
      ],
      channels: [
        { value: 'shop', label: 'Shop' },
        { value: 'phone', label: 'Phone' },
        { value: 'fair', label: 'Trade fair' },
      ],
    };
    for (const field of fields) {
      const created = await define(admin, {
        resource: 'customers',
        ...field,
        ...(options[field.key as string] ? { options: options[field.key as string] } : {}),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  });

  const customer = (who: Member, name: string, customFields: Json) =>
    kit.send(who, 'POST', '/customers', { name, customFields });

  it('lets owners and admins define fields, everyone read them, and no one else change them', async () => {
    const { admin, manager, rep, viewer, owner } = kit.acme.users;
    const list = await kit.send(rep, 'GET', '/custom-fields?resource=customers');
    expect(list.status).toBe(200);
    expect((list.body.items as Json[]).map((f) => f.key)).toEqual([
      'erp_code',
      'tier',
      'seats',
      'budget',
      'renewal',
      'channels',
      'vat_exempt',
      'portal',
    ]);
    expect((await kit.send(viewer, 'GET', '/custom-fields')).status).toBe(200);
    for (const who of [manager, rep, viewer]) {
      const refused = await define(who, { resource: 'leads', key: 'x', label: 'X', type: 'text' });
      expect(refused.status).toBe(403);
    }
    const made = await define(owner, { resource: 'leads', key: 'budget_note', label: 'Budget note', type: 'text' });
    expect(made.status).toBe(201);
    const id = String(made.body.id);
    expect((await kit.send(rep, 'PATCH', `/custom-fields/${id}`, { label: 'Mine' })).status).toBe(403);
    const renamed = await kit.send(admin, 'PATCH', `/custom-fields/${id}`, {
      label: 'Budget remarks',
      labels: { 'zh-Hans': '预算备注' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ label: 'Budget remarks', labels: { 'zh-Hans': '预算备注' }, version: 2 });
    const history = await kit.send(admin, 'GET', `/custom-fields/${id}/history`);
    expect((history.body.items as Json[]).map((h) => h.action)).toEqual(['update', 'create']);
    // Another organization sees none of them.
    const globex = await kit.send(kit.globex.users.admin, 'GET', '/custom-fields');
    expect(globex.body.items).toEqual([]);
    expect((await kit.send(kit.globex.users.admin, 'GET', `/custom-fields/${id}`)).status).toBe(404);
  });

  it('refuses bad definitions field by field, and changes of what values depend on', async () => {
    const { admin } = kit.acme.users;
    const bad = await define(admin, { resource: 'orders', key: 'Bad Key', label: '', type: 'colour' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors ?? []).map((e) => e.path).sort()).toEqual(['key', 'label', 'resource', 'type']);
    const noOptions = await define(admin, { resource: 'cases', key: 'area', label: 'Area', type: 'select' });
    expect(noOptions.body.errors).toEqual([expect.objectContaining({ path: 'options', code: 'required' })]);
    const twice = await define(admin, {
      resource: 'cases',
      key: 'area',
      label: 'Area',
      type: 'multi_select',
      options: [
        { value: 'a', label: 'A' },
        { value: 'a', label: 'A again' },
      ],
    });
    expect(twice.body.errors).toEqual([expect.objectContaining({ path: 'options.1.value', code: 'already_used' })]);
    const taken = await define(admin, { resource: 'customers', key: 'tier', label: 'Tier 2', type: 'text' });
    expect(taken.status).toBe(409);
    const seats = (await kit.send(admin, 'GET', '/custom-fields?resource=customers&type=number')).body.items as Json[];
    const fixed = await kit.send(admin, 'PATCH', `/custom-fields/${String(seats[0]!.id)}`, {
      type: 'text',
      key: 'chairs',
    });
    expect(fixed.status).toBe(400);
    expect((fixed.body.errors ?? []).map((e) => e.path).sort()).toEqual(['key', 'type']);
  });

  it('checks values against the definitions, field by field, and writes nothing when one is wrong', async () => {
    const { rep } = kit.acme.users;
    const bad = await customer(rep, `Bad values ${run}`, {
      tier: 'platinum',
      seats: 'many',
      budget: { amount: 12.5, currency: 'usd' },
      renewal: '2026-02-30',
      channels: ['shop', 'radio'],
      vat_exempt: 'yes',
      portal: 'javascript:alert(1)',
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    const errors = (bad.body.errors ?? []).map((e) => [e.path, e.code]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['customFields.tier', 'invalid_value'],
        ['customFields.seats', 'invalid_type'],
        ['customFields.budget.amount', 'invalid_value'],
        ['customFields.renewal', 'invalid_format'],
        ['customFields.channels.1', 'invalid_value'],
        ['customFields.vat_exempt', 'invalid_type'],
        ['customFields.portal', 'invalid_format'],
        ['customFields.colour', 'unknown_field'],
        ['customFields.erp_code', 'required'],
      ]),
    );
    expect(errors).toHaveLength(9);
    const found = await kit.send(rep, 'GET', `/customers?q=${encodeURIComponent(`Bad values ${run}`)}`);
    expect(found.body.items).toEqual([]);
  });

  it('stores, merges per key on PATCH, keeps required values, and records changes in the history', async () => {
    const { rep } = kit.acme.users;
    const values = {
      erp_code: 'E-1',
      tier: 'gold',
      seats: 12,
      budget: { amount: 150000, currency: 'USD' },
      renewal: '2027-01-31',
      channels: ['shop', 'fair'],
      vat_exempt: false,
      portal: 'https://portal.example/acme',
    };
    const created = await customer(rep, `Stored ${run}`, values);
    expect(created.status).toBe(201);
    expect(created.body.customFields).toEqual(values);
    const id = String(created.body.id);
    const patched = await kit.send(rep, 'PATCH', `/customers/${id}`, { customFields: { seats: 14, portal: null } });
    expect(patched.status).toBe(200);
    const { portal: _dropped, ...kept } = values;
    expect(patched.body.customFields).toEqual({ ...kept, seats: 14 });
    const cleared = await kit.send(rep, 'PATCH', `/customers/${id}`, { customFields: { erp_code: null } });
    expect(cleared.status).toBe(400);
    expect(cleared.body.errors).toEqual([expect.objectContaining({ path: 'customFields.erp_code', code: 'required' })]);
    // The card's summary carries the labels of the values.
    const summary = await kit.send(rep, 'GET', `/customers/${id}/summary`);
    expect((summary.body.customFields as Json[]).map((f) => [f.key, f.label])).toContainEqual(['tier', 'Tier']);
    expect((summary.body.customFields as Json[])[0]).toMatchObject({ key: 'erp_code', createdAt: expect.any(String) });
    const history = await kit.send(rep, 'GET', `/customers/${id}/history`);
    const update = (history.body.items as Json[])[0]!;
    expect(update.action).toBe('update');
    expect((update.before as Json).customFields).toMatchObject({ seats: 12, portal: values.portal });
    expect((update.after as Json).customFields).toMatchObject({ seats: 14 });
  });

  it('keeps the values of a trashed field, refuses new ones, and shows them again on restore', async () => {
    const { admin, rep } = kit.acme.users;
    const field = await define(admin, { resource: 'contacts', key: 'nickname', label: 'Nickname', type: 'text' });
    const contact = await kit.send(rep, 'POST', '/contacts', { name: `Mei ${run}`, customFields: { nickname: 'M' } });
    expect(contact.status).toBe(201);
    const contactId = String(contact.body.id);
    expect((await kit.send(admin, 'DELETE', `/custom-fields/${String(field.body.id)}`)).status).toBe(200);
    const read = await kit.send(rep, 'GET', `/contacts/${contactId}`);
    expect(read.body.customFields).toEqual({ nickname: 'M' });
    // The values written back as read keep it; a new value is refused.
    const same = await kit.send(rep, 'PATCH', `/contacts/${contactId}`, {
      name: `Mei Lin ${run}`,
      customFields: read.body.customFields,
    });
    expect(same.status).toBe(200);
    expect(same.body.customFields).toEqual({ nickname: 'M' });
    const changed = await kit.send(rep, 'PATCH', `/contacts/${contactId}`, { customFields: { nickname: 'Lin' } });
    expect(changed.body.errors).toEqual([
      expect.objectContaining({ path: 'customFields.nickname', code: 'unknown_field' }),
    ]);
    // Its key stays taken while it is in the trash.
    expect((await define(admin, { resource: 'contacts', key: 'nickname', label: 'N', type: 'number' })).status).toBe(
      409,
    );
    await kit.send(admin, 'POST', `/custom-fields/${String(field.body.id)}/restore`);
    const restored = await kit.send(rep, 'PATCH', `/contacts/${contactId}`, { customFields: { nickname: 'Lin' } });
    expect(restored.body.customFields).toEqual({ nickname: 'Lin' });
  });

  it('filters lists by values and ranges, and refuses filters that name no field', async () => {
    const { rep, manager } = kit.acme.users;
    const tag = `filter-${run}`;
    const make = (n: number, values: Json) =>
      kit.send(rep, 'POST', '/customers', { name: `F${n} ${run}`, tags: [tag], customFields: values });
    await make(1, { erp_code: 'A', tier: 'gold', seats: 5, renewal: '2027-01-10', channels: ['shop'] });
    await make(2, {
      erp_code: 'B',
      tier: 'silver',
      seats: 50,
      budget: { amount: 9900, currency: 'EUR' },
      vat_exempt: true,
      channels: ['shop', 'phone'],
    });
    await make(3, { erp_code: 'C', tier: 'gold', seats: 500, budget: { amount: 500, currency: 'USD' } });
    const names = async (query: string, who = rep) => {
      const page = await kit.send(who, 'GET', `/customers?tag=${tag}&${query}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      return (page.body.items as Json[]).map((c) => String(c.name).split(' ')[0]);
    };
    expect(await names('customFields.tier=gold')).toEqual(['F1', 'F3']);
    expect(await names('customFields.seats=50')).toEqual(['F2']);
    expect(await names('customFields.seats.from=6&customFields.seats.to=500')).toEqual(['F2', 'F3']);
    expect(await names('customFields.channels=shop')).toEqual(['F1', 'F2']);
    expect(await names('customFields.vat_exempt=true')).toEqual(['F2']);
    expect(await names('customFields.renewal.to=2027-06-30')).toEqual(['F1']);
    expect(await names('customFields.budget.currency=USD')).toEqual(['F3']);
    expect(await names('customFields.budget.from=1000')).toEqual(['F2']);
    expect(await names('customFields.erp_code=B&customFields.tier=silver')).toEqual(['F2']);
    // A manager sees their reps' records; the filter narrows what they see, never widens it.
    expect(await names('customFields.tier=gold', kit.acme.users.rep2)).toEqual([]);
    expect((await names('customFields.tier=gold', manager)).length).toBeLessThanOrEqual(2);

    const bad = await kit.send(rep, 'GET', '/customers?customFields.colour=red&customFields.seats=x&bogus=1');
    expect(bad.status).toBe(400);
    expect((bad.body.errors ?? []).map((e) => [e.path, e.code]).sort()).toEqual([
      ['bogus', 'unknown_field'],
      ['customFields.colour', 'unknown_field'],
      ['customFields.seats', 'invalid_value'],
    ]);
    const range = await kit.send(rep, 'GET', '/customers?customFields.tier.from=a');
    expect(range.body.errors).toEqual([expect.objectContaining({ path: 'customFields.tier.from' })]);
    // Resources without custom fields stay strict.
    expect((await kit.send(rep, 'GET', '/orders?customFields.tier=gold')).status).toBe(400);
    // Another organization's definitions do not exist here.
    expect((await kit.send(kit.globex.users.rep, 'GET', '/customers?customFields.tier=gold')).status).toBe(400);
  });

  it('checks values in upserts and bulk writes, record by record', async () => {
    const { admin } = kit.acme.users;
    const path = `/customers/by-external-id/shop/CF-${run}`;
    const first = await kit.send(admin, 'PUT', path, { name: 'Upserted', customFields: { erp_code: 'U1' } });
    expect(first.status).toBe(201);
    const again = await kit.send(admin, 'PUT', path, { name: 'Upserted', customFields: { erp_code: 'U1' } });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    const changed = await kit.send(admin, 'PUT', path, { name: 'Upserted', customFields: { seats: 3 } });
    expect(changed.body.customFields).toEqual({ erp_code: 'U1', seats: 3 });
    const wrong = await kit.send(admin, 'PUT', path, { name: 'Upserted', customFields: { seats: 'three' } });
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'customFields.seats' })]);

    const res = await kit.request(admin, 'POST', '/bulk', [
      { resource: 'customers', data: { name: `Bulk ok ${run}`, customFields: { erp_code: 'B1', tier: 'gold' } } },
      { resource: 'customers', data: { name: `Bulk bad ${run}`, customFields: { tier: 'gold' } } },
      {
        resource: 'customers',
        source: 'shop',
        externalId: `CF-${run}`,
        data: { name: 'Upserted', customFields: { tier: 'silver' } },
      },
    ]);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(lines[0]).toMatchObject({ index: 0, status: 201 });
    expect(lines[1]).toMatchObject({
      index: 1,
      status: 400,
      errors: [expect.objectContaining({ path: 'customFields.erp_code', code: 'required' })],
    });
    expect(lines[2]).toMatchObject({ index: 2, status: 200, action: 'updated' });
    const upserted = await kit.send(admin, 'GET', path);
    expect(upserted.body.customFields).toEqual({ erp_code: 'U1', seats: 3, tier: 'silver' });
  });

  it('imports and exports a column per field', async () => {
    const { admin } = kit.acme.users;
    const tag = `csv-${run}`;
    const csv = [
      'name,tags,customFields.erp_code,customFields.seats,customFields.budget,customFields.channels,customFields.vat_exempt',
      `Imported 1,${tag},I1,7,1250 USD,shop; phone,yes`,
      `Imported 2,${tag},,8,,,no`,
      `Imported 3,${tag},I3,eight,,,`,
    ].join('\n');
    const res = await kit.app.request('/api/crm/imports/customers', {
      method: 'POST',
      body: csv,
      headers: { 'x-test-user': admin.userId, 'content-type': 'text/csv' },
    });
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    const failed = lines.filter((l) => 'row' in l);
    expect(failed.map((l) => [l.row, (l.errors as Json[]).map((e) => e.path)])).toEqual([
      [3, ['customFields.erp_code']],
      [4, ['customFields.seats']],
    ]);
    expect(lines.at(-1)).toMatchObject({ summary: { created: 1, failed: 2 } });

    const unknown = await kit.app.request('/api/crm/imports/customers', {
      method: 'POST',
      body: 'name,customFields.colour\nX,red\n',
      headers: { 'x-test-user': admin.userId, 'content-type': 'text/csv' },
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Json).errors).toEqual([
      expect.objectContaining({ path: 'map.customFields.colour', code: 'unknown_field' }),
    ]);

    const exported = await kit.request(admin, 'GET', `/exports/customers?tag=${tag}&customFields.seats=7`);
    const [header, row, end] = (await exported.text()).replace('\uFEFF', '').split('\r\n');
    const columns = header!.split(',');
    expect(columns).not.toContain('customFields');
    expect(columns.slice(-8)).toEqual([
      'customFields.erp_code',
      'customFields.tier',
      'customFields.seats',
      'customFields.budget',
      'customFields.renewal',
      'customFields.channels',
      'customFields.vat_exempt',
      'customFields.portal',
    ]);
    expect(row!.split(',').slice(-8)).toEqual(['I1', '', '7', '1250 USD', '', 'shop; phone', 'true', '']);
    expect(end).toBe('');
    const refused = await kit.request(admin, 'GET', '/exports/customers?customFields.colour=red');
    expect(refused.status).toBe(400);
  });

  it('keeps at most 200 fields per resource, trashed ones included', async () => {
    const { admin } = kit.globex.users;
    for (let i = 0; i < 200; i++) {
      const made = await define(admin, { resource: 'cases', key: `f${i}`, label: `F${i}`, type: 'text' });
      expect(made.status).toBe(201);
      if (i === 0) await kit.send(admin, 'DELETE', `/custom-fields/${String(made.body.id)}`);
    }
    const over = await define(admin, { resource: 'cases', key: 'f200', label: 'F200', type: 'text' });
    expect(over.status).toBe(409);
    expect((await define(admin, { resource: 'leads', key: 'f200', label: 'F200', type: 'text' })).status).toBe(201);
    // One page of the list holds them all.
    const page = await kit.send(admin, 'GET', '/custom-fields?resource=cases&limit=200');
    expect(page.body.items).toHaveLength(199);
    expect(page.body.nextCursor).toBeNull();
  });

  it('takes custom fields on contacts, deals, leads and cases too', async () => {
    const { admin, rep } = kit.acme.users;
    for (const resource of ['contacts', 'opportunities', 'leads', 'cases']) {
      const made = await define(admin, {
        resource,
        key: 'priority_code',
        label: 'Priority code',
        type: 'select',
        options: [{ value: 'p1', label: 'P1' }],
      });
      expect(made.status, resource).toBe(201);
    }
    const lead = await kit.send(rep, 'POST', '/leads', { name: `Lead ${run}`, customFields: { priority_code: 'p1' } });
    expect(lead.body.customFields).toEqual({ priority_code: 'p1' });
    const badCase = await kit.send(rep, 'POST', '/cases', { subject: 'Help', customFields: { priority_code: 'p9' } });
    expect(badCase.body.errors).toEqual([expect.objectContaining({ path: 'customFields.priority_code' })]);
    const listed = await kit.send(rep, 'GET', '/leads?customFields.priority_code=p1');
    expect((listed.body.items as Json[]).map((l) => l.id)).toContain(lead.body.id);
    // A field of customers is not a field of leads.
    const other = await kit.send(rep, 'POST', '/leads', { name: 'L2', customFields: { tier: 'gold' } });
    expect(other.body.errors).toEqual([expect.objectContaining({ path: 'customFields.tier', code: 'unknown_field' })]);
  });
});
