import { BULK_MAX_RECORDS, type BulkResult, type BulkSummary } from '@crmkit/core';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCrm } from '../src/app.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';
import { mountKit } from './support/contract.js';

type Json = Record<string, unknown>;
type Line = BulkResult & Partial<BulkSummary>;

/** `POST /bulk`: many creates and upserts in one request, a result per record. */
describe.each(testDatabases())('bulk writes on $name', ({ get }) => {
  let kit: TestKit;
  const run = Date.now().toString(36);
  const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

  const bulk = async (who: Member, body: string, query = '', type = 'application/x-ndjson', app?: Hono) => {
    const init = { method: 'POST', body, headers: { 'x-test-user': who.userId, 'content-type': type } };
    const res = await (app ?? kit.app).request(`/api/crm/bulk${query}`, init);
    const text = await res.text();
    const isNdjson = res.headers.get('content-type') === 'application/x-ndjson';
    const lines = isNdjson
      ? text
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Line)
      : [];
    return { status: res.status, lines, problem: isNdjson ? undefined : (JSON.parse(text) as Json) };
  };
  const customer = (id: string, name: string, data: Json = {}) => ({
    resource: 'customers',
    source: 'shop',
    externalId: `${run}-${id}`,
    data: { name, ...data },
  });
  const read = async (who: Member, id: string) =>
    kit.request(who, 'GET', `/customers/by-external-id/shop/${run}-${id}`).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Json,
    }));

  beforeAll(async () => {
    kit = await createTestKit(get());
  });

  it('writes the good records, reports each bad one, and is idempotent when sent again', async () => {
    const { admin } = kit.acme.users;
    const records = [
      customer('a', 'Alishan Coffee'),
      customer('b', 'Bad\u0000Name'),
      customer('c', 'Chiayi Rice', { emails: ['rice@chiayi.test'] }),
      { resource: 'contacts', data: { name: 'Plain create' } },
      { resource: 'customers', source: 'shop', data: { name: 'No id' } },
    ];
    // A line that is not JSON is one failed record among the others.
    const body = ndjson(records).replace('\n', '\n{not json\n');
    const first = await bulk(admin, body);
    expect(first.status).toBe(200);
    expect(first.lines.slice(0, -1).map((l) => [l.index, l.status, l.action])).toEqual([
      [0, 201, 'created'],
      [1, 400, undefined],
      [2, 400, undefined],
      [3, 201, 'created'],
      [4, 201, 'created'],
      [5, 400, undefined],
    ]);
    expect(first.lines[1]!.errors).toEqual([expect.objectContaining({ code: 'invalid_format' })]);
    expect(first.lines[2]!.errors).toEqual([
      expect.objectContaining({ path: 'data.name', code: 'forbidden_character' }),
    ]);
    expect(first.lines[5]!.errors).toEqual([expect.objectContaining({ path: 'externalId', code: 'required' })]);
    expect(first.lines.at(-1)!.summary).toEqual({
      records: 6,
      created: 3,
      updated: 0,
      unchanged: 0,
      matched: 0,
      failed: 3,
      committed: true,
    });
    expect((await read(admin, 'a')).body.name).toBe('Alishan Coffee');

    const again = await bulk(admin, ndjson([customer('a', 'Alishan Coffee'), customer('c', 'Chiayi Rice Co.')]));
    expect(again.lines.slice(0, -1).map((l) => [l.status, l.action, l.version])).toEqual([
      [200, 'unchanged', 1],
      [200, 'updated', 2],
    ]);
    expect((await read(admin, 'c')).body).toMatchObject({ name: 'Chiayi Rice Co.', emails: ['rice@chiayi.test'] });
  });

  it('rolls back every record of an all-or-nothing request with a failure, naming it', async () => {
    const { admin } = kit.acme.users;
    const records = [customer('x1', 'Kept?'), customer('x2', ''), customer('x3', 'Kept too?')];
    const failed = await bulk(admin, JSON.stringify(records), '?atomic=true', 'application/json');
    expect(failed.problem).toMatchObject({ status: 422 });
    expect(failed.problem!.errors).toEqual([expect.objectContaining({ path: '1.data.name', code: 'required' })]);
    expect((await read(admin, 'x1')).status).toBe(404);
    expect((await read(admin, 'x3')).status).toBe(404);

    const ok = await bulk(admin, JSON.stringify([records[0], records[2]]), '?atomic=true', 'application/json');
    expect(ok.status).toBe(200);
    expect(ok.lines.map((l) => l.status ?? l.summary?.committed)).toEqual([201, 201, true]);
    expect((await read(admin, 'x3')).body.name).toBe('Kept too?');
  });

  it('writes two records of one id in order, and never across organizations', async () => {
    const records = [customer('d', 'First'), customer('d', 'Second')];
    const acme = await bulk(kit.acme.users.admin, ndjson(records));
    expect(acme.lines.slice(0, -1).map((l) => [l.action, l.version])).toEqual([
      ['created', 1],
      ['updated', 2],
    ]);
    const globex = await bulk(kit.globex.users.admin, ndjson([records[0]]));
    expect(globex.lines[0]).toMatchObject({ status: 201, action: 'created' });
    expect(globex.lines[0]!.id).not.toBe(acme.lines[0]!.id);
    expect((await read(kit.acme.users.admin, 'd')).body.name).toBe('Second');
  });

  it('applies roles and visibility record by record', async () => {
    const { admin, rep, rep2, viewer } = kit.acme.users;
    await bulk(admin, ndjson([customer('r', "Rep 2's", { ownerId: rep2.userId })]));
    const byRep = await bulk(rep, ndjson([customer('r', 'Mine now'), customer('r-own', 'Own')]));
    expect(byRep.lines.slice(0, -1).map((l) => l.status)).toEqual([404, 201]);
    const byViewer = await bulk(viewer, ndjson([customer('v', 'Viewer')]));
    expect(byViewer.lines[0]).toMatchObject({ status: 403 });
    expect((await read(admin, 'r')).body.name).toBe("Rep 2's");
    expect((await read(admin, 'v')).status).toBe(404);
  });

  it(`refuses more than ${BULK_MAX_RECORDS} records with a 413`, async () => {
    const { admin } = kit.acme.users;
    const records = Array.from({ length: BULK_MAX_RECORDS + 1 }, (_, i) =>
      i === 0 ? customer('limit', 'Over the limit') : { resource: 'customers', data: {} },
    );
    const atomic = await bulk(admin, JSON.stringify(records), '?atomic=true', 'application/json');
    expect(atomic.status).toBe(413);
    expect((await read(admin, 'limit')).status).toBe(404);
    // Streamed, the answer has begun: the summary says where and why it stopped.
    const streamed = await bulk(admin, ndjson(records.slice(1)).concat('\n', ndjson(records.slice(0, 2))));
    expect(streamed.status).toBe(200);
    expect(streamed.lines.at(-1)).toMatchObject({ summary: { records: BULK_MAX_RECORDS }, problem: { status: 413 } });
  });

  it('answers bodies it cannot read with a problem', async () => {
    const { admin } = kit.acme.users;
    expect((await bulk(admin, '[]', '', 'text/plain')).status).toBe(415);
    expect((await bulk(admin, '{"resource":"customers"}', '', 'application/json')).status).toBe(400);
    expect((await bulk(admin, '[{"resource":', '', 'application/json')).status).toBe(400);
    expect((await bulk(admin, '[]', '?atomic=maybe', 'application/json')).status).toBe(400);
    expect((await bulk(admin, '[]', '?limit=1', 'application/json')).status).toBe(400);
    const invalidUtf8 = await kit.app.request('/api/crm/bulk', {
      method: 'POST',
      body: new Uint8Array([0x5b, 0xff, 0x5d]),
      headers: { 'x-test-user': admin.userId, 'content-type': 'application/json' },
    });
    expect(invalidUtf8.status).toBe(400);
    const proto = await bulk(admin, ndjson([{ resource: 'customers', data: { name: 'x', ['__proto__']: {} } }]));
    expect(proto.lines[0]).toMatchObject({ status: 400 });

    const small = mountKit(
      createCrm({ database: get(), maxBulkBytes: 1000, identify: () => ({ ...admin, role: 'admin' }) }),
    );
    const big = ndjson(Array.from({ length: 50 }, (_, i) => customer(`big-${i}`, 'A name long enough')));
    expect((await bulk(admin, big, '', 'application/x-ndjson', small)).status).toBe(413);
    expect((await read(admin, 'big-0')).status).toBe(404);
  });
});
