import { expect } from '@open-wc/testing';
import { ACME_ADMIN, kitClient } from '../../test/kit.js';
import { everyPage } from './every-page.js';

describe('everyPage', () => {
  const admin = kitClient(ACME_ADMIN);

  it('reads a list page by page into what one read of it gives', async () => {
    const whole = await admin.users.list({ limit: 200, sort: 'name' });
    expect(whole.items.length).to.be.greaterThan(3);
    let reads = 0;
    const paged = await everyPage(
      (page) => {
        reads += 1;
        return admin.users.list({ ...page, sort: 'name' });
      },
      { pageSize: 2 },
    );
    expect(paged.map((user) => user.id)).to.deep.equal(whole.items.map((user) => user.id));
    expect(reads).to.equal(Math.ceil(whole.items.length / 2));
  });

  it('stops at the cap, and fails as a failing page does', async () => {
    const capped = await everyPage((page) => admin.users.list(page), { pageSize: 2, cap: 3 });
    expect(capped).to.have.length(4);
    let failure: unknown;
    await everyPage((page) => admin.users.list({ ...page, cursor: 'not-a-cursor' })).catch(
      (error) => (failure = error),
    );
    expect(failure).to.be.instanceOf(Error);
  });
});
