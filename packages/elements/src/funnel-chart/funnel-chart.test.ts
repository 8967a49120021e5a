import type { Funnel } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { ACME_ADMIN, BASE_URL, gatedFetch, kitClient, part, text, tokenFor } from '../../test/kit.js';
import '../index.js';
import { fullMoney, moneyText, percent } from '../shared/format.js';
import { CrmFunnelStageSelectEvent } from '../shared/events.js';
import { localizer } from '../shared/localize.js';
import { CrmFunnelChart } from './funnel-chart.js';
import { funnelLayout, periodRange } from './geometry.js';

const TOKEN = tokenFor(ACME_ADMIN);
const api = kitClient();

function stages(chart: CrmFunnelChart): SVGGElement[] {
  return [...chart.shadowRoot!.querySelectorAll<SVGGElement>('[part~="stage"]')];
}

async function loaded(chart: CrmFunnelChart): Promise<void> {
  await waitUntil(
    () => chart.shadowRoot?.querySelector('[part~="base"][aria-busy="false"], [part~="error"]'),
    'the funnel did not load',
    { timeout: 8000 },
  );
  await chart.updateComplete;
}

async function chartFor(attributes: { locale?: string; period?: string; from?: string; to?: string } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${TOKEN} locale=${attributes.locale ?? 'en'}>
      <crm-funnel-chart
        period=${attributes.period ?? 'all'}
        from=${attributes.from ?? ''}
        to=${attributes.to ?? ''}
        style="max-width: 760px"
      ></crm-funnel-chart>
    </crm-provider>
  `);
  const chart = provider.querySelector('crm-funnel-chart')!;
  await loaded(chart);
  return chart;
}

describe('crm-funnel-chart', () => {
  let report: Funnel;

  before(async () => {
    report = await api.reports.funnel({});
  });

  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  it('is registered, and a second registration does not throw', async () => {
    expect(customElements.get('crm-funnel-chart')).to.equal(CrmFunnelChart);
    const { define } = await import('../shared/define.js');
    expect(() => define('crm-funnel-chart', class extends HTMLElement {})).not.to.throw();
  });

  it('draws a band per stage, as wide as the deals that reached it', async () => {
    const chart = await chartFor();
    const t = localizer('en');
    expect(text(part(chart, 'heading'))).to.equal(`Sales funnel: ${report.name}`);
    expect(text(part(chart, 'caption'))).to.equal(`${report.name}: deals created at any time · ${report.deals} deals`);
    const groups = stages(chart);
    expect(groups.map((g) => text(g.querySelector('.name')))).to.deep.equal(report.stages.map((s) => s.name));
    report.stages.forEach((step, index) => {
      const group = groups[index]!;
      expect(text(group.querySelector('.figures-text'))).to.equal(
        `${step.reached} deals · ${moneyText(t, { amount: step.converted.sum, currency: step.converted.currency })}`,
      );
      expect(group.getAttribute('role')).to.equal('button');
    });
    // Widths follow the counts: the first band is the widest, each narrower as fewer deals reach it.
    const widths = groups.map((g) => g.querySelector('path')!.getBoundingClientRect().width);
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).to.be.at.most(widths[i - 1]! + 0.5);
    const ratio = widths[2]! / widths[0]!;
    expect(ratio).to.be.closeTo(report.stages[2]!.reached / report.stages[0]!.reached, 0.05);
    // Conversion between stages, as the report gives it.
    const conversions = [...chart.shadowRoot!.querySelectorAll('.conversion')].map(text);
    expect(conversions).to.deep.equal(report.stages.slice(0, -1).map((s) => `↓ ${percent(t, s.conversion!)}`));
    await expect(chart).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    await expect(chart).to.be.accessible();
  });

  it('shows the same figures as a table, matching the API', async () => {
    const chart = await chartFor();
    const t = localizer('en');
    const toggle = part(chart, 'toggle')!;
    expect(text(toggle)).to.equal('Show as table');
    toggle.click();
    await chart.updateComplete;
    expect(chart.view).to.equal('table');
    expect(text(part(chart, 'toggle'))).to.equal('Show as chart');
    const table = part(chart, 'table')!;
    expect([...table.querySelectorAll('thead th')].map(text)).to.deep.equal([
      'Stage',
      'Reached',
      'Amount',
      'Moved on',
      'Of all',
      'Dropped off',
      'Days in stage',
    ]);
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows).to.have.length(report.stages.length);
    report.stages.forEach((step, index) => {
      const cells = [...rows[index]!.querySelectorAll('th, td')].map(text);
      expect(cells).to.deep.equal([
        step.name,
        t.number(step.reached),
        fullMoney(t, { amount: step.converted.sum, currency: step.converted.currency }),
        step.conversion === null ? '–' : percent(t, step.conversion),
        step.overall === null ? '–' : percent(t, step.overall),
        step.dropOff === null ? '–' : t.number(step.dropOff),
        step.averageDaysInStage === null
          ? '–'
          : t.number(step.averageDaysInStage, {
              style: 'unit',
              unit: 'day',
              unitDisplay: 'long',
              maximumFractionDigits: 1,
            }),
      ]);
    });
    await expect(chart).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    await expect(chart).to.be.accessible();
    // Choosing a stage in the table fires the same event as in the chart.
    const selected = oneEvent(chart, CrmFunnelStageSelectEvent.eventName);
    rows[1]!.querySelector('button')!.click();
    expect((await selected).detail.stage.stageId).to.equal(report.stages[1]!.stageId);
  });

  it('shows sums past 2^53 to the last cent', async () => {
    // A pipeline of the test's own: three deals of the largest amount the contract accepts.
    const suffix = `${Date.now().toString(36)}`;
    const pipeline = await api.pipelines.create({
      name: `Big funnel ${suffix}`,
      stages: [
        { name: 'Open', probability: 50 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    const customer = await api.customers.create({ name: `Big funnel customer ${suffix}` });
    for (let i = 0; i < 3; i++) {
      await api.opportunities.create({
        name: `Big ${i}`,
        customerId: customer.id,
        pipelineId: pipeline.id,
        stageId: pipeline.stages[0]!.id,
        amount: Number.MAX_SAFE_INTEGER,
        currency: 'USD',
      });
    }
    const provider = await fixture(html`
      <crm-provider base-url=${BASE_URL} token=${TOKEN} locale="en">
        <crm-funnel-chart pipeline-id=${pipeline.id} view="table"></crm-funnel-chart>
      </crm-provider>
    `);
    const chart = provider.querySelector('crm-funnel-chart')!;
    await loaded(chart);
    const first = part(chart, 'table')!.querySelector('tbody tr')!;
    // 3 × 9,007,199,254,740,991 cents: as a number it would end in …229.72.
    expect(text(first.querySelectorAll('td')[1]!)).to.equal('$270,215,977,642,229.73');
  });

  it('lets the keyboard walk the stages, with a tooltip, and Enter choose one', async () => {
    const chart = await chartFor();
    const [first, second] = stages(chart);
    expect(first!.getAttribute('tabindex')).to.equal('0');
    expect(second!.getAttribute('tabindex')).to.equal('-1');
    first!.focus();
    await chart.updateComplete;
    const tooltip = () => part(chart, 'tooltip');
    expect(text(tooltip())).to.contain(report.stages[0]!.name);
    expect(text(tooltip())).to.contain(`Reached ${report.stages[0]!.reached}`);
    expect(first!.getAttribute('aria-describedby')).to.equal('tooltip');
    expect(first!.getAttribute('aria-label')).to.contain(`moved on to ${report.stages[1]!.name}`);
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => chart.shadowRoot!.activeElement === stages(chart)[1], 'focus did not move');
    expect(text(tooltip())).to.contain(report.stages[1]!.name);
    const selected = oneEvent(chart, CrmFunnelStageSelectEvent.eventName);
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.detail.stage).to.deep.equal(report.stages[1]);
    expect(event.bubbles && event.composed).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await chart.updateComplete;
    expect(tooltip()).to.equal(null);
  });

  it('fires crm-funnel-stage-select on a click', async () => {
    const chart = await chartFor();
    const selected = oneEvent(chart, CrmFunnelStageSelectEvent.eventName);
    stages(chart)[2]!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect((await selected).detail.stage.name).to.equal(report.stages[2]!.name);
  });

  it('filters by period and by owner', async () => {
    const requests: string[] = [];
    const client = kitClient(ACME_ADMIN, async (request) => {
      requests.push(request.url);
      return fetch(request);
    });
    const provider = await fixture(
      html`<crm-provider .client=${client} locale="en">
        <crm-funnel-chart></crm-funnel-chart>
      </crm-provider>`,
    );
    const chart = provider.querySelector('crm-funnel-chart')!;
    await loaded(chart);
    const period = chart.shadowRoot!.querySelector<HTMLSelectElement>('select[name="period"]')!;
    period.value = 'this-year';
    period.dispatchEvent(new Event('change'));
    const range = periodRange('this-year')!;
    await waitUntil(() => requests.some((url) => url.includes(`from=${range.from}`) && url.includes(`to=${range.to}`)));
    await loaded(chart);

    period.value = 'custom';
    period.dispatchEvent(new Event('change'));
    await chart.updateComplete;
    chart.from = '2000-01-01';
    chart.to = '2000-01-31';
    await waitUntil(() => part(chart, 'empty'), 'no empty state for a period without deals');
    expect(text(part(chart, 'empty'))).to.contain('No deals in this period.');
    expect(part(chart, 'toggle')).to.equal(null);
    await expect(chart).to.be.accessible();

    chart.period = 'all';
    chart.from = '';
    chart.to = '';
    await waitUntil(() => chart.shadowRoot!.querySelector('select[name="owner"]'), 'no owner filter');
    const owner = chart.shadowRoot!.querySelector<HTMLSelectElement>('select[name="owner"]')!;
    const rep = [...owner.options].find((o) => o.text === 'Ryan Patel')!;
    owner.value = rep.value;
    owner.dispatchEvent(new Event('change'));
    await waitUntil(() => requests.some((url) => url.includes(`ownerId=${rep.value}`)), 'owner not sent');
    await loaded(chart);
    const own = await api.reports.funnel({ ownerId: rep.value });
    expect(text(part(chart, 'caption'))).to.contain(`${own.deals} deal`);
  });

  it('keeps the figures on show, dimmed, while reload() reads them again', async () => {
    let held = false;
    let release: (() => void) | undefined;
    const client = kitClient(ACME_ADMIN, async (request) => {
      if (held && new URL(request.url).pathname.endsWith('/reports/funnel')) {
        await new Promise<void>((go) => (release = go));
      }
      return fetch(request);
    });
    const provider = await fixture(
      html`<crm-provider .client=${client} locale="en">
        <crm-funnel-chart view="table"></crm-funnel-chart>
      </crm-provider>`,
    );
    const chart = provider.querySelector('crm-funnel-chart')!;
    await loaded(chart);
    const before = text(part(chart, 'table'));
    expect(before).to.contain(report.stages[0]!.name);

    held = true;
    chart.reload();
    await waitUntil(() => release, 'the funnel was not read again');
    await chart.updateComplete;
    // No skeleton, no jump: the same table, marked busy, until the answer arrives.
    expect(part(chart, 'skeleton')).to.equal(null);
    expect(text(part(chart, 'table'))).to.equal(before);
    expect(part(chart, 'base')!.getAttribute('aria-busy')).to.equal('true');
    expect(part(chart, 'base')!.classList.contains('reloading')).to.equal(true);
    expect(part(chart, 'toggle')).not.to.equal(null);

    held = false;
    release!();
    await loaded(chart);
    expect(part(chart, 'base')!.classList.contains('reloading')).to.equal(false);
    expect(part(chart, 'table')).not.to.equal(null);
  });

  it('starts from the skeleton for another pipeline, not from the dimmed figures of the last', async () => {
    const api = kitClient(ACME_ADMIN);
    const other = await api.pipelines.create({
      name: `Renewals ${Math.random().toString(36).slice(2, 8)}`,
      stages: [
        { name: 'Due', probability: 50 },
        { name: 'Renewed', probability: 100, kind: 'won' },
      ],
    });
    let held = false;
    let release: (() => void) | undefined;
    const client = kitClient(ACME_ADMIN, async (request) => {
      if (held && new URL(request.url).pathname.endsWith('/reports/funnel')) {
        await new Promise<void>((go) => (release = go));
      }
      return fetch(request);
    });
    const provider = await fixture(
      html`<crm-provider .client=${client} locale="en">
        <crm-funnel-chart view="table"></crm-funnel-chart>
      </crm-provider>`,
    );
    const chart = provider.querySelector('crm-funnel-chart')!;
    await loaded(chart);

    held = true;
    chart.pipelineId = other.id;
    await waitUntil(() => release, 'the other funnel was not read');
    await chart.updateComplete;
    expect(part(chart, 'skeleton')).not.to.equal(null);
    expect(part(chart, 'table')).to.equal(null);
    held = false;
    release!();
    await loaded(chart);
    expect(chart.funnel!.pipelineId).to.equal(other.id);
    expect(part(chart, 'skeleton')).to.equal(null);
    expect(text(part(chart, 'heading'))).to.contain(other.name);
  });

  it('shows a skeleton while loading, explains failures and retries', async () => {
    const gate = gatedFetch();
    const provider = await fixture(
      html`<crm-provider .client=${kitClient(ACME_ADMIN, gate.fetch)}>
        <crm-funnel-chart></crm-funnel-chart>
      </crm-provider>`,
    );
    const chart = provider.querySelector('crm-funnel-chart')!;
    await chart.updateComplete;
    expect(part(chart, 'skeleton')).not.to.equal(null);
    expect(text(part(chart, 'heading'))).to.equal('Loading the funnel…');
    await expect(chart).to.be.accessible();
    gate.release();
    await loaded(chart);

    let fail = true;
    const flaky = kitClient(ACME_ADMIN, async (request) => {
      if (fail) throw new TypeError('Failed to fetch');
      return fetch(request);
    });
    const other = await fixture(
      html`<crm-provider .client=${flaky}><crm-funnel-chart></crm-funnel-chart></crm-provider>`,
    );
    const failing = other.querySelector('crm-funnel-chart')!;
    await waitUntil(() => part(failing, 'error'), 'no error');
    expect(text(part(failing, 'error'))).to.contain('Could not reach the server.');
    fail = false;
    part(failing, 'retry-button')!.click();
    await waitUntil(() => stages(failing).length > 0, 'did not load after retry');

    const missing = await fixture<CrmFunnelChart>(
      html`<crm-funnel-chart
        base-url=${BASE_URL}
        token=${TOKEN}
        pipeline-id=${crypto.randomUUID()}
      ></crm-funnel-chart>`,
    );
    await waitUntil(() => part(missing, 'error'), 'no error');
    expect(text(part(missing, 'error'))).to.contain('Pipeline not found.');
  });

  it('speaks Traditional and Simplified Chinese', async () => {
    const provider = await fixture(html`
      <crm-provider base-url=${BASE_URL} token=${tokenFor('admin@formosa.test')} locale="zh-Hant">
        <crm-funnel-chart></crm-funnel-chart>
      </crm-provider>
    `);
    const chart = provider.querySelector('crm-funnel-chart')!;
    await loaded(chart);
    expect(text(part(chart, 'heading'))).to.match(/^銷售漏斗：/);
    expect(text(part(chart, 'caption'))).to.contain('任何時間建立的商機');
    expect(text(part(chart, 'toggle'))).to.equal('以表格顯示');
    await expect(chart).to.be.accessible();
    provider.setAttribute('locale', 'zh-Hans');
    await waitUntil(() => text(part(chart, 'heading')).startsWith('销售漏斗：'));
    expect(text(stages(chart)[0]!.querySelector('.figures-text'))).to.contain('个商机');
  });

  it('lays out bands in proportion, keeping a sliver for empty stages', () => {
    const { bands, height } = funnelLayout([100, 50, 0], { width: 200, bandHeight: 40, gap: 10 });
    expect(bands.map((b) => b.top)).to.deep.equal([200, 100, 6]);
    expect(bands.map((b) => b.bottom)).to.deep.equal([100, 6, 6]);
    expect(bands.map((b) => b.y)).to.deep.equal([0, 50, 100]);
    expect(height).to.equal(140);
    expect(periodRange('last-30-days', new Date(2026, 2, 31))).to.deep.equal({ from: '2026-03-02', to: '2026-03-31' });
    expect(periodRange('last-year', new Date(2026, 2, 31))).to.deep.equal({ from: '2025-01-01', to: '2025-12-31' });
    // A fiscal year that starts in April: FY2027 runs from April 2026 to March 2027.
    expect(periodRange('this-year', new Date(2026, 2, 31), 4)).to.deep.equal({ from: '2025-04-01', to: '2026-03-31' });
    expect(periodRange('this-year', new Date(2026, 3, 1), 4)).to.deep.equal({ from: '2026-04-01', to: '2027-03-31' });
    expect(periodRange('last-year', new Date(2026, 3, 1), 4)).to.deep.equal({ from: '2025-04-01', to: '2026-03-31' });
    expect(periodRange('custom')).to.equal(undefined);
  });
});
