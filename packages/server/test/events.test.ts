import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';

interface Change {
  entity: string;
  id: string;
  action: string;
  version: number;
}

/** Opens `/events` as a member and collects the changes it receives. */
async function subscribe(kit: TestKit, who: Member) {
  const res = await kit.request(who, 'GET', '/events');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const changes: Change[] = [];
  let buffer = '';
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(message)?.[1];
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (event === 'ready') ready();
        if (event === 'change' && data) changes.push(JSON.parse(data) as Change);
      }
    }
  })();
  await isReady;
  return { changes, close: () => reader.cancel() };
}

const settle = () => new Promise((r) => setTimeout(r, 400));

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
    await settle();

    expect(adminFeed.changes.filter((c) => c.id === own.id).map((c) => [c.action, c.version])).toEqual([
      ['create', 1],
      ['update', 2],
    ]);
    expect(adminFeed.changes.some((c) => c.id === other.id)).toBe(true);
    expect(repFeed.changes.map((c) => c.id)).toEqual([own.id, own.id]);
    expect(globexFeed.changes).toEqual([]);
    for (const feed of [adminFeed, repFeed, globexFeed]) await feed.close();
  });
});
