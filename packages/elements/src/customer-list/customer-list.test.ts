// <crm-customer-list> against the real kit. Most tests look at customers this file creates,
// marked with a tag of their own, so customers other tests create do not change what they see.
import type { Customer, CustomerCreate, User } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { ignoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { ACME_ADMIN, BASE_URL, gatedFetch, kitClient, part, text, tokenFor } from '../../test/kit.js';
import '../index.js';
import { CrmCustomerEditEvent, CrmCustomerSelectEvent } from '../shared/events.js';
import { CrmCustomerList } from './customer-list.js';

const admin = kitClient(ACME_ADMIN);
const TOKEN = tokenFor(ACME_ADMIN);
const run = Math.random().toString(36).slice(2, 8);
/** The tag on every customer this file creates. */
const TAG = `list-${run}`;

function options(list: CrmCustomerList): HTMLElement[] {
  return [...list.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].sort(
    (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
  );
}
function names(list: CrmCustomerList): string[] {
  return list.customers.map((customer) => customer.name);
}
function announced(list: CrmCustomerList): string {
  return text(list.shadowRoot!.querySelector('[role="status"]'));
}
function filter<T extends HTMLElement = HTMLSelectElement>(list: CrmCustomerList, name: string): T {
  return list.shadowRoot!.querySelector<T>(`[part~="filter"][data-filter="${name}"]`)!;
}
function listbox(list: CrmCustomerList): HTMLElement {
  return part(list, 'list')!;
}

/** Waits until the list has answered its latest query and rendered its rows. */
async function settled(list: CrmCustomerList): Promise<void> {
  await list.updateComplete;
  await waitUntil(
    () => {
      const root = list.shadowRoot;
      if (!root || root.querySelector('[part~="skeleton"]')) return false;
      if (root.querySelector('[part~="list"][aria-busy="true"]')) return false;
      if (root.querySelector('[part~="empty"], [part~="error"]')) return true;
      return options(list).length > 0;
    },
    'the list did not settle',
    { timeout: 8000 },
  );
  await list.updateComplete;
}

async function select(list: CrmCustomerList, name: string, value: string): Promise<void> {
  const element = name === 'sort' ? (part(list, 'sort')! as HTMLSelectElement) : filter(list, name);
  element.value = value;
  element.dispatchEvent(new Event('change'));
  await list.updateComplete;
}

/** A list of this file's customers inside a provider. */
async function taggedList({
  locale = 'en',
  pageSize = 50,
  height = '24rem',
  width = '60rem',
  client = undefined as ReturnType<typeof kitClient> | undefined,
  attrs = '',
} = {}) {
  const wrapper = await fixture(html`
    <div style=${`width: ${width}`}>
      <crm-provider .client=${client ?? kitClient(ACME_ADMIN)} locale=${locale}>
        <crm-customer-list tag=${TAG} page-size=${pageSize} style=${`height: ${height}`} data-attrs=${attrs}>
        </crm-customer-list>
      </crm-provider>
    </div>
  `);
  const list = wrapper.querySelector('crm-customer-list')!;
  await settled(list);
  return list;
}

/** A client of the real kit that records the list queries it sends. */
function recordingClient() {
  const queries: URLSearchParams[] = [];
  const signals: AbortSignal[] = [];
  const client = kitClient(ACME_ADMIN, async (request) => {
    const url = new URL(request.url);
    if (url.pathname === `${BASE_URL}/customers`) {
      queries.push(url.searchParams);
      signals.push(request.signal);
    }
    return fetch(request);
  });
  return { client, queries, signals };
}

describe('crm-customer-list', () => {
  let mine: Customer[];
  let users: User[];

  // The virtualizer measures rows with a ResizeObserver; Chromium reports a benign "loop completed
  // with undelivered notifications" when a measurement moves rows, which Mocha would count as a
  // failure (see @lit-labs/virtualizer's README).
  let restoreOnError: (() => void) | undefined;
  before(() => {
    restoreOnError = ignoreWindowResizeObserverLoopErrors({ suppressErrorLogging: true });
  });
  after(async function () {
    restoreOnError?.();
    // Trashed again, so later test files see the kit as seeded.
    (this as { timeout(ms: number): void }).timeout(30_000);
    for (const customer of mine) await admin.customers.remove(customer.id);
  });

  before(async function () {
    (this as { timeout(ms: number): void }).timeout(60_000);
    users = (await admin.users.list({ limit: 200, sort: 'name' })).items;
    const rep = users.find((user) => user.email === 'rep@acme.test')!;
    const specs: CustomerCreate[] = [
      {
        name: `Aurora Fabrics ${run}`,
        emails: [`hello@aurora-${run}.example`],
        lifecycleStage: 'customer',
        region: 'West',
      },
      { name: `Beacon Tools ${run}`, phones: ['+1 (555) 867-5309'], lifecycleStage: 'lead', region: 'Midwest' },
      { name: `台北貿易 ${run}`, kind: 'company', lifecycleStage: 'customer', region: '台北', ownerId: rep.id },
      { name: `张伟 ${run}`, kind: 'person', lifecycleStage: 'prospect', region: 'West', ownerId: rep.id },
    ];
    for (let i = 0; i < 26; i++) {
      specs.push({
        name: `Filler ${String(i).padStart(2, '0')} ${run}`,
        lifecycleStage: i % 3 === 0 ? 'customer' : 'lead',
        region: i % 2 ? 'West' : 'Northeast',
        industry: 'Retail',
        emails: [`filler${i}@list-${run}.example`],
      });
    }
    mine = [];
    for (const spec of specs) mine.push(await admin.customers.create({ ...spec, tags: [TAG] }));
  });

  afterEach(() => setViewport({ width: 800, height: 600 }));

  describe('registration', () => {
    it('is defined once under its tag, and a second registration does not throw', async () => {
      expect(customElements.get('crm-customer-list')).to.equal(CrmCustomerList);
      const { define } = await import('../shared/define.js');
      expect(() => define('crm-customer-list', class extends HTMLElement {})).not.to.throw();
      expect(customElements.get('crm-customer-list')).to.equal(CrmCustomerList);
    });
  });

  describe('loaded', () => {
    it('shows the customers as a listbox of options, sorted by name, with an announced count', async () => {
      const list = await taggedList();
      expect(list.customers).to.have.length(30);
      expect(list.hasMore).to.equal(false);
      const sorted = [...mine].map((c) => c.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(names(list)).to.have.members(sorted);
      expect(names(list)[0]).to.equal(`Aurora Fabrics ${run}`);

      const box = listbox(list);
      expect(box.getAttribute('role')).to.equal('listbox');
      expect(box.getAttribute('aria-label')).to.equal('Customers');
      expect(box.tabIndex).to.equal(0);
      const first = options(list)[0]!;
      expect(first.getAttribute('aria-posinset')).to.equal('1');
      expect(first.getAttribute('aria-setsize')).to.equal('30');
      expect(first.getAttribute('aria-selected')).to.equal('false');
      expect(text(first.querySelector('[part~="option-name"]'))).to.equal(`Aurora Fabrics ${run}`);
      expect(text(first.querySelector('.details'))).to.equal('Customer Company · West');
      // The stage shows in its own column when wide, in the details line when narrow: never both.
      expect(getComputedStyle(first.querySelector('.stage-inline')!).display).to.equal('none');
      expect(text(first.querySelector('.email'))).to.equal(`hello@aurora-${run}.example`);
      expect(text(first.querySelector('.owner'))).to.equal('Alex Morgan');
      expect(text(first.querySelector('[part~="stage"]'))).to.equal('Customer');
      expect(text(part(list, 'count'))).to.equal('30 customers');
      expect(announced(list)).to.equal('30 customers');
    });

    it('renders only the rows in view, and pages in with keyset cursors as the user scrolls', async () => {
      const { client, queries } = recordingClient();
      const list = await taggedList({ client, pageSize: 4, height: '14rem' });
      // A page, and another to stay ahead of the view; not all thirty.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await list.updateComplete;
      expect(list.customers.length).to.be.within(4, 20);
      expect(list.hasMore).to.equal(true);
      expect(text(part(list, 'count'))).to.equal(`${list.customers.length}+ customers`);
      expect(options(list)[0]!.getAttribute('aria-setsize')).to.equal('-1');

      const box = listbox(list);
      for (let i = 0; i < 20 && list.hasMore; i++) {
        box.scrollTop = box.scrollHeight;
        await new Promise((resolve) => setTimeout(resolve, 150));
        await list.updateComplete;
      }
      await waitUntil(() => !list.hasMore, 'did not page to the end', { timeout: 8000 });
      expect(list.customers).to.have.length(30);
      expect(new Set(list.customers.map((c) => c.id)).size).to.equal(30);
      // Each page after the first asked with the previous page's cursor.
      expect(queries.length).to.be.at.least(2);
      expect(queries[0]!.get('cursor')).to.equal(null);
      expect(queries.slice(1).every((q) => q.get('cursor'))).to.equal(true);
      // The first page as asked; later ones larger, to stay ahead of fast scrolling.
      expect(queries.map((q) => q.get('limit'))).to.deep.equal(['4', ...queries.slice(1).map(() => '16')]);
      expect(queries.every((q) => q.get('tag') === TAG)).to.equal(true);
      expect(text(part(list, 'count'))).to.equal('30 customers');
    });

    it('keeps only the rows near the view in the page', async () => {
      // Every Acme customer (this file's thirty and the sample's) in one page, in a short box.
      const wrapper = await fixture(html`
        <crm-provider base-url=${BASE_URL} token=${TOKEN}>
          <crm-customer-list page-size="200" style="height: 16rem"></crm-customer-list>
        </crm-provider>
      `);
      const list = wrapper.querySelector('crm-customer-list')!;
      await settled(list);
      const loaded = list.customers.length;
      expect(loaded).to.be.at.least(66);
      const indexes = () => options(list).map((option) => Number(option.dataset.index));
      // The view and the virtualizer's margin of 1,000px on each side: a few dozen rows at most.
      expect(indexes().length).to.be.below(Math.min(loaded, 50));
      expect(Math.min(...indexes())).to.equal(0);

      const box = listbox(list);
      // (Rows measured on the way change the height, so keep heading for the end.)
      await waitUntil(
        () => {
          box.scrollTop = box.scrollHeight;
          return indexes().includes(loaded - 1);
        },
        'the last rows did not render',
        { timeout: 4000 },
      );
      await waitUntil(() => !indexes().includes(0), 'the first rows stayed in the page');
      expect(indexes().length).to.be.below(50);
    });

    it('shows names cut short whole on hover', async () => {
      const list = await taggedList({ width: '320px' });
      const first = options(list)[0]!;
      const name = first.querySelector<HTMLElement>('[part~="option-name"]')!;
      expect(name.title).to.equal(list.customers[0]!.name);
    });

    it('folds the sort and filters behind a Filters button when narrow', async () => {
      const list = await taggedList({ width: '320px' });
      const button = part(list, 'filters-button') as HTMLButtonElement;
      const shown = (element: Element) => element.checkVisibility();
      expect(shown(button)).to.equal(true);
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(shown(part(list, 'sort')!)).to.equal(false);
      expect(shown(filter(list, 'stage'))).to.equal(false);
      // The search and the button share the first row: the rows keep the room.
      const search = part(list, 'search')!.getBoundingClientRect();
      expect(button.getBoundingClientRect().top).to.be.closeTo(search.top, 4);
      expect(part(list, 'toolbar')!.getBoundingClientRect().height).to.be.below(70);
      // The tag filter (set on this list) counts as one active filter.
      const count = () => text(button.querySelector('.filter-count'));
      const spoken = () => text(button.querySelector('.visually-hidden'));
      expect(count()).to.equal('1');
      expect(spoken()).to.equal('1 active');

      button.click();
      await list.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(shown(part(list, 'sort')!)).to.equal(true);
      expect(shown(filter(list, 'stage'))).to.equal(true);
      await expect(list).to.be.accessible();
      await select(list, 'stage', 'customer');
      await settled(list);
      expect(count()).to.equal('2');
      expect(spoken()).to.equal('2 active');
      button.click();
      await list.updateComplete;
      expect(shown(filter(list, 'stage'))).to.equal(false);
    });

    it('keeps the Filters button out of the way when wide', async () => {
      const list = await taggedList({ width: '60rem' });
      expect(part(list, 'filters-button')!.checkVisibility()).to.equal(false);
      expect(part(list, 'sort')!.checkVisibility()).to.equal(true);
      expect(filter(list, 'stage').checkVisibility()).to.equal(true);
    });

    it('drops the contact and owner columns when narrow', async () => {
      const list = await taggedList({ width: '320px' });
      const first = options(list)[0]!;
      expect(getComputedStyle(first.querySelector('.contact')!).display).to.equal('none');
      expect(getComputedStyle(first.querySelector('.owner')!).display).to.equal('none');
      expect(getComputedStyle(first.querySelector('[part~="stage"]')!).display).to.equal('none');
      expect(getComputedStyle(first.querySelector('.stage-inline')!).display).not.to.equal('none');
      expect(first.getBoundingClientRect().width).to.be.at.most(320);
      await expect(list).to.be.accessible();
    });
  });

  describe('search', () => {
    it('searches as the user types, once per pause, by name, email or phone, in any script', async () => {
      const { client, queries } = recordingClient();
      const list = await taggedList({ client });
      const before = queries.length;
      part(list, 'search')!.focus();
      await sendKeys({ type: 'aurora' });
      await waitUntil(() => list.customers.length === 1, 'did not search', { timeout: 4000 });
      // One request for the whole word, not one per key.
      expect(queries.length - before).to.equal(1);
      expect(queries.at(-1)!.get('q')).to.equal('aurora');
      expect(list.search).to.equal('aurora');
      await settled(list);
      expect(announced(list)).to.equal('1 customer');

      list.search = `aurora-${run}.example`;
      await settled(list);
      expect(names(list)).to.deep.equal([`Aurora Fabrics ${run}`]);
      expect((part(list, 'search') as HTMLInputElement).value).to.equal(`aurora-${run}.example`);

      list.search = '555-867-5309';
      await waitUntil(() => list.customers[0]?.name === `Beacon Tools ${run}`, 'phone search', { timeout: 4000 });
      expect(list.customers).to.have.length(1);

      list.search = '台北貿易';
      await waitUntil(() => list.customers[0]?.name === `台北貿易 ${run}`, 'Chinese search', { timeout: 4000 });
      list.search = '张伟';
      await waitUntil(() => list.customers[0]?.name === `张伟 ${run}`, 'Chinese search', { timeout: 4000 });
    });

    it('aborts the request of a query the user has moved on from', async () => {
      const gate = gatedFetch();
      const provider = await fixture(html`
        <crm-provider .client=${kitClient(ACME_ADMIN, gate.fetch)}>
          <crm-customer-list tag=${TAG}></crm-customer-list>
        </crm-provider>
      `);
      const list = provider.querySelector('crm-customer-list')!;
      const lists = () => gate.requests.filter((r) => new URL(r.url).pathname === `${BASE_URL}/customers`);
      await waitUntil(() => lists().length === 1);
      list.search = 'filler';
      await waitUntil(() => lists().length === 2);
      list.search = 'beacon';
      await waitUntil(() => lists().length === 3);
      expect(lists().map((r) => r.signal.aborted)).to.deep.equal([true, true, false]);
      gate.release();
      await settled(list);
      expect(names(list)).to.deep.equal([`Beacon Tools ${run}`]);
    });

    it('moves from the search box into the results with the down arrow', async () => {
      const list = await taggedList();
      part(list, 'search')!.focus();
      await sendKeys({ press: 'ArrowDown' });
      expect(list.shadowRoot!.activeElement).to.equal(listbox(list));
      await list.updateComplete;
      expect(listbox(list).getAttribute('aria-activedescendant')).to.equal(`option-${list.customers[0]!.id}`);
    });
  });

  describe('filters and sort', () => {
    it('filters by owner, with the owners the kit lists', async () => {
      const { client, queries } = recordingClient();
      const list = await taggedList({ client });
      await waitUntil(() => filter(list, 'owner'), 'no owner filter');
      const owner = filter(list, 'owner');
      expect([...owner.options].map((o) => o.text)).to.deep.equal([
        'All owners',
        ...users.filter((u) => u.active).map((u) => u.name),
      ]);
      expect(owner.getAttribute('aria-label')).to.equal('Owner');
      const rep = users.find((user) => user.email === 'rep@acme.test')!;
      await select(list, 'owner', rep.id);
      await settled(list);
      expect(list.ownerId).to.equal(rep.id);
      expect(queries.at(-1)!.get('ownerId')).to.equal(rep.id);
      expect(names(list)).to.have.members([`台北貿易 ${run}`, `张伟 ${run}`]);
      expect(text(options(list)[0]!.querySelector('.owner'))).to.equal(rep.name);
    });

    it('filters by stage, tag and region, and clears them all at once', async () => {
      const list = await taggedList();
      await select(list, 'stage', 'prospect');
      await settled(list);
      expect(names(list)).to.deep.equal([`张伟 ${run}`]);
      await select(list, 'stage', 'customer');
      list.region = '台北';
      await settled(list);
      expect(names(list)).to.deep.equal([`台北貿易 ${run}`]);
      expect(filter<HTMLInputElement>(list, 'region').value).to.equal('台北');

      // Typing in a filter box applies it after a pause.
      const region = filter<HTMLInputElement>(list, 'region');
      region.focus();
      region.select();
      await sendKeys({ type: 'West' });
      await waitUntil(() => list.region === 'West', 'region not applied', { timeout: 4000 });
      await settled(list);
      expect(list.customers.every((c) => c.region === 'West' && c.lifecycleStage === 'customer')).to.equal(true);
      expect(names(list)).to.include(`Aurora Fabrics ${run}`);

      part(list, 'clear-button')!.click();
      await list.updateComplete;
      expect([list.region, list.lifecycleStage, list.tag, list.search, list.ownerId]).to.deep.equal([
        '',
        '',
        '',
        '',
        '',
      ]);
      expect(list.shadowRoot!.activeElement).to.equal(part(list, 'search'));
      expect(part(list, 'clear-button')).to.equal(null);
    });

    it('takes its initial filters and sort from attributes', async () => {
      const { client, queries } = recordingClient();
      const provider = await fixture(html`
        <crm-provider .client=${client}>
          <crm-customer-list tag=${TAG} lifecycle-stage="customer" region="West" sort="-name" search="fabrics">
          </crm-customer-list>
        </crm-provider>
      `);
      const list = provider.querySelector('crm-customer-list')!;
      await settled(list);
      expect(Object.fromEntries(queries[0]!)).to.deep.equal({
        q: 'fabrics',
        lifecycleStage: 'customer',
        tag: TAG,
        region: 'West',
        sort: '-name',
        limit: '50',
      });
      expect(names(list)).to.deep.equal([`Aurora Fabrics ${run}`]);
      expect(filter(list, 'stage').value).to.equal('customer');
      expect((part(list, 'sort') as HTMLSelectElement).value).to.equal('-name');
      expect((part(list, 'search') as HTMLInputElement).value).to.equal('fabrics');
    });

    it('sorts by name either way, and by when customers were added', async () => {
      const list = await taggedList();
      const ascending = names(list);
      await select(list, 'sort', '-name');
      await settled(list);
      expect(names(list)).to.deep.equal([...ascending].reverse());
      await select(list, 'sort', '-createdAt');
      await settled(list);
      const created = list.customers.map((c) => c.createdAt);
      expect(created).to.deep.equal([...created].sort().reverse());
      expect(names(list)[0]).to.equal(mine.at(-1)!.name);
      expect([...(part(list, 'sort') as HTMLSelectElement).options].map((o) => o.text)).to.deep.equal([
        'Name, A to Z',
        'Name, Z to A',
        'Newest first',
        'Oldest first',
        'Recently updated',
        'Least recently updated',
      ]);
    });
  });

  describe('keyboard and selection', () => {
    it('moves with the arrows, Home, End and Page keys, and chooses with Enter', async () => {
      const wrapper = await fixture(html`
        <div>
          <button id="before">before</button>
          <crm-provider base-url=${BASE_URL} token=${TOKEN}>
            <crm-customer-list tag=${TAG} page-size="10" style="height: 18rem"></crm-customer-list>
          </crm-provider>
        </div>
      `);
      const list = wrapper.querySelector('crm-customer-list')!;
      await settled(list);
      const box = listbox(list);
      const activeId = () => box.getAttribute('aria-activedescendant');
      const idOf = (index: number) => `option-${list.customers[index]!.id}`;

      // Tab order: search, filters, sort, then the rows.
      box.focus();
      await list.updateComplete;
      expect(activeId()).to.equal(idOf(0));
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await list.updateComplete;
      expect(activeId()).to.equal(idOf(2));
      expect(list.shadowRoot!.getElementById(idOf(2))!.classList.contains('active')).to.equal(true);
      await sendKeys({ press: 'ArrowUp' });
      await list.updateComplete;
      expect(activeId()).to.equal(idOf(1));

      await sendKeys({ press: 'PageDown' });
      await list.updateComplete;
      const paged = list.customers.findIndex((c) => `option-${c.id}` === activeId());
      expect(paged).to.be.above(2);

      // End goes to the last loaded row, which loads the next page: End again goes further.
      const activeIndex = () => list.customers.findIndex((c) => `option-${c.id}` === activeId());
      for (let i = 0; i < 6; i++) {
        const loaded = list.customers.length;
        await sendKeys({ press: 'End' });
        await list.updateComplete;
        expect(activeIndex()).to.be.at.least(loaded - 1);
        if (!list.hasMore) break;
        await waitUntil(() => list.customers.length > loaded, 'End did not load more', { timeout: 8000 });
      }
      expect(list.hasMore).to.equal(false);
      await sendKeys({ press: 'End' });
      await list.updateComplete;
      expect(activeId()).to.equal(idOf(29));
      await waitUntil(() => list.shadowRoot!.getElementById(idOf(29)), 'active row not rendered');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const rect = list.shadowRoot!.getElementById(idOf(29))!.getBoundingClientRect();
      const view = box.getBoundingClientRect();
      expect(rect.top).to.be.at.least(view.top - 1);
      expect(rect.bottom).to.be.at.most(view.bottom + 1);

      await sendKeys({ press: 'Home' });
      await list.updateComplete;
      expect(activeId()).to.equal(idOf(0));

      await sendKeys({ press: 'ArrowDown' });
      setTimeout(() => sendKeys({ press: 'Enter' }));
      const event = await oneEvent(list, 'crm-customer-select');
      expect(event).to.be.instanceOf(CrmCustomerSelectEvent);
      expect(event.detail.customer.id).to.equal(list.customers[1]!.id);
      await list.updateComplete;
      expect(list.selected).to.equal(list.customers[1]!.id);
      expect(list.getAttribute('selected')).to.equal(list.customers[1]!.id);
      expect(list.shadowRoot!.getElementById(idOf(1))!.getAttribute('aria-selected')).to.equal('true');
      expect(options(list).filter((o) => o.getAttribute('aria-selected') === 'true')).to.have.length(1);
    });

    it('starts from the chosen row when it gets focus, with no row active before', async () => {
      const wrapper = await fixture(html`
        <div>
          <button id="before">before</button>
          <crm-provider base-url=${BASE_URL} token=${TOKEN}>
            <crm-customer-list tag=${TAG} style="height: 18rem"></crm-customer-list>
          </crm-provider>
        </div>
      `);
      const list = wrapper.querySelector('crm-customer-list')!;
      await settled(list);
      const box = listbox(list);
      // Not focused: no row is the active one.
      expect(box.hasAttribute('aria-activedescendant')).to.equal(false);
      expect(list.shadowRoot!.querySelectorAll('.option.active')).to.have.length(0);

      // The host chose a customer (say, from a link): the keyboard carries on from it.
      list.selected = list.customers[4]!.id;
      await list.updateComplete;
      box.focus();
      await list.updateComplete;
      expect(box.getAttribute('aria-activedescendant')).to.equal(`option-${list.customers[4]!.id}`);
      await sendKeys({ press: 'ArrowDown' });
      await list.updateComplete;
      expect(box.getAttribute('aria-activedescendant')).to.equal(`option-${list.customers[5]!.id}`);

      // From the search box too, with the down arrow.
      list.selected = list.customers[2]!.id;
      part(list, 'search')!.focus();
      await list.updateComplete;
      list.reload();
      await settled(list);
      expect(listbox(list).hasAttribute('aria-activedescendant')).to.equal(false);
      await sendKeys({ press: 'ArrowDown' });
      await list.updateComplete;
      expect(listbox(list).getAttribute('aria-activedescendant')).to.equal(`option-${list.customers[2]!.id}`);
    });

    it('opens at the customer chosen in its attribute, scrolling only when it is out of view', async () => {
      const open = async (selected: string) => {
        const provider = await fixture(html`
          <crm-provider base-url=${BASE_URL} token=${TOKEN}>
            <crm-customer-list tag=${TAG} selected=${selected} style="height: 16rem"></crm-customer-list>
          </crm-provider>
        `);
        const list = provider.querySelector('crm-customer-list')!;
        await settled(list);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return list;
      };
      const inView = (list: CrmCustomerList, id: string) => {
        const row = list.shadowRoot!.getElementById(`option-${id}`);
        if (!row) return false;
        const view = listbox(list).getBoundingClientRect();
        const rect = row.getBoundingClientRect();
        return rect.top >= view.top - 1 && rect.bottom <= view.bottom + 1;
      };
      // Far down the list: scrolled to.
      const far = mine.find((c) => c.name === `Filler 20 ${run}`)!;
      const farList = await open(far.id);
      expect(farList.customers.findIndex((c) => c.id === far.id)).to.be.above(15);
      await waitUntil(() => inView(farList, far.id), 'the chosen row was not scrolled into view');
      // In view already: the list stays at its top.
      const near = mine.find((c) => c.name === `Beacon Tools ${run}`)!;
      const nearList = await open(near.id);
      expect(inView(nearList, near.id)).to.equal(true);
      expect(listbox(nearList).scrollTop).to.equal(0);
    });

    it('is reached with Tab after the toolbar', async () => {
      const wrapper = await fixture(html`
        <div>
          <button id="before">before</button>
          <crm-provider base-url=${BASE_URL} token=${TOKEN}>
            <crm-customer-list tag=${TAG}></crm-customer-list>
          </crm-provider>
        </div>
      `);
      const list = wrapper.querySelector('crm-customer-list')!;
      await settled(list);
      await waitUntil(() => filter(list, 'owner') && filter(list, 'segment'));
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      const reached: string[] = [];
      for (let i = 0; i < 10; i++) {
        await sendKeys({ press: 'Tab' });
        const active = list.shadowRoot!.activeElement as HTMLElement | null;
        reached.push(active?.dataset.filter ?? active?.getAttribute('part') ?? '?');
      }
      // (The tag filter is set, so "Clear filters" is offered; the admin may create customers.)
      expect(reached).to.deep.equal([
        'search',
        'sort',
        'create-button',
        'owner',
        'stage',
        'segment',
        'tag',
        'region',
        'clear-button',
        'list',
      ]);
    });

    it('scrolls a selection the host makes into view, even as the rows arrive', async () => {
      const provider = await fixture(html`
        <crm-provider base-url=${BASE_URL} token=${TOKEN}>
          <crm-customer-list tag=${TAG} style="height: 16rem"></crm-customer-list>
        </crm-provider>
      `);
      const list = provider.querySelector('crm-customer-list')!;
      await waitUntil(() => list.customers.length > 0, 'no rows', { timeout: 8000 });
      // In the same task as the rows' arrival: the virtualizer has not laid them out yet.
      const target = list.customers[25]!;
      list.selected = target.id;
      await list.updateComplete;
      await waitUntil(() => list.shadowRoot!.getElementById(`option-${target.id}`), 'the row did not render', {
        timeout: 4000,
      });
      const row = list.shadowRoot!.getElementById(`option-${target.id}`)!;
      expect(row.getAttribute('aria-selected')).to.equal('true');
      await waitUntil(() => {
        const view = listbox(list).getBoundingClientRect();
        const rect = row.getBoundingClientRect();
        return rect.top >= view.top - 1 && rect.bottom <= view.bottom + 1;
      }, 'the selected row is not in view');
    });

    it('chooses a row on click, firing a composed crm-customer-select', async () => {
      const list = await taggedList();
      setTimeout(() => options(list)[3]!.querySelector<HTMLElement>('.details')!.click());
      const event = await oneEvent(document, 'crm-customer-select');
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.customer).to.deep.equal(list.customers[3]);
      expect(list.selected).to.equal(list.customers[3]!.id);
    });

    it("drives a customer card beside it, and shows the card's saved edits in its row", async () => {
      const wrapper = await fixture(html`
        <crm-provider base-url=${BASE_URL} token=${TOKEN}>
          <crm-customer-list tag=${TAG} search="beacon"></crm-customer-list>
          <crm-customer-card editable></crm-customer-card>
        </crm-provider>
      `);
      const list = wrapper.querySelector('crm-customer-list')!;
      const card = wrapper.querySelector('crm-customer-card')!;
      wrapper.addEventListener('crm-customer-select', (event) => {
        card.customerId = (event as CrmCustomerSelectEvent).detail.customer.id;
      });
      await settled(list);
      options(list)[0]!.click();
      await waitUntil(() => card.customer?.name === `Beacon Tools ${run}`, 'card did not load');

      const updated = { ...card.customer!, name: `Beacon Tools ${run} (renamed)`, version: card.customer!.version + 1 };
      card.dispatchEvent(new CrmCustomerEditEvent(updated, card.customer!, { name: updated.name }));
      await list.updateComplete;
      await waitUntil(() => text(options(list)[0]!.querySelector('[part~="option-name"]')) === updated.name);
    });
  });

  describe('states', () => {
    it('shows a busy skeleton while the first page loads, then keeps old rows dimmed while a new query runs', async () => {
      // Holds requests while `held` is set; lets them through once released.
      let held = true;
      let waiting: (() => void)[] = [];
      const release = () => {
        held = false;
        waiting.forEach((go) => go());
        waiting = [];
      };
      const client = kitClient(ACME_ADMIN, async (request) => {
        if (held) await new Promise<void>((go) => waiting.push(go));
        return fetch(request);
      });
      const provider = await fixture(html`
        <crm-provider .client=${client}>
          <crm-customer-list tag=${TAG}></crm-customer-list>
        </crm-provider>
      `);
      const list = provider.querySelector('crm-customer-list')!;
      await list.updateComplete;
      const skeleton = part(list, 'skeleton')!;
      expect(skeleton.getAttribute('aria-busy')).to.equal('true');
      expect(text(skeleton)).to.equal('Loading customers…');
      expect(text(part(list, 'count'))).to.equal('Loading customers…');
      await expect(list).to.be.accessible();
      release();
      await settled(list);

      held = true;
      list.search = 'filler';
      await list.updateComplete;
      expect(listbox(list).classList.contains('stale')).to.equal(true);
      expect(listbox(list).getAttribute('aria-busy')).to.equal('true');
      expect(list.customers).to.have.length(30);
      release();
      await settled(list);
      expect(list.customers).to.have.length(26);
      expect(list.customers.every((c) => c.name.startsWith('Filler'))).to.equal(true);
      expect(listbox(list).classList.contains('stale')).to.equal(false);
    });

    it('says when nothing matches, and offers to clear the filters', async () => {
      const list = await taggedList();
      list.search = 'no customer is called this';
      await settled(list);
      const empty = part(list, 'empty')!;
      expect(text(empty)).to.contain('No customers match.');
      expect(text(empty)).to.contain('Try other words, or clear the filters.');
      expect(announced(list)).to.equal('No customers match.');
      // The empty state says it in words; no "0 customers" line above it.
      expect(text(part(list, 'count'))).to.equal('');
      expect(getComputedStyle(part(list, 'count')!).display).to.equal('none');
      expect(part(list, 'list')).to.equal(null);
      await expect(list).to.be.accessible();
      empty.querySelector('button')!.click();
      await list.updateComplete;
      expect(list.search).to.equal('');
      expect(list.tag).to.equal('');
    });

    it('explains a failure and retries on request', async () => {
      // The first request for customers fails as a dropped network does.
      let failed = false;
      const client = kitClient(ACME_ADMIN, async (request) => {
        if (!failed && new URL(request.url).pathname === `${BASE_URL}/customers`) {
          failed = true;
          throw new TypeError('Failed to fetch');
        }
        return fetch(request);
      });
      const provider = await fixture(html`
        <crm-provider .client=${client}>
          <crm-customer-list tag=${TAG}></crm-customer-list>
        </crm-provider>
      `);
      const list = provider.querySelector('crm-customer-list')!;
      await waitUntil(() => part(list, 'error'), 'no error shown', { timeout: 8000 });
      await list.updateComplete;
      expect(text(part(list, 'error'))).to.contain('Could not reach the server.');
      expect(announced(list)).to.equal('Could not reach the server.');
      await expect(list).to.be.accessible();
      part(list, 'retry-button')!.click();
      await settled(list);
      expect(list.customers).to.have.length(30);
    });

    it('keeps what it has when the next page fails, and loads it on retry', async () => {
      let fail = false;
      const client = kitClient(ACME_ADMIN, async (request) => {
        if (fail && new URL(request.url).searchParams.has('cursor')) {
          fail = false;
          throw new TypeError('Failed to fetch');
        }
        return fetch(request);
      });
      fail = true;
      const list = await taggedList({ client, pageSize: 10, height: '40rem' });
      await waitUntil(() => part(list, 'more')?.classList.contains('error'), 'no error for the next page', {
        timeout: 8000,
      });
      expect(list.customers).to.have.length(10);
      expect(text(part(list, 'more'))).to.contain('Could not load more customers.');
      part(list, 'more')!.querySelector('button')!.click();
      await waitUntil(() => list.customers.length > 10, 'retry did not load', { timeout: 8000 });
    });

    it('asks to sign in on a 401, and says when it has no way to reach the kit', async () => {
      const list = await fixture<CrmCustomerList>(html`
        <crm-customer-list base-url=${BASE_URL} token="test:nobody@nowhere.test"></crm-customer-list>
      `);
      await settled(list);
      expect(text(part(list, 'error'))).to.contain('Sign in to see customers.');
      // A new token is what it was missing: it loads again by itself.
      list.token = TOKEN;
      await settled(list);
      expect(list.customers.length).to.be.above(0);

      const alone = await fixture<CrmCustomerList>(html`<crm-customer-list></crm-customer-list>`);
      expect(text(part(alone, 'error'))).to.contain('Not connected to crmkit');
    });
  });

  describe('locales', () => {
    const expected = {
      en: { search: 'Search name, email or phone', count: '30 customers', stage: 'All stages', customer: 'Customer' },
      'zh-Hant': { search: '搜尋名稱、電子郵件或電話', count: '30 筆客戶', stage: '所有階段', customer: '客戶' },
      'zh-Hans': { search: '搜索名称、电子邮件或电话', count: '30 个客户', stage: '所有阶段', customer: '客户' },
    } as const;
    for (const [locale, strings] of Object.entries(expected)) {
      it(`speaks ${locale}`, async () => {
        const list = await taggedList({ locale });
        expect(list.shadowRoot!.querySelector('.root')!.getAttribute('lang')).to.equal(locale);
        expect(part(list, 'search')!.getAttribute('placeholder')).to.equal(strings.search);
        expect(text(part(list, 'count'))).to.equal(strings.count);
        expect(filter(list, 'stage').options[0]!.text).to.equal(strings.stage);
        expect(text(options(list)[0]!.querySelector('[part~="stage"]'))).to.equal(strings.customer);
      });
    }
  });

  describe('accessibility', () => {
    afterEach(() => emulateMedia({ colorScheme: 'light' }));
    for (const theme of ['light', 'dark'] as const) {
      it(`passes axe in the ${theme} theme, with a row selected and focused`, async () => {
        const page = await fixture(html`
          <div style="color-scheme: light dark; background: Canvas; color: CanvasText; padding: 1rem">
            <crm-provider base-url=${BASE_URL} token=${TOKEN} theme=${theme}>
              <crm-customer-list tag=${TAG} selected=${mine[0]!.id}></crm-customer-list>
            </crm-provider>
          </div>
        `);
        await emulateMedia({ colorScheme: theme });
        const list = page.querySelector('crm-customer-list')!;
        await settled(list);
        listbox(list).focus();
        await list.updateComplete;
        await expect(list).to.be.accessible();
        const background = getComputedStyle(part(list, 'base')!).backgroundColor;
        const [r, g, b] = background.match(/[\d.]+/g)!.map(Number) as [number, number, number];
        if (theme === 'dark') expect((r + g + b) / 3).to.be.below(60);
        else expect((r + g + b) / 3).to.be.above(200);
      });
    }
  });
});
