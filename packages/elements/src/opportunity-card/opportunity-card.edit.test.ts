// Editing a deal's name, owner and source where they stand on <crm-opportunity-card>, and its custom
// fields, against the real kit: each save one PATCH with the version read, a stale one keeping what
// was typed, and only what the caller's role allows.
import type { CustomField, Opportunity } from '@crmkit/core';
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FORMOSA_ADMIN, findCustomer, kitClient, part, parts, status, text, visibleText } from '../../test/kit.js';
import { editableDealCard } from '../../test/deal-card.js';
import '../index.js';
import type { CrmOpportunityCard } from './opportunity-card.js';

const REP = 'rep@acme.test';
const VIEWER = 'viewer@acme.test';
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const cardFor = editableDealCard;

const editButton = (card: CrmOpportunityCard, field: string) =>
  card.shadowRoot!.querySelector<HTMLButtonElement>(`[data-edit="${field}"]`);
const control = <T extends HTMLElement = HTMLInputElement>(card: CrmOpportunityCard) =>
  card.shadowRoot!.querySelector<T>('[part~="edit-form"] :is(input, select)');
const row = (card: CrmOpportunityCard, name: string) => card.shadowRoot!.querySelector(`[data-field="${name}"] dd`);
const optionTexts = (select: HTMLSelectElement) => [...select.options].map((option) => text(option));

/** The owner picker has read whom to offer: until then its Save waits. */
const offered = (card: CrmOpportunityCard) => control(card) && !part(card, 'save-button')!.hasAttribute('disabled');

function choose(select: HTMLSelectElement, label: string) {
  select.value = [...select.options].find((option) => text(option) === label)!.value;
  select.dispatchEvent(new Event('change'));
}

describe('crm-opportunity-card: name, owner and source edited in place', () => {
  const admin = kitClient();
  let customerId = '';
  let members: Map<string, string>;

  /** The deals these tests made: trashed at the end, so the board the other tests read is as it was. */
  const made: string[] = [];

  before(async () => {
    customerId = (await findCustomer('Northwind')).id;
    const users = (await admin.users.list({ limit: 50 })).items;
    members = new Map(users.map((user) => [user.name, user.id]));
  });

  after(async () => {
    for (const id of made) await admin.opportunities.remove(id);
  });

  /** A new deal of the rep's in the default pipeline, so each test starts from its own. */
  async function newDeal(fields: Partial<Parameters<typeof admin.opportunities.create>[0]> = {}): Promise<Opportunity> {
    const pipeline = (await admin.pipelines.list({ limit: 100 })).items.find((p) => p.isDefault)!;
    const deal = await admin.opportunities.create({
      name: `Deal ${run} ${Math.random().toString(36).slice(2, 6)}`,
      customerId,
      pipelineId: pipeline.id,
      stageId: pipeline.stages.find((s) => s.name === 'Needs analysis')!.id,
      amount: 500_000,
      currency: 'USD',
      ownerId: members.get('Ryan Patel')!,
      ...fields,
    });
    made.push(deal.id);
    return deal;
  }

  it('renames the deal from the keyboard, with the version it read, and refuses an empty name', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id, { email: REP });
    // The heading holds the name alone; its edit button stands beside it.
    expect(text(part(card, 'heading'))).to.equal(deal.name);
    editButton(card, 'name')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => control(card), 'no name input');
    const input = control(card)!;
    expect(card.shadowRoot!.activeElement).to.equal(input);
    expect(input.value).to.equal(deal.name);
    input.select();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Enter' });
    await card.updateComplete;
    expect(text(part(card, 'field-error'))).to.equal('Required.');
    expect((await admin.opportunities.get(deal.id)).version).to.equal(deal.version);
    await sendKeys({ type: `Renamed ${run}` });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !control(card), 'the input did not close');
    expect(text(part(card, 'heading'))).to.equal(`Renamed ${run}`);
    expect(status(card)).to.equal('Name saved.');
    expect(card.shadowRoot!.activeElement).to.equal(editButton(card, 'name'));
    const saved = await admin.opportunities.get(deal.id);
    expect(saved).to.include({ name: `Renamed ${run}`, version: deal.version + 1 });
  });

  it('offers a rep only the owners whose deals the rep sees, and an admin every active member', async () => {
    const deal = await newDeal();
    const repCard = await cardFor(deal.id, { email: REP });
    editButton(repCard, 'ownerId')!.click();
    await waitUntil(() => offered(repCard), 'no owners offered');
    expect(optionTexts(control<HTMLSelectElement>(repCard)!)).to.deep.equal(['None', 'Ryan Patel']);
    expect(control<HTMLSelectElement>(repCard)!.value).to.equal(deal.ownerId);

    const adminCard = await cardFor(deal.id);
    editButton(adminCard, 'ownerId')!.click();
    await waitUntil(() => offered(adminCard), 'no members offered');
    expect(optionTexts(control<HTMLSelectElement>(adminCard)!)).to.include.members([
      'None',
      'Ryan Patel',
      'Sofia Ramirez',
      'Maria Chen',
      'Daniel Kim',
    ]);
    choose(control<HTMLSelectElement>(adminCard)!, 'Sofia Ramirez');
    await adminCard.updateComplete;
    control(adminCard)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => visibleText(row(adminCard, 'owner')) === 'Sofia Ramirez', 'the new owner is not shown');
    expect((await admin.opportunities.get(deal.id)).ownerId).to.equal(members.get('Sofia Ramirez'));
  });

  it('keeps the owner chosen when someone else saved first, and applies it on the next save', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id);
    editButton(card, 'ownerId')!.click();
    await waitUntil(() => offered(card), 'no members offered');
    choose(control<HTMLSelectElement>(card)!, 'Maria Chen');
    await admin.opportunities.update(deal.id, { name: `${deal.name} (renamed)` }, { version: deal.version });
    part(card, 'save-button')!.click();
    await waitUntil(() => part(card, 'notice'), 'no notice');
    expect(text(part(card, 'notice'))).to.equal(
      'Someone else changed this deal meanwhile; their version is shown. Save again to apply yours.',
    );
    // Their version shows; what the user chose stays.
    expect(text(part(card, 'heading'))).to.equal(`${deal.name} (renamed)`);
    expect(control<HTMLSelectElement>(card)!.value).to.equal(members.get('Maria Chen'));
    expect((await admin.opportunities.get(deal.id)).ownerId).to.equal(deal.ownerId);
    part(card, 'save-button')!.click();
    await waitUntil(() => !control(card), 'the picker did not close');
    const saved = await admin.opportunities.get(deal.id);
    expect(saved).to.include({ ownerId: members.get('Maria Chen'), name: `${deal.name} (renamed)` });
  });

  it('shows a change made elsewhere at once, and a save still meets it as a conflict', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id, { email: REP });
    editButton(card, 'source')!.click();
    await waitUntil(() => offered(card), 'no sources suggested');
    control(card)!.value = 'Trade fair';
    control(card)!.dispatchEvent(new Event('input'));
    await admin.opportunities.update(deal.id, { name: `${deal.name} (renamed)` }, { version: deal.version });
    await waitUntil(() => text(part(card, 'heading')) === `${deal.name} (renamed)`, 'the change did not show', {
      timeout: 8000,
    });
    // The save is still made against the version the edit began from: a conflict the user is told of.
    part(card, 'save-button')!.click();
    await waitUntil(() => part(card, 'notice'), 'no conflict notice', { timeout: 8000 });
    expect(control(card)!.value).to.equal('Trade fair');
    expect((await admin.opportunities.get(deal.id)).source).to.equal(deal.source);
  });

  it('says so when the deal is put in the trash elsewhere, and offers no change to it', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id, { email: REP });
    expect(parts(card, 'edit-field').length).to.be.greaterThan(0);
    await admin.opportunities.remove(deal.id);
    made.splice(made.indexOf(deal.id), 1);
    await waitUntil(() => text(part(card, 'status')) === 'In the trash', 'the trash did not show', { timeout: 8000 });
    expect(text(part(card, 'heading'))).to.equal(deal.name);
    expect(parts(card, 'edit-field')).to.have.length(0);
    expect(Boolean(part(card, 'won-button'))).to.equal(false);
    expect(card.shadowRoot!.querySelectorAll('button[part~="stage"]')).to.have.length(0);
  });

  it("suggests other deals' sources, and saves a new source (emptied, none)", async () => {
    await newDeal({ source: `Expo ${run}` });
    const deal = await newDeal({ source: null });
    const card = await cardFor(deal.id, { email: REP });
    expect(visibleText(row(card, 'source'))).to.equal('None');
    editButton(card, 'source')!.click();
    await waitUntil(
      () => card.shadowRoot!.querySelector(`datalist option[value="Expo ${run}"]`),
      'the other source is not suggested',
    );
    expect(control(card)!.getAttribute('list')).to.equal('edit-source-suggestions');
    control(card)!.focus();
    await sendKeys({ type: `Partner event ${run}` });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => visibleText(row(card, 'source')) === `Partner event ${run}`, 'the source is not shown');
    expect((await admin.opportunities.get(deal.id)).source).to.equal(`Partner event ${run}`);
    // Escape puts the value back and sends nothing.
    editButton(card, 'source')!.click();
    await waitUntil(() => control(card), 'no input');
    control(card)!.value = '';
    control(card)!.dispatchEvent(new Event('input'));
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !control(card), 'the input did not close');
    expect(card.shadowRoot!.activeElement).to.equal(editButton(card, 'source'));
    expect((await admin.opportunities.get(deal.id)).source).to.equal(`Partner event ${run}`);
  });

  it("shows a viewer the deal's values and its custom fields, and no way to change them", async () => {
    const deal = await newDeal({ source: 'Referral', customFields: { contract_term: '24m' } });
    const card = await cardFor(deal.id, { email: VIEWER });
    expect(parts(card, 'edit-field')).to.have.length(0);
    expect(visibleText(row(card, 'owner'))).to.equal('Ryan Patel');
    expect(visibleText(row(card, 'source'))).to.equal('Referral');
    expect(visibleText(row(card, 'custom.contract_term'))).to.equal('24 months');
    // A field without a value is not listed when it cannot be set here.
    expect(row(card, 'custom.po_number')).to.equal(null);
  });
});

describe('crm-opportunity-card: custom fields', () => {
  const admin = kitClient(FORMOSA_ADMIN);
  const key = (name: string) => `${name}_${run}`;
  const defined: CustomField[] = [];
  let deal: Opportunity;

  before(async () => {
    const define = (fields: Omit<Parameters<(typeof admin)['custom-fields']['create']>[0], 'resource'>) =>
      admin['custom-fields'].create({ resource: 'opportunities', ...fields });
    // After the sample's own two (contract term, PO number), in this order.
    defined.push(
      await define({ key: key('budget'), label: 'Budget', type: 'money', position: 2 }),
      await define({ key: key('kickoff'), label: 'Kick-off', type: 'date', position: 3 }),
      await define({
        key: key('channels'),
        label: 'Channels',
        type: 'multi_select',
        options: [
          { value: 'shop', label: 'Shop' },
          { value: 'web', label: 'Web' },
        ],
        position: 4,
      }),
      await define({ key: key('renewal'), label: 'Auto-renewal', type: 'boolean', position: 5 }),
      await define({ key: key('portal'), label: 'Portal', type: 'url', position: 6 }),
    );
    const pipeline = (await admin.pipelines.list({ limit: 100 })).items.find((p) => p.isDefault)!;
    const customer = (await admin.customers.list({ limit: 1 })).items[0]!;
    deal = await admin.opportunities.create({
      name: `Custom ${run}`,
      customerId: customer.id,
      pipelineId: pipeline.id,
      stageId: pipeline.stages[0]!.id,
      amount: 100_000,
      currency: 'USD',
      customFields: {
        contract_term: '2y',
        [key('budget')]: { amount: 1_250_000, currency: 'USD' },
        [key('kickoff')]: '2027-03-01',
        [key('channels')]: ['shop', 'web'],
        [key('renewal')]: true,
        [key('portal')]: 'https://portal.example/deals/42',
      },
    });
  });
  after(async () => {
    await admin.opportunities.remove(deal.id);
    for (const field of defined) await admin['custom-fields'].remove(field.id);
  });

  const customRows = (card: CrmOpportunityCard) =>
    [...card.shadowRoot!.querySelectorAll('[data-field^="custom."]')].map((field) => [
      text(field.querySelector('dt')),
      visibleText(field.querySelector('dd')),
    ]);

  it('shows each value by its definition’s order and type, in the reader’s language, and passes axe', async () => {
    const card = await cardFor(deal.id, { email: FORMOSA_ADMIN });
    expect(customRows(card)).to.deep.equal([
      ['Contract term', '2 years'],
      ['PO number', 'None'],
      ['Budget', '$12,500'],
      ['Kick-off', 'Mar 1, 2027'],
      ['Channels', 'Shop and Web'],
      ['Auto-renewal', 'Yes'],
      ['Portal', 'https://portal.example/deals/42'],
    ]);
    const link = card.shadowRoot!.querySelector<HTMLAnchorElement>(`[data-field="custom.${key('portal')}"] a`)!;
    expect(link.href).to.equal('https://portal.example/deals/42');
    expect(link.rel).to.equal('noopener noreferrer');
    await expect(card).to.be.accessible();

    const chinese = await cardFor(deal.id, { email: FORMOSA_ADMIN, locale: 'zh-Hant' });
    expect(customRows(chinese).slice(0, 2)).to.deep.equal([
      ['合約期間', '兩年'],
      ['採購單號', '無'],
    ]);
  });

  it('edits a select in place, and refuses an amount that is not one, sending nothing', async () => {
    const card = await cardFor(deal.id, { email: FORMOSA_ADMIN });
    editButton(card, 'customFields.contract_term')!.click();
    await waitUntil(() => control<HTMLSelectElement>(card), 'no select');
    expect(card.shadowRoot!.activeElement).to.equal(control(card));
    choose(control<HTMLSelectElement>(card)!, '3 years');
    part(card, 'save-button')!.click();
    await waitUntil(() => !control(card), 'the select did not close');
    expect(visibleText(row(card, 'custom.contract_term'))).to.equal('3 years');
    expect(status(card)).to.equal('Contract term saved.');
    let saved = await admin.opportunities.get(deal.id);
    expect(saved.customFields).to.include({ contract_term: '3y', [key('kickoff')]: '2027-03-01' });

    editButton(card, `customFields.${key('budget')}`)!.click();
    await waitUntil(() => control(card), 'no amount input');
    expect(control(card)!.value).to.equal('12500.00');
    control(card)!.select();
    await sendKeys({ type: 'plenty' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(card, 'field-error'), 'no field error');
    expect(text(part(card, 'field-error'))).to.equal('Check the format.');
    expect((await admin.opportunities.get(deal.id)).version).to.equal(saved.version);
    control(card)!.select();
    await sendKeys({ type: '99.5' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !control(card), 'the input did not close');
    expect(visibleText(row(card, `custom.${key('budget')}`))).to.equal('$99.50');
    saved = await admin.opportunities.get(deal.id);
    expect(saved.customFields[key('budget')]).to.deep.equal({ amount: 9_950, currency: 'USD' });
  });

  it('sets a value the deal did not have, and takes a box off', async () => {
    const card = await cardFor(deal.id, { email: FORMOSA_ADMIN });
    editButton(card, 'customFields.po_number')!.click();
    await waitUntil(() => control(card), 'no input');
    await sendKeys({ type: `PO-${run}` });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => visibleText(row(card, 'custom.po_number')) === `PO-${run}`, 'the PO number is not shown');

    editButton(card, `customFields.${key('renewal')}`)!.click();
    await waitUntil(() => control(card), 'no box');
    expect(control(card)!.type).to.equal('checkbox');
    await sendKeys({ press: 'Space' });
    part(card, 'save-button')!.click();
    await waitUntil(() => visibleText(row(card, `custom.${key('renewal')}`)) === 'No', 'the box is still on');
    const saved = await admin.opportunities.get(deal.id);
    expect(saved.customFields).to.include({ po_number: `PO-${run}`, [key('renewal')]: false });
  });
});
