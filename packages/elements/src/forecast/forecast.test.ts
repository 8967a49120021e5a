import type { Forecast } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ACME_ADMIN, BASE_URL, FORMOSA_ADMIN, kitClient, part, status, text, tokenFor } from '../../test/kit.js';
import '../index.js';
import { fullMoney, moneyText, percent, shortDay } from '../shared/format.js';
import { CrmForecastSelectEvent } from '../shared/events.js';
import { localizer } from '../shared/localize.js';
import { CrmForecast } from './forecast.js';

const REP = 'rep@acme.test';
const MANAGER = 'manager@acme.test';
const api = kitClient();
const YEAR = String(new Date().getFullYear());

async function loaded(element: CrmForecast): Promise<void> {
  await waitUntil(
    () => element.shadowRoot?.querySelector('[part~="base"][aria-busy="false"], [part~="error"]'),
    'the forecast did not load',
    { timeout: 8000 },
  );
  await element.updateComplete;
}

async function forecastFor({
  email = ACME_ADMIN,
  locale = 'en',
  period = 'year',
  startsOn = `${YEAR}-01-01`,
}: { email?: string; locale?: string; period?: string; startsOn?: string } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-forecast period=${period} starts-on=${startsOn} style="max-width: 960px"></crm-forecast>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-forecast')!;
  await loaded(element);
  return element;
}

const rows = (element: CrmForecast) => [...element.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')];
const rowNames = (element: CrmForecast) => rows(element).map((row) => text(row.querySelector('.name')));

describe('crm-forecast', () => {
  let report: Forecast;

  before(async () => {
    report = await api.reports.forecast({ period: 'year', startsOn: `${YEAR}-01-01` });
  });

  it('is registered, and a second registration does not throw', async () => {
    expect(customElements.get('crm-forecast')).to.equal(CrmForecast);
    const { define } = await import('../shared/define.js');
    expect(() => define('crm-forecast', class extends HTMLElement {})).not.to.throw();
  });

  it("shows every team and member of the kit's forecast with their figures, and passes axe", async () => {
    const element = await forecastFor();
    const t = localizer('en');
    expect(text(part(element, 'heading'))).to.equal(`Forecast: ${YEAR}`);
    const names = rowNames(element);
    // Teams (as their tree), then members, then the deals without an owner if any, then the total.
    expect(names.slice(0, report.teams.length).sort()).to.deep.equal(report.teams.map((team) => team.name).sort());
    expect(names.slice(report.teams.length, report.teams.length + report.members.length)).to.deep.equal(
      report.members.map((m) => m.name),
    );
    expect(names.at(-1)).to.equal('Total');
    const total = rows(element).at(-1)!;
    const cells = [...total.querySelectorAll('td')].map((cell) => text(cell));
    const money = (sum: string) => moneyText(t, { amount: sum, currency: report.baseCurrency });
    // Quota, closed, attainment, commit, best case, pipeline, omitted, and the admin's Adjust column
    // (empty on the total).
    expect(cells).to.deep.equal([
      '',
      money(report.total.closed.converted.sum),
      '–',
      money(report.total.commit.converted.sum),
      money(report.total.bestCase.converted.sum),
      money(report.total.pipeline.converted.sum),
      money(report.total.omitted.converted.sum),
      '',
    ]);
    await expect(element).to.be.accessible();
  });

  it("shows a member's quota against what they closed, and follows a quota as it changes", async () => {
    const member = report.members.find((m) => m.quota && m.closed.count > 0) ?? report.members.find((m) => m.quota)!;
    const element = await forecastFor();
    const t = localizer('en');
    const money = (amount: string | number) => moneyText(t, { amount, currency: report.baseCurrency });
    const row = () => element.shadowRoot!.querySelector(`tr[data-key="member:${member.ownerId}"]`)!;
    const cells = () => [...row().querySelectorAll('td')].map((cell) => text(cell));
    expect(cells()[0]).to.equal(money(member.quota!.amount));
    expect(cells()[2]).to.equal(percent(t, Number(member.closed.converted.sum) / Number(member.quota!.amount)));
    // The bar draws the quota.
    expect(row().querySelector('svg.bar line.quota')).not.to.equal(null);

    const [quota] = (await api.quotas.list({ ownerId: member.ownerId, period: 'year', startsOn: `${YEAR}-01-01` }))
      .items;
    await api.quotas.update(quota!.id, { amount: 10_000_000 });
    try {
      // The live change stream reloads the forecast.
      await waitUntil(() => cells()[0] === money(10_000_000), 'the new quota did not show', { timeout: 8000 });
      expect(cells()[2]).to.equal(percent(t, Number(member.closed.converted.sum) / 10_000_000));
    } finally {
      await api.quotas.update(quota!.id, { amount: quota!.amount });
    }
  });

  it('tells the host which deals a figure stands for, by click or keyboard', async () => {
    const element = await forecastFor();
    const member = report.members.find((m) => m.pipeline.count > 0)!;
    const row = element.shadowRoot!.querySelector(`tr[data-key="member:${member.ownerId}"]`)!;
    const button = row.querySelectorAll<HTMLButtonElement>('button.figure')[3]!; // pipeline
    expect(button.getAttribute('aria-label')).to.match(
      new RegExp(`^Pipeline of ${member.name}: ${member.pipeline.count} deals?, `),
    );
    setTimeout(() => button.click());
    const clicked = (await oneEvent(element, CrmForecastSelectEvent.eventName)) as CrmForecastSelectEvent;
    expect(clicked.detail).to.deep.equal({
      ownerId: member.ownerId,
      category: 'pipeline',
      from: `${YEAR}-01-01`,
      to: `${YEAR}-12-31`,
    });
    button.focus();
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const pressed = (await oneEvent(element, CrmForecastSelectEvent.eventName)) as CrmForecastSelectEvent;
    expect(pressed.detail.category).to.equal('pipeline');
  });

  it('steps through periods and changes their kind', async () => {
    const element = await forecastFor({ period: 'quarter', startsOn: `${YEAR}-11-15` });
    expect(text(part(element, 'heading'))).to.equal(`Forecast: Q4 ${YEAR}`);
    const [previous, next] = [...part(element, 'period')!.querySelectorAll('button')];
    previous!.click();
    await loaded(element);
    expect(element.startsOn).to.equal(`${YEAR}-07-01`);
    expect(text(part(element, 'heading'))).to.equal(`Forecast: Q3 ${YEAR}`);
    await waitUntil(() => status(element) === `Forecast of Q3 ${YEAR} loaded.`, 'the new period was not announced');
    next!.click();
    next!.click();
    await loaded(element);
    expect(text(part(element, 'heading'))).to.equal(`Forecast: Q1 ${Number(YEAR) + 1}`);
    const select = part(element, 'period')!.querySelector('select')!;
    select.value = 'month';
    select.dispatchEvent(new Event('change'));
    await loaded(element);
    expect(element.period).to.equal('month');
    expect(text(part(element, 'heading'))).to.equal(`Forecast: January ${Number(YEAR) + 1}`);
  });

  it('shows a rep their own figures and no teams', async () => {
    const own = await kitClient(REP).reports.forecast({ period: 'year', startsOn: `${YEAR}-01-01` });
    const element = await forecastFor({ email: REP });
    expect(own.teams).to.deep.equal([]);
    expect(rowNames(element).filter((name) => name !== 'Total' && name !== 'No owner')).to.deep.equal(
      own.members.map((m) => m.name),
    );
    expect(own.members.length).to.be.at.most(1);
  });

  it("lets a manager adjust a member's commit with a reason, shows it beside the deals' amount, and remove it", async () => {
    const managed = await kitClient(MANAGER).reports.forecast({ period: 'year', startsOn: `${YEAR}-01-01` });
    const member = managed.members.find((m) => m.mayAdjust && m.commit.count > 0)!;
    expect(member, 'a member the manager may adjust').to.not.equal(undefined);
    const element = await forecastFor({ email: MANAGER });
    const t = localizer('en');
    const money = (amount: string | number) => moneyText(t, { amount, currency: managed.baseCurrency });
    const row = () => element.shadowRoot!.querySelector(`tr[data-key="member:${member.ownerId}"]`)!;
    const commit = () => row().querySelectorAll('td')[3]!;
    expect(text(commit().querySelector('button.figure'))).to.equal(money(member.commit.converted.sum));
    // The manager's own row has no Adjust button: nobody adjusts their own forecast.
    const own = managed.members.find((m) => !m.mayAdjust);
    if (own)
      expect(
        element.shadowRoot!.querySelector(`tr[data-key="member:${own.ownerId}"] [part~="adjust-button"]`),
      ).to.equal(null);

    const adjust = row().querySelector<HTMLButtonElement>('[part~="adjust-button"]')!;
    expect(adjust.getAttribute('aria-label')).to.equal(`Adjust the forecast of ${member.name}`);
    adjust.click();
    const dialog = () => part(element, 'dialog') as HTMLDialogElement;
    await waitUntil(() => dialog().open, 'the dialog did not open');
    const amount = dialog().querySelector<HTMLInputElement>('#field-amount')!;
    const reason = dialog().querySelector<HTMLTextAreaElement>('#field-reason')!;
    const type = async (control: HTMLInputElement | HTMLTextAreaElement, value: string) => {
      control.value = value;
      control.dispatchEvent(new Event('input'));
      await element.updateComplete;
    };
    await type(amount, '123456.78');
    // No reason: refused beside the field, nothing written.
    part(element, 'submit-button')!.click();
    await waitUntil(() => reason.getAttribute('aria-invalid') === 'true', 'the missing reason was not flagged');
    expect((await api['forecast-adjustments'].list({ ownerId: member.ownerId })).items).to.deep.equal([]);
    await expect(element).to.be.accessible();

    await type(reason, 'Signed in principle');
    part(element, 'submit-button')!.click();
    try {
      await waitUntil(() => !dialog().open, 'the dialog did not close');
      // The change stream reloads the forecast: the adjusted amount, the deals' own beneath it.
      await waitUntil(
        () => text(commit().querySelector('button.figure')) === money(12_345_678),
        'the adjusted commit did not show',
        { timeout: 8000 },
      );
      expect(text(commit().querySelector('.adjusted'))).to.equal(`✎ Deals ${money(member.commit.converted.sum)}`);
      expect(commit().querySelector('button.figure')!.getAttribute('aria-label')).to.contain(
        `adjusted to ${fullMoney(t, { amount: 12_345_678, currency: managed.baseCurrency })} (Signed in principle)`,
      );
      expect(status(element)).to.equal(`Forecast of ${member.name} adjusted.`);
      const [stored] = (await api['forecast-adjustments'].list({ ownerId: member.ownerId })).items;
      expect(stored).to.include({ category: 'commit', amount: 12_345_678, reason: 'Signed in principle' });

      // Opened again, on the adjusted category with its amount and reason, it changes the amount…
      row().querySelector<HTMLButtonElement>('[part~="adjust-button"]')!.click();
      await waitUntil(() => dialog().open, 'the dialog did not open again');
      expect(dialog().querySelector<HTMLInputElement>('#field-amount')!.value).to.equal('123456.78');
      expect(dialog().querySelector<HTMLTextAreaElement>('#field-reason')!.value).to.equal('Signed in principle');
      await type(dialog().querySelector<HTMLInputElement>('#field-amount')!, '1000');
      part(element, 'submit-button')!.click();
      await waitUntil(
        () => text(commit().querySelector('button.figure')) === money(100_000),
        'the new amount did not show',
        {
          timeout: 8000,
        },
      );
      // … and removes it.
      row().querySelector<HTMLButtonElement>('[part~="adjust-button"]')!.click();
      await waitUntil(() => dialog().open, 'the dialog did not open a third time');
      part(element, 'remove-button')!.click();
      await waitUntil(
        () => text(commit().querySelector('button.figure')) === money(member.commit.converted.sum),
        'the removed adjustment still showed',
        { timeout: 8000 },
      );
      expect(commit().querySelector('.adjusted')).to.equal(null);
    } finally {
      for (const left of (await api['forecast-adjustments'].list({ ownerId: member.ownerId })).items) {
        await api['forecast-adjustments'].remove(left.id, { version: left.version });
      }
    }
  });

  it("keeps to a phone-wide host, the manager's Adjust column included: the table scrolls, not the page", async () => {
    const frame = await fixture<HTMLDivElement>(html`
      <div style="inline-size: 360px; overflow: auto">
        <crm-provider base-url=${BASE_URL} token=${tokenFor(MANAGER)} locale="en">
          <crm-forecast period="year" starts-on=${`${YEAR}-01-01`}></crm-forecast>
        </crm-provider>
      </div>
    `);
    const element = frame.querySelector('crm-forecast')!;
    await loaded(element);
    expect(element.shadowRoot!.querySelector('[part~="adjust-button"]')).to.not.equal(null);
    const box = element.shadowRoot!.querySelector<HTMLElement>('.table-box')!;
    expect(box.scrollWidth).to.be.greaterThan(box.clientWidth);
    expect(frame.scrollWidth).to.equal(frame.clientWidth);
    // What is positioned inside the table (the Adjust column's visually hidden header) is placed in
    // the scroll box: placed by the page, it would stick out of it and widen the page.
    const positioned = [...box.querySelectorAll<HTMLElement>('*')].filter(
      (e) => getComputedStyle(e).position === 'absolute',
    );
    expect(positioned).to.not.have.length(0);
    const outside = positioned.filter((e) => e.offsetParent !== box).map((e) => `${e.localName}.${e.className}`);
    expect(outside).to.deep.equal([]);
  });

  it('shows a rep no Adjust column', async () => {
    const element = await forecastFor({ email: REP });
    expect(element.shadowRoot!.querySelector('[part~="adjust-button"]')).to.equal(null);
    expect(element.shadowRoot!.querySelectorAll('thead th')).to.have.length(8);
  });

  it('speaks Traditional Chinese', async () => {
    const element = await forecastFor({ locale: 'zh-Hant', period: 'quarter', startsOn: `${YEAR}-10-01` });
    expect(text(part(element, 'heading'))).to.equal(`業績預測：${YEAR}年第4季`);
    const headers = [...element.shadowRoot!.querySelectorAll('thead th')].map((th) => text(th));
    expect(headers).to.deep.equal([
      '團隊或成員',
      '業績目標',
      '已成交',
      '達成率',
      '承諾',
      '最佳情況',
      '管道',
      '已排除',
      '調整',
    ]);
  });

  it('shows how a figure moved since last week: arrow and sign beneath it, since when above, all read out with the figure, in Chinese too', async () => {
    // Formosa's forecast as the weekly job took it a week ago; then a manager's call on a member's
    // best case moves it (an adjustment touches nothing but the forecast, and is removed after).
    const formosa = kitClient(FORMOSA_ADMIN);
    const taken = (await (
      await fetch(`/__test/forecast-snapshots?email=${FORMOSA_ADMIN}&daysAgo=7`, { method: 'POST' })
    ).json()) as {
      taken: number;
    };
    expect(taken.taken).to.be.greaterThan(0);
    const before = await formosa.reports.forecast({ period: 'year', startsOn: `${YEAR}-01-01` });
    const member = before.members.find((m) => m.mayAdjust)!;
    const was = BigInt(member.adjusted.bestCase.amount);
    const adjustment = await formosa['forecast-adjustments'].create({
      ownerId: member.ownerId,
      period: 'year',
      startsOn: `${YEAR}-01-01`,
      category: 'best_case',
      amount: Number(was) + 4_200_000,
      currency: before.baseCurrency,
      reason: '兩筆續約',
    });
    try {
      const element = await forecastFor({ email: FORMOSA_ADMIN, locale: 'zh-Hant' });
      const since = (await formosa.reports.forecast({ period: 'year', startsOn: `${YEAR}-01-01` })).total.change!.since;
      const row = rows(element).find((r) => r.dataset.key === `member:${member.ownerId}`)!;
      // Only best case moved: one line beneath it, none beneath the other figures.
      const changes = [...row.querySelectorAll<HTMLElement>('[part~="change"]')];
      expect(changes).to.have.length(1);
      const cell = changes[0]!.closest('td')!;
      expect([...row.querySelectorAll('td')].indexOf(cell)).to.equal(4); // quota, closed, attainment, commit, best case
      const zh = localizer('zh-Hant');
      const amount = moneyText(zh, { amount: '4200000', currency: before.baseCurrency });
      const day = shortDay(zh, since, new Date().toISOString().slice(0, 10));
      expect(text(changes[0])).to.equal(`▲ +${amount}`);
      expect(text(element.shadowRoot!.querySelector('[part~="header"]'))).to.contain(
        `數字下方標示自 ${day} 起的變動。`,
      );
      expect(changes[0]!.classList.contains('up')).to.equal(true);
      expect(changes[0]!.getAttribute('aria-hidden')).to.equal('true');
      expect(cell.querySelector('button')!.getAttribute('aria-label')).to.contain(`自 ${day} 起增加 ${amount}`);
      // The total moved with it.
      expect(text(rows(element).at(-1)!.querySelector('[part~="change"]'))).to.equal(`▲ +${amount}`);
      await expect(element).to.be.accessible();

      element.closest('crm-provider')!.setAttribute('locale', 'en');
      const en = localizer('en');
      const enAmount = moneyText(en, { amount: '4200000', currency: before.baseCurrency });
      const enDay = shortDay(en, since, new Date().toISOString().slice(0, 10));
      await waitUntil(() => text(part(element, 'heading')).startsWith('Forecast'), 'no English');
      expect(text(row.querySelector('[part~="change"]'))).to.equal(`▲ +${enAmount}`);
      expect(text(element.shadowRoot!.querySelector('[part~="header"]'))).to.contain(
        `Beneath a figure that moved: its change since ${enDay}.`,
      );
      expect(cell.querySelector('button')!.getAttribute('aria-label')).to.contain(`up ${enAmount} since ${enDay}`);
    } finally {
      await formosa['forecast-adjustments'].remove(adjustment.id);
    }
  });

  it('says when the caller may not see it, and offers to try again', async () => {
    const provider = await fixture(html`
      <crm-provider base-url=${BASE_URL} token="not-a-token" locale="en">
        <crm-forecast></crm-forecast>
      </crm-provider>
    `);
    const element = provider.querySelector('crm-forecast')!;
    await loaded(element);
    expect(text(part(element, 'error'))).to.contain('Sign in to see the forecast.');
  });
});
