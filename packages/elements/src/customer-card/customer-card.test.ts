import type { Customer } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import {
  ACME_ADMIN,
  allCustomers,
  BASE_URL,
  findCustomer,
  flakyFetch,
  FORMOSA_ADMIN,
  gatedFetch,
  kitClient,
  part,
  parts,
  settledOn,
  status,
  text,
  tokenFor,
  unknownId,
  visibleText,
} from '../../test/kit.js';
import '../index.js';
import { CrmCustomerSelectEvent } from '../shared/events.js';
import { CrmCustomerCard } from './customer-card.js';

const TOKEN = tokenFor(ACME_ADMIN);

function field(card: CrmCustomerCard, name: string): HTMLElement | null {
  return card.shadowRoot!.querySelector<HTMLElement>(`[part~="field"][data-field="${name}"]`);
}
/** The requests for the customer itself, without those for its summary. */
function customerGets(requests: Request[]): Request[] {
  return requests.filter((request) => !new URL(request.url).pathname.endsWith('/summary'));
}

function settled(card: CrmCustomerCard): Promise<void> {
  return settledOn(card, '[aria-busy="true"]', 'the card');
}

/** A card inside a provider that talks to the test kit. */
async function providedCard(id: string, { locale = 'en', variant = 'full', email = ACME_ADMIN } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-customer-card customer-id=${id} variant=${variant}></crm-customer-card>
    </crm-provider>
  `);
  const card = provider.querySelector('crm-customer-card')!;
  await settled(card);
  return card;
}

describe('crm-customer-card', () => {
  let northwind: Customer;
  let customers: Customer[];

  before(async () => {
    northwind = await findCustomer('Northwind');
    customers = await allCustomers();
  });

  describe('registration', () => {
    it('is defined once under its tag, and a second registration does not throw', async () => {
      expect(customElements.get('crm-customer-card')).to.equal(CrmCustomerCard);
      expect(document.createElement('crm-customer-card')).to.be.instanceOf(CrmCustomerCard);
      // What a second copy of the library does on load.
      const { define } = await import('../shared/define.js');
      class SecondCopy extends HTMLElement {}
      expect(() => define('crm-customer-card', SecondCopy)).not.to.throw();
      expect(customElements.get('crm-customer-card')).to.equal(CrmCustomerCard);
    });
  });

  describe('loaded', () => {
    it('shows what the kit returns for the customer', async () => {
      const card = await providedCard(northwind.id);
      expect(card.customer?.id).to.equal(northwind.id);
      expect(text(part(card, 'name'))).to.equal(northwind.name);
      expect(part(card, 'heading')!.getAttribute('role')).to.equal('heading');
      expect(part(card, 'heading')!.getAttribute('aria-level')).to.equal('3');
      expect(text(part(card, 'avatar'))).to.equal('NT');

      const subtitle = text(part(card, 'subtitle'));
      expect(subtitle).to.contain('Company');
      expect(subtitle).to.contain(northwind.industry!);

      const stage = part(card, 'stage')!;
      expect(stage.dataset.stage).to.equal(northwind.lifecycleStage);
      const stageName = {
        subscriber: 'Subscriber',
        lead: 'Lead',
        prospect: 'Prospect',
        customer: 'Customer',
        evangelist: 'Evangelist',
        churned: 'Churned',
      }[northwind.lifecycleStage];
      expect(visibleText(stage)).to.equal(stageName);
      expect(text(stage.querySelector('.visually-hidden'))).to.equal(`Lifecycle stage: ${stageName}`);

      const emails = [...field(card, 'emails')!.querySelectorAll('a')];
      expect(emails.map((a) => a.getAttribute('href'))).to.deep.equal(northwind.emails.map((e) => `mailto:${e}`));
      const phones = [...field(card, 'phones')!.querySelectorAll('a')];
      expect(phones.map((a) => text(a))).to.deep.equal(northwind.phones);
      expect(phones[0]!.getAttribute('href')).to.equal(`tel:${northwind.phones[0]!.replace(/[^+0-9]/g, '')}`);

      const website = field(card, 'website')!.querySelector('a')!;
      expect(website.href).to.equal(new URL(northwind.website!).href);
      expect(website.target).to.equal('_blank');
      expect(website.rel).to.contain('noopener');
      expect(visibleText(website)).to.equal(new URL(northwind.website!).host);
      expect(text(field(card, 'region')!.querySelector('dd'))).to.equal(northwind.region);
      expect(text(field(card, 'region')!.querySelector('dt'))).to.equal('Region');

      const created = part(card, 'footer')!.querySelector('time')!;
      expect(created.dateTime).to.equal(northwind.createdAt);
      expect(text(part(card, 'footer'))).to.contain(`Added ${text(created)}`);
      expect(part(card, 'base')!.getAttribute('aria-busy')).to.equal(null);
    });

    it('lists the tags of a tagged customer and leaves out empty fields', async () => {
      const tagged = customers.find((c) => c.tags.length > 0 && c.kind === 'company')!;
      const card = await providedCard(tagged.id);
      expect(parts(card, 'tag').map(text)).to.deep.equal(tagged.tags);
      expect(text(field(card, 'tags')!.querySelector('dt'))).to.equal('Tags');

      const person = customers.find((c) => c.kind === 'person' && !c.website && !c.industry)!;
      const personCard = await providedCard(person.id);
      expect(field(personCard, 'website')).to.equal(null);
      expect(text(part(personCard, 'subtitle'))).to.equal('Person');
      expect(part(personCard, 'avatar')!.dataset.kind).to.equal('person');
    });

    it('writes the company size with grouped digits', async () => {
      const sized = customers.find((c) => c.size === '201-1000')!;
      const card = await providedCard(sized.id);
      expect(text(field(card, 'size')!.querySelector('dd'))).to.equal('201–1,000 employees');
    });

    it('shows only the header and first email and phone when compact', async () => {
      const card = await providedCard(northwind.id, { variant: 'compact' });
      expect(part(card, 'body')).to.equal(null);
      expect(part(card, 'footer')).to.equal(null);
      expect(text(part(card, 'subtitle'))).to.contain(northwind.region!);
      const links = [...card.shadowRoot!.querySelectorAll('.contact-line a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
        `mailto:${northwind.emails[0]}`,
        `tel:${northwind.phones[0]!.replace(/[^+0-9]/g, '')}`,
      ]);
    });

    it('uses the heading level it is given and shows slotted header content and actions', async () => {
      const provider = await fixture(html`
        <crm-provider base-url=${BASE_URL} token=${TOKEN}>
          <crm-customer-card customer-id=${northwind.id} heading-level="2">
            <span slot="header" id="extra">VIP since 2020</span>
            <button slot="actions" id="edit">Edit</button>
          </crm-customer-card>
        </crm-provider>
      `);
      const card = provider.querySelector('crm-customer-card')!;
      await settled(card);
      expect(part(card, 'heading')!.getAttribute('aria-level')).to.equal('2');
      const actions = part(card, 'actions')!;
      expect(actions.hidden).to.equal(false);
      const slot = actions.querySelector('slot')!;
      expect(slot.assignedElements()).to.deep.equal([card.querySelector('#edit')]);
      const headerSlot = card.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="header"]')!;
      expect(headerSlot.assignedElements()).to.deep.equal([card.querySelector('#extra')]);
    });

    it('hides the actions wrapper when nothing is slotted into it', async () => {
      const card = await providedCard(northwind.id);
      expect(part(card, 'actions')!.hidden).to.equal(true);
    });
  });

  describe('narrow', () => {
    it('keeps each date whole, and shows the figures as rows of label and amount', async () => {
      const wrapper = await fixture(html`
        <div style="width: 200px">
          <crm-provider base-url=${BASE_URL} token=${TOKEN}>
            <crm-customer-card customer-id=${northwind.id}></crm-customer-card>
          </crm-provider>
        </div>
      `);
      const card = wrapper.querySelector('crm-customer-card')!;
      await settled(card);
      // "closes Jan 12, 2027" wraps before the date, never inside it (nor "2027年1月 / 12日").
      const times = [...card.shadowRoot!.querySelectorAll('time')];
      expect(times.length).to.be.at.least(3);
      for (const time of times) expect(time.getClientRects().length, text(time)).to.equal(1);
      // Each figure sits at the end of its label's line: three short rows, not three tall tiles.
      const stats = parts(card, 'stat');
      expect(stats.length).to.be.at.least(2);
      for (const stat of stats) {
        const label = stat.querySelector('dt')!.getBoundingClientRect();
        const figure = stat.querySelector('.figure')!.getBoundingClientRect();
        expect(figure.left, text(stat)).to.be.above(label.left);
        expect(figure.top, text(stat)).to.be.below(label.bottom);
      }
    });
  });

  describe('loading', () => {
    it('shows a busy skeleton until the kit answers', async () => {
      const gate = gatedFetch();
      const provider = await fixture(html`
        <crm-provider .client=${kitClient(ACME_ADMIN, gate.fetch)}>
          <crm-customer-card customer-id=${northwind.id}></crm-customer-card>
        </crm-provider>
      `);
      const card = provider.querySelector('crm-customer-card')!;
      await card.updateComplete;
      const base = part(card, 'base')!;
      expect(base.getAttribute('aria-busy')).to.equal('true');
      expect(part(card, 'skeleton')).to.equal(base);
      expect(text(base.querySelector('.visually-hidden'))).to.equal('Loading customer…');
      expect(part(card, 'name')).to.equal(null);
      // The first load of a page is not announced: a page of cards would be a chorus.
      expect(status(card)).to.equal('');
      await expect(card).to.be.accessible();

      gate.release();
      await settled(card);
      expect(text(part(card, 'name'))).to.equal(northwind.name);
      // The customer and, beside it, its summary.
      expect(gate.requests.map((r) => new URL(r.url).pathname)).to.deep.equal([
        `${BASE_URL}/customers/${northwind.id}`,
        `${BASE_URL}/customers/${northwind.id}/summary`,
      ]);
    });
  });

  describe('errors', () => {
    it('explains a network failure, retries on request and moves focus to the result', async () => {
      const provider = await fixture(html`
        <crm-provider .client=${kitClient(ACME_ADMIN, flakyFetch(1).fetch)}>
          <crm-customer-card customer-id=${northwind.id}></crm-customer-card>
        </crm-provider>
      `);
      const card = provider.querySelector('crm-customer-card')!;
      await settled(card);
      const error = part(card, 'error')!;
      expect(text(error.querySelector('.error-message'))).to.equal('Could not reach the server.');
      expect(text(error.querySelector('.error-detail'))).to.equal('Check your connection and try again.');
      expect(status(card)).to.equal('Could not reach the server.');
      const retry = part(card, 'retry-button') as HTMLButtonElement;
      expect(text(retry)).to.equal('Try again');
      await expect(card).to.be.accessible();

      retry.focus();
      retry.click();
      await card.updateComplete;
      expect(status(card)).to.equal('Loading customer…');
      await settled(card);
      expect(text(part(card, 'name'))).to.equal(northwind.name);
      expect(card.shadowRoot!.activeElement).to.equal(part(card, 'name'));
      expect(status(card)).to.equal(`${northwind.name} loaded.`);
    });

    it('says a customer that does not exist was not found, without offering a retry', async () => {
      const card = await providedCard(unknownId());
      expect(text(part(card, 'error'))).to.contain('Customer not found.');
      expect(text(part(card, 'error'))).to.contain('may have been deleted');
      expect(part(card, 'retry-button')).to.equal(null);
      expect(status(card)).to.equal('Customer not found.');
    });

    it("treats another organization's customer and a malformed id as not found", async () => {
      const formosan = await findCustomer('玉山', FORMOSA_ADMIN);
      const foreign = await providedCard(formosan.id);
      expect(text(part(foreign, 'error'))).to.contain('Customer not found.');
      const malformed = await providedCard('not-an-id');
      expect(text(part(malformed, 'error'))).to.contain('Customer not found.');
    });

    it('asks to sign in on a 401, and loads once a valid token is set', async () => {
      const card = await fixture<CrmCustomerCard>(html`
        <crm-customer-card base-url=${BASE_URL} token="test:nobody@nowhere.test" customer-id=${northwind.id}>
        </crm-customer-card>
      `);
      await settled(card);
      expect(text(part(card, 'error'))).to.contain('Sign in to see this customer.');
      expect(part(card, 'retry-button')).not.to.equal(null);

      card.token = TOKEN;
      await card.updateComplete;
      await settled(card);
      expect(text(part(card, 'name'))).to.equal(northwind.name);
    });

    it('says so when it has no way to reach the kit', async () => {
      const card = await fixture<CrmCustomerCard>(
        html`<crm-customer-card customer-id=${northwind.id}></crm-customer-card>`,
      );
      expect(text(part(card, 'error'))).to.contain('Not connected to crmkit');
      expect(part(card, 'retry-button')).to.equal(null);
    });

    it('shows the empty state without a customer id, with slotted content if given', async () => {
      const card = await fixture<CrmCustomerCard>(
        html`<crm-customer-card base-url=${BASE_URL} token=${TOKEN}></crm-customer-card>`,
      );
      expect(text(part(card, 'empty'))).to.equal('No customer selected.');
      const custom = await fixture<CrmCustomerCard>(html`
        <crm-customer-card base-url=${BASE_URL} token=${TOKEN}
          ><p slot="empty" id="pick">Pick a customer</p></crm-customer-card
        >
      `);
      const slot = part(custom, 'empty')!.querySelector('slot')!;
      expect(slot.assignedElements()).to.deep.equal([custom.querySelector('#pick')]);
    });
  });

  describe('changing customer', () => {
    it('loads the new customer and aborts the stale request', async () => {
      const other = customers.find((c) => c.id !== northwind.id && c.kind === 'company')!;
      const gate = gatedFetch();
      const provider = await fixture(html`
        <crm-provider .client=${kitClient(ACME_ADMIN, gate.fetch)}>
          <crm-customer-card customer-id=${northwind.id}></crm-customer-card>
        </crm-provider>
      `);
      const card = provider.querySelector('crm-customer-card')!;
      await waitUntil(() => gate.requests.length === 2);
      card.customerId = other.id;
      await waitUntil(() => gate.requests.length === 4);
      // Both requests for the first customer (record and summary) are aborted.
      expect(gate.requests.map((r) => r.signal.aborted)).to.deep.equal([true, true, false, false]);

      gate.release();
      await settled(card);
      expect(text(part(card, 'name'))).to.equal(other.name);
      // Later loads are announced, as they follow something the user did.
      expect(status(card)).to.equal(`${other.name} loaded.`);

      card.removeAttribute('customer-id');
      await card.updateComplete;
      expect(part(card, 'empty')).not.to.equal(null);
    });
  });

  describe('locales', () => {
    const expected = {
      en: { kind: 'Company', emails: 'Email', region: 'Region', size: '201–1,000 employees' },
      'zh-Hant': { kind: '公司', emails: '電子郵件', region: '地區', size: '201–1,000 名員工' },
      'zh-Hans': { kind: '公司', emails: '电子邮件', region: '地区', size: '201–1,000 名员工' },
    } as const;

    for (const [locale, strings] of Object.entries(expected)) {
      it(`speaks ${locale} and formats numbers and dates for it`, async () => {
        const sized = customers.find((c) => c.size === '201-1000' && c.region)!;
        const card = await providedCard(sized.id, { locale });
        expect(card.shadowRoot!.querySelector('.root')!.getAttribute('lang')).to.equal(locale);
        expect(text(part(card, 'subtitle'))).to.contain(strings.kind);
        expect(text(field(card, 'emails')!.querySelector('dt'))).to.equal(strings.emails);
        expect(text(field(card, 'region')!.querySelector('dt'))).to.equal(strings.region);
        expect(text(field(card, 'size')!.querySelector('dd'))).to.equal(strings.size);
        const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(sized.createdAt));
        expect(text(part(card, 'footer')!.querySelector('time'))).to.equal(date);
      });
    }

    it('shows a Formosa customer in Traditional Chinese', async () => {
      const formosan = await findCustomer('玉山', FORMOSA_ADMIN);
      const card = await providedCard(formosan.id, { locale: 'zh-Hant', email: FORMOSA_ADMIN });
      expect(text(part(card, 'name'))).to.equal(formosan.name);
      expect(text(part(card, 'avatar'))).to.equal('玉');
      const stage = {
        subscriber: '訂閱者',
        lead: '潛在客戶',
        prospect: '準客戶',
        customer: '客戶',
        evangelist: '推廣者',
        churned: '已流失',
      }[formosan.lifecycleStage];
      expect(visibleText(part(card, 'stage'))).to.equal(stage);
      expect(text(part(card, 'footer'))).to.match(/^建立於 \d{4}年\d{1,2}月\d{1,2}日/);
      expect(text(field(card, 'region')!.querySelector('dd'))).to.equal(formosan.region);
    });

    it("follows the page's lang when no locale is set, and its changes", async () => {
      const root = document.documentElement;
      const before = root.lang;
      root.lang = 'zh-TW';
      try {
        const card = await fixture<CrmCustomerCard>(html`
          <crm-customer-card base-url=${BASE_URL} token=${TOKEN} customer-id=${northwind.id}></crm-customer-card>
        `);
        await settled(card);
        expect(text(field(card, 'emails')!.querySelector('dt'))).to.equal('電子郵件');
        root.lang = 'zh-CN';
        await waitUntil(() => text(field(card, 'emails')?.querySelector('dt')) === '电子邮件', 'did not follow lang');
        root.lang = 'fr';
        await waitUntil(() => text(field(card, 'emails')?.querySelector('dt')) === 'Email', 'did not fall back to en');
      } finally {
        root.lang = before;
      }
    });

    it("prefers its own locale to the provider's, and re-renders without reloading when it changes", async () => {
      const gate = gatedFetch();
      gate.release();
      const provider = await fixture(html`
        <crm-provider .client=${kitClient(ACME_ADMIN, gate.fetch)} locale="zh-Hans">
          <crm-customer-card customer-id=${northwind.id} locale="en"></crm-customer-card>
        </crm-provider>
      `);
      const card = provider.querySelector('crm-customer-card')!;
      await settled(card);
      expect(text(field(card, 'emails')!.querySelector('dt'))).to.equal('Email');
      card.locale = '';
      await card.updateComplete;
      expect(text(field(card, 'emails')!.querySelector('dt'))).to.equal('电子邮件');
      expect(customerGets(gate.requests)).to.have.length(1);
    });
  });

  describe('keyboard', () => {
    it('reaches the name and then each link with Tab; Enter and Space select', async () => {
      const wrapper = await fixture(html`
        <div>
          <button id="before">before</button>
          <crm-provider base-url=${BASE_URL} token=${TOKEN}>
            <crm-customer-card customer-id=${northwind.id}></crm-customer-card>
          </crm-provider>
        </div>
      `);
      const card = wrapper.querySelector('crm-customer-card')!;
      await settled(card);
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();

      await sendKeys({ press: 'Tab' });
      expect(card.shadowRoot!.activeElement).to.equal(part(card, 'name'));

      const selected: CrmCustomerSelectEvent[] = [];
      card.addEventListener('crm-customer-select', (event) => selected.push(event));
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Space' });
      expect(selected).to.have.length(2);
      expect(selected[0]!.detail.customer.id).to.equal(northwind.id);

      const links = [...card.shadowRoot!.querySelectorAll('[part~="body"] a')];
      expect(links.length).to.be.greaterThan(2);
      for (const link of links) {
        await sendKeys({ press: 'Tab' });
        expect(card.shadowRoot!.activeElement).to.equal(link);
      }
    });

    it('puts a retry button in the tab order of an error', async () => {
      const wrapper = await fixture(html`
        <div>
          <button id="before">before</button>
          <crm-customer-card base-url=${BASE_URL} token="test:nobody@nowhere.test" customer-id=${northwind.id}>
          </crm-customer-card>
        </div>
      `);
      const card = wrapper.querySelector('crm-customer-card')!;
      await settled(card);
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(card.shadowRoot!.activeElement).to.equal(part(card, 'retry-button'));
    });
  });

  describe('events', () => {
    it('fires crm-customer-select with the customer, bubbling out of shadow roots', async () => {
      // The card inside another component's shadow root, as in a host app built of components.
      const host = await fixture(html`<div></div>`);
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.innerHTML = `<crm-customer-card base-url="${BASE_URL}" token="${TOKEN}" customer-id="${northwind.id}"></crm-customer-card>`;
      const card = shadow.querySelector('crm-customer-card')!;
      await settled(card);

      setTimeout(() => part(card, 'name')!.click());
      const event = await oneEvent(document, 'crm-customer-select');
      expect(event).to.be.instanceOf(CrmCustomerSelectEvent);
      expect(event.bubbles).to.equal(true);
      expect(event.composed).to.equal(true);
      expect(event.cancelable).to.equal(false);
      expect(event.detail.customer).to.deep.equal(northwind);
      // Seen from the document, the event comes from the shadow root's host.
      expect(event.target).to.equal(host);
    });

    it('fires for a click anywhere on the header but not for its links and actions', async () => {
      const provider = await fixture(html`
        <crm-provider base-url=${BASE_URL} token=${TOKEN} locale="en">
          <crm-customer-card customer-id=${northwind.id} variant="compact">
            <button slot="actions" id="edit">Edit</button>
          </crm-customer-card>
        </crm-provider>
      `);
      const card = provider.querySelector('crm-customer-card')!;
      await settled(card);
      let count = 0;
      provider.addEventListener('crm-customer-select', () => count++);

      part(card, 'subtitle')!.click();
      part(card, 'avatar')!.click();
      expect(count).to.equal(2);

      card
        .shadowRoot!.querySelector<HTMLAnchorElement>('.contact-line a[href^="tel:"]')!
        .addEventListener('click', (e) => e.preventDefault());
      card.shadowRoot!.querySelector<HTMLAnchorElement>('.contact-line a[href^="tel:"]')!.click();
      card.querySelector<HTMLButtonElement>('#edit')!.click();
      expect(count).to.equal(2);
    });
  });

  describe('usage', () => {
    it('works alone with base-url, token and locale attributes', async () => {
      const card = await fixture<CrmCustomerCard>(html`
        <crm-customer-card base-url=${BASE_URL} token=${TOKEN} locale="zh-Hans" customer-id=${northwind.id}>
        </crm-customer-card>
      `);
      await settled(card);
      expect(text(part(card, 'name'))).to.equal(northwind.name);
      expect(text(part(card, 'subtitle'))).to.contain('公司');
    });

    it("uses its own base-url over the provider's client", async () => {
      const gate = gatedFetch();
      const provider = await fixture(html`
        <crm-provider .client=${kitClient(ACME_ADMIN, gate.fetch)}>
          <crm-customer-card base-url=${BASE_URL} token=${TOKEN} customer-id=${northwind.id}></crm-customer-card>
        </crm-provider>
      `);
      const card = provider.querySelector('crm-customer-card')!;
      await settled(card);
      expect(text(part(card, 'name'))).to.equal(northwind.name);
      expect(gate.requests).to.have.length(0);
    });

    it('reloads when it is moved while loading', async () => {
      const gate = gatedFetch();
      const provider = await fixture(html`
        <crm-provider .client=${kitClient(ACME_ADMIN, gate.fetch)}>
          <div id="a"><crm-customer-card customer-id=${northwind.id}></crm-customer-card></div>
          <div id="b"></div>
        </crm-provider>
      `);
      const card = provider.querySelector('crm-customer-card')!;
      await waitUntil(() => customerGets(gate.requests).length === 1);
      provider.querySelector('#b')!.append(card);
      await waitUntil(() => customerGets(gate.requests).length === 2);
      expect(customerGets(gate.requests)[0]!.signal.aborted).to.equal(true);
      gate.release();
      await settled(card);
      expect(text(part(card, 'name'))).to.equal(northwind.name);
    });
  });

  describe('colour scheme', () => {
    const lightness = (element: Element) => {
      const [r, g, b] = getComputedStyle(element)
        .backgroundColor.match(/[\d.]+/g)!
        .map(Number) as number[];
      return (r! + g! + b!) / 3;
    };

    afterEach(() => emulateMedia({ colorScheme: 'light' }));

    it("follows the page's color-scheme, and through it the user's preference", async () => {
      const page = await fixture<HTMLDivElement>(html`
        <div style="color-scheme: light dark">
          <crm-customer-card base-url=${BASE_URL} token=${TOKEN} customer-id=${northwind.id}></crm-customer-card>
        </div>
      `);
      const card = page.querySelector('crm-customer-card')!;
      await settled(card);
      await emulateMedia({ colorScheme: 'light' });
      expect(lightness(part(card, 'base')!)).to.be.above(200);
      await emulateMedia({ colorScheme: 'dark' });
      expect(lightness(part(card, 'base')!)).to.be.below(60);
      await expect(card).to.be.accessible();

      // A page that only does light keeps the card light, whatever the preference.
      page.style.colorScheme = 'light';
      expect(lightness(part(card, 'base')!)).to.be.above(200);
      // The theme attribute overrides the page.
      card.theme = 'dark';
      await card.updateComplete;
      expect(lightness(part(card, 'base')!)).to.be.below(60);
    });
  });

  describe('accessibility', () => {
    for (const theme of ['light', 'dark'] as const) {
      it(`passes axe in the ${theme} theme, loaded, compact and in error`, async () => {
        const wrapper = await fixture(html`
          <div>
            <crm-provider base-url=${BASE_URL} token=${TOKEN} theme=${theme}>
              <crm-customer-card customer-id=${northwind.id}><button slot="actions">Edit</button></crm-customer-card>
              <crm-customer-card customer-id=${northwind.id} variant="compact"></crm-customer-card>
              <crm-customer-card customer-id=${unknownId()}></crm-customer-card>
            </crm-provider>
            <crm-customer-card
              base-url=${BASE_URL}
              token="test:nobody@nowhere.test"
              theme=${theme}
              customer-id=${northwind.id}
            >
            </crm-customer-card>
          </div>
        `);
        const cards = [...wrapper.querySelectorAll('crm-customer-card')];
        for (const card of cards) await settled(card);
        for (const card of cards) await expect(card).to.be.accessible();

        // The theme really applies: dark cards are dark, light ones light.
        const background = getComputedStyle(part(cards[0]!, 'base')!).backgroundColor;
        const [r, g, b] = background.match(/[\d.]+/g)!.map(Number) as [number, number, number];
        const lightness = (r + g + b) / 3;
        if (theme === 'dark') expect(lightness).to.be.below(60);
        else expect(lightness).to.be.above(200);
        expect(getComputedStyle(cards[3]!).colorScheme).to.equal(theme);
      });
    }
  });
});
