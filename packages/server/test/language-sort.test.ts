// Lists sorted by name in the reader's language (Accept-Language): Traditional Chinese by stroke
// count, Simplified by pinyin where the server has ICU collations, code point order where it has not
// (PGlite); paging stays exact in each order, and a cursor of one order is refused in another.
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type TestKit } from './kit.js';

type Page = { items: { name: string }[]; nextCursor: string | null };

const NAMES = ['陳大文', '王小明', '林志玲', '張三', '李四', '台中貿易'];
/** The orders ICU gives these names: by stroke count (zh-Hant), by pinyin (zh-Hans). */
const STROKE_ORDER = ['王小明', '台中貿易', '李四', '林志玲', '張三', '陳大文'];
const PINYIN_ORDER = ['陳大文', '李四', '林志玲', '台中貿易', '王小明', '張三'];
const CODE_POINT_ORDER = [...NAMES].sort();

describe.each(testDatabases())('lists sorted in the reader’s language on $name', ({ get }) => {
  let kit: TestKit;
  let icu = false;
  const list = async (path: string, language?: string) => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `${path}${path.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await kit.request(
        kit.acme.users.admin,
        'GET',
        query,
        undefined,
        language ? { 'accept-language': language } : {},
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      names.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    return names;
  };

  beforeAll(async () => {
    kit = await createTestKit(get());
    const customer = await kit.send(kit.acme.users.admin, 'POST', '/customers', { name: 'Anchor' });
    for (const name of NAMES) {
      expect((await kit.send(kit.acme.users.admin, 'POST', '/customers', { name })).status).toBe(201);
      expect(
        (await kit.send(kit.acme.users.admin, 'POST', '/contacts', { name, customerId: customer.body.id })).status,
      ).toBe(201);
    }
    // Whether this server's collations know the languages (PGlite's fall back to code points).
    const [row] = await get().withSession((s) =>
      s.query<{ knows: boolean }>(
        `select '王' < '台' collate crm.zh_hant and '陳' < '李' collate crm.zh_hans as knows`,
      ),
    );
    icu = row?.knows === true;
  });

  const chinese = (names: string[]) => names.filter((n) => n !== 'Anchor');

  it('sorts customers and contacts by stroke count for Traditional Chinese and by pinyin for Simplified', async () => {
    for (const path of ['/customers', '/contacts']) {
      expect(chinese(await list(path, 'zh-TW,zh;q=0.9,en;q=0.8'))).toEqual(icu ? STROKE_ORDER : CODE_POINT_ORDER);
      expect(chinese(await list(path, 'zh-CN'))).toEqual(icu ? PINYIN_ORDER : CODE_POINT_ORDER);
      expect(chinese(await list(path, 'en-US'))).toEqual(CODE_POINT_ORDER);
      expect(chinese(await list(path))).toEqual(CODE_POINT_ORDER);
      expect(chinese(await list(`${path}?sort=-name`, 'zh-Hant'))).toEqual(
        [...(icu ? STROKE_ORDER : CODE_POINT_ORDER)].reverse(),
      );
    }
  });

  it('uses the language’s order when searching, and says the answer varies by language', async () => {
    const res = await kit.request(kit.acme.users.admin, 'GET', '/customers?q=%E4%B8%AD', undefined, {
      'accept-language': 'zh-Hant',
    });
    expect(res.headers.get('vary')?.toLowerCase()).toContain('accept-language');
    const page = (await res.json()) as Page;
    expect(page.items.map((c) => c.name)).toEqual(['台中貿易']);
  });

  it('refuses a cursor of one order in another (it would skip and repeat rows)', async () => {
    const first = await kit.send(kit.acme.users.admin, 'GET', '/customers?limit=2', undefined, {
      'accept-language': 'zh-Hant',
    });
    const cursor = (first.body as unknown as Page).nextCursor!;
    const other = await kit.send(kit.acme.users.admin, 'GET', `/customers?limit=2&cursor=${cursor}`, undefined, {
      'accept-language': 'en',
    });
    expect(other.status).toBe(400);
    expect(JSON.stringify(other.body)).toContain('cursor');
  });
});
