// `/events` checks what each stream may see in batches: a burst of changes costs one visibility
// check per rep or manager stream (none for admins), and each stream still gets exactly the
// changes its member may see, in order. A stream ends when its own member record changes.
import type { ChangeMessage } from '@crmkit/core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { inOrg } from '../src/db/database.js';
import { v7 as uuidv7 } from 'uuid';
import { announce } from '../src/events/bus.js';
import { testDatabases } from './databases.js';
import { createTestKit, type Member, type TestKit } from './kit.js';
import { until } from './ops-kit.js';
import { subscribe } from './support/event-stream.js';

const checks = vi.hoisted(() => ({ count: 0 }));
// Counts the kit's read transactions: while only streams are open, those are the visibility checks.
vi.mock('../src/db/database.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/db/database.js')>();
  return {
    ...original,
    readInOrg: (...args: Parameters<typeof original.readInOrg>) => {
      checks.count++;
      return original.readInOrg(...args);
    },
  };
});

/** A change to this record at this version. */
const change = (id: string, version: number) => (c: ChangeMessage) => c.id === id && c.version === version;

describe.each(testDatabases())('batched change events on $name', ({ get }) => {
  let kit: TestKit;
  beforeAll(async () => {
    kit = await createTestKit(get());
  });
  const create = async (who: Member, name: string) =>
    ((await (await kit.request(who, 'POST', '/customers', { name })).json()) as { id: string }).id;

  it('checks a burst once per rep or manager stream, and streams each member what they may see', async () => {
    const { admin, manager, rep, rep2 } = kit.acme.users;
    // The creations must reach the feed before the streams below open: an admin's stream hears all.
    const probe = await subscribe(kit, admin);
    const mine = [await create(rep, 'Rep one'), await create(rep, 'Rep two')];
    const theirs = [await create(rep2, 'Rep2 one'), await create(rep2, 'Rep2 two')];
    const admins = await create(admin, 'Admin one');
    await probe.received(change(admins, 1));
    await probe.close();

    const feeds = {
      admin: await subscribe(kit, admin),
      manager: await subscribe(kit, manager),
      rep: await subscribe(kit, rep),
      repAgain: await subscribe(kit, rep),
      rep2: await subscribe(kit, rep2),
    };
    // Ten changes committed together: a burst.
    const burst = [...mine, ...theirs, admins, ...mine, ...theirs, admins];
    checks.count = 0;
    await inOrg(get().db, { orgId: kit.acme.id }, async (tx) => {
      const events = burst.map((id, i) => ({
        eventId: uuidv7(),
        orgId: kit.acme.id,
        entity: 'customer',
        id,
        action: 'update' as const,
        version: i + 2,
      }));
      // Half announced one by one, half in one statement: both are heard in order.
      for (const event of events.slice(0, 5)) await announce(tx, [event]);
      await announce(tx, events.slice(5));
    });
    // The last change of the burst each stream may see (versions are 2 + the index in the burst).
    await Promise.all([
      feeds.admin.received(change(admins, 11)),
      feeds.rep.received(change(mine[1]!, 8)),
      feeds.repAgain.received(change(mine[1]!, 8)),
      feeds.rep2.received(change(theirs[1]!, 10)),
    ]);
    expect(await until(() => checks.count >= 4)).toBe(true);
    // One check (a transaction) for each of the four rep and manager streams; none for the admin's.
    expect(checks.count).toBe(4);
    // A change of the manager's own after the burst: once it arrives, the burst has been sent.
    const managers = await create(manager, 'Manager one');
    await feeds.manager.received(change(managers, 1));
    const ids = (feed: { changes: ChangeMessage[] }) => feed.changes.map((c) => c.id);
    expect(ids(feeds.admin)).toEqual([...burst, managers]);
    expect(ids(feeds.rep)).toEqual([...mine, ...mine]);
    expect(ids(feeds.repAgain)).toEqual([...mine, ...mine]);
    expect(ids(feeds.rep2)).toEqual([...theirs, ...theirs]);
    // The manager's teams hold no one here: they see only what has no owner.
    expect(ids(feeds.manager).every((id) => !mine.includes(id) && !theirs.includes(id))).toBe(true);
    expect(ids(feeds.manager)).toContain(managers);
    for (const feed of Object.values(feeds)) await feed.close();
  });

  it("ends a member's streams when their record changes their access, and not others'", async () => {
    const { admin, rep, viewer } = kit.acme.users;
    const repFeed = await subscribe(kit, rep);
    const viewerFeed = await subscribe(kit, viewer);
    expect((await kit.request(admin, 'PATCH', `/users/${viewer.userId}`, { name: 'Renamed viewer' })).status).toBe(200);
    // A later change the viewer may see arrives on a stream that stayed open.
    const later = await create(admin, 'After the rename');
    await Promise.race([viewerFeed.received(change(later, 1)), viewerFeed.ended]);
    expect(viewerFeed.hasEnded()).toBe(false);
    expect((await kit.request(admin, 'PATCH', `/users/${viewer.userId}`, { active: false })).status).toBe(200);
    await viewerFeed.ended;
    // The rep's stream heard the viewer's change too, and a later change of the rep's own after it.
    const repsOwn = await create(rep, 'After the deactivation');
    await Promise.race([repFeed.received(change(repsOwn, 1)), repFeed.ended]);
    expect(repFeed.hasEnded()).toBe(false);
    await repFeed.close();
    await kit.request(admin, 'PATCH', `/users/${viewer.userId}`, { active: true });
  });
});
