import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ACME_ADMIN, BASE_URL, findCustomer, part, text, tokenFor } from '../../test/kit.js';
import { Autoloader, type Registry } from './autoloader.js';
import { ELEMENT_LOADERS, type ElementLoader } from './element-loaders.js';

/**
 * Loaders that only record what they were asked to load (and when), and a registry of their own, so that
 * these tests define nothing in the page. `delays` holds a tag's load back that many milliseconds.
 */
function fakeLoaders(tags: string[], { delays = {} as Record<string, number>, failing = [] as string[] } = {}) {
  const calls: string[] = [];
  const defined: string[] = [];
  const loaders: Record<string, ElementLoader> = {};
  for (const tag of tags) {
    loaders[tag] = async () => {
      calls.push(tag);
      await aTimeout(delays[tag] ?? 0);
      if (failing.includes(tag)) throw new Error(`no such file for ${tag}`);
      defined.push(tag);
    };
  }
  const registry: Registry = { get: (tag) => (defined.includes(tag) ? HTMLElement : undefined) };
  return { calls, defined, loaders, registry };
}

/** A detached tree (nothing in it upgrades in this page) from HTML. */
function tree(markup: string): HTMLDivElement {
  const root = document.createElement('div');
  root.innerHTML = markup;
  return root;
}

/** Catches console.error while `work` runs. */
async function errorsDuring(work: () => Promise<void>): Promise<unknown[][]> {
  const original = console.error;
  const logged: unknown[][] = [];
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    await work();
  } finally {
    console.error = original;
  }
  return logged;
}

describe('Autoloader', () => {
  it('loads each known tag once, however often it appears, and leaves unknown tags alone', async () => {
    const fake = fakeLoaders(['crm-a', 'crm-b']);
    const autoloader = new Autoloader(fake.loaders, fake.registry);
    const root = tree('<crm-a></crm-a><p><crm-a></crm-a><crm-nope></crm-nope></p><crm-b></crm-b>');
    await Promise.all([autoloader.discover(root), autoloader.discover(root)]);
    expect(fake.calls.sort()).to.deep.equal(['crm-a', 'crm-b']);
    await autoloader.discover(tree('<crm-b></crm-b>'));
    expect(fake.calls).to.have.length(2);
  });

  it('skips a tag that is defined already', async () => {
    const fake = fakeLoaders(['crm-a', 'crm-b']);
    fake.defined.push('crm-a');
    await new Autoloader(fake.loaders, fake.registry).discover(tree('<crm-a></crm-a><crm-b></crm-b>'));
    expect(fake.calls).to.deep.equal(['crm-b']);
  });

  it('loads the provider before anything else, even when another tag comes first and loads faster', async () => {
    const fake = fakeLoaders(['crm-provider', 'crm-a', 'crm-b'], { delays: { 'crm-provider': 50 } });
    const autoloader = new Autoloader(fake.loaders, fake.registry);
    await autoloader.discover(tree('<crm-a></crm-a><crm-provider><crm-b></crm-b></crm-provider>'));
    expect(fake.defined).to.deep.equal(['crm-provider', 'crm-a', 'crm-b']);
    // A tag found while the provider is still loading waits for it too.
    const later = fakeLoaders(['crm-provider', 'crm-a'], { delays: { 'crm-provider': 50 } });
    const second = new Autoloader(later.loaders, later.registry);
    const first = second.discover(tree('<crm-provider></crm-provider>'));
    await second.discover(tree('<crm-a></crm-a>'));
    await first;
    expect(later.defined).to.deep.equal(['crm-provider', 'crm-a']);
  });

  it('logs a failed load with its tag and loads the others', async () => {
    const fake = fakeLoaders(['crm-provider', 'crm-a', 'crm-b'], { failing: ['crm-provider', 'crm-a'] });
    const autoloader = new Autoloader(fake.loaders, fake.registry);
    const logged = await errorsDuring(() =>
      autoloader.discover(tree('<crm-provider><crm-a></crm-a><crm-b></crm-b></crm-provider>')),
    );
    expect(fake.defined).to.deep.equal(['crm-b']);
    expect(logged.map(([message]) => message).sort()).to.deep.equal([
      'crmkit: could not load <crm-a>',
      'crmkit: could not load <crm-provider>',
    ]);
    expect(String(logged[0]![1])).to.contain('no such file');
  });

  it('loads tags added later, also inside the open shadow roots of the page’s own elements', async () => {
    const fake = fakeLoaders(['crm-a', 'crm-b', 'crm-c', 'crm-inside']);
    const autoloader = new Autoloader(fake.loaders, fake.registry);
    const root = tree('<section></section>');
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<crm-a></crm-a>';
    root.append(host);
    await autoloader.start(root);
    expect(fake.calls).to.deep.equal(['crm-a']);

    root.querySelector('section')!.innerHTML = '<p><crm-b></crm-b></p>';
    await waitUntil(() => fake.calls.includes('crm-b'), 'an added tag was not loaded');
    host.shadowRoot!.append(document.createElement('crm-c'));
    await waitUntil(() => fake.calls.includes('crm-c'), 'a tag added in a shadow root was not loaded');
    // A crmkit element's own shadow root is its own business: its module registers what it draws there.
    const own = document.createElement('crm-a');
    own.attachShadow({ mode: 'open' }).innerHTML = '<crm-inside></crm-inside>';
    root.append(own);
    await aTimeout(20);
    expect(fake.calls).not.to.include('crm-inside');

    autoloader.stop();
    root.append(document.createElement('crm-inside'));
    await aTimeout(20);
    expect(fake.calls).not.to.include('crm-inside');
  });

  it('knows every element that has an entry of its own', async () => {
    // The package's exports: `./customer-card.js` is the entry of <crm-customer-card>, and so on.
    const { exports } = (await (await fetch('/packages/elements/package.json')).json()) as {
      exports: Record<string, unknown>;
    };
    const entries = Object.keys(exports)
      .map((path) => /^\.\/([\w-]+)\.js$/.exec(path)?.[1])
      .filter((name): name is string => name !== undefined && name !== 'autoloader');
    expect(entries.length).to.be.greaterThan(20);
    expect(Object.keys(ELEMENT_LOADERS).sort()).to.deep.equal(entries.map((name) => `crm-${name}`).sort());
  });
});

describe('@crmkit/elements/autoloader.js in this page', () => {
  it('defines the elements of a page, the provider before the card in it, and those added later', async () => {
    const northwind = await findCustomer('Northwind');
    // Record the order in which the page's elements get defined.
    const order: string[] = [];
    const define = customElements.define.bind(customElements);
    customElements.define = (tag, constructor, options) => {
      order.push(tag);
      define(tag, constructor, options);
    };
    try {
      const page = await fixture(html`
        <div>
          <crm-nope></crm-nope>
          <crm-provider base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)} locale="en">
            <crm-customer-card customer-id=${northwind.id}></crm-customer-card>
          </crm-provider>
        </div>
      `);
      const { ready } = await import('../autoloader.js');
      await ready;
      expect(customElements.get('crm-provider')).not.to.equal(undefined);
      expect(customElements.get('crm-customer-card')).not.to.equal(undefined);
      expect(order.indexOf('crm-provider')).to.be.lessThan(order.indexOf('crm-customer-card'));
      // Nothing else of the library was loaded, and the unknown tag is left as it is.
      expect(order.filter((tag) => Object.hasOwn(ELEMENT_LOADERS, tag))).to.deep.equal([
        'crm-provider',
        'crm-customer-card',
      ]);
      expect(customElements.get('crm-nope')).to.equal(undefined);
      expect(page.querySelector('crm-nope')!.constructor).to.equal(HTMLElement);

      // The card has no base-url of its own: it shows the customer through the provider it found.
      const card = page.querySelector('crm-customer-card')!;
      await waitUntil(() => text(part(card, 'name')) === northwind.name, 'the card did not show the customer', {
        timeout: 10_000,
      });

      // Added later, inside the provider.
      const trash = document.createElement('crm-trash');
      page.querySelector('crm-provider')!.append(trash);
      await waitUntil(() => customElements.get('crm-trash'), 'an element added later was not defined', {
        timeout: 10_000,
      });
      expect(trash.shadowRoot).not.to.equal(null);
    } finally {
      customElements.define = define;
    }
  });
});
