import type { Case, CaseCreate, Customer } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { knownCapabilities } from '../../test/capabilities.js';
import { ACME_ADMIN, BASE_URL, kitClient, part, parts, status, text, tokenFor, visibleText } from '../../test/kit.js';
import '../index.js';
import { CrmCaseSelectEvent } from '../shared/events.js';
import type { CrmCaseList } from './case-list.js';

const REP = 'rep@acme.test';
const VIEWER = 'viewer@acme.test';
const rep = kitClient(REP);
const admin = kitClient(ACME_ADMIN);
const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;
const HOUR = 3_600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();
/** Tomorrow at noon, local time: "due tomorrow" whatever the time of day the test runs. */
function tomorrowNoon(): string {
  const day = new Date();
  day.setDate(day.getDate() + 1);
  day.setHours(12, 0, 0, 0);
  return day.toISOString();
}

/** A customer of the rep's of its own, so that a list of its cases holds only the test's. */
const newCustomer = () => rep.customers.create({ name: unique('Harbor Supply') });
const newCase = (customer: Customer, body: Partial<CaseCreate> = {}) =>
  rep.cases.create({ subject: unique('Broken scanner'), customerId: customer.id, ...body });

async function listFor(customer: Customer | undefined, { email = REP, status = 'new', locale = 'en' } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale} currency="USD">
      <crm-case-list status=${status} customer-id=${customer?.id ?? ''}></crm-case-list>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-case-list')!;
  await knownCapabilities(provider);
  await settled(element);
  return element;
}

/** Waits for the status shown and its counts. */
async function settled(element: CrmCaseList) {
  await waitUntil(
    () =>
      element.shadowRoot?.querySelector('[part~="base"][aria-busy="false"]') &&
      element.shadowRoot.querySelector('[part~="count"]'),
    'the list did not load',
    { timeout: 8000 },
  );
  await element.updateComplete;
}

const row = (element: CrmCaseList, kase: Case) =>
  element.shadowRoot!.querySelector<HTMLElement>(`[part~="case"][data-id="${kase.id}"]`);
const button = (element: CrmCaseList, kase: Case, name: string) =>
  row(element, kase)?.querySelector<HTMLButtonElement>(`[part~="${name}"]`) ?? null;
const count = (element: CrmCaseList, status: string) =>
  text(element.shadowRoot!.querySelector(`[part~="tab"][data-status="${status}"] [part~="count"]`));
const subjects = (element: CrmCaseList) => parts(element, 'subject').map((s) => text(s));

describe('crm-case-list', () => {
  it('shows the statuses with their counts, and a status’s cases by priority, then by due time', async () => {
    const customer = await newCustomer();
    const low = await newCase(customer, { status: 'open', priority: 'low', dueBy: at(2 * HOUR) });
    const urgentLater = await newCase(customer, { status: 'open', priority: 'urgent', dueBy: at(48 * HOUR) });
    const urgentSooner = await newCase(customer, { status: 'open', priority: 'urgent', dueBy: tomorrowNoon() });
    const normal = await newCase(customer, { status: 'open', dueBy: null });
    await newCase(customer, { status: 'pending' });
    await newCase(customer, { status: 'closed' });
    const element = await listFor(customer, { status: 'open' });
    expect(parts(element, 'tab').map((tab) => tab.dataset.status)).to.deep.equal([
      'new',
      'open',
      'pending',
      'resolved',
      'closed',
    ]);
    expect(['new', 'open', 'pending', 'resolved', 'closed'].map((s) => count(element, s))).to.deep.equal([
      '0',
      '4',
      '1',
      '0',
      '1',
    ]);
    expect(subjects(element)).to.deep.equal([urgentSooner, urgentLater, normal, low].map((c) => c.subject));
    const shown = row(element, urgentSooner)!;
    expect(visibleText(shown.querySelector('[part~="priority"]'))).to.equal('Urgent');
    expect(text(shown.querySelector('[part~="customer"]'))).to.equal(customer.name);
    expect(text(shown.querySelector('[part~="owner"]'))).to.equal('Owner: Ryan Patel');
    expect(text(shown.querySelector('[part~="age"]'))).to.match(/^Opened (now|\d+ seconds? ago)$/);
    expect(text(shown.querySelector('[part~="due"]'))).to.equal('Due tomorrow');
    expect(status(element)).to.equal('Open: 4 shown.');
    await expect(element).to.be.accessible();
  });

  it('opens, when no status is asked for, on the first of new, open and pending that holds a case', async () => {
    const customer = await newCustomer();
    const pending = await newCase(customer, { status: 'pending' });
    await newCase(customer, { status: 'closed' });
    const element = await listFor(customer, { status: '' });
    expect(element.status).to.equal('pending');
    expect(parts(element, 'tab').find((tab) => tab.ariaSelected === 'true')?.dataset.status).to.equal('pending');
    expect(subjects(element)).to.deep.equal([pending.subject]);

    const quiet = await listFor(await newCustomer(), { status: '' });
    expect(quiet.status).to.equal('new');
    expect(part(quiet, 'empty')).to.not.equal(null);
  });

  it('shows more of a long status on request, across priorities, each case once and in order', async () => {
    const customer = await newCustomer();
    const urgent = await newCase(customer, { status: 'open', priority: 'urgent', dueBy: at(HOUR) });
    const normal: Case[] = [];
    for (let i = 0; i < 26; i++) normal.push(await newCase(customer, { status: 'open', dueBy: at((i + 2) * HOUR) }));
    const element = await listFor(customer, { status: 'open' });
    expect(subjects(element)).to.have.length(25);
    expect(subjects(element)[0]).to.equal(urgent.subject);
    part(element, 'load-more')!.click();
    await waitUntil(() => subjects(element).length === 27, 'the next page did not load', { timeout: 8000 });
    expect(subjects(element)).to.deep.equal([urgent.subject, ...normal.map((kase) => kase.subject)]);
    expect(part(element, 'load-more')).to.equal(null);
  });

  it('flags a case past due as an SLA breach, and one due within a day as due soon', async () => {
    const customer = await newCustomer();
    const late = await newCase(customer, { dueBy: at(-2 * HOUR) });
    const soon = await newCase(customer, { dueBy: at(3 * HOUR) });
    const later = await newCase(customer, { dueBy: at(72 * HOUR) });
    const element = await listFor(customer);
    expect(text(row(element, late)!.querySelector('[part~="sla"]'))).to.equal('SLA breached');
    expect(row(element, late)!.dataset.sla).to.equal('breached');
    expect(text(row(element, soon)!.querySelector('[part~="sla"]'))).to.equal('Due soon');
    expect(row(element, later)!.querySelector('[part~="sla"]')).to.equal(null);
    expect(row(element, later)!.dataset.sla).to.equal('onTrack');
    expect(text(part(element, 'breached'))).to.equal('1 past due');
  });

  it('assigns a case to the caller in a click: the kit has it, and the row says so', async () => {
    const customer = await newCustomer();
    const kase = await newCase(customer);
    const element = await listFor(customer, { email: ACME_ADMIN });
    button(element, kase, 'assign-to-me-button')!.click();
    const me = await admin.me();
    await waitUntil(() => status(element).includes('assigned to'), 'not assigned', { timeout: 8000 });
    expect((await admin.cases.get(kase.id)).ownerId).to.equal(me.userId);
    expect(status(element)).to.match(new RegExp(`^${kase.subject}: assigned to .+\\.$`));
    // Now the caller's: no "Assign to me" any more.
    expect(button(element, kase, 'assign-to-me-button')).to.equal(null);
  });

  it('resolves a case with a note for its timeline: it leaves the status, and the kit has both', async () => {
    const customer = await newCustomer();
    const kase = await newCase(customer, { status: 'open' });
    const element = await listFor(customer, { status: 'open' });
    button(element, kase, 'resolve-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('dialog[open]'), 'no dialog');
    expect(text(part(element, 'dialog-title'))).to.equal(`Resolve ${kase.subject}`);
    const note = element.shadowRoot!.querySelector<HTMLTextAreaElement>('#field-note')!;
    note.value = 'Sent a new scanner.';
    note.dispatchEvent(new Event('input'));
    part(element, 'submit-button')!.click();
    await waitUntil(() => !row(element, kase), 'the case stayed', { timeout: 8000 });
    expect(status(element)).to.equal(`${kase.subject} resolved.`);
    const saved = await rep.cases.get(kase.id);
    expect(saved.status).to.equal('resolved');
    expect(saved.resolvedAt).to.be.a('string');
    const notes = await rep.activities.list({ caseId: kase.id });
    expect(notes.items.map((a) => [a.type, a.body])).to.deep.equal([['note', 'Sent a new scanner.']]);
    await waitUntil(() => count(element, 'resolved') === '1', 'the counts did not follow', { timeout: 8000 });
  });

  it('says so when someone else changed the case meanwhile, and shows it as it is now', async () => {
    const customer = await newCustomer();
    const kase = await newCase(customer, { status: 'open' });
    const element = await listFor(customer, { status: 'open' });
    await rep.cases.update(kase.id, { priority: 'urgent' }, { version: kase.version });
    button(element, kase, 'resolve-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('dialog[open]'), 'no dialog');
    part(element, 'submit-button')!.click();
    await waitUntil(() => part(element, 'notice'), 'no notice', { timeout: 8000 });
    expect(text(part(element, 'notice'))).to.equal(
      `Someone else changed ${kase.subject} meanwhile; it now shows as it is. Try again.`,
    );
    expect((await rep.cases.get(kase.id)).status).to.equal('open');
    await waitUntil(
      () => visibleText(row(element, kase)?.querySelector('[part~="priority"]')) === 'Urgent',
      'no reload',
      {
        timeout: 8000,
      },
    );
  });

  it('shows a manager the unassigned cases, and assigns one to a member they see', async () => {
    const customer = await newCustomer();
    const kase = await admin.cases.create({
      subject: unique('Label printer jams'),
      customerId: customer.id,
      ownerId: null,
    });
    const provider = await fixture(html`
      <crm-provider base-url=${BASE_URL} token=${tokenFor('manager@acme.test')} locale="en">
        <crm-case-list customer-id=${customer.id} show="unassigned"></crm-case-list>
      </crm-provider>
    `);
    const element = provider.querySelector('crm-case-list')!;
    await knownCapabilities(provider);
    await settled(element);
    await waitUntil(() => row(element, kase), 'the unassigned case is not shown', { timeout: 8000 });
    expect(text(row(element, kase)!.querySelector('[part~="owner"]'))).to.equal('Unassigned');
    button(element, kase, 'assign-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('dialog[open]'), 'no dialog');
    const owner = element.shadowRoot!.querySelector<HTMLSelectElement>('#field-ownerId')!;
    const ryan = [...owner.options].find((o) => o.textContent!.trim() === 'Ryan Patel')!;
    owner.value = ryan.value;
    owner.dispatchEvent(new Event('change'));
    part(element, 'submit-button')!.click();
    // No longer unassigned: it leaves the list.
    await waitUntil(() => !row(element, kase), 'the case stayed', { timeout: 8000 });
    expect(status(element)).to.equal(`${kase.subject}: assigned to Ryan Patel.`);
    expect((await admin.cases.get(kase.id)).ownerId).to.equal((await rep.me()).userId);
  });

  it('offers a support agent only support agents to assign to, as the kit allows', async () => {
    const customer = await newCustomer();
    const kase = await newCase(customer);
    const element = await listFor(customer, { email: 'support@acme.test' });
    await waitUntil(() => row(element, kase), 'the case is not shown', { timeout: 8000 });
    // The sample's one support agent is the caller: "Assign to me", and no one else to hand it to.
    expect(Boolean(button(element, kase, 'assign-to-me-button')), 'assign to me').to.equal(true);
    expect(Boolean(button(element, kase, 'assign-button')), 'assign to someone').to.equal(false);
    button(element, kase, 'assign-to-me-button')!.click();
    await waitUntil(() => status(element).includes('assigned to Sam Okafor'), 'not assigned', { timeout: 8000 });
  });

  it('fires crm-case-select when a case’s subject is chosen', async () => {
    const customer = await newCustomer();
    const kase = await newCase(customer);
    const element = await listFor(customer);
    const selected = oneEvent(element, CrmCaseSelectEvent.eventName);
    button(element, kase, 'subject')!.click();
    const { detail } = (await selected) as CrmCaseSelectEvent;
    expect(detail.case.id).to.equal(kase.id);
  });

  it('offers a viewer nothing to change, and moves between statuses with the arrow keys', async () => {
    const element = await listFor(undefined, { email: VIEWER });
    expect(parts(element, 'action')).to.have.length(0);
    expect(part(element, 'new-button')).to.equal(null);
    const first = part(element, 'tab')!;
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await element.updateComplete;
    expect(element.status).to.equal('open');
    expect(element.shadowRoot!.activeElement?.getAttribute('data-status')).to.equal('open');
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    await element.updateComplete;
    expect(element.status).to.equal('closed');
  });

  it('offers a rep their own cases or everyone’s they see, not the unassigned ones', async () => {
    const element = await listFor(undefined);
    const options = [...element.shadowRoot!.querySelectorAll<HTMLOptionElement>('[part~="show-select"] option')];
    expect(options.map((o) => o.value)).to.deep.equal(['all', 'mine']);
    expect(part(element, 'new-button')).to.not.equal(null);
  });

  it('speaks Traditional Chinese', async () => {
    const customer = await newCustomer();
    const kase = await newCase(customer, { dueBy: at(-HOUR), priority: 'high' });
    const element = await listFor(customer, { locale: 'zh-Hant' });
    expect(text(part(element, 'heading'))).to.equal('客服案件');
    expect(text(parts(element, 'tab')[1]).startsWith('處理中')).to.equal(true);
    expect(text(row(element, kase)!.querySelector('[part~="sla"]'))).to.equal('已逾期');
    expect(visibleText(row(element, kase)!.querySelector('[part~="priority"]'))).to.equal('高');
    expect(text(button(element, kase, 'resolve-button'))).to.equal('解決…');
    await expect(element).to.be.accessible();
  });
});
