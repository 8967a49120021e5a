import type { Lead, LeadCreate } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { knownCapabilities } from '../../test/capabilities.js';
import { ACME_ADMIN, BASE_URL, kitClient, part, parts, status, text, tokenFor } from '../../test/kit.js';
import '../index.js';
import { CrmLeadConvertedEvent, CrmOpportunitySelectEvent } from '../shared/events.js';
import type { CrmLeadInbox } from './lead-inbox.js';

const REP = 'rep@acme.test';
const MANAGER = 'manager@acme.test';
const VIEWER = 'viewer@acme.test';
const rep = kitClient(REP);
const admin = kitClient(ACME_ADMIN);
const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;

async function inboxFor({ email = REP, queue = 'new', locale = 'en' } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale} currency="USD">
      <crm-lead-inbox queue=${queue}></crm-lead-inbox>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-lead-inbox')!;
  // The buttons follow what the caller may do.
  await knownCapabilities(provider);
  await settled(element);
  return element;
}

/** Waits for the queue and its counts. */
async function settled(element: CrmLeadInbox) {
  await waitUntil(
    () =>
      element.shadowRoot?.querySelector('[part~="base"][aria-busy="false"]') &&
      element.shadowRoot.querySelector('[part~="count"]'),
    'the inbox did not load',
    { timeout: 8000 },
  );
  await element.updateComplete;
}

const row = (element: CrmLeadInbox, lead: Lead) =>
  element.shadowRoot!.querySelector<HTMLElement>(`[part~="lead"][data-id="${lead.id}"]`);
const button = (element: CrmLeadInbox, lead: Lead, name: string) =>
  row(element, lead)?.querySelector<HTMLButtonElement>(`[part~="${name}"]`) ?? null;
const count = (element: CrmLeadInbox, queue: string) =>
  text(element.shadowRoot!.querySelector(`[part~="tab"][data-queue="${queue}"] [part~="count"]`));
const field = (element: CrmLeadInbox, id: string) => element.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
const type = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input'));
};

/** A lead of the rep's, new now (oldest first: shown on the first page only when the queue is short). */
async function newLead(body: Partial<LeadCreate> = {}) {
  return rep.leads.create({ name: unique('Ann Lee'), company: unique('Lee Trading'), email: 'ann@lee.test', ...body });
}

/** The queue shown, with its newest leads first so that a new lead is on the first page. */
async function showing(element: CrmLeadInbox, queue: string, lead: Lead) {
  element.queue = queue as CrmLeadInbox['queue'];
  await waitUntil(() => row(element, lead), `${lead.name} is not in ${queue}`, { timeout: 8000 });
}

describe('crm-lead-inbox', () => {
  it("shows a rep's queues with their counts, and their leads with owner, origin and age", async () => {
    const lead = await newLead({ status: 'working', source: 'Referral', score: 72 });
    const element = await inboxFor({ queue: 'working' });
    await showing(element, 'working', lead);
    const tabs = parts(element, 'tab');
    expect(tabs.map((tab) => tab.dataset.queue)).to.deep.equal(['new', 'overdue', 'working', 'nurturing', 'qualified']);
    const counts = await rep.leads.queues();
    expect(count(element, 'working')).to.equal(String(counts.counts.working));
    expect(tabs[2]!.getAttribute('aria-selected')).to.equal('true');
    const shown = row(element, lead)!;
    expect(text(shown.querySelector('[part~="name"]'))).to.equal(lead.name);
    expect(text(shown.querySelector('[part~="score"]'))).to.equal('Score 72');
    expect(text(shown.querySelector('[part~="came-in"]'))).to.match(/^Came in (now|\d+ seconds? ago)$/);
    expect(text(shown.querySelector('[part~="origin"]'))).to.equal('Referral');
    expect(text(shown.querySelector('[part~="assignment"]'))).to.equal('Owner: Ryan Patel');
    expect(shown.querySelector('a[href="mailto:ann@lee.test"]')).to.not.equal(null);
    await expect(element).to.be.accessible();
  });

  it('flags new leads past the response time, and lists them in the overdue queue', async () => {
    const element = await inboxFor({ queue: 'overdue' });
    const overdue = parts(element, 'lead');
    // The sample's older new leads have waited days.
    expect(overdue.length).to.be.greaterThan(0);
    for (const shown of overdue) expect(text(shown.querySelector('[part~="overdue"]'))).to.equal('overdue');
    expect(Number(count(element, 'overdue'))).to.be.greaterThan(0);
  });

  it('moves a lead on in a click: it leaves the queue, the kit has it, and the counts follow', async () => {
    const lead = await newLead();
    const element = await inboxFor();
    element.slaHours = 24;
    const before = (await rep.leads.queues()).counts;
    // Newest last: ask for the queue newest first through the working queue's order instead.
    await waitUntil(() => row(element, lead) || parts(element, 'load-more').length, 'no list', { timeout: 8000 });
    while (!row(element, lead) && part(element, 'load-more')) {
      part(element, 'load-more')!.click();
      await waitUntil(() => row(element, lead) || !part(element, 'load-more')?.hasAttribute('disabled'));
    }
    button(element, lead, 'to-working-button')!.click();
    await waitUntil(() => !row(element, lead), 'the lead stayed in the queue', { timeout: 8000 });
    expect(status(element)).to.equal(`${lead.name}: Working.`);
    expect((await rep.leads.get(lead.id)).status).to.equal('working');
    await waitUntil(() => count(element, 'new') === String(before.new - 1), 'the count did not follow', {
      timeout: 8000,
    });
  });

  it('disqualifies with a reason, and asks for one first', async () => {
    const lead = await newLead({ status: 'nurturing' });
    const element = await inboxFor({ queue: 'nurturing' });
    await showing(element, 'nurturing', lead);
    button(element, lead, 'disqualify-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('dialog[open]'), 'no dialog');
    expect(text(part(element, 'dialog-title'))).to.equal(`Disqualify ${lead.name}`);
    part(element, 'submit-button')!.click();
    await waitUntil(() => part(element, 'field-error'), 'no error for the empty reason');
    expect(field(element, 'field-reason').getAttribute('aria-invalid')).to.equal('true');
    expect((await rep.leads.get(lead.id)).status).to.equal('nurturing');
    type(field(element, 'field-reason'), 'No budget');
    part(element, 'submit-button')!.click();
    await waitUntil(() => !element.shadowRoot!.querySelector('dialog[open]'), 'the dialog stayed open', {
      timeout: 8000,
    });
    const saved = await rep.leads.get(lead.id);
    expect(saved).to.deep.include({ status: 'disqualified', disqualifiedReason: 'No budget' });
    expect(row(element, lead)).to.equal(null);
  });

  it('converts a qualified lead into a customer, a contact and a deal, and opens the deal', async () => {
    const lead = await newLead({ status: 'qualified' });
    const element = await inboxFor({ queue: 'qualified' });
    await showing(element, 'qualified', lead);
    const convert = button(element, lead, 'convert-button')!;
    expect(convert.classList.contains('primary')).to.equal(true);
    convert.click();
    await waitUntil(() => element.shadowRoot!.querySelector('dialog[open]'), 'no dialog');
    expect(field(element, 'field-customerName').value).to.equal(lead.company);
    // A qualified lead opens a deal by default, in the default pipeline's first open stage.
    expect(field(element, 'field-openDeal').checked).to.equal(true);
    type(field(element, 'field-amount'), 'twelve');
    part(element, 'submit-button')!.click();
    await waitUntil(() => part(element, 'field-error'), 'no error for the amount');
    type(field(element, 'field-amount'), '1,200.50');
    const converted = oneEvent(element, CrmLeadConvertedEvent.eventName);
    part(element, 'submit-button')!.click();
    const { detail } = (await converted) as CrmLeadConvertedEvent;
    expect(detail.lead.status).to.equal('converted');
    const deal = await rep.opportunities.get(detail.opportunityId!);
    expect(deal).to.deep.include({ amount: 120050, currency: 'USD', customerId: detail.customerId });
    const customer = await rep.customers.get(detail.customerId);
    expect(customer.name).to.equal(lead.company);
    expect(detail.contactId).to.be.a('string');
    await waitUntil(() => !row(element, lead), 'the lead stayed in the queue');

    const notice = parts(element, 'notice').find((n) => n.classList.contains('converted'))!;
    expect(text(notice)).to.contain(`${lead.name} converted.`);
    const opened = oneEvent(element, CrmOpportunitySelectEvent.eventName);
    [...notice.querySelectorAll('button')].find((b) => text(b).startsWith('Open deal'))!.click();
    const { detail: selected } = (await opened) as CrmOpportunitySelectEvent;
    expect(selected.opportunity.id).to.equal(detail.opportunityId);
  });

  it('offers the customers its company may already be, and links the one of the same name (its legal form aside)', async () => {
    const company = unique('Harbor Supply');
    const existing = await rep.customers.create({ name: `${company}, Inc.` });
    const similar = await rep.customers.create({ name: `${company} East` });
    const lead = await newLead({ status: 'qualified', company: `  ${company.toUpperCase()} ` });
    const element = await inboxFor({ queue: 'qualified' });
    await showing(element, 'qualified', lead);
    button(element, lead, 'convert-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('dialog[open]'), 'no dialog');
    const choice = element.shadowRoot!.querySelector<HTMLSelectElement>('#field-customerId')!;
    const offered = [...choice.options].map((o) => [o.value, o.textContent!.trim()]);
    expect(offered).to.deep.include([existing.id, `${existing.name} (existing)`]);
    expect(offered).to.deep.include([similar.id, `${similar.name} (existing)`]);
    expect(offered.at(-1)).to.deep.equal(['', 'A new customer']);
    // The same name is chosen, and a new customer's fields are not asked for.
    expect(choice.value).to.equal(existing.id);
    expect(element.shadowRoot!.activeElement).to.equal(choice);
    expect(element.shadowRoot!.querySelector('#field-customerName')).to.equal(null);
    field(element, 'field-openDeal').checked = false;
    field(element, 'field-openDeal').dispatchEvent(new Event('change'));
    await element.updateComplete;
    const converted = oneEvent(element, CrmLeadConvertedEvent.eventName);
    part(element, 'submit-button')!.click();
    const { detail } = (await converted) as CrmLeadConvertedEvent;
    expect(detail.customerId).to.equal(existing.id);
    expect((await rep.contacts.get(detail.contactId!)).customerId).to.equal(existing.id);
    const notice = parts(element, 'notice').find((n) => n.classList.contains('converted'))!;
    expect(text(notice)).to.contain(`Open customer ${existing.name}`);
  });

  it('offers unassigned leads to a manager, who takes one; a rep never sees the queue', async () => {
    const lead = await admin.leads.create({ name: unique('Nobody yet'), ownerId: null });
    expect(lead.ownerId).to.equal(null);
    const repInbox = await inboxFor();
    expect(parts(repInbox, 'tab').map((tab) => tab.dataset.queue)).to.not.include('unassigned');

    const element = await inboxFor({ email: MANAGER, queue: 'unassigned' });
    await showing(element, 'unassigned', lead);
    expect(text(row(element, lead)!.querySelector('[part~="assignment"]'))).to.equal('No owner yet');
    expect(part(element, 'owner-select')).to.not.equal(null);
    button(element, lead, 'take-button')!.click();
    await waitUntil(() => !row(element, lead), 'the lead stayed unassigned', { timeout: 8000 });
    expect(status(element)).to.equal(`${lead.name} is yours now.`);
    const taken = await admin.leads.get(lead.id);
    const me = await kitClient(MANAGER).me();
    expect(taken.ownerId).to.equal(me.userId);
  });

  it('moves between queues with the arrow keys, and gives a viewer no buttons', async () => {
    const element = await inboxFor({ email: VIEWER, queue: 'new' });
    expect(parts(element, 'action')).to.have.length(0);
    const first = part(element, 'tab')!;
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await element.updateComplete;
    expect(element.queue).to.equal('overdue');
    expect(element.shadowRoot!.activeElement?.getAttribute('data-queue')).to.equal('overdue');
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await element.updateComplete;
    expect(element.queue).to.equal('unassigned');
  });

  it('speaks Traditional Chinese', async () => {
    const element = await inboxFor({ locale: 'zh-Hant', queue: 'overdue' });
    expect(text(part(element, 'heading'))).to.equal('潛在客戶');
    expect(text(parts(element, 'tab')[1]).startsWith('逾時未處理')).to.equal(true);
    expect(text(part(element, 'overdue'))).to.equal('已逾時');
    expect(text(part(element, 'to-working-button'))).to.equal('開始跟進');
  });
});
