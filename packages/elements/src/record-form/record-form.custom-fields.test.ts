// The organization's custom fields in <crm-record-form>, against the real kit: a control per type,
// labels in the reader's language, the form's own checks and the kit's refusals beside each field.
import type { CustomField } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FORMOSA_ADMIN, kitClient } from '../../test/kit.js';
import '../index.js';
import { CrmRecordCreatedEvent } from '../shared/events.js';
import type { CrmRecordForm } from './record-form.js';

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const key = (name: string) => `${name}_${run}`;

function text(element: Element | null | undefined): string {
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
function control<T extends HTMLElement = HTMLInputElement>(form: CrmRecordForm, id: string): T {
  return form.shadowRoot!.getElementById(`field-${id}`) as T;
}
function fieldError(form: CrmRecordForm, id: string): string {
  return text(form.shadowRoot!.getElementById(`field-${id}-error`));
}
function labelOf(form: CrmRecordForm, id: string): string {
  return text(form.shadowRoot!.querySelector(`label[for="field-${id}"]`));
}
function fill(form: CrmRecordForm, id: string, value: string): void {
  const input = control<HTMLInputElement | HTMLSelectElement>(form, id);
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}
function submit(form: CrmRecordForm): void {
  form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
}

describe('crm-record-form with custom fields', () => {
  const admin = kitClient(FORMOSA_ADMIN);
  const defined: CustomField[] = [];

  before(async () => {
    const fields = [
      {
        key: key('area'),
        label: 'Area',
        labels: { 'zh-Hant': '區域' },
        type: 'select' as const,
        required: true,
        options: [
          { value: 'north', label: 'North', labels: { 'zh-Hant': '北部' } },
          { value: 'south', label: 'South', labels: { 'zh-Hant': '南部' } },
        ],
      },
      { key: key('units'), label: 'Units', labels: { 'zh-Hant': '數量' }, type: 'number' as const },
      { key: key('site'), label: 'Site', labels: { 'zh-Hant': '網站' }, type: 'url' as const },
      { key: key('budget'), label: 'Budget', labels: { 'zh-Hant': '預算' }, type: 'money' as const },
      { key: key('urgent'), label: 'Urgent', labels: { 'zh-Hant': '緊急' }, type: 'boolean' as const },
      {
        key: key('tags'),
        label: 'Tags',
        type: 'multi_select' as const,
        options: [
          { value: 'a', label: 'Alpha' },
          { value: 'b', label: 'Beta' },
        ],
      },
    ];
    for (const [position, field] of fields.entries()) {
      defined.push(await admin['custom-fields'].create({ resource: 'cases', position, ...field }));
    }
  });
  // Other tests create cases too: the fields go to the trash once these are done.
  after(async () => {
    for (const field of defined) await admin['custom-fields'].remove(field.id);
  });

  it('asks for each field in Chinese, says what is wrong beside it, and sends the values the kit stores', async () => {
    const provider = await fixture(html`
      <crm-provider .client=${admin} locale="zh-Hant" currency="USD">
        <crm-record-form resource="case"></crm-record-form>
      </crm-provider>
    `);
    const form = provider.querySelector<CrmRecordForm>('crm-record-form')!;
    await form.show();
    const area = `customFields.${key('area')}`;
    await waitUntil(() => control(form, area), 'the custom fields did not show', { timeout: 5000 });
    expect(labelOf(form, area)).to.contain('區域');
    expect([...control<HTMLSelectElement>(form, area).options].map((o) => o.text)).to.deep.equal(['—', '北部', '南部']);
    expect(labelOf(form, `customFields.${key('budget')}.currency`)).to.equal('預算：幣別');
    expect(control(form, `customFields.${key('budget')}.currency`).value).to.equal('USD');
    expect(text(form.shadowRoot!.querySelector('fieldset legend'))).to.equal('Tags');

    // The form's own checks: the required select, a number that is not one.
    fill(form, 'subject', `Custom ${run}`);
    fill(form, `customFields.${key('units')}`, 'many');
    submit(form);
    await waitUntil(() => fieldError(form, area), 'no error for the required field');
    expect(fieldError(form, area)).to.equal('必填。');
    expect(fieldError(form, `customFields.${key('units')}`)).to.not.equal('');
    expect(control(form, area).getAttribute('aria-invalid')).to.equal('true');
    expect(form.shadowRoot!.activeElement).to.equal(control(form, area));

    // The kit's refusal of what the form does not check lands beside its field.
    fill(form, area, 'south');
    fill(form, `customFields.${key('units')}`, '1,200');
    fill(form, `customFields.${key('site')}`, 'ftp://files.example');
    submit(form);
    await waitUntil(() => fieldError(form, `customFields.${key('site')}`), 'no error from the kit for the site');
    expect(fieldError(form, `customFields.${key('site')}`)).to.equal('請輸入 http 或 https 開頭的網址。');
    await expect(form).to.be.accessible();

    fill(form, `customFields.${key('site')}`, 'https://files.example');
    fill(form, `customFields.${key('budget')}`, '1,500');
    control(form, `customFields.${key('urgent')}`).click();
    control(form, `customFields.${key('tags')}-1`).click();
    const created = oneEvent(form, CrmRecordCreatedEvent.eventName);
    submit(form);
    const { detail } = (await created) as CrmRecordCreatedEvent;
    const stored = await admin.cases.get(detail.record.id);
    expect(stored.customFields).to.deep.equal({
      [key('area')]: 'south',
      [key('units')]: 1200,
      [key('site')]: 'https://files.example',
      [key('budget')]: { amount: 150000, currency: 'USD' },
      [key('urgent')]: true,
      [key('tags')]: ['b'],
    });
  });
});
