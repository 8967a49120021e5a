import type { Opportunity, Pipeline } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  ACME_ADMIN,
  BASE_URL,
  findCustomer,
  gatedFetch,
  kitClient,
  part,
  parts,
  status,
  text,
  tokenFor,
  visibleText,
  unknownId,
} from '../../test/kit.js';
import '../index.js';
import { CrmCustomerSelectEvent, CrmOpportunityMovedEvent } from '../shared/events.js';
import { CrmOpportunityCard } from './opportunity-card.js';

const REP = 'rep@acme.test';
const VIEWER = 'viewer@acme.test';
const admin = kitClient();

async function settled(card: CrmOpportunityCard): Promise<void> {
  await waitUntil(
    () => card.shadowRoot?.querySelector('[part~="base"]:not([part~="skeleton"])'),
    'the deal did not load',
    { timeout: 8000 },
  );
  await card.updateComplete;
}

async function cardFor(id: string, { email = ACME_ADMIN, editable = true, locale = 'en' } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-opportunity-card opportunity-id=${id} ?editable=${editable} style="max-width: 56rem"></crm-opportunity-card>
    </crm-provider>
  `);
  const card = provider.querySelector('crm-opportunity-card')!;
  await settled(card);
  return card;
}

/** The dialog's control for a field, and typing into it. */
const control = (card: CrmOpportunityCard, id: string) =>
  card.shadowRoot!.querySelector<HTMLInputElement | HTMLSelectElement>(`dialog #field-${id}`)!;
function type(card: CrmOpportunityCard, id: string, value: string) {
  const input = control(card, id);
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
}

async function dialogOpen(card: CrmOpportunityCard): Promise<HTMLDialogElement> {
  await waitUntil(() => card.shadowRoot!.querySelector('dialog')?.open, 'the dialog did not open');
  await card.updateComplete;
  return card.shadowRoot!.querySelector('dialog')!;
}

const stageNames = (card: CrmOpportunityCard) => parts(card, 'stage').map((s) => text(s.querySelector('.step-name')));
const current = (card: CrmOpportunityCard) => text(card.shadowRoot!.querySelector('[aria-current="step"] .step-name'));

describe('crm-opportunity-card', () => {
  let pipeline: Pipeline;
  let customerId: string;
  let customerName: string;

  before(async () => {
    // A pipeline of these tests' own, shaped like the default one, so that their deals crowd no other test's board.
    const model = (await admin.pipelines.list({ limit: 100 })).items.find((p) => p.isDefault)!;
    pipeline = await admin.pipelines.create({
      name: `Deal card ${Math.random().toString(36).slice(2, 8)}`,
      lostReasons: model.lostReasons,
      stages: model.stages.map(({ name, probability, kind, requires }) => ({ name, probability, kind, requires })),
    });
    const customer = await findCustomer('Northwind');
    customerId = customer.id;
    customerName = customer.name;
  });

  const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!;

  /** A new deal of the rep's in the default pipeline, so each test starts from its own. */
  async function newDeal(fields: Partial<Parameters<typeof admin.opportunities.create>[0]> = {}): Promise<Opportunity> {
    const rep = (await admin.users.list({ limit: 50 })).items.find((user) => user.email === REP)!;
    return admin.opportunities.create({
      name: `Deal ${Math.random().toString(36).slice(2, 8)}`,
      customerId,
      pipelineId: pipeline.id,
      stageId: stage('Needs analysis').id,
      amount: 1_250_000,
      currency: 'USD',
      expectedCloseDate: '2020-03-31',
      ownerId: rep.id,
      ...fields,
    });
  }

  it('is registered', () => {
    expect(customElements.get('crm-opportunity-card')).to.equal(CrmOpportunityCard);
  });

  it('shows the deal, its stage path and its figures, and passes axe', async () => {
    const deal = await newDeal({ probability: null, source: 'Trade show' });
    const card = await cardFor(deal.id);
    expect(text(part(card, 'heading'))).to.equal(deal.name);
    expect(text(part(card, 'customer'))).to.equal(customerName);
    expect(text(part(card, 'status'))).to.equal('Open');
    expect(stageNames(card)).to.deep.equal(pipeline.stages.map((s) => s.name));
    expect(current(card)).to.equal('Needs analysis');
    expect(text(card.shadowRoot!.querySelector('.passed .step-name'))).to.equal('Initial contact');
    const value = (field: string) => visibleText(card.shadowRoot!.querySelector(`[data-field="${field}"] dd`));
    expect(value('amount')).to.equal('$12,500');
    expect(value('probability')).to.equal('25%');
    expect(text(card.shadowRoot!.querySelector('[data-field="probability"] .sub'))).to.equal('The stage’s default');
    expect(value('weighted')).to.equal('$3,125');
    expect(value('forecastCategory')).to.equal('Pipeline');
    expect(value('owner')).to.equal('Ryan Patel');
    expect(value('source')).to.equal('Trade show');
    // The close date has passed and the deal is open: flagged.
    expect(text(part(card, 'overdue'))).to.equal('overdue');
    await expect(card).to.be.accessible();
  });

  it('moves the deal to a stage of the path in one versioned write, and says so', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id, { email: REP });
    const proposal = parts(card, 'stage').find((s) => text(s.querySelector('.step-name')) === 'Proposal')!;
    expect(proposal.localName).to.equal('button');
    const moved = oneEvent(card, CrmOpportunityMovedEvent.eventName);
    proposal.click();
    const { detail } = (await moved) as CrmOpportunityMovedEvent;
    expect(detail.from.name).to.equal('Needs analysis');
    expect(detail.to.name).to.equal('Proposal');
    await card.updateComplete;
    expect(current(card)).to.equal('Proposal');
    expect(status(card)).to.equal(`${deal.name} moved to Proposal.`);
    const saved = await admin.opportunities.get(deal.id);
    expect(saved.stageId).to.equal(stage('Proposal').id);
    expect(saved.version).to.equal(deal.version + 1);
  });

  it('asks why a deal was lost and who won it, refuses no reason, then closes it', async () => {
    const deal = await newDeal({ competitors: ['Globex'] });
    const card = await cardFor(deal.id, { email: REP });
    part(card, 'lost-button')!.click();
    const dialog = await dialogOpen(card);
    expect(text(dialog.querySelector('h2'))).to.equal(`Mark ${deal.name} lost`);
    // The pipeline's usual reasons are offered as the reason is typed.
    expect(pipeline.lostReasons.length).to.be.greaterThan(0);
    const offered = dialog.querySelector(`#${control(card, 'lostReason').getAttribute('list')}`);
    expect([...offered!.querySelectorAll('option')].map((o) => o.value)).to.deep.equal(pipeline.lostReasons);
    // The reason has focus; sending it empty is refused here, nothing reaches the kit.
    expect(card.shadowRoot!.activeElement?.id).to.equal('field-lostReason');
    part(card, 'submit-button')!.click();
    await card.updateComplete;
    expect(text(dialog.querySelector('[part~="field-error"]'))).to.equal('Required.');
    expect((await admin.opportunities.get(deal.id)).version).to.equal(deal.version);

    type(card, 'lostReason', 'Price too high');
    type(card, 'competitor', 'Initech');
    part(card, 'submit-button')!.click();
    await waitUntil(() => !dialog.open, 'the dialog did not close');
    await card.updateComplete;
    expect(text(part(card, 'status'))).to.equal('Lost');
    expect(current(card)).to.equal('Lost');
    expect(text(card.shadowRoot!.querySelector('[data-field="lostReason"] dd'))).to.equal('Price too high');
    expect(parts(card, 'tag').map(text)).to.deep.equal(['Globex', 'Initech']);
    expect(part(card, 'overdue')).to.equal(null);
    const saved = await admin.opportunities.get(deal.id);
    expect(saved.stageId).to.equal(stage('Lost').id);
    expect(saved.lostReason).to.equal('Price too high');
    expect(saved.competitors).to.deep.equal(['Globex', 'Initech']);
    expect(saved.forecastCategory).to.equal('omitted');
    expect(saved.closedAt).to.be.a('string');
  });

  it('asks why a deal was won, and keeps the answer', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id, { email: REP });
    part(card, 'won-button')!.click();
    const dialog = await dialogOpen(card);
    expect(text(dialog.querySelector('h2'))).to.equal(`Mark ${deal.name} won`);
    expect(card.shadowRoot!.activeElement?.id).to.equal('field-wonReason');
    type(card, 'wonReason', 'Fastest delivery');
    part(card, 'submit-button')!.click();
    await waitUntil(() => text(part(card, 'status')) === 'Won', 'the deal was not won');
    expect(text(card.shadowRoot!.querySelector('[data-field="wonReason"] dd'))).to.equal('Fastest delivery');
    const saved = await admin.opportunities.get(deal.id);
    expect(saved).to.include({ stageId: stage('Won').id, wonReason: 'Fastest delivery', forecastCategory: 'closed' });
  });

  it('reopens a won deal into the stage the user picks, forecast again', async () => {
    const deal = await newDeal({ stageId: stage('Won').id });
    const card = await cardFor(deal.id, { email: REP });
    expect(text(part(card, 'status'))).to.equal('Won');
    expect(part(card, 'won-button')).to.equal(null);
    part(card, 'reopen-button')!.click();
    await dialogOpen(card);
    // The last open stage is offered first.
    expect(control(card, 'stageId').value).to.equal(stage('Negotiation').id);
    type(card, 'stageId', stage('Proposal').id);
    part(card, 'submit-button')!.click();
    await waitUntil(() => text(part(card, 'status')) === 'Open', 'the deal was not reopened');
    expect(current(card)).to.equal('Proposal');
    const saved = await admin.opportunities.get(deal.id);
    expect(saved.stageId).to.equal(stage('Proposal').id);
    expect(saved.closedAt).to.equal(null);
    expect(saved.forecastCategory).to.equal('pipeline');
  });

  it('asks first for what the target stage requires and the deal lacks', async () => {
    const strict = await admin.pipelines.create({
      name: `Strict ${Math.random().toString(36).slice(2, 8)}`,
      stages: [
        { name: 'Open', probability: 20 },
        { name: 'Signed', probability: 100, kind: 'won', requires: ['amount', 'expectedCloseDate'] },
        { name: 'Dropped', probability: 0, kind: 'lost' },
      ],
    });
    const deal = await newDeal({
      pipelineId: strict.id,
      stageId: strict.stages[0]!.id,
      amount: 0,
      expectedCloseDate: null,
    });
    const card = await cardFor(deal.id);
    part(card, 'won-button')!.click();
    await dialogOpen(card);
    expect(card.shadowRoot!.activeElement?.id).to.equal('field-amount');
    type(card, 'amount', 'lots');
    type(card, 'expectedCloseDate', '2026-12-31');
    part(card, 'submit-button')!.click();
    await card.updateComplete;
    expect(text(card.shadowRoot!.querySelector('[data-field="field-amount"] [part~="field-error"]'))).to.equal(
      'Check the format.',
    );
    type(card, 'amount', '4,800.50');
    part(card, 'submit-button')!.click();
    await waitUntil(() => text(part(card, 'status')) === 'Won', 'the deal was not won');
    const saved = await admin.opportunities.get(deal.id);
    expect(saved.amount).to.equal(480_050);
    expect(saved.expectedCloseDate).to.equal('2026-12-31');
    expect(saved.stageId).to.equal(strict.stages[1]!.id);
  });

  it('keeps nothing of a stale move: someone else saved meanwhile, so it shows their version', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id, { email: REP });
    await admin.opportunities.update(deal.id, { name: `${deal.name} (renamed)` }, { version: deal.version });
    parts(card, 'stage')
      .find((s) => text(s.querySelector('.step-name')) === 'Negotiation')!
      .click();
    await waitUntil(() => part(card, 'notice'), 'no notice');
    expect(text(part(card, 'notice'))).to.equal(
      `Someone else changed ${deal.name} meanwhile; it now shows their version. Try again.`,
    );
    await waitUntil(() => text(part(card, 'heading')) === `${deal.name} (renamed)`, 'their version is not shown');
    expect(current(card)).to.equal('Needs analysis');
    expect((await admin.opportunities.get(deal.id)).stageId).to.equal(stage('Needs analysis').id);
  });

  describe('editing a figure where it stands', () => {
    const editButton = (card: CrmOpportunityCard, field: string) =>
      card.shadowRoot!.querySelector<HTMLButtonElement>(`[data-edit="${field}"]`)!;
    const input = (card: CrmOpportunityCard, field: string) =>
      card.shadowRoot!.querySelector<HTMLInputElement>(`#edit-${field}`)!;

    it('saves a new amount on Enter, with the version it read, and gives focus back', async () => {
      const deal = await newDeal();
      const card = await cardFor(deal.id, { email: REP });
      editButton(card, 'amount').click();
      await card.updateComplete;
      expect(card.shadowRoot!.activeElement).to.equal(input(card, 'amount'));
      expect(input(card, 'amount').value).to.equal('12500.00');
      input(card, 'amount').select();
      await sendKeys({ type: '13,000.25' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !input(card, 'amount'), 'the input did not close');
      expect(visibleText(card.shadowRoot!.querySelector('[data-field="amount"] dd'))).to.equal('$13,000.25');
      expect(status(card)).to.equal('Amount saved.');
      expect(card.shadowRoot!.activeElement).to.equal(editButton(card, 'amount'));
      const saved = await admin.opportunities.get(deal.id);
      expect(saved.amount).to.equal(1_300_025);
      expect(saved.version).to.equal(deal.version + 1);
    });

    it('puts the value back on Escape, and refuses what is not an amount, sending nothing', async () => {
      const deal = await newDeal();
      const card = await cardFor(deal.id, { email: REP });
      editButton(card, 'amount').click();
      await card.updateComplete;
      input(card, 'amount').select();
      await sendKeys({ type: 'a lot' });
      await sendKeys({ press: 'Enter' });
      await card.updateComplete;
      expect(text(part(card, 'field-error'))).to.equal('Check the format.');
      expect(input(card, 'amount').getAttribute('aria-invalid')).to.equal('true');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !input(card, 'amount'), 'the input did not close');
      expect(card.shadowRoot!.activeElement).to.equal(editButton(card, 'amount'));
      expect((await admin.opportunities.get(deal.id)).version).to.equal(deal.version);
    });

    it("clears the deal's own win probability back to the stage's", async () => {
      const deal = await newDeal({ probability: 60 });
      const card = await cardFor(deal.id, { email: REP });
      expect(visibleText(card.shadowRoot!.querySelector('[data-field="probability"] .figure'))).to.equal('60%');
      editButton(card, 'probability').click();
      await card.updateComplete;
      input(card, 'probability').value = '';
      input(card, 'probability').dispatchEvent(new Event('input'));
      part(card, 'save-button')!.click();
      await waitUntil(() => !input(card, 'probability'), 'the input did not close');
      expect(visibleText(card.shadowRoot!.querySelector('[data-field="probability"] .figure'))).to.equal('25%');
      expect((await admin.opportunities.get(deal.id)).probability).to.equal(null);
    });

    it('keeps what was typed when someone else saved first, and applies it on the next save', async () => {
      const deal = await newDeal();
      const card = await cardFor(deal.id, { email: REP });
      editButton(card, 'expectedCloseDate').click();
      await card.updateComplete;
      input(card, 'expectedCloseDate').value = '2027-06-30';
      input(card, 'expectedCloseDate').dispatchEvent(new Event('input'));
      await admin.opportunities.update(deal.id, { amount: 999_900 }, { version: deal.version });
      part(card, 'save-button')!.click();
      await waitUntil(() => part(card, 'notice'), 'no notice');
      expect(text(part(card, 'notice'))).to.equal(
        'Someone else changed this deal meanwhile; their version is shown. Save again to apply yours.',
      );
      expect(input(card, 'expectedCloseDate').value).to.equal('2027-06-30');
      expect(visibleText(card.shadowRoot!.querySelector('[data-field="amount"] dd'))).to.equal('$9,999');
      part(card, 'save-button')!.click();
      await waitUntil(() => !input(card, 'expectedCloseDate'), 'the input did not close');
      const saved = await admin.opportunities.get(deal.id);
      expect(saved).to.include({ expectedCloseDate: '2027-06-30', amount: 999_900 });
    });
  });

  it('offers no move to a viewer, nor without editable', async () => {
    const deal = await newDeal();
    for (const card of [await cardFor(deal.id, { email: VIEWER }), await cardFor(deal.id, { editable: false })]) {
      expect(parts(card, 'stage').every((s) => s.localName === 'span')).to.equal(true);
      expect(parts(card, 'edit-field')).to.have.length(0);
      expect(part(card, 'won-button')).to.equal(null);
      expect(part(card, 'lost-button')).to.equal(null);
      expect(text(part(card, 'heading'))).to.equal(deal.name);
    }
  });

  it('names its customer for the host to open', async () => {
    const deal = await newDeal();
    const card = await cardFor(deal.id, { editable: false });
    const selected = oneEvent(card, CrmCustomerSelectEvent.eventName);
    part(card, 'customer')!.click();
    const { detail } = (await selected) as CrmCustomerSelectEvent;
    expect(detail.customer.id).to.equal(customerId);
  });

  it('speaks Traditional Chinese', async () => {
    const deal = await newDeal({ stageId: stage('Lost').id, lostReason: 'No budget' });
    const card = await cardFor(deal.id, { locale: 'zh-Hant' });
    expect(text(part(card, 'status'))).to.equal('未成交');
    expect(text(part(card, 'reopen-button'))).to.equal('重新開啟');
    expect(text(card.shadowRoot!.querySelector('[data-field="lostReason"] dt'))).to.equal('未成交原因');
    expect(card.shadowRoot!.querySelector('[lang]')!.getAttribute('lang')).to.equal('zh-Hant');
  });

  it('aborts its load when taken out of the page, and loads again when put back', async () => {
    const deal = await newDeal();
    const gate = gatedFetch();
    const provider = await fixture(html`
      <crm-provider .client=${kitClient(ACME_ADMIN, gate.fetch)}>
        <crm-opportunity-card opportunity-id=${deal.id}></crm-opportunity-card>
      </crm-provider>
    `);
    const card = provider.querySelector('crm-opportunity-card')!;
    await waitUntil(() => gate.requests.length === 1, 'the deal was not asked for');
    card.remove();
    expect(gate.requests[0]!.signal.aborted).to.equal(true);
    gate.release();
    provider.append(card);
    await settled(card);
    expect(text(part(card, 'heading'))).to.equal(deal.name);
  });

  it('says when the deal does not exist, without a retry', async () => {
    const card = await cardFor(unknownId());
    expect(part(card, 'error')).to.not.equal(null);
    expect(part(card, 'retry-button')).to.equal(null);
  });
});
