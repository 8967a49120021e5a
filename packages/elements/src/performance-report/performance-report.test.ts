import type { PerformanceReport } from '@crmkit/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ACME_ADMIN, BASE_URL, kitClient, part, status, text, tokenFor } from '../../test/kit.js';
import '../index.js';
import { fullMoney, percent } from '../shared/format.js';
import { localizer } from '../shared/localize.js';
import { CrmPerformanceReport } from './performance-report.js';

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

async function loaded(element: CrmPerformanceReport): Promise<void> {
  await waitUntil(
    () => element.shadowRoot?.querySelector('[part~="base"][aria-busy="false"], [part~="error"]'),
    'the report did not load',
    { timeout: 8000 },
  );
  await element.updateComplete;
}

async function reportFor({ email = ACME_ADMIN, locale = 'en' } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-performance-report
        period="year"
        starts-on=${`${YEAR}-05-01`}
        style="max-width: 1100px"
      ></crm-performance-report>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-performance-report')!;
  await loaded(element);
  return element;
}

const rows = (element: CrmPerformanceReport) => [
  ...element.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr'),
];
const rowNames = (element: CrmPerformanceReport) => rows(element).map((row) => text(row.querySelector('.name')));
/** A row's cells, each without its change against the period before. */
const cells = (row: Element) =>
  [...row.querySelectorAll('td')].map((cell) => {
    const copy = cell.cloneNode(true) as Element;
    copy.querySelectorAll('[part~="change"], .muted').forEach((node) => node.remove());
    return text(copy);
  });

describe('crm-performance-report', () => {
  let report: PerformanceReport;

  before(async () => {
    report = await api.reports.performance(PERIODS);
  });

  it('is registered, and a second registration does not throw', async () => {
    expect(customElements.get('crm-performance-report')).to.equal(CrmPerformanceReport);
    const { define } = await import('../shared/define.js');
    expect(() => define('crm-performance-report', class extends HTMLElement {})).not.to.throw();
  });

  it("shows the kit's leaderboard, teams and total with their figures and changes, and passes axe", async () => {
    expect(report.members.length, 'the sample has sellers with deals').to.be.greaterThan(2);
    const element = await reportFor();
    const t = localizer('en');
    expect(text(part(element, 'heading'))).to.equal(`Sales performance: ${YEAR}`);
    expect(text(part(element, 'caption'))).to.equal(
      `Deals closed in ${YEAR}, compared with ${YEAR - 1}, in ${report.currency}.`,
    );
    const names = rowNames(element);
    expect(names.slice(0, report.members.length)).to.deep.equal(report.members.map((m) => m.name));
    expect(names.slice(report.members.length, report.members.length + report.teams.length)).to.deep.equal(
      report.teams.map((team) => team.name),
    );
    expect(names.at(-1)).to.equal('Total');

    const money = (sum: string | null) =>
      sum === null ? '–' : fullMoney(t, { amount: sum, currency: report.currency });
    const [leader] = report.members;
    const first = rows(element)[0]!;
    expect(text(first.querySelector('.rank'))).to.equal('1');
    expect(cells(first)).to.deep.equal([
      money(leader!.won.converted.sum),
      t.number(leader!.wonDeals),
      leader!.winRate === null ? '–' : percent(t, leader!.winRate),
      money(leader!.averageDealSize),
      leader!.salesCycleDays === null ? '–' : `${t.number(leader!.salesCycleDays, { maximumFractionDigits: 0 })} d`,
      t.number(leader!.activities.total),
      leader!.attainment === null ? '–' : percent(t, leader!.attainment),
    ]);
    // Against last year: the won amount's change, as the kit computed it.
    const growth = leader!.growth!.wonAmount;
    const change = first.querySelector('td [part~="change"]');
    if (growth === null) expect(change).to.equal(null);
    else
      expect(text(change)).to.equal(
        `against the period before: ${t.number(growth, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' })}`,
      );
    const total = rows(element).at(-1)!;
    expect(cells(total)[0]).to.equal(money(report.total.won.converted.sum));
    expect(cells(total)[5]).to.equal(t.number(report.total.activities.total));
    await expect(element).to.be.accessible();
  });

  it('steps to the period before and back, announcing each', async () => {
    const element = await reportFor();
    const previous = part(element, 'period')!.querySelector<HTMLButtonElement>('button')!;
    previous.click();
    await waitUntil(() => text(part(element, 'heading')) === `Sales performance: ${YEAR - 1}`, 'no step back');
    await loaded(element);
    expect(element.startsOn).to.equal(`${YEAR - 1}-01-01`);
    expect(status(element)).to.equal(`Sales performance of ${YEAR - 1} loaded.`);
    const before = await api.reports.performance({
      from: `${YEAR - 1}-01-01`,
      to: `${YEAR - 1}-12-31`,
      compareFrom: `${YEAR - 2}-01-01`,
      compareTo: `${YEAR - 2}-12-31`,
    });
    const quiet = before.total.wonDeals + before.total.lostDeals + before.total.activities.total === 0;
    if (quiet && !before.members.length) expect(part(element, 'empty')).to.not.equal(null);
    else expect(cells(rows(element).at(-1)!)[5]).to.equal(localizer('en').number(before.total.activities.total));

    part(element, 'period')!.querySelectorAll<HTMLButtonElement>('button')[1]!.click();
    await waitUntil(() => text(part(element, 'heading')) === `Sales performance: ${YEAR}`, 'no step forward');
    await loaded(element);
    expect(status(element)).to.equal(`Sales performance of ${YEAR} loaded.`);
    expect(rowNames(element).at(-1)).to.equal('Total');
  });

  it('shows a rep the members the kit shows them, and follows a new activity live', async () => {
    const rep = kitClient(REP);
    const mine = await rep.reports.performance(PERIODS);
    const element = await reportFor({ email: REP });
    expect(rowNames(element).slice(0, mine.members.length)).to.deep.equal(mine.members.map((m) => m.name));
    expect(rowNames(element)).to.not.include.members(
      report.members.filter((m) => !mine.members.some((n) => n.ownerId === m.ownerId)).map((m) => m.name),
    );
    const activities = () => cells(rows(element).at(-1)!)[5];
    const t = localizer('en');
    expect(activities()).to.equal(t.number(mine.total.activities.total));
    const [customer] = (await rep.customers.list({ limit: 1 })).items;
    await rep.activities.create({ type: 'call', subject: 'Performance report live check', customerId: customer!.id });
    await waitUntil(() => activities() === t.number(mine.total.activities.total + 1), 'the new call did not count', {
      timeout: 8000,
    });
  });

  it('speaks Traditional Chinese', async () => {
    const element = await reportFor({ locale: 'zh-Hant' });
    expect(text(part(element, 'heading'))).to.equal(`銷售績效：${YEAR}年`);
    expect(rowNames(element).at(-1)).to.equal('合計');
    expect(text(element.shadowRoot!.querySelector('thead th'))).to.equal('成員或團隊');
  });
});
