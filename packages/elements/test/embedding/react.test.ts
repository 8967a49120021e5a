// docs/embedding.md (b): a React 19 page renders <crm-provider><crm-customer-card/></crm-provider>
// with a prop set as a property and an event handler, against the real kit.
import type { Customer } from '@crmkit/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ACME_ADMIN, BASE_URL, findCustomer, tokenFor } from '../kit.js';
import { SECTIONS } from '../../src/shared/messages/sections.js';
import type { AppProps } from './react-app.js';

interface ReactApp {
  mount(container: HTMLElement, props: AppProps): { unmount(): void };
}

/** The React page, bundled with React 19 and the elements as a host's bundler would do it. */
async function reactApp(): Promise<ReactApp> {
  const url = '/embedding/react-app.js';
  return (await import(/* @vite-ignore */ url)) as ReactApp;
}

/** The scripts this page has fetched from the React app's build: the app and the chunks its bundler split off. */
function fetchedChunks(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/embedding/'));
}

describe('embedding in a React 19 page', () => {
  it('renders the provider and card, passes props as properties and hears the element events', async () => {
    const { mount } = await reactApp();
    const northwind = await findCustomer('Northwind');
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const selected: Customer[] = [];
    const root = mount(container, {
      baseUrl: BASE_URL,
      token: tokenFor(ACME_ADMIN),
      customerId: northwind.id,
      onSelect: (customer) => selected.push(customer),
    });
    try {
      await waitUntil(() => container.querySelector('crm-provider'), 'React did not render');
      const provider = container.querySelector('crm-provider');
      expect(provider).to.be.instanceOf(customElements.get('crm-provider')!);
      const card = container.querySelector('crm-customer-card')!;
      // React 19 set customerId as a property (the element reflects it to its attribute) and the
      // dash-cased base-url as an attribute.
      expect((card as HTMLElement & { customerId: string }).customerId).to.equal(northwind.id);
      expect(card.getAttribute('customer-id')).to.equal(northwind.id);
      expect(provider!.getAttribute('base-url')).to.equal(BASE_URL);
      expect(card.getAttribute('variant')).to.equal('compact');

      await waitUntil(() => card.shadowRoot?.querySelector('[part~="name"]'), 'the card did not load', {
        timeout: 10_000,
      });
      const root = card.shadowRoot!;
      expect(root.querySelector('[part~="name"]')!.textContent!.trim()).to.equal(northwind.name);
      expect(root.querySelector('[part~="body"]')).to.equal(null);
      expect(getComputedStyle(root.querySelector('[part~="avatar"]')!).color).to.equal('rgb(0, 128, 96)');

      // The handler React attached (oncrm-customer-select) gets the element's event.
      root.querySelector<HTMLButtonElement>('[part~="name"]')!.click();
      await waitUntil(() => container.querySelector('#selected'), 'React did not re-render on the event');
      expect(container.querySelector('#selected')!.textContent).to.equal(`Selected: ${northwind.name}`);
      expect(selected.map((c) => c.id)).to.deep.equal([northwind.id]);

      // A state change in React updates the element's property; the card re-renders without reloading.
      container.querySelector<HTMLButtonElement>('#toggle')!.click();
      await waitUntil(() => card.getAttribute('variant') === 'full', 'the prop did not change');
      await waitUntil(() => root.querySelector('[part~="body"]'), 'the card did not show its body');
      // An English page: the host's bundler split the Chinese catalogs off, and none was fetched.
      expect(fetchedChunks()).to.deep.equal(['/embedding/react-app.js']);
    } finally {
      root.unmount();
    }
  });

  it('loads the Chinese catalog its bundler split off, on demand, and shows Chinese', async () => {
    const { mount } = await reactApp();
    const northwind = await findCustomer('Northwind');
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = mount(container, {
      baseUrl: BASE_URL,
      token: tokenFor(ACME_ADMIN),
      customerId: northwind.id,
      locale: 'zh-Hant',
    });
    try {
      await waitUntil(
        () => container.querySelector('crm-customer-card')?.shadowRoot?.querySelector('[part~="name"]'),
        'the card did not load',
        { timeout: 10_000 },
      );
      const card = container.querySelector('crm-customer-card')!;
      expect(card.shadowRoot!.querySelector('[part~="subtitle"]')!.textContent).to.contain('公司');
      // More files than the English page: the zh-Hant catalog's sections, each a chunk of its own (the app
      // imports every element, so it shows every section), and nothing of zh-Hans.
      const chunks = fetchedChunks().filter((path) => path !== '/embedding/react-app.js');
      expect(chunks).to.have.length(SECTIONS.length);
      const catalog = (await Promise.all(chunks.map(async (chunk) => (await fetch(chunk)).text()))).join('\n');
      expect(catalog).to.contain('生命週期階段').and.not.to.contain('生命周期阶段');
    } finally {
      root.unmount();
    }
  });
});
