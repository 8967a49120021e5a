import { RESOURCE_NAMES } from '@crmkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../src/seed/random.js';
import { testDatabases } from './databases.js';
import { createTestKit, type TestKit } from './kit.js';

/** A value nested `levels` deep in arrays and objects (kept shallow enough for JSON.stringify). */
function nested(rng: Random, levels: number): unknown {
  let value: unknown = rng.pick(['deep', 1, null]);
  for (let i = 0; i < levels; i++)
    value = rng.chance(0.5) ? [value] : { [rng.pick(['a', 'attributes', 'all'])]: value };
  return value;
}

/** JSON text nested `levels` deep, past what JSON.stringify (or a recursive walk) can take. */
function deepText(levels: number, open: string, close: string, leaf = '1'): string {
  return open.repeat(levels) + leaf + close.repeat(levels);
}

/** Values of every JSON shape, including the awkward ones. */
function junk(rng: Random, depth = 0): unknown {
  const pick = rng.int(0, depth > 1 ? 7 : 11);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return rng.int(-(2 ** 40), 2 ** 40);
    case 2:
      return rng.next() * 1e20;
    case 3:
      return 'x'.repeat(rng.int(0, 5000));
    case 4:
      return rng.pick([
        '',
        ' ',
        '🙂',
        '\u0000',
        'before\u0000after',
        '\ud800',
        'lone \udc00 low',
        'pair 🙂 then lone \ud83d',
        "'; drop table crm.customers; --",
        '%',
        '2026-02-30',
        'USD',
        '01890000-0000-7000-8000-000000000000',
      ]);
    case 5:
      return rng.chance(0.5);
    case 6:
      return -0;
    case 7:
      return '1e309';
    case 8:
      return Array.from({ length: rng.int(0, 4) }, () => junk(rng, depth + 1));
    case 9:
      return nested(rng, rng.int(4, 300));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(0, 5) }, (_, i) => [
          rng.pick([
            'name',
            'stages',
            'rules',
            'amount',
            'emails',
            'lines',
            'all',
            'field',
            'attributes',
            `k\u0000${i}`,
          ]),
          junk(rng, depth + 1),
        ]),
      );
  }
}

describe.each(testDatabases())('hostile input on $name', ({ get }) => {
  let kit: TestKit;
  beforeAll(async () => {
    kit = await createTestKit(get());
  });

  it('answers every malformed request with a problem, never a 500', async () => {
    const rng = new Random(20261127);
    const admin = kit.acme.users.admin;
    const failures: string[] = [];
    const check = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
      const res = await kit.app.request(`/api/crm${path}`, {
        method,
        headers: {
          'x-test-user': admin.userId,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body,
      });
      if (res.status >= 500) failures.push(`${method} ${path} ${body?.slice(0, 200)} -> ${res.status}`);
      else if (res.status >= 400)
        expect(res.headers.get('content-type'), `${method} ${path}`).toBe('application/problem+json');
    };
    // A real record too, so patches reach the merge of attributes and the comparison with what is stored.
    const customer = (await (await kit.request(admin, 'POST', '/customers', { name: 'Target' })).json()) as {
      id: string;
    };
    for (const resource of RESOURCE_NAMES) {
      for (let i = 0; i < 25; i++) {
        const body = rng.chance(0.8) ? { name: 'Fuzz', ...(junk(rng) as object) } : junk(rng);
        await check('POST', `/${resource}`, JSON.stringify(body));
        await check('PATCH', `/${resource}/01890000-0000-7000-8000-000000000000`, JSON.stringify(body), {
          'if-match': rng.pick(['"1"', 'W/"x"', '*', '"99999999999"']),
        });
        if (resource === 'customers') await check('PATCH', `/customers/${customer.id}`, JSON.stringify(body));
      }
      for (const query of [
        'limit=-1',
        'limit=1e9',
        'limit=abc',
        'sort=drop',
        'cursor=%00',
        'cursor=' + 'A'.repeat(600),
        'q=' + '%25'.repeat(300),
        'trash=maybe',
        'q=a&q=b',
        'ownerId=1 or 1=1',
        'closeFrom=yesterday',
      ]) {
        await check('GET', `/${resource}?${query}`);
      }
      for (const id of ['nope', '00000000-0000-0000-0000-000000000000', '../customers', '%2e%2e']) {
        await check('GET', `/${resource}/${id}`);
        await check('GET', `/${resource}/${id}/history?limit=0`);
        await check('DELETE', `/${resource}/${id}`);
      }
      for (const field of ['attributes', 'rules', 'stages', 'lines', 'name']) {
        for (const levels of [5_000, 100_000]) {
          for (const [open, close] of [
            ['[', ']'],
            ['{"a":', '}'],
          ]) {
            const body = `{"name":"Deep","${field}":${deepText(levels, open!, close!)}}`;
            await check('POST', `/${resource}`, body);
            await check('PATCH', `/${resource}/01890000-0000-7000-8000-000000000000`, body);
          }
        }
      }
      await check('POST', `/${resource}`, '{"name": "unterminated');
      await check('POST', `/${resource}`, '[]');
      await check('POST', `/${resource}`, 'null');
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
