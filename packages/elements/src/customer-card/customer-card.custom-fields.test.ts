// The organization's custom fields on the full <crm-customer-card>, against the real kit: the
// definitions come with the summary (no request of their own), the values with the customer.
import type { CustomField } from '@crmkit/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { BASE_URL, FORMOSA_ADMIN, gatedFetch, kitClient, part, text } from '../../test/kit.js';
import '../index.js';
import type { CrmCustomerCard } from './customer-card.js';

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const key = (name: string) => `${name}_${run}`;
const admin = kitClient(FORMOSA_ADMIN);

describe('crm-customer-card with custom fields', () => {
  const defined: CustomField[] = [];
  let customerId = '';
  before(async () => {
    defined.push(
      await admin['custom-fields'].create({
        resource: 'customers',
        key: key('tier'),
        label: 'Tier',
        labels: { 'zh-Hans': '等级' },
        type: 'select',
        options: [{ value: 'gold', label: 'Gold', labels: { 'zh-Hans': '金卡' } }],
        position: 0,
      }),
      await admin['custom-fields'].create({
        resource: 'customers',
        key: key('channels'),
        label: 'Channels',
        labels: { 'zh-Hans': '渠道' },
        type: 'multi_select',
        options: [
          { value: 'shop', label: 'Shop', labels: { 'zh-Hans': '门店' } },
          { value: 'web', label: 'Web', labels: { 'zh-Hans': '网站' } },
        ],
        position: 1,
      }),
      await admin['custom-fields'].create({ resource: 'customers', key: key('note'), label: 'Note', type: 'text' }),
    );
    const customer = await admin.customers.create({
      name: `Tea House ${run}`,
      customFields: { [key('tier')]: 'gold', [key('channels')]: ['shop', 'web'] },
    });
    customerId = customer.id;
  });
  after(async () => {
    await admin.customers.remove(customerId);
    for (const field of defined) await admin['custom-fields'].remove(field.id);
  });

  it('shows the values under their labels in the locale, with the customer and its summary only', async () => {
    const gate = gatedFetch();
    gate.release();
    const provider = await fixture(html`
      <crm-provider .client=${kitClient(FORMOSA_ADMIN, gate.fetch)} locale="zh-Hans">
        <crm-customer-card customer-id=${customerId}></crm-customer-card>
      </crm-provider>
    `);
    const card = provider.querySelector<CrmCustomerCard>('crm-customer-card')!;
    const row = (name: string) => card.shadowRoot!.querySelector(`[part~="field"][data-field="custom.${key(name)}"]`);
    await waitUntil(() => row('tier'), 'no custom field shown', { timeout: 8000 });
    expect(text(row('tier')!.querySelector('dt'))).to.equal('等级');
    expect(text(row('tier')!.querySelector('dd'))).to.equal('金卡');
    expect(text(row('channels')!.querySelector('dd'))).to.equal(
      new Intl.ListFormat('zh-Hans', { type: 'conjunction' }).format(['门店', '网站']),
    );
    expect(row('note')).to.equal(null);
    const paths = gate.requests.map((r) => new URL(r.url).pathname);
    expect(paths).to.include.members([
      `${BASE_URL}/customers/${customerId}`,
      `${BASE_URL}/customers/${customerId}/summary`,
    ]);
    expect(paths.filter((path) => path.includes('custom-fields'))).to.deep.equal([]);
    expect(part(card, 'fields')).to.not.equal(null);
    await expect(card).to.be.accessible();
  });
});
