// The organization's custom fields on <crm-case-card>, against the real kit: each value the case has,
// under its field's label in the reader's language, as the locale writes money, dates and options.
import type { CustomField } from '@crmkit/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { knownCapabilities } from '../../test/capabilities.js';
import { ACME_ADMIN, BASE_URL, kitClient, part, text, tokenFor } from '../../test/kit.js';
import '../index.js';

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const key = (name: string) => `${name}_${run}`;
const admin = kitClient(ACME_ADMIN);

describe('crm-case-card with custom fields', () => {
  const defined: CustomField[] = [];
  before(async () => {
    const fields = [
      {
        key: key('line'),
        label: 'Product line',
        labels: { 'zh-Hant': '產品線' },
        type: 'select' as const,
        options: [{ value: 'scanners', label: 'Scanners', labels: { 'zh-Hant': '掃描器' } }],
      },
      { key: key('refund'), label: 'Refund', labels: { 'zh-Hant': '退款' }, type: 'money' as const },
      { key: key('bought'), label: 'Bought on', labels: { 'zh-Hant': '購買日' }, type: 'date' as const },
      { key: key('warranty'), label: 'Under warranty', labels: { 'zh-Hant': '保固中' }, type: 'boolean' as const },
      { key: key('serial'), label: 'Serial', type: 'text' as const },
    ];
    for (const [position, field] of fields.entries()) {
      defined.push(await admin['custom-fields'].create({ resource: 'cases', position, ...field }));
    }
  });
  after(async () => {
    for (const field of defined) await admin['custom-fields'].remove(field.id);
  });

  it('shows each value under its localized label, and leaves out the fields the case has no value for', async () => {
    const kase = await admin.cases.create({
      subject: `Scanner ${run}`,
      customFields: {
        [key('line')]: 'scanners',
        [key('refund')]: { amount: 125000, currency: 'TWD' },
        [key('bought')]: '2026-03-31',
        [key('warranty')]: true,
      },
    });
    const provider = await fixture(html`
      <crm-provider base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)} locale="zh-Hant">
        <crm-case-card case-id=${kase.id}></crm-case-card>
      </crm-provider>
    `);
    const element = provider.querySelector('crm-case-card')!;
    await knownCapabilities(provider);
    await waitUntil(() => part(element, 'heading'), 'the card did not load', { timeout: 8000 });
    const row = (name: string) =>
      element.shadowRoot!.querySelector(`[part~="field"][data-field="custom.${key(name)}"]`);
    await waitUntil(() => row('line'), 'no custom field shown');
    expect(text(row('line')!.querySelector('dt'))).to.equal('產品線');
    expect(text(row('line')!.querySelector('dd'))).to.equal('掃描器');
    const refund = new Intl.NumberFormat('zh-Hant', {
      style: 'currency',
      currency: 'TWD',
      maximumFractionDigits: 0,
      minimumFractionDigits: 0,
    }).format(1250);
    expect(text(row('refund')!.querySelector('dd'))).to.equal(refund);
    expect(text(row('bought')!.querySelector('dd'))).to.equal(
      new Intl.DateTimeFormat('zh-Hant', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2026-03-31')),
    );
    expect(text(row('warranty')!.querySelector('dd'))).to.equal('是');
    expect(row('serial')).to.equal(null);
    await expect(element).to.be.accessible();
  });
});
