// The contacts on a deal and their roles on <crm-opportunity-card>, and the amount's currency and the
// competitors edited in place, against the real kit: each change one write with the version on show,
// from the keyboard, and nothing to change for a caller who may not.
import type { Contact, Customer, Opportunity } from '@crmkit/core';
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { kitClient, part, parts, status, text } from '../../test/kit.js';
import { editableDealCard } from '../../test/deal-card.js';
import '../index.js';
import type { CrmOpportunityCard } from './opportunity-card.js';

const REP = 'rep@acme.test';
const VIEWER = 'viewer@acme.test';
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function cardFor(id: string, options: { email?: string; locale?: string } = {}) {
  const card = await editableDealCard(id, options);
  // The contacts section loads after the deal: wait for its list (or its empty line).
  await waitUntil(
    () =>
      part(card, 'contacts') &&
      !text(part(card, 'contacts')).includes('Loading') &&
      !text(part(card, 'contacts')).includes('載入'),
    'the contacts did not load',
    { timeout: 8000 },
  );
  await card.updateComplete;
  return card;
}

const rows = (card: CrmOpportunityCard) =>
  parts(card, 'contact').map((row) => {
    const role = row.querySelector('select');
    return [
      text(row.querySelector('.contact-name')),
      role ? role.value : text(row.querySelector('.contact-role')),
      Boolean(row.querySelector('[part~="primary-mark"]')),
    ];
  });
const rowOf = (card: CrmOpportunityCard, name: string) =>
  parts(card, 'contact').find((row) => text(row.querySelector('.contact-name')) === name)!;

function choose(select: HTMLSelectElement, value: string) {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('crm-opportunity-card: contacts and their roles', () => {
  const admin = kitClient();
  const made: string[] = [];
  let customer: Customer;
  let ann: Contact;
  let bob: Contact;
  let cleo: Contact;
  let repId = '';

  before(async () => {
    const users = (await admin.users.list({ limit: 50 })).items;
    repId = users.find((user) => user.email === REP)!.id;
    customer = await admin.customers.create({ name: `Contact Roles ${run}`, ownerId: repId });
    ann = await admin.contacts.create({
      name: 'Ann Buyer',
      customerId: customer.id,
      emails: ['ann@buyer.test'],
      phones: ['+1 555 0100'],
    });
    bob = await admin.contacts.create({ name: 'Bob Engineer', customerId: customer.id });
    cleo = await admin.contacts.create({ name: 'Cleo Finance', customerId: customer.id });
  });

  after(async () => {
    for (const id of made) await admin.opportunities.remove(id);
  });

  async function newDeal(): Promise<Opportunity> {
    const pipeline = (await admin.pipelines.list({ limit: 100 })).items.find((p) => p.isDefault)!;
    const deal = await admin.opportunities.create({
      name: `Roles ${run} ${Math.random().toString(36).slice(2, 6)}`,
      customerId: customer.id,
      pipelineId: pipeline.id,
      stageId: pipeline.stages.find((s) => s.kind === 'open')!.id,
      amount: 120_000,
      currency: 'USD',
      ownerId: repId,
    });
    made.push(deal.id);
    return deal;
  }

  it('lists the contacts with their roles, the primary one marked, and links to reach them; passes axe', async () => {
    const deal = await newDeal();
    await admin.opportunities.putContact(deal.id, ann.id, { role: 'decision_maker' });
    await admin.opportunities.putContact(deal.id, bob.id, { role: 'technical_buyer' });
    const card = await cardFor(deal.id, { email: VIEWER });
    expect(text(card.shadowRoot!.querySelector('#contacts-title'))).to.equal('Contacts');
    expect(rows(card)).to.deep.equal([
      ['Ann Buyer', 'Decision maker', true],
      ['Bob Engineer', 'Technical buyer', false],
    ]);
    const links = [...rowOf(card, 'Ann Buyer').querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['mailto:ann@buyer.test', 'tel:+1 555 0100']);
    // A viewer reads them, with nothing to change.
    expect(part(card, 'contacts')!.querySelectorAll('select, button, form')).to.have.length(0);
    await expect(card).to.be.accessible();
  });

  it('adds a contact in a role, re-casts one, makes another primary and removes one, from the keyboard', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id, { email: REP });
    expect(text(part(card, 'contacts'))).to.include('No contacts on this deal yet.');
    await waitUntil(() => part(card, 'add-contact'), 'no add form');
    await expect(card).to.be.accessible();

    // Add Ann as the decision maker: the first contact of a deal without one becomes its primary contact.
    const [contactSelect, roleSelect] = [...part(card, 'add-contact')!.querySelectorAll('select')];
    expect([...contactSelect!.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Choose a contact',
      'Ann Buyer',
      'Bob Engineer',
      'Cleo Finance',
    ]);
    contactSelect!.focus();
    choose(contactSelect!, ann.id);
    choose(roleSelect!, 'decision_maker');
    part(card, 'add-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(card).length === 1, 'Ann was not added');
    expect(rows(card)).to.deep.equal([['Ann Buyer', 'decision_maker', true]]);
    expect(status(card)).to.equal('Ann Buyer added as Decision maker.');
    let saved = await admin.opportunities.get(deal.id);
    expect(saved).to.include({ contactId: ann.id, version: deal.version + 1 });
    // The card shows the deal's new version, so the next edit is not taken for a stale one.
    await waitUntil(() => card.opportunity?.version === saved.version, 'the card kept the old version');

    // Add Bob as a user, then re-cast him as the technical buyer with his row's select.
    const [contactAgain, roleAgain] = [...part(card, 'add-contact')!.querySelectorAll('select')];
    choose(contactAgain!, bob.id);
    choose(roleAgain!, 'user');
    part(card, 'add-button')!.click();
    await waitUntil(() => rows(card).length === 2, 'Bob was not added');
    await waitUntil(() => card.opportunity?.version === deal.version + 2, 'the card kept the old version');
    const bobRole = rowOf(card, 'Bob Engineer').querySelector('select')!;
    expect(bobRole.getAttribute('aria-label')).to.equal('Role of Bob Engineer');
    bobRole.focus();
    choose(bobRole, 'technical_buyer');
    await waitUntil(() => status(card) === 'Bob Engineer is now Technical buyer.', 'the role was not saved');
    expect((await admin.opportunities.contacts(deal.id)).items.map((c) => [c.name, c.role, c.isPrimary])).to.deep.equal(
      [
        ['Ann Buyer', 'decision_maker', true],
        ['Bob Engineer', 'technical_buyer', false],
      ],
    );

    // Make Bob primary: the deal's contactId follows, and focus stays on his row.
    await waitUntil(() => card.opportunity?.version === deal.version + 3, 'the card kept the old version');
    const makePrimary = rowOf(card, 'Bob Engineer').querySelector<HTMLButtonElement>('[part~="primary-button"]')!;
    expect(makePrimary.getAttribute('aria-label')).to.equal('Make Bob Engineer the primary contact');
    makePrimary.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(card)[0]?.[0] === 'Bob Engineer', 'Bob did not become primary');
    expect(rows(card)).to.deep.equal([
      ['Bob Engineer', 'technical_buyer', true],
      ['Ann Buyer', 'decision_maker', false],
    ]);
    saved = await admin.opportunities.get(deal.id);
    expect(saved.contactId).to.equal(bob.id);
    // Focus moves once the card shows the deal's new version.
    await waitUntil(
      () => card.shadowRoot!.activeElement === rowOf(card, 'Bob Engineer').querySelector('select'),
      'focus did not stay on Bob’s row',
    );

    // Remove Ann: focus goes to the section's heading, and Cleo is still on offer, Ann again too.
    await waitUntil(() => card.opportunity?.version === saved.version, 'the card kept the old version');
    rowOf(card, 'Ann Buyer').querySelector<HTMLButtonElement>('[part~="remove-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(card).length === 1, 'Ann was not removed');
    expect(status(card)).to.equal('Ann Buyer removed from this deal.');
    await waitUntil(() => card.shadowRoot!.activeElement?.id === 'contacts-title', 'focus did not go to the heading');
    expect((await admin.opportunities.contacts(deal.id)).items.map((c) => c.name)).to.deep.equal(['Bob Engineer']);
    const offered = [...part(card, 'add-contact')!.querySelector('select')!.options].map((o) => o.textContent!.trim());
    expect(offered).to.deep.equal(['Choose a contact', 'Ann Buyer', 'Cleo Finance']);
  });

  it('offers nothing to add when the customer has no contacts', async () => {
    const pipeline = (await admin.pipelines.list({ limit: 100 })).items.find((p) => p.isDefault)!;
    const lonely = await admin.customers.create({ name: `No contacts ${run}`, ownerId: repId });
    const deal = await admin.opportunities.create({
      name: `Lonely ${run}`,
      customerId: lonely.id,
      pipelineId: pipeline.id,
      stageId: pipeline.stages.find((s) => s.kind === 'open')!.id,
      currency: 'USD',
      ownerId: repId,
    });
    made.push(deal.id);
    // The page's resource timings (a buffer of 250 entries) tell when the customer's contacts were read.
    performance.clearResourceTimings();
    const card = await cardFor(deal.id, { email: REP });
    // Once the customer's (no) contacts are read, the section says only that the deal has none.
    const readContacts = () =>
      performance
        .getEntriesByType('resource')
        .some((entry) => entry.name.includes('/contacts?') && entry.name.includes(lonely.id));
    await waitUntil(readContacts, 'the customer’s contacts were not read', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await card.updateComplete;
    const lines = [...part(card, 'contacts')!.querySelectorAll('p')].map((line) => text(line));
    expect(lines).to.deep.equal(['No contacts on this deal yet.']);
    expect(part(card, 'add-contact')).to.equal(null);
  });

  it('says so when someone else changed the deal first, and shows their version', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id, { email: REP });
    await waitUntil(() => part(card, 'add-contact'), 'no add form');
    await admin.opportunities.update(deal.id, { name: `Renamed elsewhere ${run}` });
    const [contactSelect] = [...part(card, 'add-contact')!.querySelectorAll('select')];
    choose(contactSelect!, cleo.id);
    part(card, 'add-button')!.click();
    await waitUntil(() => text(part(card, 'contacts')).includes('Someone else changed this deal'), 'no conflict');
    expect((await admin.opportunities.contacts(deal.id)).items).to.deep.equal([]);
    await waitUntil(() => text(part(card, 'heading')) === `Renamed elsewhere ${run}`, 'their version is not shown');
  });

  it('shows the section in Traditional Chinese', async () => {
    const deal = await newDeal();
    await admin.opportunities.putContact(deal.id, ann.id, { role: 'champion' });
    const card = await cardFor(deal.id, { email: VIEWER, locale: 'zh-Hant' });
    await waitUntil(() => text(card.shadowRoot!.querySelector('#contacts-title')) === '聯絡人', 'not in Chinese');
    expect(rows(card)).to.deep.equal([['Ann Buyer', '內部支持者', true]]);
    expect(text(part(card, 'primary-mark'))).to.equal('主要');
  });
});

describe('crm-opportunity-card: currency and competitors edited in place', () => {
  const admin = kitClient();
  const made: string[] = [];

  after(async () => {
    for (const id of made) await admin.opportunities.remove(id);
  });

  async function newDeal(): Promise<Opportunity> {
    const pipeline = (await admin.pipelines.list({ limit: 100 })).items.find((p) => p.isDefault)!;
    const customer = (await admin.customers.list({ limit: 1 })).items[0]!;
    const deal = await admin.opportunities.create({
      name: `Money ${run} ${Math.random().toString(36).slice(2, 6)}`,
      customerId: customer.id,
      pipelineId: pipeline.id,
      stageId: pipeline.stages.find((s) => s.kind === 'open')!.id,
      amount: 120_000,
      currency: 'USD',
      competitors: ['Globex'],
    });
    made.push(deal.id);
    return deal;
  }

  const control = (card: CrmOpportunityCard, selector: string) =>
    card.shadowRoot!.querySelector<HTMLInputElement & HTMLSelectElement>(`[part~="edit-form"] ${selector}`);

  it('changes the amount and its currency, offering the organization’s currencies', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id);
    card.shadowRoot!.querySelector<HTMLButtonElement>('[data-edit="amount"]')!.click();
    await waitUntil(() => control(card, 'select') && control(card, 'select')!.options.length > 1, 'no currencies');
    // Acme's base currency and the currencies it has rates for.
    expect([...control(card, 'select')!.options].map((o) => o.value)).to.deep.equal(['EUR', 'TWD', 'USD']);
    expect(control(card, 'select')!.value).to.equal('USD');
    choose(control(card, 'select')!, 'EUR');
    const input = control(card, 'input')!;
    input.focus();
    input.select();
    await sendKeys({ type: '2500.50' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !control(card, 'input'), 'the amount did not save');
    const saved = await admin.opportunities.get(deal.id);
    expect(saved).to.include({ amount: 250_050, currency: 'EUR', version: deal.version + 1 });
    expect(text(card.shadowRoot!.querySelector('[data-field="amount"] dd'))).to.include('€');
  });

  it('edits the competitors one per line, and refuses one too long before sending it', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id);
    card.shadowRoot!.querySelector<HTMLButtonElement>('[data-edit="competitors"]')!.click();
    await waitUntil(() => control(card, 'textarea'), 'no competitors control');
    const area = control(card, 'textarea')!;
    expect(card.shadowRoot!.activeElement).to.equal(area);
    expect(area.value).to.equal('Globex');
    area.value = `Globex\n${'x'.repeat(51)}`;
    area.dispatchEvent(new Event('input'));
    part(card, 'save-button')!.click();
    await card.updateComplete;
    expect(text(part(card, 'field-error'))).to.equal('At most 50 characters.');
    expect((await admin.opportunities.get(deal.id)).version).to.equal(deal.version);
    area.value = 'Globex\nInitech\n\nGlobex';
    area.dispatchEvent(new Event('input'));
    part(card, 'save-button')!.click();
    await waitUntil(() => !control(card, 'textarea'), 'the competitors did not save');
    expect((await admin.opportunities.get(deal.id)).competitors).to.deep.equal(['Globex', 'Initech']);
    expect(parts(card, 'tag').map((tag) => text(tag))).to.deep.equal(['Globex', 'Initech']);
  });
});
