import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type TestKit } from './kit.js';
import { subscribe } from './support/event-stream.js';

describe.each(testDatabases())('change events on $name', ({ get }) => {
  let kit: TestKit;
  beforeAll(async () => {
    kit = await createTestKit(get());
  });

  it('streams committed changes to the members who may see them, and nothing to other organizations', async () => {
    const { admin, rep, rep2 } = kit.acme.users;
    const adminFeed = await subscribe(kit, admin);
    const repFeed = await subscribe(kit, rep);
    const globexFeed = await subscribe(kit, kit.globex.users.admin);

    const own = (await (await kit.request(rep, 'POST', '/customers', { name: 'Live Co' })).json()) as { id: string };
    const other = (await (await kit.request(rep2, 'POST', '/customers', { name: 'Not yours' })).json()) as {
      id: string;
    };
    await kit.request(rep, 'PATCH', `/customers/${own.id}`, { region: 'North' });
    // A failed write announces nothing.
    await kit.request(rep, 'PATCH', `/customers/${own.id}`, { region: 'South' }, { 'if-match': '"1"' });
    // Then a write each feed may see: once it has arrived, everything committed before it has.
    await kit.request(rep, 'PATCH', `/customers/${own.id}`, { region: 'East' });
    const marker = (await (
      await kit.request(kit.globex.users.admin, 'POST', '/customers', { name: 'Marker' })
    ).json()) as {
      id: string;
    };
    const lastOwn = (c: { id: string; version: number }) => c.id === own.id && c.version === 3;
    await Promise.all([
      adminFeed.received(lastOwn),
      repFeed.received(lastOwn),
      globexFeed.received((c) => c.id === marker.id),
    ]);

    expect(adminFeed.changes.filter((c) => c.id === own.id).map((c) => [c.action, c.version])).toEqual([
      ['create', 1],
      ['update', 2],
      ['update', 3],
    ]);
    expect(adminFeed.changes.some((c) => c.id === other.id)).toBe(true);
    expect(repFeed.changes.map((c) => c.id)).toEqual([own.id, own.id, own.id]);
    expect(globexFeed.changes.map((c) => c.id)).toEqual([marker.id]);
    for (const feed of [adminFeed, repFeed, globexFeed]) await feed.close();
  });
});
