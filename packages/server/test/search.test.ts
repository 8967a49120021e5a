// Search (`?q=`) on the large tables: what it finds, that it never shows (or counts) a row the
// caller may not see, whether the candidates are few (found through the index) or many (the
// row-by-row path), and, on PostgreSQL, that the plans use the trigram and primary-key indexes
// as the kit's own role under row-level security.
import type { Page } from '@crmkit/core';
import { sql, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../src/db/database.js';
import { rows } from '../src/db/rows.js';
import { CANDIDATE_CAP } from '../src/resources/search.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';

type Named = { id: string; name: string };

describe.each(testDatabases())('search on $name', ({ name: driver, get }) => {
  let kit: TestKit;
  let admin: Member;
  let rep: Member;
  let rep2: Member;
  let customerId: string;

  const names = async (caller: Member, path: string) => {
    const res = await kit.request(caller, 'GET', path);
    expect(res.status, path).toBe(200);
    return ((await res.json()) as Page<Named>).items.map((r) => r.name).sort();
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
    ({ admin, rep, rep2 } = kit.acme.users);
    const create = async (caller: Member, path: string, body: object) => {
      const res = await kit.request(caller, 'POST', path, body);
      expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    customerId = await create(rep, '/customers', {
      name: 'Northwind Traders',
      emails: ['orders@northwind.example'],
      phones: ['+1 (555) 010-4477'],
    });
    await create(rep, '/customers', { name: '臺中精機股份有限公司' });
    await create(rep2, '/customers', { name: 'Northwind Outlet (rep2)', phones: ['555 0104 477'] });
    await create(admin, '/customers', { name: '台中港務 Admin' });
    await create(rep, '/contacts', { customerId, name: 'Ada Lovelace', emails: ['ada@northwind.example'] });
    await create(rep, '/leads', { name: 'Grace Hopper', company: 'Cobol Works', phone: '02-2345-6789' });
    const pipeline = (await (
      await kit.request(admin, 'POST', '/pipelines', {
        name: 'Sales',
        stages: [
          { name: 'Open', probability: 10 },
          { name: 'Won', probability: 100, kind: 'won' },
        ],
      })
    ).json()) as { id: string; stages: { id: string }[] };
    await create(rep, '/opportunities', {
      name: '臺北 expansion',
      customerId,
      pipelineId: pipeline.id,
      stageId: pipeline.stages[0]!.id,
      currency: 'USD',
    });
  });

  it('finds by any part of a name, an email, or a phone however it is written', async () => {
    expect(await names(admin, '/customers?q=wind')).toEqual(['Northwind Outlet (rep2)', 'Northwind Traders']);
    expect(await names(admin, '/customers?q=NORTH')).toEqual(['Northwind Outlet (rep2)', 'Northwind Traders']);
    expect(await names(admin, '/customers?q=orders%40north')).toEqual(['Northwind Traders']);
    // Digits match however the number was typed or stored.
    expect(await names(admin, '/customers?q=555-010-4477')).toEqual(['Northwind Outlet (rep2)', 'Northwind Traders']);
    expect(await names(admin, '/customers?q=0104477')).toEqual(['Northwind Outlet (rep2)', 'Northwind Traders']);
    expect(await names(admin, '/contacts?q=lovel')).toEqual(['Ada Lovelace']);
    expect(await names(admin, '/leads?q=cobol')).toEqual(['Grace Hopper']);
    expect(await names(admin, '/leads?q=2345 6789')).toEqual(['Grace Hopper']);
    expect(await names(admin, '/customers?q=x9z')).toEqual([]);
    // LIKE's wildcards are searched for as they are.
    expect(await names(admin, '/customers?q=%25')).toEqual([]);
  });

  it('finds a text of several words as written, whichever of its words reads the index', async () => {
    expect(await names(admin, '/customers?q=northwind traders')).toEqual(['Northwind Traders']);
    expect(await names(admin, '/customers?q=wind trad')).toEqual(['Northwind Traders']);
    // Each word is there, but not the text as written.
    expect(await names(admin, '/customers?q=traders northwind')).toEqual([]);
    expect(await names(rep2, '/customers?q=northwind traders')).toEqual([]);
    expect(await names(admin, '/contacts?q=ada lovelace')).toEqual(['Ada Lovelace']);
    expect(await names(admin, '/customers?q=northwind traders&trash=true')).toEqual([]);
  });

  it('finds Chinese names by any part, either variant of a character finding the other', async () => {
    expect(await names(admin, '/customers?q=精機')).toEqual(['臺中精機股份有限公司']);
    expect(await names(admin, '/customers?q=台中')).toEqual(['台中港務 Admin', '臺中精機股份有限公司']);
    expect(await names(admin, '/customers?q=臺中')).toEqual(['台中港務 Admin', '臺中精機股份有限公司']);
    expect(await names(admin, '/opportunities?q=台北')).toEqual(['臺北 expansion']);
  });

  it('finds two-character Chinese terms through the bigram index, as the caller may see them', async () => {
    await kit.request(rep2, 'POST', '/customers', { name: '陳先生 (rep2)' });
    await kit.request(rep, 'POST', '/contacts', { customerId, name: '陳先生' });
    expect(await names(admin, '/customers?q=陳先')).toEqual(['陳先生 (rep2)']);
    expect(await names(rep, '/customers?q=陳先')).toEqual([]);
    expect(await names(rep, '/contacts?q=陳先')).toEqual(['陳先生']);
    expect(await names(rep2, '/contacts?q=陳先')).toEqual([]);
    // The pairs the index holds are folded as the stored text is (臺 → 台).
    const [pairs] = await rows<{ pairs: string[] | string }>(
      get().db,
      sql`select crm.search_bigrams(crm.search_fold('臺中精機 Co. 5')) as pairs`,
    );
    const list = typeof pairs!.pairs === 'string' ? pairs!.pairs.replace(/[{}]/g, '').split(',') : pairs!.pairs;
    expect([...list].sort()).toEqual(['中精', '台中', '精機']);
  });

  it('shows a rep only the matches they may see, and another organization none', async () => {
    expect(await names(rep, '/customers?q=wind')).toEqual(['Northwind Traders']);
    expect(await names(rep2, '/customers?q=wind')).toEqual(['Northwind Outlet (rep2)']);
    expect(await names(rep, '/customers?q=台中')).toEqual(['臺中精機股份有限公司']);
    expect(await names(kit.globex.users.admin, '/customers?q=wind')).toEqual([]);
    expect(await names(kit.globex.users.admin, '/contacts?q=lovel')).toEqual([]);
  });

  it('searches the trash apart from live records', async () => {
    const id = JSON.parse(await (await kit.request(admin, 'POST', '/customers', { name: 'Trashed Quokka Ltd' })).text())
      .id as string;
    expect(await names(admin, '/customers?q=quokka')).toEqual(['Trashed Quokka Ltd']);
    expect((await kit.request(admin, 'DELETE', `/customers/${id}`)).status).toBe(200);
    expect(await names(admin, '/customers?q=quokka')).toEqual([]);
    expect(await names(admin, '/customers?q=quokka&trash=true')).toEqual(['Trashed Quokka Ltd']);
  });

  it('keeps to what the caller may see when a text matches more rows than are looked up by id', async () => {
    // More matches than the candidate cap, all but one of them another rep's: the row-by-row path.
    const database = get();
    await inOrg(database.db, { orgId: kit.acme.id }, (tx) =>
      tx.execute(sql`insert into crm.customers (org_id, id, name, owner_id)
        select ${kit.acme.id}::uuid, gen_random_uuid(), 'Common Widget ' || n, ${rep2.userId}::uuid
        from generate_series(1, ${CANDIDATE_CAP + 5}) n`),
    );
    await kit.request(rep, 'POST', '/customers', { name: 'Common Widget (mine)' });
    expect(await names(rep, '/customers?q=common widget')).toEqual(['Common Widget (mine)']);
    const page = (await (
      await kit.request(admin, 'GET', '/customers?q=common widget&limit=200')
    ).json()) as Page<Named>;
    expect(page.items).toHaveLength(200);
    expect(page.nextCursor).not.toBeNull();
  });

  it('searches activities, orders and cases through their own index, as the caller may see them', async () => {
    const theirs = (await (await kit.request(rep2, 'POST', '/customers', { name: 'Service Co (rep2)' })).json()) as {
      id: string;
    };
    const make = async (path: string, body: object) =>
      expect((await kit.request(admin, 'POST', path, body)).status, path).toBe(201);
    for (const [customer, who] of [
      [customerId, 'rep'],
      [theirs.id, 'rep2'],
    ] as const) {
      await make('/activities', {
        type: 'call',
        subject: `Quarterly review (${who})`,
        body: '臺北 office',
        customerId: customer,
      });
      await make('/cases', { subject: `Broken gizmo (${who})`, customerId: customer });
      await make('/orders', {
        customerId: customer,
        number: `SO-88231-${who}`,
        totalAmount: 100,
        currency: 'USD',
        placedAt: new Date().toISOString(),
      });
    }
    const found = async (caller: Member, path: string) => {
      const res = await kit.request(caller, 'GET', path);
      expect(res.status, path).toBe(200);
      return ((await res.json()) as Page<{ subject?: string; number?: string }>).items
        .map((r) => r.subject ?? r.number)
        .sort();
    };
    expect(await found(admin, '/activities?q=QUARTERLY rev')).toEqual([
      'Quarterly review (rep)',
      'Quarterly review (rep2)',
    ]);
    expect(await found(rep, '/activities?q=quarterly rev')).toEqual(['Quarterly review (rep)']);
    expect(await found(rep2, '/cases?q=broken giz')).toEqual(['Broken gizmo (rep2)']);
    expect(await found(rep, '/orders?q=so-88231')).toEqual(['SO-88231-rep']);
    expect(await found(kit.acme.users.manager, '/orders?q=so-88231')).toEqual([]);
    // The body is searched too, folded as names are; two characters go row by row (no bigram index here).
    expect(await found(rep2, '/activities?q=台北')).toEqual(['Quarterly review (rep2)']);
    expect(await found(kit.globex.users.admin, '/cases?q=broken giz')).toEqual([]);
  });

  it('searches customers, contacts, leads and deals at once, as the caller may see them', async () => {
    type Results = Record<'customers' | 'contacts' | 'leads' | 'opportunities', Named[]>;
    const search = async (caller: Member | null, q: string, headers: Record<string, string> = {}) => {
      const res = await kit.request(caller, 'GET', `/search?q=${encodeURIComponent(q)}`, undefined, headers);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Results;
      return Object.fromEntries(Object.entries(body).map(([kind, items]) => [kind, items.map((r) => r.name)]));
    };
    expect(await search(admin, 'north')).toEqual({
      customers: ['Northwind Outlet (rep2)', 'Northwind Traders'],
      contacts: ['Ada Lovelace'],
      leads: [],
      opportunities: [],
    });
    expect(await search(rep2, 'north')).toEqual({
      customers: ['Northwind Outlet (rep2)'],
      contacts: [],
      leads: [],
      opportunities: [],
    });
    expect((await search(admin, '台北')).opportunities).toEqual(['臺北 expansion']);
    // A key that may read customers only finds customers.
    const key = (await (
      await kit.request(admin, 'POST', '/api-keys', { name: 'shop sync', scopes: ['customers:read'] })
    ).json()) as { key: string };
    expect(await search(null, 'north', { authorization: `Bearer ${key.key}` })).toEqual({
      customers: ['Northwind Outlet (rep2)', 'Northwind Traders'],
      contacts: [],
      leads: [],
      opportunities: [],
    });
    expect((await kit.request(admin, 'GET', '/search?q=')).status).toBe(400);
    const nul = await kit.request(admin, 'GET', '/search?q=a%00b');
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { errors: { path: string; code: string }[] }).errors).toEqual([
      expect.objectContaining({ path: 'q', code: 'forbidden_character' }),
    ]);
  });

  it.runIf(driver === 'postgres')(
    'finds candidates through the trigram index, and then rows by id under the kit role',
    async () => {
      const database = get();
      // An organization large enough that plans are those of a real one, where a rep owns 0.5%.
      const org = kit.globex.id;
      const { admin: globexAdmin, rep: globexRep } = kit.globex.users;
      await inOrg(database.db, { orgId: org }, (tx) =>
        tx.execute(sql`insert into crm.customers (org_id, id, name, emails, owner_id)
          select ${org}::uuid, gen_random_uuid(), 'Customer ' || n || ' Labs', array['c' || n || '@example.com'],
            case when n % 200 = 0 then ${globexRep.userId}::uuid else ${globexAdmin.userId}::uuid end
          from generate_series(1, 20000) n`),
      );
      // Vacuumed, not only analyzed: the rows just inserted wait in the trigram index's pending list,
      // which only a vacuum merges (autovacuum would, in its time), and the planner prices a scan of it.
      await database.db.execute(sql`vacuum analyze crm.customers`);
      const explain = async (tx: Parameters<Parameters<typeof database.db.transaction>[0]>[0], query: SQL) => {
        return (await rows<{ 'QUERY PLAN': string }>(tx, sql`explain ${query}`)).map((r) => r['QUERY PLAN']).join('\n');
      };
      // The candidates function's query runs as the tables' owner.
      const candidates = await database.db.transaction((tx) =>
        explain(
          tx,
          sql`select id from crm.customers where org_id = ${org}::uuid and (deleted_at is not null) = false and search like '%x9z%' limit 1001`,
        ),
      );
      // The list's query runs as the kit's role, under the policies.
      const list = await inOrg(database.db, { orgId: org, userId: kit.globex.users.rep.userId, role: 'rep' }, (tx) =>
        explain(
          tx,
          sql`select id from crm.customers where org_id = ${org}::uuid and id = any(${`{${customerId}}`}::uuid[]) and search like '%x9z%'`,
        ),
      );
      // A two-character Chinese term: the bigram index.
      const bigram = await database.db.transaction((tx) =>
        explain(
          tx,
          sql`select id from crm.customers where org_id = ${org}::uuid and (deleted_at is not null) = false
                and crm.search_bigrams(search) @> array['台中'] and search like '%台中%' limit 1001`,
        ),
      );
      // A rep's candidates: with the owner list in the statement, the planner sees how few rows
      // the rep may see and keeps to the indexes, even for a common text and a LIMIT.
      const repCandidates = await database.db.transaction((tx) =>
        explain(
          tx,
          sql`select id from crm.customers where org_id = ${org}::uuid and (deleted_at is not null) = false
                and search like '%labs%' and (owner_id = any(${`{${globexRep.userId}}`}::uuid[]) or (owner_id is null and false)) limit 1001`,
        ),
      );
      expect(candidates).toMatch(/customers_search_idx/);
      expect(bigram).toMatch(/customers_search_bigrams_idx/);
      expect(repCandidates).not.toMatch(/Seq Scan/);
      expect(list).toMatch(/Index Scan using customers_org_id_id_pk/);
    },
  );
});
