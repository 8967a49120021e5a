// Creating records from the elements: <crm-record-form> opened from the customer list, the board and
// the customer card, against the real kit, by mouse and by keyboard, in English and Chinese.
import type { CrmClient, Customer } from '@crmkit/core';
import { ignoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ACME_ADMIN, findCustomer, kitClient } from '../../test/kit.js';
import '../index.js';
import type { CrmCustomerCard } from '../customer-card/customer-card.js';
import type { CrmCustomerList } from '../customer-list/customer-list.js';
import type { CrmPipelineBoard } from '../pipeline-board/pipeline-board.js';
import { deepActiveElement } from '../shared/dialog.js';
import { CrmRecordCreatedEvent, type CrmCustomerSelectEvent } from '../shared/events.js';
import type { CrmRecordForm } from './record-form.js';

const VIEWER = 'viewer@acme.test';

function text(element: Element | null | undefined): string {
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
function part(root: Element, name: string): HTMLElement | null {
  return root.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}
/** The form an element opened in its shadow root. */
async function openedForm(host: Element): Promise<CrmRecordForm> {
  await waitUntil(() => host.shadowRoot!.querySelector<CrmRecordForm>('crm-record-form')?.open, 'no form opened', {
    timeout: 5000,
  });
  const form = host.shadowRoot!.querySelector('crm-record-form')!;
  await form.updateComplete;
  return form;
}
function control<T extends HTMLElement = HTMLInputElement>(form: CrmRecordForm, field: string): T {
  return form.shadowRoot!.querySelector<T>(`#field-${field}`)!;
}
function fieldError(form: CrmRecordForm, field: string): string {
  return text(form.shadowRoot!.querySelector(`#field-${field}-error`));
}
function fill(form: CrmRecordForm, field: string, value: string): void {
  const input = control<HTMLInputElement | HTMLSelectElement>(form, field);
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}
function submit(form: CrmRecordForm): void {
  part(form, 'submit-button')!.click();
}
const unique = (label: string) => `[test] ${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function listIn(client: CrmClient, locale = 'en') {
  const provider = await fixture(html`
    <crm-provider .client=${client} locale=${locale}>
      <crm-customer-list style="height: 24rem"></crm-customer-list>
    </crm-provider>
  `);
  const list = provider.querySelector<CrmCustomerList>('crm-customer-list')!;
  await waitUntil(() => part(list, 'create-button'), 'no New customer button', { timeout: 8000 });
  return list;
}

describe('crm-record-form', () => {
  let northwind: Customer;
  // The list's virtualizer measures rows with a ResizeObserver; Chromium's benign "loop completed"
  // report would count as a failure (see customer-list.test.ts).
  let restoreOnError: (() => void) | undefined;
  before(async () => {
    restoreOnError = ignoreWindowResizeObserverLoopErrors({ suppressErrorLogging: true });
    northwind = await findCustomer('Northwind');
  });
  after(() => restoreOnError?.());

  describe('a new customer from the customer list', () => {
    it('says what is missing next to the field, then creates it and shows it in the list at once', async () => {
      const list = await listIn(kitClient());
      // As a click does: the button takes focus, and gets it back when the dialog closes.
      part(list, 'create-button')!.focus();
      part(list, 'create-button')!.click();
      const form = await openedForm(list);
      const dialog = form.shadowRoot!.querySelector('dialog')!;
      expect(dialog.getAttribute('aria-labelledby')).to.equal('dialog-title');
      expect(text(part(form, 'dialog-title'))).to.equal('New customer');
      expect(deepActiveElement() === control(form, 'name'), 'focus').to.equal(true);

      submit(form);
      await waitUntil(() => fieldError(form, 'name'), 'no error for the name');
      expect(fieldError(form, 'name')).to.equal('Required.');
      expect(control(form, 'name').getAttribute('aria-invalid')).to.equal('true');
      expect(control(form, 'name').getAttribute('aria-describedby')).to.equal('field-name-error');
      expect(deepActiveElement() === control(form, 'name'), 'focus').to.equal(true);

      const name = unique('Created customer');
      fill(form, 'name', name);
      fill(form, 'emails', 'not an email');
      submit(form);
      await waitUntil(() => fieldError(form, 'emails'));
      expect(fieldError(form, 'emails')).to.equal('Enter an email address, e.g. name@example.com.');

      fill(form, 'emails', 'buyer@created.test');
      const created = oneEvent(form, CrmRecordCreatedEvent.eventName);
      submit(form);
      const { detail } = (await created) as CrmRecordCreatedEvent;
      expect(detail.resource).to.equal('customer');
      expect(detail.record).to.include({ name });
      expect(detail.record.emails).to.deep.equal(['buyer@created.test']);
      await waitUntil(() => !form.open, 'the dialog stayed open');
      // Focus is back on the button that opened it, and the new customer tops the list, chosen.
      expect(deepActiveElement() === part(list, 'create-button'), 'focus').to.equal(true);
      await list.updateComplete;
      expect(list.customers[0]!.id).to.equal(detail.record.id);
      expect(list.selected).to.equal(detail.record.id);
    });

    it("shows the kit's field errors in the form's language, from their code and limits", async () => {
      const list = await listIn(kitClient(), 'zh-Hant');
      part(list, 'create-button')!.click();
      const form = await openedForm(list);
      expect(text(part(form, 'dialog-title'))).to.equal('新增客戶');
      // Longer than the kit takes (typing stops at maxlength; a paste by script does not).
      fill(form, 'name', 'x'.repeat(201));
      submit(form);
      await waitUntil(() => fieldError(form, 'name'), 'the refusal was not shown', { timeout: 5000 });
      expect(fieldError(form, 'name')).to.equal('最多 200 個字元。');
      expect(control(form, 'name').value).to.have.length(201);
      expect(form.open).to.equal(true);
    });

    it('warns of a customer with the same email as it is typed, with a way to open it', async () => {
      const list = await listIn(kitClient());
      part(list, 'create-button')!.click();
      const form = await openedForm(list);
      fill(form, 'emails', northwind.emails[0]!.toUpperCase());
      await waitUntil(() => part(form, 'duplicates'), 'no duplicate warning', { timeout: 5000 });
      expect(text(part(form, 'duplicates'))).to.contain(`${northwind.name} · same email`);
      await waitUntil(() => text(form.shadowRoot!.querySelector('form [role="status"]')).includes(northwind.name));
      await expect(form).to.be.accessible();

      const chosen = oneEvent(form, 'crm-customer-select');
      part(form, 'duplicates')!.querySelector('button')!.click();
      expect(((await chosen) as CrmCustomerSelectEvent).detail.customer.id).to.equal(northwind.id);
      await waitUntil(() => !form.open, 'the dialog stayed open');
    });

    it('warns of a similar name and of the same phone digits', async () => {
      const list = await listIn(kitClient());
      part(list, 'create-button')!.click();
      const form = await openedForm(list);
      fill(form, 'name', 'northwind traders');
      await waitUntil(() => text(part(form, 'duplicates')).includes('similar name'), 'no name warning', {
        timeout: 5000,
      });
      fill(form, 'name', 'Someone else entirely');
      fill(form, 'phones', northwind.phones[0]!.replace(/\D/g, ''));
      await waitUntil(() => text(part(form, 'duplicates')).includes('same phone'), 'no phone warning', {
        timeout: 5000,
      });
    });

    it('keeps what was typed when the kit refuses the caller', async () => {
      // The form on its own, as a host places it, for a viewer whom the kit refuses.
      const provider = await fixture(html`
        <crm-provider .client=${kitClient(VIEWER)} locale="en">
          <crm-record-form resource="customer"></crm-record-form>
        </crm-provider>
      `);
      const form = provider.querySelector('crm-record-form')!;
      await form.show();
      fill(form, 'name', 'Refused customer');
      submit(form);
      await waitUntil(() => part(form, 'form-error'), 'no refusal shown', { timeout: 5000 });
      expect(text(part(form, 'form-error'))).to.equal('You are not allowed to create this.');
      expect(control(form, 'name').value).to.equal('Refused customer');
      expect(form.open).to.equal(true);
    });

    it('lets a host veto the creation', async () => {
      const list = await listIn(kitClient());
      part(list, 'create-button')!.click();
      const form = await openedForm(list);
      fill(form, 'name', 'Vetoed');
      const before = oneEvent(form, 'crm-record-create');
      form.addEventListener('crm-record-create', (event) => event.preventDefault(), { once: true });
      let created = false;
      form.addEventListener('crm-record-created', () => (created = true), { once: true });
      submit(form);
      await before;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(created).to.equal(false);
      expect(form.open).to.equal(true);
    });
  });

  describe('a new deal from the board', () => {
    async function board() {
      const provider = await fixture(html`
        <crm-provider .client=${kitClient()} locale="en">
          <crm-pipeline-board></crm-pipeline-board>
        </crm-provider>
      `);
      const element = provider.querySelector<CrmPipelineBoard>('crm-pipeline-board')!;
      await waitUntil(() => part(element, 'create-button'), 'no New deal button', { timeout: 8000 });
      return element;
    }

    it("opens in a column's stage, from the keyboard alone, and shows the deal at the top of that column", async () => {
      const element = await board();
      const column = [...element.shadowRoot!.querySelectorAll('crm-pipeline-column')][1]!;
      const add = part(column, 'add-button')!;
      expect(add.getAttribute('aria-label')).to.equal(`New deal in ${column.column!.stage.name}`);
      add.focus();
      await sendKeys({ press: 'Enter' });
      const form = await openedForm(element);
      // The pipeline's stages come from the kit as the dialog opens.
      await waitUntil(() => control<HTMLSelectElement>(form, 'stageId').options.length, 'no stages', { timeout: 5000 });
      expect(control<HTMLSelectElement>(form, 'stageId').value).to.equal(column.column!.stage.id);

      const name = unique('Board deal');
      await sendKeys({ type: name });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'Northwind' });
      const picked = () => control<HTMLSelectElement>(form, 'customerId');
      await waitUntil(() => picked().value === northwind.id, `not found: ${picked()?.outerHTML.slice(0, 300)}`, {
        timeout: 5000,
      });
      fill(form, 'amount', '1,200.50');
      const created = oneEvent(form, CrmRecordCreatedEvent.eventName);
      // Enter in a field submits the form.
      control(form, 'amount').focus();
      await sendKeys({ press: 'Enter' });
      const { detail } = (await created) as CrmRecordCreatedEvent;
      expect(detail.record).to.include({ name, amount: 120050, currency: 'USD', stageId: column.column!.stage.id });
      expect(deepActiveElement() === add, 'focus').to.equal(true);
      // At the top, where it is on the column's first page however long the column (see board.test.ts).
      await waitUntil(() => column.column!.cards[0]?.id === detail.record.id, 'not at the top of its column', {
        timeout: 5000,
      });
    });

    it('closes on Escape without creating anything, focus back on "New deal"', async () => {
      const element = await board();
      part(element, 'create-button')!.focus();
      await sendKeys({ press: 'Enter' });
      const form = await openedForm(element);
      await expect(form).to.be.accessible();
      await sendKeys({ type: 'Never sent' });
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !form.open, 'Escape did not close it');
      expect(deepActiveElement() === part(element, 'create-button'), 'focus').to.equal(true);
    });
  });

  /** An editable card of `customer`, loaded, and its "New …" button labelled `label`. */
  async function cardWithButton(customer: Customer, label: string, client = kitClient()) {
    const provider = await fixture(html`
      <crm-provider .client=${client} locale="en">
        <crm-customer-card customer-id=${customer.id} editable></crm-customer-card>
      </crm-provider>
    `);
    const card = provider.querySelector<CrmCustomerCard>('crm-customer-card')!;
    await waitUntil(() => card.summary && part(card, 'create-button'), 'the card did not load', { timeout: 8000 });
    const button = [...card.shadowRoot!.querySelectorAll<HTMLElement>('[part~="create-button"]')].find(
      (candidate) => text(candidate) === label,
    )!;
    return { card, button };
  }

  describe('a new contact from the customer card', () => {
    it("belongs to the card's customer and shows in its summary", async () => {
      const { card, button: add } = await cardWithButton(northwind, 'Add contact');
      const before = card.summary!.contacts.total;
      add.click();
      const form = await openedForm(card);
      expect(text(form.shadowRoot!.querySelector('.fixed-value'))).to.equal(northwind.name);
      const name = unique('Contact');
      fill(form, 'name', name);
      fill(form, 'title', 'Buyer');
      const created = oneEvent(form, CrmRecordCreatedEvent.eventName);
      submit(form);
      const { detail } = (await created) as CrmRecordCreatedEvent;
      expect(detail.record).to.include({ customerId: northwind.id, name, title: 'Buyer' });
      await waitUntil(() => card.summary?.contacts.total === before + 1, 'the summary did not count it', {
        timeout: 5000,
      });
      const after = await kitClient(ACME_ADMIN).contacts.list({ customerId: northwind.id, q: name });
      expect(after.items.map((c) => c.id)).to.deep.equal([detail.record.id]);
    });
  });

  describe('a support case from the customer card', () => {
    it("asks for a subject, then files the case for the card's customer with its priority, channel and due day", async () => {
      // Counts the card's summary requests: a case is not in the summary, so filing one asks for none.
      let summaryRequests = 0;
      const counting = kitClient(ACME_ADMIN, (request) => {
        if (new URL(request.url).pathname.endsWith('/summary')) summaryRequests++;
        return fetch(request);
      });
      const { card, button: add } = await cardWithButton(northwind, 'New case', counting);
      const loadedWith = summaryRequests;
      add.click();
      const form = await openedForm(card);
      expect(text(part(form, 'dialog-title'))).to.equal('New case');
      expect(text(form.shadowRoot!.querySelector('.fixed-value'))).to.equal(northwind.name);
      await expect(form).to.be.accessible();
      submit(form);
      await waitUntil(() => fieldError(form, 'subject'), 'no error for the subject');
      expect(fieldError(form, 'subject')).to.equal('Required.');

      const subject = unique('Case');
      fill(form, 'subject', subject);
      fill(form, 'priority', 'urgent');
      fill(form, 'channel', 'phone');
      fill(form, 'dueBy', '2031-05-20');
      fill(form, 'description', 'The second delivery\narrived damaged.');
      const created = oneEvent(form, CrmRecordCreatedEvent.eventName);
      submit(form);
      const { detail } = (await created) as CrmRecordCreatedEvent;
      expect(detail.resource).to.equal('case');
      expect(detail.record).to.include({
        customerId: northwind.id,
        subject,
        priority: 'urgent',
        channel: 'phone',
        status: 'new',
        description: 'The second delivery\narrived damaged.',
      });
      // Due by the end of that day where the user is.
      expect(new Date(String(detail.record.dueBy)).getTime()).to.equal(new Date('2031-05-20T23:59:59').getTime());
      const stored = await kitClient(ACME_ADMIN).cases.get(detail.record.id);
      expect(stored.subject).to.equal(subject);
      await card.updateComplete;
      expect(summaryRequests).to.equal(loadedWith);
    });
  });

  describe('a new lead', () => {
    it('checks the email, creates the lead unconverted with its company and source, in Chinese too', async () => {
      const provider = await fixture(html`
        <crm-provider .client=${kitClient()} locale="zh-Hans">
          <crm-record-form resource="lead"></crm-record-form>
        </crm-provider>
      `);
      const form = provider.querySelector<CrmRecordForm>('crm-record-form')!;
      await form.show();
      await form.updateComplete;
      expect(text(part(form, 'dialog-title'))).to.equal('新增潜在客户');
      // A lead belongs to no customer yet: the form does not ask for one.
      expect(control(form, 'customerId')).to.equal(null);
      const name = unique('Lead');
      fill(form, 'name', name);
      fill(form, 'company', 'Harbour Trading');
      fill(form, 'email', 'not an email');
      submit(form);
      await waitUntil(() => fieldError(form, 'email'), 'no error for the email');
      expect(control(form, 'email').getAttribute('aria-invalid')).to.equal('true');
      fill(form, 'email', 'buyer@harbour.test');
      fill(form, 'source', 'Trade fair');
      const created = oneEvent(form, CrmRecordCreatedEvent.eventName);
      submit(form);
      const { detail } = (await created) as CrmRecordCreatedEvent;
      expect(detail.resource).to.equal('lead');
      expect(detail.record).to.include({
        name,
        company: 'Harbour Trading',
        email: 'buyer@harbour.test',
        source: 'Trade fair',
        convertedCustomerId: null,
      });
      await waitUntil(() => !form.open, 'the dialog stayed open');
    });
  });
});
