import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';

type Json = Record<string, unknown>;

/** CSV import (`POST /imports/{resource}`) and export (`GET /exports/{resource}`). */
describe.each(testDatabases())('CSV import and export on $name', ({ get }) => {
  let kit: TestKit;
  const run = Date.now().toString(36);

  const importCsv = async (who: Member, resource: string, csv: string, query = '') => {
    const res = await kit.app.request(`/api/crm/imports/${resource}${query}`, {
      method: 'POST',
      body: csv,
      headers: { 'x-test-user': who.userId, 'content-type': 'text/csv' },
    });
    const text = await res.text();
    if (res.headers.get('content-type') !== 'application/x-ndjson')
      return { status: res.status, problem: JSON.parse(text) as Json, lines: [] };
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    return { status: res.status, lines, problem: undefined };
  };
  const exportCsv = async (who: Member, path: string) => {
    const res = await kit.request(who, 'GET', `/exports/${path}`);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
  });

  it('imports mapped columns, upserts by the external id column, and reports exactly the bad rows', async () => {
    const { admin } = kit.acme.users;
    const rows = Array.from({ length: 1100 }, (_, i) => {
      const bad = i % 100 === 7;
      return `${run}-${i},"${bad ? '' : `Shop customer ${i}`}",buyer${i}@shop.test; second${i}@shop.test,vip;csv-${run},${bad ? 'huge' : '1-10'}`;
    });
    const csv = `\uFEFFShop ID,Company,E-mail,Labels,Size\r\n${rows.join('\r\n')}\r\n`;
    const map =
      '?source=shop&map=' + encodeURIComponent('Shop ID:externalId,Company:name,E-mail:emails,Labels:tags,Size:size');
    const first = await importCsv(admin, 'customers', csv, map);
    expect(first.status).toBe(200);
    const errors = first.lines.filter((l) => 'row' in l);
    expect(errors.map((e) => e.row)).toEqual(Array.from({ length: 11 }, (_, k) => k * 100 + 7 + 2));
    expect(errors[0]).toMatchObject({
      status: 400,
      cells: { 'Shop ID': `${run}-7`, Company: '', Size: 'huge' },
      errors: [expect.objectContaining({ path: 'name' }), expect.objectContaining({ path: 'size' })],
    });
    expect(first.lines.filter((l) => 'progress' in l).length).toBe(3);
    expect(first.lines.at(-1)).toEqual({
      summary: { rows: 1100, created: 1089, updated: 0, unchanged: 0, matched: 0, failed: 11, dryRun: false },
    });
    const one = (await (await kit.request(admin, 'GET', `/customers/by-external-id/shop/${run}-3`)).json()) as Json;
    expect(one).toMatchObject({
      name: 'Shop customer 3',
      emails: ['buyer3@shop.test', 'second3@shop.test'],
      tags: ['vip', `csv-${run}`],
      size: '1-10',
    });

    const again = await importCsv(admin, 'customers', csv, map + '&dryRun=true');
    expect(again.lines.at(-1)).toEqual({
      summary: { rows: 1100, created: 0, updated: 0, unchanged: 1089, matched: 0, failed: 11, dryRun: true },
    });
  });

  it('matches an imported lead to an open lead with its email or phone number instead of a twin', async () => {
    const { admin } = kit.acme.users;
    const number = String(Date.now()).slice(-7);
    const open = (await (
      await kit.request(admin, 'POST', '/leads', { name: 'Open', email: `open-${run}@lead.test` })
    ).json()) as Json;
    const phoned = (await (
      await kit.request(admin, 'POST', '/leads', {
        name: 'Phoned',
        phone: `+1 (415) ${number}`,
      })
    ).json()) as Json;
    const converted = (await (
      await kit.request(admin, 'POST', '/leads', { name: 'Done', email: `done-${run}@lead.test` })
    ).json()) as Json;
    await kit.request(admin, 'POST', `/leads/${String(converted.id)}/convert`, { customer: { name: `Done ${run}` } });
    const csv = [
      'name,email,phone',
      `Open again,OPEN-${run}@lead.test,`,
      `Phoned again,,415.${number}`,
      `Done again,done-${run}@lead.test,`,
      `New,new-${run}@lead.test,`,
    ].join('\n');
    const imported = await importCsv(admin, 'leads', csv);
    expect(imported.lines.at(-1)).toEqual({
      summary: { rows: 4, created: 2, updated: 0, unchanged: 0, matched: 2, failed: 0, dryRun: false },
    });
    const named = async (name: string) =>
      ((await (await kit.request(admin, 'GET', `/leads?q=${encodeURIComponent(name)}`)).json()) as { items: Json[] })
        .items;
    expect(await named('Open again')).toEqual([]);
    expect(await named('Phoned again')).toEqual([]);
    // A converted lead is no longer open: its email makes a new lead.
    expect(await named('Done again')).toHaveLength(1);
    // Bulk creates are matched alike, and say which lead they matched.
    const bulk = await kit.app.request('/api/crm/bulk', {
      method: 'POST',
      headers: { 'x-test-user': admin.userId, 'content-type': 'application/json' },
      body: JSON.stringify([{ resource: 'leads', data: { name: 'Open thrice', email: `open-${run}@lead.test` } }]),
    });
    const [result] = (await bulk.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Json);
    expect(result).toMatchObject({ status: 200, action: 'matched', id: open.id, version: open.version });
    expect(phoned.id).toBeDefined();
  });

  it('makes one lead of rows that share a new email or phone number, matching the later rows to it', async () => {
    const { admin } = kit.acme.users;
    const number = String(Date.now() + 1).slice(-7);
    const csv = [
      'name,email,phone',
      `Twin one,twin-${run}@lead.test,+1 (212) ${number}`,
      `Twin two,TWIN-${run}@lead.test,`,
      `Twin three,,212-${number}`,
      `Single,single-${run}@lead.test,`,
    ].join('\n');
    const imported = await importCsv(admin, 'leads', csv);
    expect(imported.lines.at(-1)).toEqual({
      summary: { rows: 4, created: 2, updated: 0, unchanged: 0, matched: 2, failed: 0, dryRun: false },
    });
    const twins = (await (await kit.request(admin, 'GET', `/leads?q=${encodeURIComponent('Twin')}`)).json()) as {
      items: Json[];
    };
    expect(twins.items.map((lead) => lead.name)).toEqual(['Twin one']);
  });

  it('writes nothing on a dry run, and reads quoted line breaks and commas', async () => {
    const { admin } = kit.acme.users;
    const csv = `name,address,tags\n"Lin, Mei","No. 1\nSec. 2, Zhongshan Rd",dry-${run}\n`;
    const dry = await importCsv(admin, 'customers', csv, '?dryRun=true');
    expect(dry.lines.at(-1)).toMatchObject({ summary: { rows: 1, created: 1, dryRun: true } });
    const listed = async () =>
      ((await (await kit.request(admin, 'GET', `/customers?tag=dry-${run}`)).json()) as { items: Json[] }).items;
    expect(await listed()).toEqual([]);
    await importCsv(admin, 'customers', csv);
    expect(await listed()).toEqual([
      expect.objectContaining({ name: 'Lin, Mei', address: 'No. 1\nSec. 2, Zhongshan Rd' }),
    ]);
  });

  it('refuses files and mappings it cannot use, with a problem', async () => {
    const { admin, viewer } = kit.acme.users;
    expect((await importCsv(admin, 'customers', '')).status).toBe(400);
    expect((await importCsv(admin, 'customers', 'name,salary\nA,1\n')).problem).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ path: 'map.salary', code: 'unknown_field' })],
    });
    expect((await importCsv(admin, 'customers', 'name\n"unclosed\n')).lines.at(-1)).toMatchObject({
      problem: { status: 400 },
    });
    expect((await importCsv(admin, 'customers', 'name\nA\n', '?source=shop')).status).toBe(400);
    expect((await importCsv(admin, 'customers', `${'a,'.repeat(600)}a\n`)).status).toBe(400);
    expect((await importCsv(admin, 'users', 'name\nA\n')).status).toBe(400);
    expect((await importCsv(viewer, 'customers', 'name\nA\n')).status).toBe(403);
    const nul = await importCsv(admin, 'customers', 'name\nA\u0000B\n');
    expect(nul.lines[0]).toMatchObject({ row: 2, errors: [expect.objectContaining({ code: 'forbidden_character' })] });
  });

  it('previews the start of a file: headers, sample rows, fields, a suggested map, and writes nothing', async () => {
    const { admin, viewer } = kit.acme.users;
    const key = `tier${run}`;
    const made = await kit.request(admin, 'POST', '/custom-fields', {
      resource: 'customers',
      key,
      label: 'Tier',
      labels: { 'zh-Hant': '等級' },
      type: 'text',
    });
    expect(made.status).toBe(201);
    const preview = (csv: string, who = admin, query = '') =>
      kit.app.request(`/api/crm/imports/customers/preview${query}`, {
        method: 'POST',
        body: csv,
        headers: { 'x-test-user': who.userId, 'content-type': 'text/csv' },
      });
    const rows = Array.from({ length: 8 }, (_, i) => `preview-${run}-${i},x,"a, b",gold`);
    // The head of a larger file, cut inside a row: only the rows it needs are read.
    const res = await preview(`\uFEFF Name ,Note,E-mail,等級\r\n${rows.join('\r\n')}\r\npreview-${run}-cut,"unclosed`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.headers).toEqual(['Name', 'Note', 'E-mail', '等級']);
    expect(body.rows).toEqual(rows.slice(0, 5).map((_, i) => [`preview-${run}-${i}`, 'x', 'a, b', 'gold']));
    expect(body.map).toEqual(['name', null, 'emails', `customFields.${key}`]);
    const fields = body.fields as Json[];
    expect(fields).toContainEqual({ name: 'name', required: true });
    expect(fields).toContainEqual({ name: 'tags', required: false });
    expect(fields).toContainEqual(
      expect.objectContaining({ name: `customFields.${key}`, required: false, label: 'Tier' }),
    );
    expect(fields.some((f) => f.name === 'customFields' || f.name === 'id')).toBe(false);
    const listed = (await (await kit.request(admin, 'GET', `/customers?q=preview-${run}`)).json()) as { items: Json[] };
    expect(listed.items).toEqual([]);

    expect((await preview('', admin)).status).toBe(400);
    expect((await preview('name\nA\n', viewer)).status).toBe(403);
    expect((await preview('name\nA\n', admin, '?dryRun=true')).status).toBe(400);
    const wrongType = await kit.app.request('/api/crm/imports/customers/preview', {
      method: 'POST',
      body: 'name\nA\n',
      headers: { 'x-test-user': admin.userId, 'content-type': 'application/json' },
    });
    expect(wrongType.status).toBe(415);
    expect(
      (
        await kit.app.request('/api/crm/imports/users/preview', {
          method: 'POST',
          body: 'name\nA\n',
          headers: { 'x-test-user': admin.userId, 'content-type': 'text/csv' },
        })
      ).status,
    ).toBe(400);
  });

  it('exports a list with its filters, equal to the list, formulas escaped', async () => {
    const { admin, rep } = kit.acme.users;
    const tag = `exp-${run}`;
    for (const name of ['=HYPERLINK("http://x")', 'Plain Co', '+Plus', '@At']) {
      await kit.request(admin, 'POST', '/customers', {
        name,
        tags: [tag],
        ownerId: name === 'Plain Co' ? rep.userId : null,
      });
    }
    const file = await exportCsv(admin, `customers?tag=${tag}&sort=name`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    const lines = file.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^id,createdAt,updatedAt,version,deletedAt,kind,name,/);
    const list = (
      (await (await kit.request(admin, 'GET', `/customers?tag=${tag}&sort=name`)).json()) as { items: Json[] }
    ).items;
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(list.map((c) => c.id));
    expect(file.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(file.text).toContain("'+Plus");
    expect(file.text).toContain("'@At");
    // The rep's export holds what the rep's list holds.
    const mine = await exportCsv(rep, `customers?tag=${tag}`);
    expect(mine.text.trim().split('\r\n')).toHaveLength(2);
    expect((await exportCsv(admin, 'customers?limit=5')).status).toBe(400);
    expect((await exportCsv(admin, 'customers?sort=salary')).status).toBe(400);
  });
});
