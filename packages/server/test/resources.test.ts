import type { HistoryEntry } from '@crmkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Member, type TestKit } from './kit.js';

interface Case {
  path: string;
  /** A valid new record (dependencies created through the API first). */
  valid: (deps: Deps) => Json;
  /** A valid change and a field it shows in. */
  change: (deps: Deps) => Json;
  /** Bad fields, each kind of mistake once, and the paths the problem must name. */
  invalid: (deps: Deps) => { body: Json; paths: string[] }[];
  /** Who may write it (default: admin). */
  writer?: 'admin' | 'rep';
}

interface Deps {
  customerId: string;
  pipelineId: string;
  stageIds: string[];
  ownerId: string;
}

const missing = '01890000-0000-7000-8000-000000000000';

const cases: Case[] = [
  {
    path: 'customers',
    valid: (d) => ({
      name: 'Northwind Traders',
      emails: ['buy@northwind.example'],
      phones: ['+1 555 0100'],
      ownerId: d.ownerId,
      tags: ['vip'],
    }),
    change: () => ({ lifecycleStage: 'customer', region: 'West' }),
    invalid: () => [
      { body: { name: '' }, paths: ['name'] },
      { body: { name: 'X', emails: ['not-an-email'], phones: ['call me'] }, paths: ['emails.0', 'phones.0'] },
      { body: { name: 'X', lifecycleStage: 'famous', kind: 'robot' }, paths: ['kind', 'lifecycleStage'] },
      { body: { name: 'X', ownerId: missing }, paths: ['ownerId'] },
      { body: { name: 'X', website: 'not a url', tags: 'vip' }, paths: ['tags', 'website'] },
    ],
  },
  {
    path: 'contacts',
    valid: (d) => ({
      name: 'Emma Smith',
      customerId: d.customerId,
      emails: ['emma@northwind.example'],
      isPrimary: true,
    }),
    change: () => ({ title: 'Purchasing manager' }),
    invalid: () => [
      { body: { name: 'X', customerId: 'nope' }, paths: ['customerId'] },
      { body: { name: 'X', customerId: missing }, paths: ['customerId'] },
      { body: { isPrimary: 'yes' }, paths: ['isPrimary', 'name'] },
    ],
  },
  {
    path: 'leads',
    valid: () => ({
      name: 'Liam Chen',
      company: 'Chen Foods',
      email: 'liam@chen.example',
      source: 'Web form',
      score: 40,
    }),
    change: () => ({ status: 'qualified', score: 80 }),
    invalid: () => [
      { body: { name: 'X', score: 101 }, paths: ['score'] },
      { body: { name: 'X', status: 'hot', email: 'x@' }, paths: ['email', 'status'] },
      { body: { name: 'X', campaignId: missing }, paths: ['campaignId'] },
    ],
  },
  {
    path: 'campaigns',
    valid: () => ({
      name: 'Spring show',
      channel: 'event',
      budgetAmount: 500000,
      budgetCurrency: 'USD',
      startsOn: '2026-03-01',
      endsOn: '2026-03-31',
    }),
    change: () => ({ endsOn: '2026-04-15' }),
    invalid: () => [
      { body: { name: 'X', budgetCurrency: 'dollars', startsOn: '03/01/2026' }, paths: ['budgetCurrency', 'startsOn'] },
      { body: { name: 'X', budgetAmount: 100 }, paths: ['budgetCurrency'] },
      { body: { name: 'X', startsOn: '2026-03-10', endsOn: '2026-03-01' }, paths: ['endsOn'] },
    ],
  },
  {
    path: 'pipelines',
    valid: () => ({
      name: 'Renewals',
      stages: [
        { name: 'Due', probability: 50 },
        { name: 'Renewed', probability: 100, kind: 'won' },
        { name: 'Churned', probability: 0, kind: 'lost', requires: ['lostReason'] },
      ],
    }),
    change: () => ({ name: 'Renewals 2027' }),
    invalid: () => [
      { body: { name: 'X', stages: [{ name: 'Only', probability: 10 }] }, paths: ['stages'] },
      {
        body: {
          name: 'X',
          stages: [
            { name: 'A', probability: 120 },
            { name: 'B', probability: -1, kind: 'maybe' },
          ],
        },
        paths: ['stages.0.probability', 'stages.1.kind', 'stages.1.probability'],
      },
      {
        body: {
          name: 'X',
          stages: [
            { name: 'Won', probability: 100, kind: 'won' },
            { name: 'Lost', probability: 0, kind: 'lost' },
          ],
        },
        paths: ['stages'],
      },
    ],
  },
  {
    path: 'opportunities',
    writer: 'rep',
    valid: (d) => ({
      name: 'Warehouse refit',
      customerId: d.customerId,
      pipelineId: d.pipelineId,
      stageId: d.stageIds[0],
      amount: 1250000,
      currency: 'USD',
      expectedCloseDate: '2026-12-31',
    }),
    change: () => ({ amount: 1500000, forecastCategory: 'commit' }),
    invalid: (d) => [
      {
        body: {
          name: 'X',
          customerId: d.customerId,
          pipelineId: d.pipelineId,
          stageId: d.stageIds[0],
          currency: 'usd',
          amount: 10.5,
        },
        paths: ['amount', 'currency'],
      },
      {
        body: { name: 'X', customerId: d.customerId, pipelineId: d.pipelineId, stageId: missing, currency: 'USD' },
        paths: ['stageId'],
      },
      {
        body: {
          name: 'X',
          customerId: d.customerId,
          pipelineId: d.pipelineId,
          stageId: d.stageIds[2],
          currency: 'USD',
        },
        paths: ['lostReason'],
      },
      {
        body: { name: 'X', customerId: missing, pipelineId: d.pipelineId, stageId: d.stageIds[0], currency: 'USD' },
        paths: ['customerId'],
      },
      {
        body: {
          name: 'X',
          customerId: d.customerId,
          pipelineId: d.pipelineId,
          stageId: d.stageIds[0],
          currency: 'USD',
          probability: 150,
          expectedCloseDate: 'soon',
        },
        paths: ['expectedCloseDate', 'probability'],
      },
    ],
  },
  {
    path: 'activities',
    writer: 'rep',
    valid: (d) => ({
      type: 'call',
      subject: 'Intro call',
      direction: 'outbound',
      durationSeconds: 600,
      outcome: 'connected',
      customerId: d.customerId,
    }),
    change: () => ({ body: 'Wants a quote by Friday.' }),
    invalid: (d) => [
      { body: { type: 'fax', subject: 'X', customerId: d.customerId }, paths: ['type'] },
      { body: { type: 'call', subject: 'X' }, paths: ['customerId'] },
      {
        body: { type: 'call', subject: 'X', customerId: d.customerId, durationSeconds: -5, dueAt: 'tomorrow' },
        paths: ['dueAt', 'durationSeconds'],
      },
    ],
  },
  {
    path: 'orders',
    valid: (d) => ({
      customerId: d.customerId,
      externalId: `SHOP-${Math.random()}`,
      totalAmount: 4999,
      currency: 'USD',
      placedAt: '2026-05-01T10:00:00Z',
      lines: [{ name: 'Tape', quantity: 1, unitAmount: 4999 }],
    }),
    change: () => ({ status: 'paid' }),
    invalid: (d) => [
      {
        body: { customerId: d.customerId, totalAmount: 1, currency: 'USD', placedAt: 'yesterday' },
        paths: ['placedAt'],
      },
      {
        body: {
          customerId: d.customerId,
          totalAmount: -1,
          currency: 'USD',
          placedAt: '2026-05-01T10:00:00Z',
          lines: [{ name: '', quantity: 0, unitAmount: 1 }],
        },
        paths: ['lines.0.name', 'lines.0.quantity', 'totalAmount'],
      },
    ],
  },
  {
    path: 'cases',
    writer: 'rep',
    valid: (d) => ({ subject: 'Late delivery', priority: 'high', channel: 'email', customerId: d.customerId }),
    change: () => ({ status: 'resolved' }),
    invalid: () => [
      { body: { subject: 'X', priority: 'asap', status: 'done' }, paths: ['priority', 'status'] },
      { body: { subject: 'X', dueBy: '2026-13-01T00:00:00Z' }, paths: ['dueBy'] },
    ],
  },
  {
    path: 'segments',
    valid: () => ({
      name: 'Big spenders in the West',
      rules: {
        all: [
          { field: 'region', op: 'eq', value: 'West' },
          { field: 'lifetimeValue', op: 'gte', value: 100000 },
        ],
      },
    }),
    change: () => ({ description: 'For the spring mailing' }),
    invalid: () => [
      { body: { name: 'X', rules: { field: 'shoeSize', op: 'eq', value: 42 } }, paths: ['rules'] },
      { body: { name: 'X' }, paths: ['rules'] },
    ],
  },
  {
    path: 'teams',
    valid: () => ({ name: 'Key accounts' }),
    change: () => ({ name: 'Key accounts (North)' }),
    invalid: () => [
      { body: { name: '' }, paths: ['name'] },
      { body: { name: 'X', managerId: missing }, paths: ['managerId'] },
    ],
  },
  {
    path: 'users',
    valid: () => ({ email: `New.Rep+${Math.random().toString(36).slice(2)}@Acme.test`, name: 'New Rep', role: 'rep' }),
    change: () => ({ role: 'manager' }),
    invalid: () => [
      { body: { email: 'nope', name: 'X' }, paths: ['email'] },
      { body: { email: 'x@acme.test', name: 'X', role: 'boss', locale: 'fr' }, paths: ['locale', 'role'] },
    ],
  },
];

describe.each(testDatabases())('resources on $name', ({ get }) => {
  let kit: TestKit;
  let deps: Deps;
  let admin: Member;

  const send: TestKit['send'] = (...args) => kit.send(...args);

  beforeAll(async () => {
    kit = await createTestKit(get());
    admin = kit.acme.users.admin;
    const customer = await send(admin, 'POST', '/customers', {
      name: 'Deps Customer',
      ownerId: kit.acme.users.rep.userId,
    });
    const pipeline = await send(admin, 'POST', '/pipelines', {
      name: 'Sales',
      isDefault: true,
      stages: [
        { name: 'Initial contact', probability: 10 },
        { name: 'Won', probability: 100, kind: 'won' },
        { name: 'Lost', probability: 0, kind: 'lost', requires: ['lostReason'] },
      ],
    });
    expect(pipeline.status).toBe(201);
    deps = {
      customerId: customer.body.id as string,
      pipelineId: pipeline.body.id as string,
      stageIds: (pipeline.body.stages as { id: string }[]).map((s) => s.id),
      ownerId: kit.acme.users.rep.userId,
    };
  });

  describe.each(cases)('/$path', (c) => {
    const writer = () => kit.acme.users[c.writer ?? 'admin'];

    it('creates, reads, changes, trashes and restores, keeping a full history', async () => {
      const created = await send(writer(), 'POST', `/${c.path}`, c.valid(deps));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id as string;
      expect(created.res.headers.get('etag')).toBe('"1"');
      expect(created.res.headers.get('location')).toBe(`/api/crm/${c.path}/${id}`);
      expect(created.body.version).toBe(1);

      const read = await send(writer(), 'GET', `/${c.path}/${id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);

      const change = c.change(deps);
      const patched = await send(writer(), 'PATCH', `/${c.path}/${id}`, change, { 'if-match': '"1"' });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      // Only the named fields change (and what follows from them).
      const { version: _v, updatedAt: _u, resolvedAt: _r, ...unchanged } = created.body;
      expect(patched.body).toMatchObject({ ...unchanged, ...change, version: 2 });

      const listed = await send(writer(), 'GET', `/${c.path}?limit=200`);
      expect((listed.body.items as Json[]).some((r) => r.id === id)).toBe(true);

      const trashed = await send(writer(), 'DELETE', `/${c.path}/${id}`, undefined, { 'if-match': '"2"' });
      expect(trashed.status).toBe(200);
      expect(trashed.body.deletedAt).toEqual(expect.any(String));
      const live = await send(writer(), 'GET', `/${c.path}?limit=200`);
      expect((live.body.items as Json[]).some((r) => r.id === id)).toBe(false);
      const trash = await send(writer(), 'GET', `/${c.path}?limit=200&trash=true`);
      expect((trash.body.items as Json[]).some((r) => r.id === id)).toBe(true);

      const restored = await send(writer(), 'POST', `/${c.path}/${id}/restore`);
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ ...change, deletedAt: null, version: 4 });

      const history = await send(writer(), 'GET', `/${c.path}/${id}/history`);
      const entries = history.body.items as HistoryEntry[];
      expect(entries.map((e) => e.action)).toEqual(['restore', 'delete', 'update', 'create']);
      expect(entries.every((e) => e.actorId === writer().userId)).toBe(true);
      expect(entries[3]!.before).toBeNull();
      expect(entries[2]!.before).toMatchObject({ version: 1 });
      expect(entries[2]!.after).toMatchObject({ ...change, version: 2 });
    });

    it('names each bad field in a 400 problem and writes nothing', async () => {
      const before = await send(admin, 'GET', `/${c.path}?limit=200&sort=-createdAt`);
      for (const { body, paths } of c.invalid(deps)) {
        const res = await send(writer(), 'POST', `/${c.path}`, body);
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.res.headers.get('content-type')).toBe('application/problem+json');
        expect([...new Set(res.body.errors!.map((e) => e.path))].sort()).toEqual(paths);
      }
      const after = await send(admin, 'GET', `/${c.path}?limit=200&sort=-createdAt`);
      expect(after.body.items).toEqual(before.body.items);
    });

    it('lets exactly one of two writers on the same version win', async () => {
      const created = await send(writer(), 'POST', `/${c.path}`, c.valid(deps));
      const id = created.body.id as string;
      const [a, b] = await Promise.all([
        send(writer(), 'PATCH', `/${c.path}/${id}`, c.change(deps), { 'if-match': '"1"' }),
        send(writer(), 'PATCH', `/${c.path}/${id}`, c.change(deps), { 'if-match': '"1"' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      const stale = await send(writer(), 'DELETE', `/${c.path}/${id}`, undefined, { 'if-match': '"1"' });
      expect(stale.status).toBe(412);
      const now = await send(writer(), 'GET', `/${c.path}/${id}`);
      expect(now.body).toMatchObject({ version: 2, deletedAt: null });
      const history = await send(writer(), 'GET', `/${c.path}/${id}/history`);
      expect((history.body.items as HistoryEntry[]).map((e) => e.action)).toEqual(['update', 'create']);
    });

    it('replays a POST with the same Idempotency-Key and refuses the key for another body', async () => {
      const key = `key-${c.path}-${Math.random()}`;
      const body = c.valid(deps);
      const first = await send(writer(), 'POST', `/${c.path}`, body, { 'idempotency-key': key });
      const again = await send(writer(), 'POST', `/${c.path}`, body, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      const other = await send(
        writer(),
        'POST',
        `/${c.path}`,
        { ...body, ...c.change(deps) },
        { 'idempotency-key': key },
      );
      expect(other.status).toBe(422);
    });

    it('answers 404 for an id of another organization and changes nothing there', async () => {
      const created = await send(writer(), 'POST', `/${c.path}`, c.valid(deps));
      const id = created.body.id as string;
      const intruder = kit.globex.users.admin;
      for (const [method, path, body] of [
        ['GET', `/${c.path}/${id}`],
        ['PATCH', `/${c.path}/${id}`, c.change(deps)],
        ['DELETE', `/${c.path}/${id}`],
        ['POST', `/${c.path}/${id}/restore`],
        ['GET', `/${c.path}/${id}/history`],
      ] as const) {
        expect((await send(intruder, method, path, body)).status, `${method} ${path}`).toBe(404);
      }
      const list = await send(intruder, 'GET', `/${c.path}?limit=200`);
      expect((list.body.items as Json[]).some((r) => r.id === id)).toBe(false);
      expect((await send(writer(), 'GET', `/${c.path}/${id}`)).body.version).toBe(1);
    });
  });

  it('keeps viewers to reading', async () => {
    const res = await send(kit.acme.users.viewer, 'POST', '/customers', { name: 'Viewer Co' });
    expect(res.status).toBe(403);
    expect((await send(kit.acme.users.viewer, 'GET', '/customers')).status).toBe(200);
  });

  it('records each stage an opportunity enters, and asks for what a stage requires', async () => {
    const rep = kit.acme.users.rep;
    const deal = await send(rep, 'POST', '/opportunities', {
      name: 'Stage walk',
      customerId: deps.customerId,
      pipelineId: deps.pipelineId,
      stageId: deps.stageIds[0],
      currency: 'USD',
      amount: 100,
    });
    const id = deal.body.id as string;
    const refused = await send(rep, 'PATCH', `/opportunities/${id}`, { stageId: deps.stageIds[2] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'lostReason', code: 'required', message: expect.any(String) }]);
    const lost = await send(rep, 'PATCH', `/opportunities/${id}`, { stageId: deps.stageIds[2], lostReason: 'Price' });
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({
      stageId: deps.stageIds[2],
      forecastCategory: 'omitted',
      closedAt: expect.any(String),
    });
    const history = await send(rep, 'GET', `/opportunities/${id}/history`);
    expect((history.body.items as HistoryEntry[])[0]!.after).toMatchObject({ stageId: deps.stageIds[2] });
  });

  it('refuses a malformed JSON body, a wrong content type and a bad If-Match with 400s', async () => {
    const malformed = await kit.app.request('/api/crm/customers', {
      method: 'POST',
      headers: { 'x-test-user': admin.userId, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe('application/problem+json');
    const text = await kit.app.request('/api/crm/customers', {
      method: 'POST',
      headers: { 'x-test-user': admin.userId, 'content-type': 'text/plain' },
      body: 'name=x',
    });
    expect([400, 415]).toContain(text.status);
    const badMatch = await send(
      admin,
      'PATCH',
      `/customers/${deps.customerId}`,
      { name: 'Y' },
      { 'if-match': 'yesterday' },
    );
    expect(badMatch.status).toBe(400);
    expect(badMatch.body.errors?.[0]?.path).toBe('If-Match');
  });

  it('pages through a list without skipping or repeating while rows are inserted', async () => {
    const rep = kit.acme.users.rep2;
    const names = Array.from({ length: 25 }, (_, i) => `Paging ${String(i).padStart(2, '0')}`);
    for (const name of names) await send(rep, 'POST', '/customers', { name, region: 'paging-test' });
    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    do {
      const page: { body: Json } = await send(
        rep,
        'GET',
        `/customers?region=paging-test&limit=4&sort=name${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...(page.body.items as { name: string }[]).map((r) => r.name));
      cursor = page.body.nextCursor as string | null;
      // Rows inserted behind and ahead of the cursor while paging.
      await send(rep, 'POST', '/customers', {
        name: `Paging ${inserted % 2 ? 'AA' : 'zz'} ${inserted}`,
        region: 'paging-test',
      });
      inserted++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const name of names) expect(seen).toContain(name);
    expect(seen).toEqual([...seen].sort());
  });
});
