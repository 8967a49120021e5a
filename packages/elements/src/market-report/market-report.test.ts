import type { MarketReport } from '@crmkit/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ACME_ADMIN, BASE_URL, flakyFetch, kitClient, part, status, text, tokenFor } from '../../test/kit.js';
import '../index.js';
import { fullMoney, percent } from '../shared/format.js';
import { localizer } from '../shared/localize.js';
import { CrmMarketReport } from './market-report.js';

const REP = 'rep@acme.test';
const api = kitClient();
const YEAR = new Date().getFullYear();
/** The year on show, and the one it is compared with, as the element asks for them. */
const PERIODS = {
  from: `${YEAR}-01-01`,
  to: `${YEAR}-12-31`,
  compareFrom: `${YEAR - 1}-01-01`,
  compareTo: `${YEAR - 1}-12-31`,
};
const t = localizer('en');

async function loaded(element: CrmMarketReport): Promise<void> {
  await waitUntil(
    () => element.shadowRoot?.querySelector('[part~="base"][aria-busy="false"], [part~="error"]'),
    'the report did not load',
    { timeout: 8000 },
  );
  await element.updateComplete;
}

async function reportFor({ email = ACME_ADMIN, locale = 'en', client = undefined as unknown } = {}) {
  const provider = await fixture(
    client
      ? html`<crm-provider .client=${client}>
          <crm-market-report period="year" starts-on=${`${YEAR}-05-01`}></crm-market-report>
        </crm-provider>`
      : html`<crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
          <crm-market-report period="year" starts-on=${`${YEAR}-05-01`} style="max-width: 1100px"></crm-market-report>
        </crm-provider>`,
  );
  const element = provider.querySelector('crm-market-report')!;
  await loaded(element);
  return element;
}

const funnelRows = (element: CrmMarketReport) => [
  ...part(element, 'funnel-table')!.querySelectorAll<HTMLTableRowElement>('tbody tr'),
];
const rowsOf = (element: CrmMarketReport, name: string) => [
  ...part(element, name)!.querySelectorAll<HTMLTableRowElement>('tbody tr'),
];
const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((cell) => text(cell));
const money = (m: { converted: { sum: string; currency: string } }) =>
  fullMoney(t, { amount: m.converted.sum, currency: m.converted.currency });
const withRate = (n: number, rate: number | null) =>
  rate === null ? t.number(n) : `${t.number(n)} ${percent(t, rate)}`;

describe('crm-market-report', () => {
  let report: MarketReport;

  before(async () => {
    report = await api.reports.market(PERIODS);
  });

  it('is registered, and a second registration does not throw', async () => {
    expect(customElements.get('crm-market-report')).to.equal(CrmMarketReport);
    const { define } = await import('../shared/define.js');
    expect(() => define('crm-market-report', class extends HTMLElement {})).not.to.throw();
  });

  it("shows the kit's funnel by campaign with cost and ROI, as bars and as a table, and passes axe", async () => {
    expect(report.campaigns.length, 'the sample has campaigns').to.be.greaterThan(1);
    const element = await reportFor();
    expect(text(part(element, 'heading'))).to.equal(`Market analysis: ${YEAR}`);
    expect(text(part(element, 'caption'))).to.contain(`against ${YEAR - 1}`);
    const figures = part(element, 'figures')!;
    expect(text(figures.querySelector('dd'))).to.equal(t.number(report.total.leads));
    expect(text(figures.querySelector('[part~="change"]'))).to.equal(
      `${t.number(report.comparison!.total.leads)} before`,
    );

    // The chart: four bars per campaign; the table beside it for screen readers, row for row.
    expect(part(element, 'chart')!.querySelectorAll('rect').length).to.equal(report.campaigns.length * 4);
    expect(funnelRows(element).map(cells)).to.deep.equal(
      report.campaigns.map((c) => [
        c.name ?? 'No campaign',
        t.number(c.leads),
        withRate(c.convertedLeads, c.conversion.converted),
        withRate(c.deals, c.conversion.deals),
        withRate(c.wonDeals, c.conversion.won),
        c.winRate === null ? '–' : percent(t, c.winRate),
        money(c.won),
        c.cost === null ? '–' : fullMoney(t, { amount: c.cost, currency: report.currency }),
        c.roi === null ? '–' : percent(t, c.roi),
      ]),
    );
    await expect(element).to.be.accessible();

    // As a table, from the keyboard.
    part(element, 'toggle')!.focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(element.view).to.equal('table');
    expect(part(element, 'chart')).to.equal(null);
    expect(funnelRows(element).length).to.equal(report.campaigns.length);
    await expect(element).to.be.accessible();
  });

  it('shows the funnel by source, the lost reasons and the competitors as the kit counts them', async () => {
    const element = await reportFor();
    const [, bySource] = part(element, 'by')!.querySelectorAll<HTMLButtonElement>('button');
    bySource!.focus();
    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    expect(element.by).to.equal('source');
    expect(bySource!.getAttribute('aria-pressed')).to.equal('true');
    expect(funnelRows(element).map((row) => text(row.querySelector('th')))).to.deep.equal(
      report.sources.map((s) => s.source ?? 'No source'),
    );
    // Sources have no cost: no cost or ROI columns.
    expect(cells(funnelRows(element)[0]!).length).to.equal(7);

    if (report.lostReasons.length)
      expect(rowsOf(element, 'lost-table').map(cells)).to.deep.equal(
        report.lostReasons.map((l) => [l.reason ?? 'No reason given', t.number(l.deals), money(l.amount)]),
      );
    else expect(text(element.shadowRoot!.querySelector('section section:nth-of-type(2) p'))).to.contain('No deals');
    if (report.competitors.length)
      expect(rowsOf(element, 'competitors-table').map(cells)).to.deep.equal(
        report.competitors.map((c) => [
          c.competitor,
          t.number(c.wonDeals),
          t.number(c.lostDeals),
          c.winRate === null ? '–' : percent(t, c.winRate),
        ]),
      );
    await expect(element).to.be.accessible();
  });

  it('steps to the period before, announcing it', async () => {
    const element = await reportFor();
    part(element, 'period')!.querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => text(part(element, 'heading')) === `Market analysis: ${YEAR - 1}`, 'no step back');
    await loaded(element);
    expect(element.startsOn).to.equal(`${YEAR - 1}-01-01`);
    expect(status(element)).to.equal(`Market analysis of ${YEAR - 1} loaded.`);
  });

  it('counts what a rep may see, and follows a new lead of theirs live', async () => {
    const rep = kitClient(REP);
    const mine = await rep.reports.market(PERIODS);
    expect(mine.total.leads).to.be.lessThan(report.total.leads);
    const element = await reportFor({ email: REP });
    const leads = () => text(part(element, 'figures')!.querySelector('dd'));
    expect(leads()).to.equal(t.number(mine.total.leads));
    await rep.leads.create({ name: 'Market report live check', source: 'web' });
    await waitUntil(() => leads() === t.number(mine.total.leads + 1), 'the new lead did not count', {
      timeout: 8000,
    });
  });

  it('says why it failed, and tries again', async () => {
    const element = await reportFor({ client: kitClient(ACME_ADMIN, flakyFetch(1).fetch) });
    expect(text(part(element, 'error'))).to.contain('Could not reach the server.');
    part(element, 'retry-button')!.click();
    await waitUntil(() => part(element, 'figures'), 'the retry did not load the report', { timeout: 8000 });
    expect(part(element, 'error')).to.equal(null);
  });

  it('speaks Traditional Chinese', async () => {
    const element = await reportFor({ locale: 'zh-Hant' });
    expect(text(part(element, 'heading'))).to.equal(`市場分析：${YEAR}年`);
    expect(text(part(element, 'toggle'))).to.equal('以表格顯示');
    expect(text(part(element, 'funnel-table')!.querySelector('thead th'))).to.equal('依行銷活動');
  });
});
