// The full card's summary: owner, lifetime value, last order, open deals, contacts and activity,
// from `GET /customers/:id/summary` of the real kit, on a customer this file creates.
import type { Customer } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import {
  ACME_ADMIN,
  BASE_URL,
  findCustomer,
  FORMOSA_ADMIN,
  gatedFetch,
  kitClient,
  part,
  text,
  tokenFor,
} from '../../test/kit.js';
import '../index.js';
import { CrmActivityCreateEvent, CrmOpportunitySelectEvent } from '../shared/events.js';
import type { CrmCustomerCard } from './customer-card.js';

const admin = kitClient(ACME_ADMIN);
const DAY = 86_400_000;

function stat(card: CrmCustomerCard, name: string): HTMLElement | null {
  return card.shadowRoot!.querySelector<HTMLElement>(`[part~="stat"][data-stat="${name}"]`);
}
function section(card: CrmCustomerCard, name: string): HTMLElement {
  return card.shadowRoot!.querySelector<HTMLElement>(`[part~="section"][data-section="${name}"]`)!;
}
/** The expected text of money (sums arrive as decimal strings; the test's figures are all safe integers). */
function money(locale: string, { amount: minor, currency }: { amount: number | string; currency: string }): string {
  const amount = Number(minor);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits!;
  const whole = amount % 10 ** digits === 0;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
  }).format(amount / 10 ** digits);
}
function day(locale: string, iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
}

async function summarized(card: CrmCustomerCard): Promise<void> {
  await waitUntil(() => card.summary && part(card, 'stats') && !part(card, 'stats')!.hasAttribute('aria-busy'), '', {
    timeout: 8000,
  });
  await card.updateComplete;
}

async function providedCard(id: string, { locale = 'en', email = ACME_ADMIN, variant = 'full' } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-customer-card customer-id=${id} variant=${variant}></crm-customer-card>
    </crm-provider>
  `);
  return provider.querySelector('crm-customer-card')!;
}

describe('crm-customer-card summary', () => {
  /** A customer with orders in two currencies, six contacts, two open deals, a call and an overdue task. */
  let rich: Customer;
  /** A customer with nothing attached. */
  let bare: Customer;
  const run = Math.random().toString(36).slice(2, 8);
  /** What this file creates, trashed again afterwards so later test files see the kit as seeded. */
  const created: { resource: 'customers' | 'contacts' | 'orders' | 'opportunities' | 'activities'; id: string }[] = [];
  const track = <T extends { id: string }>(resource: (typeof created)[number]['resource'], record: T): T => {
    created.push({ resource, id: record.id });
    return record;
  };

  after(async function () {
    (this as { timeout(ms: number): void }).timeout(30_000);
    for (const { resource, id } of created.reverse()) await admin[resource].remove(id);
  });

  before(async function () {
    (this as { timeout(ms: number): void }).timeout(30_000);
    rich = track(
      'customers',
      await admin.customers.create({ name: `Summary Rich ${run}`, kind: 'company', region: 'West' }),
    );
    bare = track('customers', await admin.customers.create({ name: `Summary Bare ${run}`, kind: 'person' }));
    const now = Date.now();
    track(
      'orders',
      await admin.orders.create({
        customerId: rich.id,
        totalAmount: 120_000,
        currency: 'USD',
        placedAt: new Date(now - 10 * DAY).toISOString(),
      }),
    );
    track(
      'orders',
      await admin.orders.create({
        customerId: rich.id,
        totalAmount: 50_000,
        currency: 'EUR',
        placedAt: new Date(now - 2 * DAY).toISOString(),
      }),
    );
    // Created before the primary and named to sort first: the primary still comes first.
    for (const name of ['Ada Able', 'Ben Baker', 'Cy Cole', 'Di Dunn', 'Ed Eve']) {
      track(
        'contacts',
        await admin.contacts.create({
          customerId: rich.id,
          name,
          emails: [`${name.split(' ')[0]!.toLowerCase()}@rich.example`],
        }),
      );
    }
    track(
      'contacts',
      await admin.contacts.create({
        customerId: rich.id,
        name: 'Zed Primary',
        title: 'Buyer',
        isPrimary: true,
        emails: ['zed@rich.example'],
        phones: ['+1 555 0199'],
      }),
    );
    const pipelines = await admin.pipelines.list();
    const pipeline = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0]!;
    const open = pipeline.stages.find((s) => s.kind === 'open')!;
    track(
      'opportunities',
      await admin.opportunities.create({
        name: `Fit-out ${run}`,
        customerId: rich.id,
        pipelineId: pipeline.id,
        stageId: open.id,
        amount: 500_000,
        currency: 'USD',
        expectedCloseDate: '2031-05-20',
      }),
    );
    track(
      'opportunities',
      await admin.opportunities.create({
        name: `Export ${run}`,
        customerId: rich.id,
        pipelineId: pipeline.id,
        stageId: open.id,
        amount: 3_000_000,
        currency: 'TWD',
      }),
    );
    track(
      'activities',
      await admin.activities.create({
        type: 'call',
        subject: 'Intro call',
        customerId: rich.id,
        occurredAt: new Date(now - 3 * DAY).toISOString(),
      }),
    );
    track(
      'activities',
      await admin.activities.create({
        type: 'task',
        subject: 'Send quote',
        customerId: rich.id,
        dueAt: new Date(now - DAY).toISOString(),
      }),
    );
  });

  it('shows the owner, lifetime value in the base currency and per currency, and the last order', async () => {
    const card = await providedCard(rich.id);
    await summarized(card);
    const summary = await admin.customers.summary(rich.id);
    expect(summary.owner?.name).to.equal('Alex Morgan');
    const owner = card.shadowRoot!.querySelector('[part~="field"][data-field="owner"]')!;
    expect(text(owner.querySelector('dt'))).to.equal('Owner');
    expect(text(owner.querySelector('dd'))).to.equal('Alex Morgan');

    // 1,200 USD + 500 EUR at 1.08 = 1,740 USD.
    const ltv = stat(card, 'lifetime-value')!;
    expect(text(ltv.querySelector('dt'))).to.equal('Lifetime value');
    expect(text(ltv.querySelector('.figure'))).to.equal('$1,740');
    expect(text(ltv.querySelector('.sub'))).to.equal('2 orders · €500 + $1,200');

    const last = stat(card, 'last-order')!;
    expect(text(last.querySelector('.figure'))).to.equal('€500');
    const placed = (summary.orders.lastOrder as { placedAt: string }).placedAt;
    expect(last.querySelector('time')!.dateTime).to.equal(placed);
    expect(text(last.querySelector('time'))).to.equal(day('en', placed));

    const deals = stat(card, 'open-deals')!;
    expect(text(deals.querySelector('.figure'))).to.equal('NT$30,000 + $5,000');
    expect(text(deals.querySelector('.sub'))).to.equal('2 deals');
    await expect(card).to.be.accessible();
  });

  it('lists up to five contacts, the primary first, and says how many more there are', async () => {
    const card = await providedCard(rich.id);
    await summarized(card);
    const contacts = section(card, 'contacts');
    expect(text(contacts.querySelector('[part~="section-title"]'))).to.equal('Contacts 6');
    expect(contacts.querySelector('[part~="section-title"]')!.getAttribute('aria-level')).to.equal('4');
    const items = [...contacts.querySelectorAll('[part~="contact"]')];
    expect(items).to.have.length(5);
    expect(text(items[0]!.querySelector('.item-name'))).to.equal('Zed Primary');
    expect(text(items[0]!.querySelector('.badge'))).to.equal('Primary');
    expect(text(items[0]!.querySelector('.item-sub'))).to.equal('Buyer');
    expect([...items[0]!.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      'mailto:zed@rich.example',
      'tel:+15550199',
    ]);
    expect(text(items[1]!.querySelector('.item-name'))).to.equal('Ada Able');
    expect(items[1]!.querySelector('.badge')).to.equal(null);
    expect(text(contacts.querySelector('.more'))).to.equal('+1 more');
  });

  it('lists open deals with amounts and close dates, and the last and next activity', async () => {
    const card = await providedCard(rich.id);
    await summarized(card);
    const deals = [...section(card, 'deals').querySelectorAll('[part~="deal"]')];
    // Soonest expected close first; deals without a date last.
    expect(deals.map((d) => text(d.querySelector('.item-name')))).to.deep.equal([`Fit-out ${run}`, `Export ${run}`]);
    expect(text(deals[0]!.querySelector('.amount'))).to.equal('$5,000');
    expect(text(deals[0]!.querySelector('.close'))).to.equal(
      `closes ${day('en', '2031-05-20', { dateStyle: 'medium', timeZone: 'UTC' })}`,
    );
    expect(text(deals[1]!.querySelector('.amount'))).to.equal('NT$30,000');
    expect(deals[1]!.querySelector('.close')).to.equal(null);
    // Each deal's name opens it: the card tells the host which.
    const opened = oneEvent(card, CrmOpportunitySelectEvent.eventName);
    deals[1]!.querySelector<HTMLButtonElement>('[part~="deal-link"]')!.click();
    expect(((await opened) as CrmOpportunitySelectEvent).detail.opportunity.name).to.equal(`Export ${run}`);

    const last = card.shadowRoot!.querySelector('[part~="activity"][data-activity="last"]')!;
    expect(text(last.querySelector('.item-name'))).to.equal('Intro call');
    expect(text(last.querySelector('.type'))).to.equal('Call');
    const next = card.shadowRoot!.querySelector('[part~="activity"][data-activity="next"]')!;
    expect(text(next.querySelector('.item-name'))).to.equal('Send quote');
    expect(text(next.querySelector('.type'))).to.equal('Task');
    expect(next.querySelector('.item-sub')!.classList.contains('overdue')).to.equal(true);
    expect(text(next.querySelector('.when'))).to.match(/^overdue since /);
  });

  it('says what is missing for a customer with no orders, deals, contacts or activity', async () => {
    const card = await providedCard(bare.id);
    await summarized(card);
    expect(text(stat(card, 'lifetime-value')!.querySelector('.figure'))).to.equal('No orders yet');
    expect(stat(card, 'last-order')).to.equal(null);
    expect(text(stat(card, 'open-deals')!.querySelector('.figure'))).to.equal('None open');
    expect(text(section(card, 'contacts').querySelector('.none'))).to.equal('No contacts yet');
    expect(text(section(card, 'activity'))).to.contain('None');
  });

  const expected = {
    en: { ltv: 'Lifetime value', owner: 'Owner', orders: '2 orders', contacts: 'Contacts' },
    'zh-Hant': { ltv: '累計消費', owner: '負責人', orders: '2 筆訂單', contacts: '聯絡人' },
    'zh-Hans': { ltv: '累计消费', owner: '负责人', orders: '2 笔订单', contacts: '联系人' },
  } as const;
  for (const [locale, strings] of Object.entries(expected)) {
    it(`speaks ${locale} and formats money for it`, async () => {
      const card = await providedCard(rich.id, { locale });
      await summarized(card);
      const ltv = stat(card, 'lifetime-value')!;
      expect(text(ltv.querySelector('dt'))).to.equal(strings.ltv);
      expect(text(ltv.querySelector('.figure'))).to.equal(money(locale, { amount: 174_000, currency: 'USD' }));
      expect(text(ltv.querySelector('.sub'))).to.contain(strings.orders);
      const owner = card.shadowRoot!.querySelector('[part~="field"][data-field="owner"] dt');
      expect(text(owner)).to.equal(strings.owner);
      expect(text(section(card, 'contacts').querySelector('[part~="section-title"]'))).to.contain(strings.contacts);
    });
  }

  it("shows a Formosa customer's figures in New Taiwan dollars", async () => {
    const formosan = await findCustomer('玉山', FORMOSA_ADMIN);
    const card = await providedCard(formosan.id, { locale: 'zh-Hant', email: FORMOSA_ADMIN });
    await summarized(card);
    const summary = await kitClient(FORMOSA_ADMIN).customers.summary(formosan.id);
    const figure = text(stat(card, 'lifetime-value')!.querySelector('.figure'));
    if (summary.orders.lifetimeValueBase) expect(figure).to.equal(money('zh-Hant', summary.orders.lifetimeValueBase));
    else expect(figure).to.equal('尚無訂單');
    await expect(card).to.be.accessible();
  });

  it('refreshes the last activity quietly when an activity log on the page saves one for this customer', async () => {
    const quiet = track('customers', await admin.customers.create({ name: `Summary Quiet ${run}`, kind: 'person' }));
    const card = await providedCard(quiet.id);
    await summarized(card);
    expect(text(section(card, 'activity'))).to.contain('None');
    const call = track(
      'activities',
      await admin.activities.create({ customerId: quiet.id, type: 'call', subject: `Quiet call ${run}` }),
    );
    // Another customer's activity changes nothing.
    document.body.dispatchEvent(new CrmActivityCreateEvent({ ...call, customerId: rich.id }));
    document.body.dispatchEvent(new CrmActivityCreateEvent(call));
    // The figures stay on show meanwhile: no skeleton, no busy state.
    expect(card.shadowRoot!.querySelector('[part~="stats"][aria-busy="true"]')).to.equal(null);
    await waitUntil(
      () =>
        text(card.shadowRoot!.querySelector('[part~="activity"][data-activity="last"] .item-name')) === call.subject,
      'the card shows the new call as the last activity',
    );
  });

  it('names the segments the customer is in now', async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const buyers = await admin.segments.create({
      name: `Two orders or more ${suffix}`,
      rules: { field: 'orderCount', op: 'gte', value: 2 },
    });
    const many = await admin.segments.create({
      name: `Ten orders or more ${suffix}`,
      rules: { field: 'orderCount', op: 'gte', value: 10 },
    });
    const card = await providedCard(rich.id);
    await summarized(card);
    const names = [...card.shadowRoot!.querySelectorAll('[part~="segment"]')].map(text);
    expect(names).to.include(buyers.name);
    expect(names).to.not.include(many.name);
    const row = card.shadowRoot!.querySelector('[part~="field"][data-field="segments"]')!;
    expect(text(row.querySelector('dt'))).to.equal('Segments');
  });

  it('does not ask for the summary when compact, and asks once it turns full', async () => {
    const gate = gatedFetch();
    gate.release();
    const provider = await fixture(html`
      <crm-provider .client=${kitClient(ACME_ADMIN, gate.fetch)}>
        <crm-customer-card customer-id=${rich.id} variant="compact"></crm-customer-card>
      </crm-provider>
    `);
    const card = provider.querySelector('crm-customer-card')!;
    await waitUntil(() => card.customer);
    // What the card asks for (the provider reads the caller's capabilities, `/me`, besides).
    const asked = () => gate.requests.map((r) => new URL(r.url).pathname).filter((path) => path !== `${BASE_URL}/me`);
    expect(asked()).to.deep.equal([`${BASE_URL}/customers/${rich.id}`]);
    card.variant = 'full';
    await summarized(card);
    expect(asked()).to.deep.equal([`${BASE_URL}/customers/${rich.id}`, `${BASE_URL}/customers/${rich.id}/summary`]);
  });

  it('still shows the customer when the summary fails, and retries it on request', async () => {
    let failSummary = true;
    const client = kitClient(ACME_ADMIN, async (request) => {
      if (failSummary && new URL(request.url).pathname.endsWith('/summary')) throw new TypeError('Failed to fetch');
      return fetch(request);
    });
    const provider = await fixture(html`
      <crm-provider .client=${client}>
        <crm-customer-card customer-id=${rich.id}></crm-customer-card>
      </crm-provider>
    `);
    const card = provider.querySelector('crm-customer-card')!;
    await waitUntil(() => part(card, 'summary-error'), 'no summary error shown');
    expect(text(part(card, 'name'))).to.equal(rich.name);
    expect(text(part(card, 'summary-error'))).to.contain('Could not load orders, deals and activities.');
    await expect(card).to.be.accessible();
    failSummary = false;
    part(card, 'summary-error')!.querySelector('button')!.click();
    await summarized(card);
    expect(text(stat(card, 'lifetime-value')!.querySelector('.figure'))).to.equal('$1,740');
  });
  it('shows a support agent the service figures and contacts, and no deal figure, section or action', async () => {
    const provider = await fixture(html`
      <crm-provider base-url=${BASE_URL} token=${tokenFor('support@acme.test')} locale="en">
        <crm-customer-card customer-id=${rich.id} editable></crm-customer-card>
      </crm-provider>
    `);
    const card = provider.querySelector('crm-customer-card')!;
    await summarized(card);
    await waitUntil(() => card.shadowRoot!.querySelector('[part~="create-button"]'), 'no create buttons', {
      timeout: 5000,
    });
    await card.updateComplete;
    expect(stat(card, 'lifetime-value')).not.to.equal(null);
    expect(section(card, 'contacts').querySelectorAll('[part~="contact"]').length).to.be.greaterThan(0);
    expect(stat(card, 'open-deals')).to.equal(null);
    expect(card.shadowRoot!.querySelector('[data-section="deals"]')).to.equal(null);
    const actions = [...card.shadowRoot!.querySelectorAll('[part~="create-button"]')].map((b) => text(b));
    expect(actions).to.include('New case');
    expect(actions).not.to.include('New deal');
    expect(part(card, 'edit-button')).to.equal(null);
    expect(part(card, 'summary-error')).to.equal(null);
    await expect(card).to.be.accessible();
  });
});
