import { CrmClient, type WinRates } from '@crmkit/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ACME_ADMIN, BASE_URL, FORMOSA_ADMIN, hostTokenFor, kitClient, part, text, tokenFor } from '../../test/kit.js';
import '../index.js';
import type { CrmForecast } from '../forecast/forecast.js';
import { moneyText, percent } from '../shared/format.js';
import { localizer } from '../shared/localize.js';
import { CrmWinRates } from './win-rates.js';

const REP = 'rep@acme.test';

async function loaded(element: HTMLElement & { updateComplete: Promise<boolean> }): Promise<void> {
  await waitUntil(
    () => element.shadowRoot?.querySelector('[part~="base"][aria-busy="false"], [part~="error"]'),
    'the report did not load',
    { timeout: 8000 },
  );
  await element.updateComplete;
}

async function winRatesFor({ email = ACME_ADMIN, locale = 'en', extra = '' } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-win-rates style="max-width: 960px" owner-id=${extra}></crm-win-rates>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-win-rates')!;
  await loaded(element);
  return element;
}

const bodyRows = (element: HTMLElement, table: string) => [
  ...element.shadowRoot!.querySelectorAll<HTMLTableRowElement>(`[part~="${table}"] tbody tr`),
];

describe('crm-win-rates', () => {
  let report: WinRates;

  before(async () => {
    report = await kitClient().reports.winRates();
  });

  it('is registered, and a second registration does not throw', async () => {
    expect(customElements.get('crm-win-rates')).to.equal(CrmWinRates);
    const { define } = await import('../shared/define.js');
    expect(() => define('crm-win-rates', class extends HTMLElement {})).not.to.throw();
  });

  it("shows each stage's set probability beside the kit's historical rate and both weighted totals, and passes axe", async () => {
    const element = await winRatesFor();
    const t = localizer('en');
    expect(text(part(element, 'heading'))).to.equal(`Win rates: ${report.name}`);
    const rows = bodyRows(element, 'table');
    expect(rows.map((row) => text(row.querySelector('th')))).to.deep.equal([
      ...report.stages.map((s) => s.name),
      'Total',
    ]);
    // The sample has closed deals: some stage has a rate, written as the kit gives it.
    const rated = report.stages.findIndex((s) => s.history.rate !== null);
    expect(rated).to.be.at.least(0);
    const stage = report.stages[rated]!;
    const cells = [...rows[rated]!.querySelectorAll('td')];
    expect(text(cells[0])).to.equal(percent(t, stage.probability / 100));
    expect(text(cells[1]!.querySelector('.rate'))).to.equal(percent(t, stage.history.rate!));
    expect(text(cells[1]!.querySelector('.count'))).to.equal(`${stage.history.won} of ${stage.history.closed}`);
    // The total's open deals: count, sum, weighted by the set probabilities and by history.
    const total = [...rows.at(-1)!.querySelectorAll('td')].map((cell) => text(cell));
    const { currency, sum, weighted, weightedByHistory } = report.total.converted;
    const money = (amount: string) => moneyText(t, { amount, currency }, sum);
    expect(total.slice(2)).to.deep.equal([
      String(report.total.count),
      money(sum),
      money(weighted),
      money(weightedByHistory),
    ]);
    // A row per member, with a rate per stage.
    const members = bodyRows(element, 'members');
    expect(members.map((row) => text(row.querySelector('th')))).to.deep.equal(report.owners.map((o) => o.name));
    await expect(element).to.be.accessible();
  });

  it('shows a rep their own rates only', async () => {
    const own = await kitClient(REP).reports.winRates();
    const element = await winRatesFor({ email: REP });
    expect(bodyRows(element, 'members').map((row) => text(row.querySelector('th')))).to.deep.equal(
      own.owners.map((o) => o.name),
    );
    expect(own.owners.length).to.be.at.most(1);
  });

  it('speaks Traditional Chinese, and passes axe', async () => {
    const element = await winRatesFor({ email: FORMOSA_ADMIN, locale: 'zh-Hant' });
    expect(text(part(element, 'heading'))).to.match(/^贏單率：/);
    expect(text(element.shadowRoot!.querySelector('thead th'))).to.equal('階段');
    await expect(element).to.be.accessible();
  });

  it("names and steps the forecast's periods on the organization's fiscal calendar", async () => {
    // The organization's settings are the host's to change, not an embedded page's.
    const admin = new CrmClient({ baseUrl: BASE_URL, token: hostTokenFor(FORMOSA_ADMIN) });
    await admin.request('PATCH', '/organization', { body: { fiscalYearStartMonth: 4 } });
    try {
      const provider = await fixture(html`
        <crm-provider base-url=${BASE_URL} token=${tokenFor(FORMOSA_ADMIN)} locale="en">
          <crm-forecast period="year"></crm-forecast>
        </crm-provider>
      `);
      const forecast = provider.querySelector<CrmForecast>('crm-forecast')!;
      // The first load on the calendar year is followed by one of the fiscal year that holds today.
      await waitUntil(() => forecast.forecast?.from.endsWith('-04-01'), 'the fiscal year did not load', {
        timeout: 8000,
      });
      await loaded(forecast);
      const from = forecast.forecast!.from;
      const ends = Number(from.slice(0, 4)) + 1;
      expect(text(part(forecast, 'heading'))).to.equal(`Forecast: FY${ends}`);
      expect(forecast.forecast!.to).to.equal(`${ends}-03-31`);
      // Quarters start in April, July, October and January: the first of the year is Q1.
      forecast.startsOn = from;
      forecast.period = 'quarter';
      await waitUntil(() => forecast.forecast?.to === `${from.slice(0, 4)}-06-30`, 'the quarter did not load');
      await loaded(forecast);
      expect(text(part(forecast, 'heading'))).to.equal(`Forecast: Q1 FY${ends}`);
    } finally {
      await admin.request('PATCH', '/organization', { body: { fiscalYearStartMonth: 1 } });
    }
  });
});
