// <crm-lead-form> against the real kit: a form set up by an admin, filled in by an anonymous visitor,
// checked before sending, refused by the kit, and stored as a lead; in English and Chinese.
import type { LeadForm } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { BASE_URL, kitClient } from '../../test/kit.js';
import '../entries/lead-form.js';
import { CrmLeadSubmittedEvent } from '../shared/events.js';
import type { CrmLeadForm } from './lead-form.js';

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

function text(element: Element | null | undefined): string {
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
function part(form: CrmLeadForm, name: string): HTMLElement | null {
  return form.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}
function control(form: CrmLeadForm, field: string): HTMLInputElement {
  return form.shadowRoot!.querySelector<HTMLInputElement>(`#field-${field}, #${field}`)!;
}
function fill(form: CrmLeadForm, field: string, value: string): void {
  const input = control(form, field);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
function fieldError(form: CrmLeadForm, field: string): string {
  return text(form.shadowRoot!.querySelector(`#field-${field}-error, #${field}-error`));
}

/** A form of Acme's, set up by its admin: name and email required, company, and a consent text. */
async function createForm(overrides: Partial<LeadForm> = {}): Promise<LeadForm> {
  return (await kitClient()['lead-forms'].create({
    name: unique('Trade show form'),
    fields: [
      { name: 'name', label: 'Your name', required: true },
      { name: 'email', label: 'Email', required: true },
      { name: 'company', label: 'Company', required: false },
      { name: 'country', label: 'Country', required: false },
    ],
    consentText: 'I agree to be contacted about my enquiry.',
    thankYouText: 'Thanks, we will call you within a day.',
    minFillSeconds: 0,
    ...overrides,
  } as never)) as LeadForm;
}

async function render(publicKey: string, locale = 'en'): Promise<CrmLeadForm> {
  const form = await fixture<CrmLeadForm>(
    html`<crm-lead-form base-url=${BASE_URL} public-key=${publicKey} locale=${locale}></crm-lead-form>`,
  );
  await waitUntil(() => part(form, 'form') || part(form, 'error'), 'the form did not load', { timeout: 8000 });
  return form;
}

describe('crm-lead-form', () => {
  it('shows the fields the admin set up, labelled, and passes axe', async () => {
    const form = await render((await createForm()).publicKey);
    const labels = [...form.shadowRoot!.querySelectorAll('.field-label')].map((l) => text(l));
    expect(labels).to.deep.equal(['Your name *', 'Email *', 'Company', 'Country']);
    expect(control(form, 'email').type).to.equal('email');
    expect(control(form, 'email').autocomplete).to.equal('email');
    expect(text(part(form, 'consent'))).to.contain('I agree to be contacted');
    expect(text(part(form, 'submit-button'))).to.equal('Send');
    await expect(form).shadowDom.to.be.accessible();
  });

  it('says what to fix beside each field before sending anything, and focuses the first', async () => {
    const form = await render((await createForm()).publicKey);
    fill(form, 'email', 'not an address');
    fill(form, 'country', 'Taiwan');
    part(form, 'submit-button')!.click();
    await form.updateComplete;
    expect(fieldError(form, 'name')).to.equal('Required.');
    expect(fieldError(form, 'email')).to.equal('Enter an email address, e.g. name@example.com.');
    expect(fieldError(form, 'country')).to.equal('Use a two-letter code, e.g. TW.');
    expect(fieldError(form, 'consent')).to.equal('Required.');
    expect(control(form, 'name').getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => form.shadowRoot!.activeElement === control(form, 'name'), 'the first bad field has no focus');
    // Typing into a field clears its error.
    fill(form, 'name', 'Mei Chen');
    await form.updateComplete;
    expect(fieldError(form, 'name')).to.equal('');
    expect(part(form, 'thank-you')).to.equal(null);
  });

  it('stores the answers as a lead with the page as its attribution, and thanks the visitor', async () => {
    const definition = await createForm();
    const form = await render(definition.publicKey);
    const name = unique('Visitor');
    fill(form, 'name', name);
    fill(form, 'email', ` ${name.replace(/\W+/g, '.').toLowerCase()}@example.com `);
    fill(form, 'company', 'Formosa Tea House');
    fill(form, 'country', 'tw');
    control(form, 'consent').click();
    const submitted = oneEvent(form, CrmLeadSubmittedEvent.eventName);
    part(form, 'submit-button')!.click();
    const event = (await submitted) as CrmLeadSubmittedEvent;
    expect(event.detail.thankYouText).to.equal('Thanks, we will call you within a day.');
    await waitUntil(() => part(form, 'thank-you'), 'no thank-you');
    expect(text(part(form, 'thank-you'))).to.equal('Thanks, we will call you within a day.');
    await waitUntil(() => form.shadowRoot!.activeElement === part(form, 'thank-you'), 'the thank-you has no focus');

    const { items } = await kitClient().leads.list({ q: name });
    expect(items).to.have.length(1);
    const lead = items[0]! as Record<string, unknown>;
    expect(lead.company).to.equal('Formosa Tea House');
    expect(lead.country).to.equal('TW');
    expect((lead.attribution as Record<string, string>).landingPage).to.equal(window.location.href);
  });

  it('takes the bait of the hidden field as a bot would, and stores nothing', async () => {
    const form = await render((await createForm({ consentText: null })).publicKey);
    const name = unique('Bot');
    fill(form, 'name', name);
    fill(form, 'email', 'bot@example.com');
    const trap = form.shadowRoot!.querySelector<HTMLInputElement>('.trap input')!;
    expect(trap.tabIndex).to.equal(-1);
    trap.value = 'https://spam.example';
    trap.dispatchEvent(new Event('input'));
    part(form, 'submit-button')!.click();
    await waitUntil(() => part(form, 'thank-you'), 'a bot is answered as a person would be');
    expect((await kitClient().leads.list({ q: name })).items).to.have.length(0);
  });

  it('asks to send again when the kit finds the form sent too fast, keeping what was typed', async () => {
    const form = await render((await createForm({ consentText: null, minFillSeconds: 600 })).publicKey);
    fill(form, 'name', 'Quick Typist');
    fill(form, 'email', 'quick@example.com');
    part(form, 'submit-button')!.click();
    await waitUntil(() => part(form, 'form-error'), 'no form error');
    expect(text(part(form, 'form-error'))).to.equal('Please send the form again.');
    expect(control(form, 'name').value).to.equal('Quick Typist');
    expect(part(form, 'thank-you')).to.equal(null);
  });

  it('speaks Chinese on a Chinese page, with the labels the admin wrote', async () => {
    const form = await render((await createForm({ thankYouText: null })).publicKey, 'zh-Hant');
    expect(text(part(form, 'submit-button'))).to.equal('送出');
    part(form, 'submit-button')!.click();
    await form.updateComplete;
    expect(fieldError(form, 'name')).to.equal('必填。');
    expect(text(form.shadowRoot!.querySelector('.field-label'))).to.equal('Your name *');
  });

  it('says so when the form does not exist or was switched off', async () => {
    const form = await render('lf_no_such_form');
    expect(text(part(form, 'error'))).to.contain('This form is not available.');
    expect(part(form, 'retry-button')).to.equal(null);
  });
});
