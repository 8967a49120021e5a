import type { CustomerReport } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ACME_ADMIN, BASE_URL, kitClient, part, status, text, tokenFor } from '../../test/kit.js';
import '../index.js';
import type { CrmCustomerSelectEvent } from '../shared/events.js';
import { fullMoney } from '../shared/format.js';
import { localizer } from '../shared/localize.js';
import { CrmCustomerReport } from './customer-report.js';

const REP = 'rep@acme.test';
const api = kitClient();

async function loaded(element: CrmCustomerReport): Promise<void> {
  await waitUntil(
    () => element.shadowRoot?.querySelector('[part~="base"][aria-busy="false"], [part~="error"]'),
    'the report did not load',
    { timeout: 8000 },
  );
  await element.updateComplete;
}

async function reportFor({ email = ACME_ADMIN, locale = 'en', days = 60 } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-customer-report at-risk-days=${days} style="max-width: 1000px"></crm-customer-report>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-customer-report')!;
  await loaded(element);
  return element;
}

const rowsOf = (element: CrmCustomerReport, name: string) => [
  ...(part(element, name)?.querySelectorAll<HTMLTableRowElement>('tbody tr') ?? []),
];

describe('crm-customer-report', () => {
  let report: CustomerReport;

  before(async () => {
    report = await api.reports.customers({ atRiskDays: 60 });
  });

  it('is registered, and a second registration does not throw', async () => {
    expect(customElements.get('crm-customer-report')).to.equal(CrmCustomerReport);
    const { define } = await import('../shared/define.js');
    expect(() => define('crm-customer-report', class extends HTMLElement {})).not.to.throw();
  });

  it("shows the kit's figures, segments, customers at risk, products and cohorts, and passes axe", async () => {
    expect(report.customers, 'the sample has customers with orders').to.be.greaterThan(3);
    const element = await reportFor();
    const t = localizer('en');
    expect(text(part(element, 'heading'))).to.equal('Customer analysis');
    const figures = [...part(element, 'figures')!.querySelectorAll('dd')].map((dd) => text(dd));
    expect(figures.slice(0, 3)).to.deep.equal([
      t.number(report.customers),
      t.number(report.orders),
      fullMoney(t, { amount: report.revenue.converted.sum, currency: report.currency }),
    ]);
    // The segments: a bar per segment in the chart, and the same in the table (read by screen readers).
    expect(part(element, 'chart')!.querySelectorAll('rect').length).to.equal(report.segments.length);
    const segments = rowsOf(element, 'segments-table');
    expect(segments.map((row) => row.dataset.segment)).to.deep.equal(report.segments.map((s) => s.segment));
    expect(segments.map((row) => text(row.querySelector('td')).split(' ')[0])).to.deep.equal(
      report.segments.map((s) => t.number(s.customers)),
    );
    expect(rowsOf(element, 'at-risk-table').map((row) => row.dataset.customer)).to.deep.equal(
      report.atRisk.top.map((c) => c.customerId),
    );
    expect(rowsOf(element, 'products-table').map((row) => text(row.querySelector('th')))).to.deep.equal(
      report.topProducts.map((p) => (p.sku ? `${p.name} ${p.sku}` : p.name)),
    );
    expect(rowsOf(element, 'cohorts-table').map((row) => row.dataset.month)).to.deep.equal(
      report.cohorts.map((c) => c.month),
    );
    expect(status(element)).to.equal('Customer analysis loaded.');
    await expect(element).to.be.accessible();
  });

  it('switches the segments to a table and back', async () => {
    const element = await reportFor();
    const toggle = part(element, 'toggle') as HTMLButtonElement;
    expect(text(toggle)).to.equal('Show as table');
    toggle.click();
    await element.updateComplete;
    expect(element.view).to.equal('table');
    expect(part(element, 'chart')).to.equal(null);
    expect(part(element, 'segments-table')!.closest('.table-box')).to.not.equal(null);
    expect(text(toggle)).to.equal('Show as chart');
    await expect(element).to.be.accessible();
  });

  it('opens a customer at risk, a native button, with crm-customer-select', async () => {
    const element = await reportFor();
    const [first] = report.atRisk.top;
    expect(first, 'the sample has a customer at risk').to.not.equal(undefined);
    const link = part(element, 'customer-link') as HTMLButtonElement;
    link.focus();
    const selected = oneEvent(element, 'crm-customer-select') as Promise<CrmCustomerSelectEvent>;
    expect(element.shadowRoot!.activeElement).to.equal(link);
    link.click();
    const event = await selected;
    expect(event.detail.customer.id).to.equal(first!.customerId);
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('shows a rep only their customers, and follows a new order live', async () => {
    const rep = kitClient(REP);
    const mine = await rep.reports.customers({ atRiskDays: 60 });
    expect(mine.customers).to.be.lessThan(report.customers);
    const element = await reportFor({ email: REP });
    const t = localizer('en');
    const orders = () => text(part(element, 'figures')!.querySelectorAll('dd')[1]);
    expect(orders()).to.equal(t.number(mine.orders));
    const [customer] = (await rep.customers.list({ limit: 1 })).items;
    await rep.orders.create({
      customerId: customer!.id,
      totalAmount: 2_500,
      currency: 'USD',
      placedAt: new Date().toISOString(),
    });
    await waitUntil(() => orders() === t.number(mine.orders + 1), 'the new order did not count', { timeout: 8000 });
  });

  it('speaks Traditional and Simplified Chinese', async () => {
    const hant = await reportFor({ locale: 'zh-Hant' });
    expect(text(part(hant, 'heading'))).to.equal('客戶分析');
    expect(text(rowsOf(hant, 'segments-table')[0]!.querySelector('th'))).to.equal('冠軍客戶');
    const hans = await reportFor({ locale: 'zh-Hans' });
    expect(text(part(hans, 'heading'))).to.equal('客户分析');
    expect(text(part(hans, 'toggle'))).to.equal('以表格显示');
  });
});
