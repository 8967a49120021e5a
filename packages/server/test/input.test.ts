// Strict input: text the database cannot hold, free JSON that is too deep or too big, bodies
// over the limit, PATCH without a change, attributes merged per key, audit diffs and the
// machine codes of field errors.
import type { HistoryEntry, Problem } from '@crmkit/core';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCrm } from '../src/app.js';
import { changeFeed, type ChangeEvent } from '../src/events/bus.js';
import { toProblem } from '../src/http/db-errors.js';
import { ProblemError } from '../src/http/problem.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Json, type Reply, type Member, type TestKit } from './kit.js';

const NUL = 'a\u0000b';
const LONE = 'a\ud800b';
const missing = '01890000-0000-7000-8000-000000000000';

/** `{"a":{"a":…1…}}`, `levels` objects deep, as text (JSON.stringify would overflow). */
function deepJson(levels: number): string {
  return '{"a":'.repeat(levels - 1) + '{"a":1' + '}'.repeat(levels);
}

/** Sets a dotted path (`stages.0.name`) in a copy of a body. */
function withValue(body: Json, path: string, value: unknown): Json {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return copy;
}

describe.each(testDatabases())('strict input on $name', ({ get }) => {
  let kit: TestKit;
  let admin: Member;
  let customerId: string;
  let pipelineId: string;
  let stageIds: string[];
  /** A valid new record of each resource, and its text fields (dotted paths). */
  let resources: { path: string; valid: () => Json; texts: string[] }[];
  /** One stored record of each resource. */
  const stored = new Map<string, Json>();

  const send = async (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    caller: Member = admin,
  ): Promise<Reply> => kit.send(caller, method, path, body, headers);
  /** Sends a body as raw text (for bodies JSON.stringify cannot make). */
  const sendRaw = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await kit.app.request(`/api/crm${path}`, {
      method,
      headers: { 'x-test-user': admin.userId, ...headers },
      body,
    });
    const text = await res.text();
    return { res, status: res.status, body: (text ? JSON.parse(text) : undefined) as Json & Problem };
  };
  const history = async (path: string, id: string) =>
    (await send('GET', `/${path}/${id}/history?limit=200`)).body.items as HistoryEntry[];

  beforeAll(async () => {
    kit = await createTestKit(get());
    admin = kit.acme.users.admin;
    customerId = (await send('POST', '/customers', { name: 'Input Co' })).body.id as string;
    const pipeline = await send('POST', '/pipelines', {
      name: 'Input pipeline',
      stages: [
        { name: 'Open', probability: 10 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    pipelineId = pipeline.body.id as string;
    stageIds = (pipeline.body.stages as { id: string }[]).map((s) => s.id);
    resources = [
      {
        path: 'customers',
        valid: () => ({ name: 'Text Co', tags: ['vip'], attributes: { tier: 'gold' } }),
        texts: ['name', 'industry', 'region', 'address', 'source', 'tags.0', 'externalId', 'attributes.tier'],
      },
      {
        path: 'contacts',
        valid: () => ({ name: 'Emma', customerId }),
        texts: ['name', 'title', 'externalId'],
      },
      { path: 'leads', valid: () => ({ name: 'Liam' }), texts: ['name', 'company', 'source', 'externalId'] },
      { path: 'campaigns', valid: () => ({ name: 'Spring' }), texts: ['name'] },
      {
        path: 'pipelines',
        valid: () => ({
          name: 'Renewals',
          stages: [
            { name: 'Due', probability: 50 },
            { name: 'Renewed', probability: 100, kind: 'won' },
          ],
        }),
        texts: ['name', 'stages.0.name'],
      },
      {
        path: 'opportunities',
        valid: () => ({
          name: 'Refit',
          customerId,
          pipelineId,
          stageId: stageIds[0],
          currency: 'USD',
          competitors: ['Acme'],
        }),
        texts: ['name', 'source', 'competitors.0', 'lostReason', 'externalId'],
      },
      {
        path: 'activities',
        valid: () => ({ type: 'call', subject: 'Intro', customerId }),
        texts: ['subject', 'body', 'outcome'],
      },
      {
        path: 'orders',
        valid: () => ({
          customerId,
          totalAmount: 100,
          currency: 'USD',
          placedAt: '2026-05-01T10:00:00Z',
          lines: [{ sku: 'T-1', name: 'Tape', quantity: 1, unitAmount: 100 }],
        }),
        texts: ['externalId', 'number', 'lines.0.sku', 'lines.0.name'],
      },
      { path: 'cases', valid: () => ({ subject: 'Late', customerId }), texts: ['subject', 'description'] },
      {
        path: 'segments',
        valid: () => ({
          name: 'West',
          rules: { all: [{ field: 'region', op: 'in', value: ['West', 'North'] }] },
        }),
        texts: ['name', 'description', 'rules.all.0.value.1'],
      },
      {
        path: 'users',
        valid: () => ({ email: `u${Math.random().toString(36).slice(2)}@acme.test`, name: 'Ursula' }),
        texts: ['name'],
      },
      { path: 'teams', valid: () => ({ name: 'North' }), texts: ['name'] },
    ];
    for (const r of resources) {
      const created = await send('POST', `/${r.path}`, r.valid());
      expect(created.status, `${r.path} ${JSON.stringify(created.body)}`).toBe(201);
      stored.set(r.path, created.body);
    }
  });

  describe('text the database cannot hold', () => {
    it('refuses U+0000 and lone surrogates in every text field, naming the field, and stores nothing', async () => {
      const failures: string[] = [];
      for (const r of resources) {
        for (const field of r.texts) {
          for (const bad of [NUL, LONE]) {
            const res = await send('POST', `/${r.path}`, withValue(r.valid(), field, bad));
            const error = res.body.errors?.find((e) => e.path === field);
            if (res.status !== 400 || error?.code !== 'forbidden_character')
              failures.push(`${r.path} ${field} ${JSON.stringify(bad)} -> ${res.status} ${JSON.stringify(res.body)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('refuses them in attribute keys and nested attribute values, and in segment rule values', async () => {
      const key = await send('POST', '/customers', { name: 'K', attributes: { [NUL]: 1 } });
      expect(key.status).toBe(400);
      expect(key.body.errors![0]).toMatchObject({ path: 'attributes', code: 'forbidden_character' });
      const nested = await send('POST', '/customers', { name: 'N', attributes: { a: { b: ['ok', LONE] } } });
      expect(nested.status).toBe(400);
      expect(nested.body.errors![0]).toMatchObject({ path: 'attributes.a.b.1', code: 'forbidden_character' });
      const rule = await send('POST', '/segments', { name: 'S', rules: { field: 'region', op: 'eq', value: NUL } });
      expect(rule.status).toBe(400);
      expect(rule.body.errors![0]).toMatchObject({ path: 'rules.value', code: 'forbidden_character' });
    });

    it('refuses them in search text, filters and cursors', async () => {
      const cursor = encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify([NUL, missing])));
      const failures: string[] = [];
      for (const query of [
        `/customers?q=${encodeURIComponent(NUL)}`,
        `/customers?externalId=${encodeURIComponent(NUL)}`,
        `/customers?region=${encodeURIComponent(NUL)}`,
        `/customers?tag=${encodeURIComponent(NUL)}`,
        `/customers?cursor=${encodeURIComponent(NUL)}`,
        `/customers?cursor=${cursor}`,
        `/leads?externalId=${encodeURIComponent(NUL)}`,
        `/orders?q=${encodeURIComponent(NUL)}`,
        `/opportunities?externalId=${encodeURIComponent(NUL)}`,
        `/pipelines/${pipelineId}/board?tag=${encodeURIComponent(NUL)}`,
        `/pipelines/${pipelineId}/board/stages/${stageIds[0]}?cursor=${encodeURIComponent(NUL)}`,
      ]) {
        const res = await send('GET', query);
        if (res.status !== 400 || res.res.headers.get('content-type') !== 'application/problem+json')
          failures.push(`${query} -> ${res.status}`);
      }
      expect(failures).toEqual([]);
    });

    it('maps any encoding error the database still raises to a 400', async () => {
      for (const value of ['a\u0000b']) {
        const thrown = await get()
          .db.execute(sql`select ${value}::text`)
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(thrown).toBeDefined();
        const mapped = toProblem(thrown);
        expect(mapped).toBeInstanceOf(ProblemError);
        expect((mapped as ProblemError).problem.status).toBe(400);
      }
      const json = await get()
        .db.execute(sql`select '{"a":"\\u0000"}'::jsonb`)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((toProblem(json) as ProblemError).problem.status).toBe(400);
    });
  });

  describe('free JSON (attributes)', () => {
    it('refuses a deep attributes object (5, 5,000 and 100,000 levels) with a 400 naming it', async () => {
      for (const levels of [6, 5_000, 100_000]) {
        const res = await sendRaw('POST', '/customers', `{"name":"Deep","attributes":${deepJson(levels)}}`, {
          'content-type': 'application/json',
        });
        expect(res.status, `${levels} levels`).toBe(400);
        expect(res.body.errors![0]).toMatchObject({ path: 'attributes', code: 'too_deep', max: 5 });
      }
      const ok = await sendRaw('POST', '/customers', `{"name":"Five","attributes":${deepJson(5)}}`, {
        'content-type': 'application/json',
      });
      expect(ok.status).toBe(201);
    });

    it('refuses too many keys and too many bytes', async () => {
      const keys = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]));
      const many = await send('POST', '/customers', { name: 'Keys', attributes: keys });
      expect(many.status).toBe(400);
      expect(many.body.errors![0]).toMatchObject({ path: 'attributes', code: 'too_many_keys', max: 100 });
      const big = await send('POST', '/customers', { name: 'Big', attributes: { text: 'x'.repeat(17_000) } });
      expect(big.status).toBe(400);
      expect(big.body.errors![0]).toMatchObject({ path: 'attributes', code: 'too_large', max: 16_384 });
    });

    it('merges a PATCH of attributes per key (RFC 7396): null removes, objects merge', async () => {
      const created = await send('POST', '/customers', {
        name: 'Merge Co',
        attributes: { tier: 'gold', keep: 1, drop: true, nested: { a: 1, b: 2, deeper: { x: 1 } } },
      });
      const id = created.body.id as string;
      const patched = await send('PATCH', `/customers/${id}`, {
        attributes: { tier: 'silver', drop: null, nested: { b: null, c: 3, deeper: { y: 2 } }, added: [1, 2] },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body.attributes).toEqual({
        tier: 'silver',
        keep: 1,
        nested: { a: 1, c: 3, deeper: { x: 1, y: 2 } },
        added: [1, 2],
      });
      expect((await send('GET', `/customers/${id}`)).body.attributes).toEqual(patched.body.attributes);
    });

    it('bounds the merged attributes too', async () => {
      const created = await send('POST', '/customers', {
        name: 'Grow Co',
        attributes: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`a${i}`, i])),
      });
      const id = created.body.id as string;
      const patched = await send('PATCH', `/customers/${id}`, {
        attributes: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`b${i}`, i])),
      });
      expect(patched.status).toBe(400);
      expect(patched.body.errors![0]).toMatchObject({ path: 'attributes', code: 'too_many_keys' });
      expect((await send('GET', `/customers/${id}`)).body.version).toBe(1);
    });
  });

  describe('body size', () => {
    it('answers a body over 1 MB with a 413 problem and stores nothing', async () => {
      const body = JSON.stringify({ name: 'Huge', attributes: { text: 'x'.repeat(1_100_000) } });
      const res = await sendRaw('POST', '/customers', body, { 'content-type': 'application/json' });
      expect(res.status).toBe(413);
      expect(res.res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.status).toBe(413);
      const listed = await send('GET', '/customers?q=huge');
      expect(listed.body.items).toEqual([]);
    });

    it('takes the limit from the maxBodyBytes option', async () => {
      const member = admin;
      const crm = createCrm({ database: get(), identify: () => member, maxBodyBytes: 2_000 });
      const app = new Hono().route('/api/crm', crm);
      const post = (body: string) =>
        app.request('/api/crm/customers', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect((await post(JSON.stringify({ name: 'Small' }))).status).toBe(201);
      const over = await post(JSON.stringify({ name: 'Small', address: 'x'.repeat(2_000) }));
      expect(over.status).toBe(413);
      expect(over.headers.get('content-type')).toBe('application/problem+json');
    });
  });

  describe('PATCH', () => {
    it('refuses a PATCH with no body (400) or another content type (415) on every resource', async () => {
      const failures: string[] = [];
      for (const r of resources) {
        const id = stored.get(r.path)!.id as string;
        const none = await sendRaw('PATCH', `/${r.path}/${id}`);
        if (none.status !== 400 || none.res.headers.get('content-type') !== 'application/problem+json')
          failures.push(`${r.path} no body -> ${none.status}`);
        const empty = await sendRaw('PATCH', `/${r.path}/${id}`, '', { 'content-type': 'application/json' });
        if (empty.status !== 400) failures.push(`${r.path} empty JSON body -> ${empty.status}`);
        const text = await sendRaw('PATCH', `/${r.path}/${id}`, 'name=x', { 'content-type': 'text/plain' });
        if (text.status !== 415 || text.res.headers.get('content-type') !== 'application/problem+json')
          failures.push(`${r.path} text/plain -> ${text.status}`);
        const now = await send('GET', `/${r.path}/${id}`);
        if (now.body.version !== stored.get(r.path)!.version) failures.push(`${r.path} version changed`);
      }
      expect(failures).toEqual([]);
    });

    it('answers an empty change with the record as it is: no new version, history entry or event', async () => {
      const events: ChangeEvent[] = [];
      const unsubscribe = await changeFeed(get()).subscribe((e) => events.push(e));
      const failures: string[] = [];
      for (const r of resources) {
        const record = stored.get(r.path)!;
        const id = record.id as string;
        const entries = (await history(r.path, id)).length;
        // Nothing named, and every field named with the value it has.
        const same = Object.fromEntries(
          r.texts
            .map((path) => path.split('.')[0]!)
            .filter((key) => key in record)
            .map((key) => [key, record[key]]),
        );
        for (const body of [{}, same]) {
          const res = await send('PATCH', `/${r.path}/${id}`, body, { 'if-match': `"${String(record.version)}"` });
          if (res.status !== 200) failures.push(`${r.path} ${JSON.stringify(body)} -> ${res.status}`);
          else if (res.body.version !== record.version || res.res.headers.get('etag') !== `"${String(record.version)}"`)
            failures.push(`${r.path} ${JSON.stringify(body)} made version ${String(res.body.version)}`);
        }
        if ((await history(r.path, id)).length !== entries) failures.push(`${r.path} wrote a history entry`);
      }
      // A real change afterwards, so the feed has delivered everything before it.
      const marker = await send('PATCH', `/customers/${customerId}`, { region: `R${Math.random()}` });
      await expect.poll(() => events.some((e) => e.id === customerId && e.version === marker.body.version)).toBe(true);
      unsubscribe();
      const ids = new Set([...stored.values()].map((r) => r.id));
      expect(events.filter((e) => ids.has(e.id))).toEqual([]);
      expect(failures).toEqual([]);
    });
  });

  describe('audit log', () => {
    it('stores the changed fields of an update, the record on create, deletedAt on delete and restore', async () => {
      const created = await send('POST', '/customers', { name: 'Audit Co', region: 'West', tags: ['a'] });
      const id = created.body.id as string;
      await send('PATCH', `/customers/${id}`, { region: 'East', tags: ['a'] });
      await send('DELETE', `/customers/${id}`);
      await send('POST', `/customers/${id}/restore`);
      const [restore, trash, update, create] = await history('customers', id);
      expect(create!.before).toBeNull();
      expect(create!.after).toEqual(created.body);
      expect(update!.before).toEqual({ region: 'West', version: 1, updatedAt: created.body.updatedAt });
      expect(update!.after).toMatchObject({ region: 'East', version: 2 });
      expect(Object.keys(update!.after!).sort()).toEqual(['region', 'updatedAt', 'version']);
      expect(trash!.before).toMatchObject({ deletedAt: null, version: 2 });
      expect(Object.keys(trash!.after!).sort()).toEqual(['deletedAt', 'updatedAt', 'version']);
      expect(restore!.after).toMatchObject({ deletedAt: null, version: 4 });
      expect(Object.keys(restore!.before!).sort()).toEqual(['deletedAt', 'updatedAt', 'version']);
    });

    it('pages history by size as well as by count', async () => {
      const created = await send('POST', '/activities', { type: 'note', subject: 'Big notes', customerId });
      const id = created.body.id as string;
      for (let i = 0; i < 16; i++) {
        const res = await send('PATCH', `/activities/${id}`, { body: String(i % 10).repeat(20_000) });
        expect(res.status).toBe(200);
      }
      const seen: HistoryEntry[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await send('GET', `/activities/${id}/history?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        // A page stops once it passes 256 kB (by at most one entry, here about 40 kB).
        expect(JSON.stringify(page.body).length).toBeLessThan(256 * 1024 + 50_000);
        seen.push(...(page.body.items as HistoryEntry[]));
        cursor = page.body.nextCursor as string | null;
        pages++;
      } while (cursor);
      expect(pages).toBeGreaterThan(1);
      expect(seen).toHaveLength(17);
      expect(new Set(seen.map((e) => e.id)).size).toBe(17);
    });
  });

  describe('field error codes', () => {
    it('gives every field error a machine code and its limits', async () => {
      const checks: [string, Json, Json][] = [
        ['/customers', { name: 'x'.repeat(201) }, { path: 'name', code: 'too_long', max: 200 }],
        ['/customers', { name: '' }, { path: 'name', code: 'required' }],
        ['/customers', {}, { path: 'name', code: 'required' }],
        ['/customers', { name: 'X', emails: ['nope'] }, { path: 'emails.0', code: 'invalid_format' }],
        ['/customers', { name: 'X', kind: 'robot' }, { path: 'kind', code: 'invalid_value' }],
        ['/customers', { name: 'X', tags: 'vip' }, { path: 'tags', code: 'invalid_type' }],
        ['/customers', { name: 'X', ownerId: missing }, { path: 'ownerId', code: 'not_found' }],
        ['/customers', { name: 'X', tags: Array(31).fill('t') }, { path: 'tags', code: 'too_long', max: 30 }],
        ['/leads', { name: 'X', score: 101 }, { path: 'score', code: 'too_big', max: 100 }],
        ['/leads', { name: 'X', score: -1 }, { path: 'score', code: 'too_small', min: 0 }],
        [
          '/pipelines',
          { name: 'X', stages: [{ name: 'A', probability: 1 }] },
          { path: 'stages', code: 'too_short', min: 2 },
        ],
        ['/campaigns', { name: 'X', budgetAmount: 5 }, { path: 'budgetCurrency', code: 'required' }],
        [
          '/campaigns',
          { name: 'X', startsOn: '2026-03-10', endsOn: '2026-03-01' },
          { path: 'endsOn', code: 'invalid_value' },
        ],
        [
          '/orders',
          { customerId: missing, totalAmount: 1, currency: 'USD', placedAt: '2026-05-01T10:00:00Z' },
          {
            path: 'customerId',
            code: 'not_found',
          },
        ],
      ];
      const failures: string[] = [];
      for (const [path, body, expected] of checks) {
        const res = await send('POST', path, body);
        const match = res.body.errors?.find((e) => e.path === expected.path);
        if (res.status !== 400 || !match || Object.entries(expected).some(([k, v]) => (match as Json)[k] !== v))
          failures.push(
            `${path} ${JSON.stringify(body).slice(0, 80)} -> ${res.status} ${JSON.stringify(res.body.errors)}`,
          );
      }
      const badMatch = await send('PATCH', `/customers/${customerId}`, { name: 'Y' }, { 'if-match': 'yesterday' });
      expect(badMatch.body.errors![0]).toMatchObject({ path: 'If-Match', code: 'invalid_format' });
      expect(failures).toEqual([]);
    });
  });
});
