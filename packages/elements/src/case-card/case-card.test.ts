import type { Case, CaseCreate } from '@crmkit/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { knownCapabilities } from '../../test/capabilities.js';
import { BASE_URL, kitClient, part, parts, status, text, tokenFor } from '../../test/kit.js';
import '../index.js';
import type { CrmCaseCard } from './case-card.js';

const REP = 'rep@acme.test';
const VIEWER = 'viewer@acme.test';
const rep = kitClient(REP);
const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;
const HOUR = 3_600_000;

async function newCase(body: Partial<CaseCreate> = {}) {
  const customer = await rep.customers.create({ name: unique('Harbor Supply') });
  return rep.cases.create({ subject: unique('Broken scanner'), customerId: customer.id, ...body });
}

async function cardFor(kase: Case, { email = REP, locale = 'en', editable = true } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-case-card case-id=${kase.id} ?editable=${editable}></crm-case-card>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-case-card')!;
  await knownCapabilities(provider);
  await waitUntil(() => part(element, 'heading') || part(element, 'error'), 'the card did not load', {
    timeout: 8000,
  });
  await element.updateComplete;
  return element;
}

const field = (element: CrmCaseCard, name: string) =>
  element.shadowRoot!.querySelector<HTMLElement>(`[part~="field"][data-field="${name}"] [part~="value"]`)!;
const editButton = (element: CrmCaseCard, name: string) =>
  element.shadowRoot!.querySelector<HTMLButtonElement>(`[data-edit="${name}"]`);
const input = (element: CrmCaseCard, name: string) =>
  element.shadowRoot!.querySelector<HTMLInputElement>(`#edit-${name}`)!;
const type = (control: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  control.value = value;
  control.dispatchEvent(new Event('input'));
};

describe('crm-case-card', () => {
  it('shows the case, its status path and where it stands against its due time', async () => {
    const kase = await newCase({
      status: 'open',
      priority: 'urgent',
      dueBy: new Date(Date.now() - HOUR).toISOString(),
    });
    const element = await cardFor(kase);
    expect(text(part(element, 'heading'))).to.equal(kase.subject);
    expect(text(part(element, 'status'))).to.equal('Open');
    expect(text(part(element, 'priority'))).to.equal('Urgent');
    const current = element.shadowRoot!.querySelector('[part~="step"][aria-current="step"]')!;
    expect(current.getAttribute('data-status')).to.equal('open');
    expect(parts(element, 'step').map((s) => s.dataset.status)).to.deep.equal([
      'new',
      'open',
      'pending',
      'resolved',
      'closed',
    ]);
    expect(text(part(element, 'sla'))).to.equal('SLA breached');
    expect(text(field(element, 'ownerId'))).to.contain('Ryan Patel');
    await expect(element).to.be.accessible();
  });

  it('keeps what the user typed when someone else saved first, and saves it on top of theirs', async () => {
    const kase = await newCase();
    const element = await cardFor(kase);
    editButton(element, 'subject')!.click();
    await element.updateComplete;
    const typed = `${kase.subject} (fixed)`;
    type(input(element, 'subject'), typed);
    // A colleague changes the priority meanwhile.
    await rep.cases.update(kase.id, { priority: 'high' }, { version: kase.version });
    part(element, 'save-button')!.click();
    await waitUntil(() => part(element, 'notice'), 'no conflict notice', { timeout: 8000 });
    expect(text(part(element, 'notice'))).to.contain('Someone else changed this case meanwhile');
    expect(input(element, 'subject').value).to.equal(typed);
    expect(text(field(element, 'priority'))).to.contain('High');
    expect((await rep.cases.get(kase.id)).subject).to.equal(kase.subject);
    part(element, 'save-button')!.click();
    await waitUntil(() => text(part(element, 'heading')) === typed, 'not saved again', { timeout: 8000 });
    const saved = await rep.cases.get(kase.id);
    expect(saved).to.deep.include({ subject: typed, priority: 'high' });
    expect(status(element)).to.equal('Subject saved.');
  });

  it('shows a change made elsewhere at once, and a save still meets it as a conflict', async () => {
    const kase = await newCase();
    const element = await cardFor(kase);
    editButton(element, 'subject')!.click();
    await element.updateComplete;
    type(input(element, 'subject'), `${kase.subject} (mine)`);
    await rep.cases.update(kase.id, { priority: 'urgent', status: 'open' }, { version: kase.version });
    await waitUntil(() => text(part(element, 'status')) === 'Open', 'the change did not show', { timeout: 8000 });
    expect(text(field(element, 'priority'))).to.contain('Urgent');
    // The save is still made against the version the edit began from: a conflict the user is told of.
    part(element, 'save-button')!.click();
    await waitUntil(() => part(element, 'notice'), 'no conflict notice', { timeout: 8000 });
    expect(input(element, 'subject').value).to.equal(`${kase.subject} (mine)`);
    expect((await rep.cases.get(kase.id)).subject).to.equal(kase.subject);
  });

  it('says so when the case is put in the trash elsewhere, and offers no change to it', async () => {
    const kase = await newCase({ status: 'open' });
    const element = await cardFor(kase);
    expect(parts(element, 'edit-field').length).to.be.greaterThan(0);
    await rep.cases.remove(kase.id);
    await waitUntil(() => text(part(element, 'status')) === 'In the trash', 'the trash did not show', {
      timeout: 8000,
    });
    expect(text(part(element, 'heading'))).to.equal(kase.subject);
    expect(parts(element, 'edit-field')).to.have.length(0);
    expect(element.shadowRoot!.querySelectorAll('button[part~="step"]')).to.have.length(0);
    expect(Boolean(part(element, 'resolve-button'))).to.equal(false);
  });

  it('resolves with a note on the case’s timeline, and reopens', async () => {
    const kase = await newCase({ status: 'pending' });
    const element = await cardFor(kase);
    part(element, 'resolve-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('dialog[open]'), 'no dialog');
    type(element.shadowRoot!.querySelector<HTMLTextAreaElement>('#field-note')!, 'Replaced the part.');
    part(element, 'submit-button')!.click();
    await waitUntil(() => text(part(element, 'status')) === 'Resolved', 'not resolved', { timeout: 8000 });
    expect((await rep.cases.get(kase.id)).status).to.equal('resolved');
    const notes = await rep.activities.list({ caseId: kase.id });
    expect(notes.items.map((a) => [a.type, a.body])).to.deep.equal([['note', 'Replaced the part.']]);
    expect(text(part(element, 'sla'))).to.equal('No due time');
    part(element, 'reopen-button')!.click();
    await waitUntil(() => text(part(element, 'status')) === 'Open', 'not reopened', { timeout: 8000 });
    const reopened = await rep.cases.get(kase.id);
    expect(reopened).to.deep.include({ status: 'open', resolvedAt: null });
    expect(status(element)).to.equal('Status: Open.');
  });

  it('moves along the status path in a click', async () => {
    const kase = await newCase({ status: 'open' });
    const element = await cardFor(kase);
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="step"][data-status="pending"]')!.click();
    await waitUntil(() => text(part(element, 'status')) === 'Pending', 'not moved', { timeout: 8000 });
    expect((await rep.cases.get(kase.id)).status).to.equal('pending');
  });

  it('offers a viewer nothing to change', async () => {
    const kase = await newCase({ status: 'open' });
    const element = await cardFor(kase, { email: VIEWER });
    expect(text(part(element, 'heading'))).to.equal(kase.subject);
    expect(parts(element, 'edit-field')).to.have.length(0);
    expect(element.shadowRoot!.querySelector('button[part~="step"]')).to.equal(null);
    expect(part(element, 'resolve-button')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('says so when the case is not the caller’s to see', async () => {
    const theirs = await kitClient('west.rep@acme.test').cases.create({ subject: unique('Not yours') });
    const element = await cardFor(theirs);
    expect(text(part(element, 'error'))).to.contain('Case not found.');
    expect(part(element, 'edit-field')).to.equal(null);
  });

  it('speaks Traditional Chinese', async () => {
    const kase = await newCase({ status: 'open', dueBy: new Date(Date.now() + 2 * HOUR).toISOString() });
    const element = await cardFor(kase, { locale: 'zh-Hant' });
    expect(text(part(element, 'status'))).to.equal('處理中');
    expect(text(part(element, 'sla'))).to.equal('即將到期');
    expect(text(part(element, 'resolve-button'))).to.equal('解決…');
    await expect(element).to.be.accessible();
  });
});
