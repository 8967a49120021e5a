import { expect } from '@open-wc/testing';
import type { ReactiveControllerHost } from 'lit';
import { ACME_ADMIN, kitClient } from '../../test/kit.js';
import { MorePages } from './more-pages.js';

/** A host that counts the updates a controller asks for. */
function host() {
  const updates = { count: 0 };
  const controllerHost: ReactiveControllerHost = {
    addController: () => {},
    removeController: () => {},
    requestUpdate: () => void (updates.count += 1),
    updateComplete: Promise.resolve(true),
  };
  return { controllerHost, updates };
}

describe('MorePages', () => {
  const admin = kitClient(ACME_ADMIN);

  it('reads the pages after the first in order, until the list has no more', async () => {
    const whole = await admin.users.list({ limit: 200, sort: 'name' });
    expect(whole.items.length).to.be.greaterThan(4);
    const first = await admin.users.list({ limit: 2, sort: 'name' });
    const { controllerHost, updates } = host();
    const more = new MorePages(controllerHost, (cursor) => admin.users.list({ limit: 2, sort: 'name', cursor }));
    more.reset(first.nextCursor);
    while (more.cursor) await more.load();
    expect([...first.items, ...more.items].map((user) => user.id)).to.deep.equal(whole.items.map((user) => user.id));
    expect(more.state).to.equal('idle');
    expect(updates.count).to.be.greaterThan(2);
  });

  it('says a page failed, keeps its cursor to try again, and drops a page that comes after a reset', async () => {
    let fail = true;
    let release: () => void = () => {};
    const { controllerHost } = host();
    const more = new MorePages<number>(controllerHost, async (cursor) => {
      if (fail) throw new Error('offline');
      await new Promise<void>((resolve) => (release = resolve));
      return { items: [Number(cursor)], nextCursor: null };
    });
    more.reset('1');
    await more.load();
    expect(more.state).to.equal('error');
    expect(more.cursor).to.equal('1');

    fail = false;
    const late = more.load();
    expect(more.state).to.equal('loading');
    // The list is read again meanwhile: the page on its way belongs to the list as it was.
    more.reset('2');
    release();
    await late;
    expect(more.items).to.deep.equal([]);
    expect(more.cursor).to.equal('2');
    expect(more.state).to.equal('idle');

    // A read that cannot even start (no client yet) fails the same way.
    const unready = new MorePages<number>(controllerHost, () => {
      throw new TypeError('no client');
    });
    unready.reset('1');
    await unready.load();
    expect(unready.state).to.equal('error');
  });
});
