// Editing in the card against the real kit: what is sent (only the changes, with If-Match), what
// a 412 does (the user's input stays; reload and reapply), and 400 field errors beside the fields.
// Every test edits a customer it creates, so the seeded ones stay as other tests expect them.
import type { Customer } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ACME_ADMIN, BASE_URL, kitClient, part, text, tokenFor } from '../../test/kit.js';
import '../index.js';
import { CrmCustomerBeforeEditEvent, CrmCustomerEditEvent } from '../shared/events.js';
import type { CrmCustomerCard } from './customer-card.js';

const admin = kitClient(ACME_ADMIN);
const run = Math.random().toString(36).slice(2, 8);
let serial = 0;

/** The customers this file creates, trashed again afterwards so later test files see the kit as seeded. */
const created: string[] = [];
after(async function () {
  (this as { timeout(ms: number): void }).timeout(30_000);
  for (const id of created) await admin.customers.remove(id);
});

async function freshCustomer(): Promise<Customer> {
  serial += 1;
  const customer = await admin.customers.create({
    name: `Edit test ${run} ${serial}`,
    kind: 'company',
    industry: 'Retail',
    region: 'West',
    lifecycleStage: 'lead',
    emails: ['first@edit.example'],
    phones: ['+1 555 0100'],
    tags: ['alpha', 'beta'],
  });
  created.push(customer.id);
  return customer;
}

function control<T extends HTMLElement = HTMLInputElement>(card: CrmCustomerCard, field: string): T {
  return card.shadowRoot!.querySelector<T>(`#edit-${field}`)!;
}
function formField(card: CrmCustomerCard, field: string): HTMLElement {
  return card.shadowRoot!.querySelector<HTMLElement>(`[part~="form-field"][data-field="${field}"]`)!;
}
async function type(card: CrmCustomerCard, field: string, value: string): Promise<void> {
  const element = control<HTMLInputElement | HTMLTextAreaElement>(card, field);
  element.value = value;
  element.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await card.updateComplete;
}
function active(card: CrmCustomerCard): Element | null {
  return card.shadowRoot!.activeElement;
}

interface Sent {
  method: string;
  path: string;
  ifMatch: string | null;
  body: unknown;
}

/** A client of the real kit that records what it sends. */
function recordingClient(email = ACME_ADMIN) {
  const sent: Sent[] = [];
  const client = kitClient(email, async (request) => {
    const body = request.method === 'PATCH' ? await request.clone().json() : undefined;
    sent.push({
      method: request.method,
      path: new URL(request.url).pathname,
      ifMatch: request.headers.get('if-match'),
      body,
    });
    return fetch(request);
  });
  return { client, sent, patches: () => sent.filter((s) => s.method === 'PATCH') };
}

async function editableCard(id: string, { locale = 'en', email = ACME_ADMIN, theme = 'light' } = {}) {
  const recording = recordingClient(email);
  const provider = await fixture(html`
    <crm-provider .client=${recording.client} locale=${locale} theme=${theme}>
      <crm-customer-card customer-id=${id} editable></crm-customer-card>
    </crm-provider>
  `);
  const card = provider.querySelector('crm-customer-card')!;
  await waitUntil(() => card.customer && card.summary, 'the card did not load', { timeout: 8000 });
  await card.updateComplete;
  return { card, ...recording };
}

async function openForm(card: CrmCustomerCard): Promise<void> {
  part(card, 'edit-button')!.click();
  await card.updateComplete;
  expect(part(card, 'form')).not.to.equal(null);
}

async function save(card: CrmCustomerCard): Promise<void> {
  part(card, 'save-button')!.click();
  await card.updateComplete;
  await waitUntil(() => !part(card, 'form') || part(card, 'form')!.getAttribute('aria-busy') === 'false', 'save hung', {
    timeout: 8000,
  });
  await card.updateComplete;
}

describe('crm-customer-card editing', () => {
  it('offers Edit only when editable', async () => {
    const customer = await freshCustomer();
    const provider = await fixture(html`
      <crm-provider base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)}>
        <crm-customer-card customer-id=${customer.id}></crm-customer-card>
      </crm-provider>
    `);
    const card = provider.querySelector('crm-customer-card')!;
    await waitUntil(() => card.customer);
    expect(part(card, 'edit-button')).to.equal(null);
    expect(part(card, 'actions')!.hidden).to.equal(true);
    card.editable = true;
    await card.updateComplete;
    expect(part(card, 'actions')!.hidden).to.equal(false);
    expect(part(card, 'edit-button')!.getAttribute('aria-label')).to.equal(`Edit ${customer.name}`);
  });

  it('opens a form with the current values, focused on the name', async () => {
    const customer = await freshCustomer();
    const { card } = await editableCard(customer.id);
    await openForm(card);
    expect(card.editing).to.equal(true);
    expect(active(card)).to.equal(control(card, 'name'));
    expect(control(card, 'name').value).to.equal(customer.name);
    expect(control<HTMLSelectElement>(card, 'lifecycleStage').value).to.equal('lead');
    expect(control(card, 'industry').value).to.equal('Retail');
    expect(control(card, 'region').value).to.equal('West');
    expect(control<HTMLTextAreaElement>(card, 'emails').value).to.equal('first@edit.example');
    expect(control<HTMLTextAreaElement>(card, 'phones').value).to.equal('+1 555 0100');
    expect([...formField(card, 'tags').querySelectorAll('.tag > span')].map(text)).to.deep.equal(['alpha', 'beta']);
    // Every control has its label.
    for (const field of ['name', 'lifecycleStage', 'industry', 'region', 'emails', 'phones', 'tags']) {
      expect(text(formField(card, field).querySelector(`label[for="edit-${field}"]`)), field).not.to.equal('');
    }
    expect(part(card, 'body')).to.equal(null);
    expect(part(card, 'edit-button')).to.equal(null);
    await expect(card).to.be.accessible();
  });

  it('saves only what changed, with If-Match, and fires crm-customer-before-edit and crm-customer-edit', async () => {
    const customer = await freshCustomer();
    const { card, patches } = await editableCard(customer.id);
    await openForm(card);
    await type(card, 'name', `  ${customer.name} Renamed  `);
    await type(card, 'emails', 'first@edit.example\nsecond@edit.example, third@edit.example');
    const stage = control<HTMLSelectElement>(card, 'lifecycleStage');
    stage.value = 'customer';
    stage.dispatchEvent(new Event('change'));
    await type(card, 'region', '');

    const before: CrmCustomerBeforeEditEvent[] = [];
    card.addEventListener('crm-customer-before-edit', (event) => before.push(event));
    setTimeout(() => part(card, 'save-button')!.click());
    const edited = await oneEvent(card, 'crm-customer-edit');

    expect(before).to.have.length(1);
    expect(before[0]!.cancelable).to.equal(true);
    expect(before[0]!.composed).to.equal(true);
    const changes = {
      name: `${customer.name} Renamed`,
      lifecycleStage: 'customer',
      region: null,
      emails: ['first@edit.example', 'second@edit.example', 'third@edit.example'],
    };
    expect(before[0]!.detail.changes).to.deep.equal(changes);
    expect(patches()).to.deep.equal([
      { method: 'PATCH', path: `${BASE_URL}/customers/${customer.id}`, ifMatch: '"1"', body: changes },
    ]);

    expect(edited).to.be.instanceOf(CrmCustomerEditEvent);
    expect(edited.bubbles && edited.composed).to.equal(true);
    expect(edited.detail.previous.version).to.equal(1);
    expect(edited.detail.customer.version).to.equal(2);
    expect(edited.detail.changes).to.deep.equal(changes);
    await card.updateComplete;
    expect(part(card, 'form')).to.equal(null);
    expect(text(part(card, 'name'))).to.equal(`${customer.name} Renamed`);
    expect(part(card, 'stage')!.dataset.stage).to.equal('customer');
    expect(card.shadowRoot!.querySelector('[part~="field"][data-field="region"]')).to.equal(null);
    expect(text(card.shadowRoot!.querySelector('[role="status"]'))).to.equal('Changes saved.');
    expect(active(card)).to.equal(part(card, 'edit-button'));
    const stored = await admin.customers.get(customer.id);
    expect(stored.emails).to.deep.equal(changes.emails);
    expect(stored.region).to.equal(null);
  });

  it('sends nothing when a host cancels crm-customer-before-edit, and keeps the form', async () => {
    const customer = await freshCustomer();
    const { card, patches } = await editableCard(customer.id);
    await openForm(card);
    await type(card, 'industry', 'Vetoed');
    card.addEventListener('crm-customer-before-edit', (event) => event.preventDefault());
    part(card, 'save-button')!.click();
    await card.updateComplete;
    expect(patches()).to.have.length(0);
    expect(control(card, 'industry').value).to.equal('Vetoed');
  });

  it('closes without a request when nothing changed, and on Cancel or Escape', async () => {
    const customer = await freshCustomer();
    const { card, patches } = await editableCard(customer.id);
    await openForm(card);
    await save(card);
    expect(part(card, 'form')).to.equal(null);

    await openForm(card);
    await type(card, 'region', 'Somewhere else');
    part(card, 'cancel-button')!.click();
    await card.updateComplete;
    expect(part(card, 'form')).to.equal(null);
    expect(active(card)).to.equal(part(card, 'edit-button'));

    await openForm(card);
    control(card, 'name').focus();
    await sendKeys({ press: 'Escape' });
    await card.updateComplete;
    expect(part(card, 'form')).to.equal(null);
    expect(active(card)).to.equal(part(card, 'edit-button'));
    expect(text(card.shadowRoot!.querySelector('[part~="field"][data-field="region"] dd'))).to.equal('West');
    expect(patches()).to.have.length(0);
  });

  it('leaves Escape to an input method that is composing, and keeps the form', async () => {
    const customer = await freshCustomer();
    const { card, patches } = await editableCard(customer.id, { locale: 'zh-Hant' });
    await openForm(card);
    await type(card, 'name', '玉山');
    // A Zhuyin or Pinyin user presses Escape to drop the candidates, not the form.
    const composing = new KeyboardEvent('keydown', {
      key: 'Escape',
      isComposing: true,
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    control(card, 'name').dispatchEvent(composing);
    await card.updateComplete;
    expect(composing.defaultPrevented).to.equal(false);
    expect(part(card, 'form')).not.to.equal(null);
    expect(control(card, 'name').value).to.equal('玉山');
    // Once the composition is over, Escape cancels as usual.
    control(card, 'name').focus();
    await sendKeys({ press: 'Escape' });
    await card.updateComplete;
    expect(part(card, 'form')).to.equal(null);
    expect(patches()).to.have.length(0);
  });

  it('starts a new line with Enter in the email box, and saves with Ctrl+Enter', async () => {
    const customer = await freshCustomer();
    const { card, patches } = await editableCard(customer.id);
    await openForm(card);
    const emails = control<HTMLTextAreaElement>(card, 'emails');
    emails.focus();
    emails.setSelectionRange(emails.value.length, emails.value.length);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'second@edit.example' });
    await card.updateComplete;
    expect(part(card, 'form')).not.to.equal(null);
    expect(emails.value).to.equal('first@edit.example\nsecond@edit.example');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitUntil(() => !part(card, 'form'), 'Ctrl+Enter did not save', { timeout: 8000 });
    expect(patches()).to.have.length(1);
    expect(patches()[0]!.body).to.deep.equal({ emails: ['first@edit.example', 'second@edit.example'] });
    expect(card.customer!.emails).to.deep.equal(['first@edit.example', 'second@edit.example']);
  });

  it('adds tags with Enter or a comma, removes them with their button or Backspace', async () => {
    const customer = await freshCustomer();
    const { card, patches } = await editableCard(customer.id);
    await openForm(card);
    const tags = () => [...formField(card, 'tags').querySelectorAll('.tag > span')].map(text);
    control(card, 'tags').focus();
    await sendKeys({ type: 'vip' });
    await sendKeys({ press: 'Enter' });
    await card.updateComplete;
    expect(tags()).to.deep.equal(['alpha', 'beta', 'vip']);
    expect(part(card, 'form')).not.to.equal(null);
    await sendKeys({ type: '批發,' });
    await card.updateComplete;
    expect(tags()).to.deep.equal(['alpha', 'beta', 'vip', '批發']);

    const remove = formField(card, 'tags').querySelector<HTMLButtonElement>('button[aria-label="Remove tag alpha"]')!;
    remove.click();
    await card.updateComplete;
    expect(tags()).to.deep.equal(['beta', 'vip', '批發']);
    expect(active(card)).to.equal(control(card, 'tags'));
    await sendKeys({ press: 'Backspace' });
    await card.updateComplete;
    expect(tags()).to.deep.equal(['beta', 'vip']);

    // A tag typed but not yet added is saved too.
    await sendKeys({ type: 'typed' });
    await save(card);
    expect(patches()[0]!.body).to.deep.equal({ tags: ['beta', 'vip', 'typed'] });
  });

  it('is usable from the keyboard: Tab to Edit, Enter opens, Enter in a field saves', async () => {
    const customer = await freshCustomer();
    const wrapper = await fixture(html`
      <div>
        <button id="before">before</button>
        <crm-customer-card base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)} customer-id=${customer.id} editable>
        </crm-customer-card>
      </div>
    `);
    const card = wrapper.querySelector('crm-customer-card')!;
    await waitUntil(() => card.customer);
    await card.updateComplete;
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(active(card)).to.equal(part(card, 'name'));
    await sendKeys({ press: 'Tab' });
    expect(active(card)).to.equal(part(card, 'edit-button'));
    await sendKeys({ press: 'Enter' });
    await card.updateComplete;
    expect(active(card)).to.equal(control(card, 'name'));
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' (kbd)' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !part(card, 'form'), 'did not save', { timeout: 8000 });
    expect(text(part(card, 'name'))).to.equal(`${customer.name} (kbd)`);
  });
});

describe('crm-customer-card edit conflicts (412)', () => {
  it('keeps what the user typed, then reapplies it on the latest version', async () => {
    const customer = await freshCustomer();
    const { card, patches } = await editableCard(customer.id);
    await openForm(card);
    await type(card, 'name', 'Mine Ltd.');
    await type(card, 'region', 'North (mine)');
    // Meanwhile someone else changes the region and the industry.
    await admin.customers.update(customer.id, { region: 'South (theirs)', industry: 'Logistics' }, { version: 1 });

    await save(card);
    const notice = part(card, 'notice')!;
    expect(notice.dataset.notice).to.equal('conflict');
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(text(notice)).to.contain('Someone else changed this customer while you were editing.');
    expect(text(notice)).to.contain('Your changes are still here.');
    expect(control(card, 'name').value).to.equal('Mine Ltd.');
    expect(control(card, 'region').value).to.equal('North (mine)');
    expect(active(card)).to.equal(notice.querySelector('[data-action="reapply"]'));
    expect(patches()[0]!.ifMatch).to.equal('"1"');
    await expect(card).to.be.accessible();

    notice.querySelector<HTMLButtonElement>('[data-action="reapply"]')!.click();
    await waitUntil(() => part(card, 'notice')?.dataset.notice === 'reapplied', 'did not reapply', { timeout: 8000 });
    await card.updateComplete;
    // Mine where I changed something; theirs where I did not.
    expect(control(card, 'name').value).to.equal('Mine Ltd.');
    expect(control(card, 'region').value).to.equal('North (mine)');
    expect(control(card, 'industry').value).to.equal('Logistics');
    const theirs = formField(card, 'region').querySelector('.theirs')!;
    expect(text(theirs)).to.equal('Their value: South (theirs)');
    expect(control(card, 'region').getAttribute('aria-describedby')).to.contain(theirs.id);
    expect(text(part(card, 'notice'))).to.contain(
      'Also changed by someone else meanwhile: Region. Your values are kept.',
    );
    expect(formField(card, 'name').querySelector('.theirs')).to.equal(null);
    await expect(card).to.be.accessible();

    await save(card);
    expect(part(card, 'form')).to.equal(null);
    expect(patches()[1]!.ifMatch).to.equal('"2"');
    expect(patches()[1]!.body).to.deep.equal({ name: 'Mine Ltd.', region: 'North (mine)' });
    const stored = await admin.customers.get(customer.id);
    expect(stored).to.include({ name: 'Mine Ltd.', region: 'North (mine)', industry: 'Logistics', version: 3 });
  });

  it("discards the user's changes on request and shows the latest version", async () => {
    const customer = await freshCustomer();
    const { card } = await editableCard(customer.id);
    await openForm(card);
    await type(card, 'industry', 'Mine');
    await admin.customers.update(customer.id, { industry: 'Theirs' }, { version: 1 });
    await save(card);
    part(card, 'notice')!.querySelector<HTMLButtonElement>('[data-action="discard"]')!.click();
    await waitUntil(() => card.customer?.version === 2 && !part(card, 'form'), 'did not reload', { timeout: 8000 });
    await card.updateComplete;
    expect(text(part(card, 'subtitle'))).to.contain('Theirs');
    expect(active(card)).to.equal(part(card, 'name'));
  });

  for (const [locale, message] of [
    ['zh-Hant', '您編輯期間，有其他人修改了此客戶。'],
    ['zh-Hans', '在您编辑期间，其他人修改了该客户。'],
  ] as const) {
    it(`says so in ${locale}`, async () => {
      const customer = await freshCustomer();
      const { card } = await editableCard(customer.id, { locale });
      await openForm(card);
      await type(card, 'region', '台北');
      await admin.customers.update(customer.id, { region: '高雄' }, { version: 1 });
      await save(card);
      expect(text(part(card, 'notice')!.querySelector('.notice-message'))).to.equal(message);
      expect(control(card, 'region').value).to.equal('台北');
    });
  }
});

describe('crm-customer-card field errors (400)', () => {
  it('shows each field error beside its field, focuses the first, and keeps the input', async () => {
    const customer = await freshCustomer();
    const { card } = await editableCard(customer.id);
    await openForm(card);
    await type(card, 'emails', 'good@edit.example\nnot-an-email');
    await type(card, 'phones', 'call me maybe');
    await save(card);

    expect(part(card, 'notice')!.dataset.notice).to.equal('invalid');
    expect(text(part(card, 'notice'))).to.contain('Some fields need attention.');
    const emailError = formField(card, 'emails').querySelector('[part~="field-error"]')!;
    expect(text(emailError)).to.equal('“not-an-email” is not an email address.');
    expect(control(card, 'emails').getAttribute('aria-invalid')).to.equal('true');
    expect(control(card, 'emails').getAttribute('aria-describedby')!.split(' ')).to.include(emailError.id);
    expect(text(formField(card, 'phones').querySelector('[part~="field-error"]'))).to.equal(
      '“call me maybe”: use digits, spaces and + ( ) - . / only.',
    );
    expect(formField(card, 'name').querySelector('[part~="field-error"]')).to.equal(null);
    expect(control(card, 'name').getAttribute('aria-invalid')).to.equal('false');
    expect(active(card)).to.equal(control(card, 'emails'));
    expect(control<HTMLTextAreaElement>(card, 'emails').value).to.equal('good@edit.example\nnot-an-email');
    await expect(card).to.be.accessible();

    // Fixing a field clears its error; the other stays until the next save.
    await type(card, 'emails', 'good@edit.example');
    expect(formField(card, 'emails').querySelector('[part~="field-error"]')).to.equal(null);
    expect(formField(card, 'phones').querySelector('[part~="field-error"]')).not.to.equal(null);
    await type(card, 'phones', '+1 555 0101');
    await save(card);
    expect(part(card, 'form')).to.equal(null);
    expect((await admin.customers.get(customer.id)).phones).to.deep.equal(['+1 555 0101']);
  });

  it("asks for a name when it is left empty, in the card's language", async () => {
    const customer = await freshCustomer();
    const { card } = await editableCard(customer.id, { locale: 'zh-Hant' });
    await openForm(card);
    await type(card, 'name', '   ');
    await save(card);
    expect(text(formField(card, 'name').querySelector('[part~="field-error"]'))).to.equal(
      '請輸入名稱，最多 200 個字元。',
    );
    expect(active(card)).to.equal(control(card, 'name'));
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe with errors shown in the ${theme} theme`, async () => {
      const customer = await freshCustomer();
      const { card } = await editableCard(customer.id, { theme });
      await openForm(card);
      await type(card, 'emails', 'nope');
      await save(card);
      expect(formField(card, 'emails').querySelector('[part~="field-error"]')).not.to.equal(null);
      await expect(card).to.be.accessible();
    });
  }
});

describe('crm-customer-card save failures', () => {
  it('tells a viewer they may not change the customer, keeping the input', async () => {
    const customer = await freshCustomer();
    // Used alone, the card does not know the caller's capabilities (a provider would offer a viewer
    // no Edit button): the kit's refusal is what it has to handle.
    const card = await fixture<CrmCustomerCard>(html`
      <crm-customer-card base-url=${BASE_URL} token=${tokenFor('viewer@acme.test')} customer-id=${customer.id} editable>
      </crm-customer-card>
    `);
    await waitUntil(() => card.customer && card.summary, 'the card did not load', { timeout: 8000 });
    await openForm(card);
    await type(card, 'industry', 'Not allowed');
    await save(card);
    expect(part(card, 'notice')!.dataset.notice).to.equal('forbidden');
    expect(text(part(card, 'notice'))).to.contain('You are not allowed to change this customer.');
    expect(control(card, 'industry').value).to.equal('Not allowed');
  });

  it('keeps the input when the network fails, and saves on the next try', async () => {
    const customer = await freshCustomer();
    let failNext = false;
    const client = kitClient(ACME_ADMIN, async (request) => {
      if (failNext && request.method === 'PATCH') {
        failNext = false;
        throw new TypeError('Failed to fetch');
      }
      return fetch(request);
    });
    const provider = await fixture(html`
      <crm-provider .client=${client}>
        <crm-customer-card customer-id=${customer.id} editable></crm-customer-card>
      </crm-provider>
    `);
    const card = provider.querySelector('crm-customer-card')!;
    await waitUntil(() => card.customer);
    await card.updateComplete;
    await openForm(card);
    await type(card, 'industry', 'Offline edit');
    failNext = true;
    await save(card);
    expect(part(card, 'notice')!.dataset.notice).to.equal('network');
    expect(active(card)).to.equal(part(card, 'notice'));
    expect(control(card, 'industry').value).to.equal('Offline edit');
    await save(card);
    expect(part(card, 'form')).to.equal(null);
    expect(text(part(card, 'subtitle'))).to.contain('Offline edit');
  });
});
