import type { Opportunity, Pipeline } from '@crmkit/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  ACME_ADMIN,
  BASE_URL,
  findCustomer,
  kitClient,
  part,
  parts,
  text,
  tokenFor,
  unknownId,
} from '../../test/kit.js';
import '../index.js';
import type { CrmRecordHistory } from './record-history.js';

const admin = kitClient();

async function historyFor(target: string, { locale = 'en', email = ACME_ADMIN } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-record-history for=${target}></crm-record-history>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-record-history')!;
  await waitUntil(
    () => element.shadowRoot?.querySelector('[part~="entries"], [part~="error"], [part~="empty"]'),
    'the history did not load',
    { timeout: 8000 },
  );
  await element.updateComplete;
  return element;
}

const summaries = (element: CrmRecordHistory) => parts(element, 'summary').map(text);
/** What a sighted reader sees of a change: "Label: before → after". */
const seen = (element: CrmRecordHistory, field: string) =>
  text(element.shadowRoot!.querySelector(`[part~="change"][data-field="${field}"] [aria-hidden="true"]`));

describe('crm-record-history', () => {
  let pipeline: Pipeline;
  let adminName: string;
  let customerId: string;

  before(async () => {
    pipeline = await admin.pipelines.create({
      name: `History ${Math.random().toString(36).slice(2, 8)}`,
      stages: [
        { name: 'Lead', probability: 10 },
        { name: 'Proposal', probability: 50 },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    adminName = (await admin.users.list({ limit: 50 })).items.find((u) => u.email === ACME_ADMIN)!.name;
    customerId = (await findCustomer('Northwind')).id;
  });

  const newDeal = (): Promise<Opportunity> =>
    admin.opportunities.create({
      name: `Deal ${Math.random().toString(36).slice(2, 8)}`,
      customerId,
      pipelineId: pipeline.id,
      stageId: pipeline.stages[0]!.id,
      amount: 100_000,
      currency: 'USD',
    });

  it('tells who changed which fields of a deal, from what to what, newest first, and passes axe', async () => {
    const deal = await newDeal();
    const moved = await admin.opportunities.update(
      deal.id,
      { stageId: pipeline.stages[1]!.id, amount: 250_050, expectedCloseDate: '2027-03-31' },
      { version: deal.version },
    );
    await admin.opportunities.update(deal.id, { forecastCategory: 'commit' }, { version: moved.version });
    const element = await historyFor(`opportunity:${deal.id}`);
    expect(summaries(element)).to.deep.equal([
      `${adminName} changed Forecast category`,
      `${adminName} changed Stage, Amount, and Expected close`,
      `${adminName} created it`,
    ]);
    expect(seen(element, 'forecastCategory')).to.equal('Forecast category: Pipeline → Commit');
    // Stages by name, money in the deal's currency, days in the reader's calendar.
    expect(seen(element, 'stageId')).to.equal('Stage: Lead → Proposal');
    expect(seen(element, 'amount')).to.equal('Amount: $1,000 → $2,500.50');
    expect(seen(element, 'expectedCloseDate')).to.equal('Expected close: (empty) → Mar 31, 2027');
    // A screen reader hears words, not an arrow.
    expect(text(element.shadowRoot!.querySelector('[data-field="stageId"] .visually-hidden'))).to.equal(
      'Stage: from Lead to Proposal',
    );
    await expect(element).to.be.accessible();
  });

  it('shows a change made elsewhere as soon as the kit tells of it', async () => {
    const deal = await newDeal();
    const element = await historyFor(`opportunity:${deal.id}`);
    expect(parts(element, 'entry')).to.have.length(1);
    await admin.opportunities.update(deal.id, { name: `${deal.name} (renamed)` }, { version: deal.version });
    await waitUntil(() => parts(element, 'entry').length === 2, 'the change did not arrive', { timeout: 8000 });
    expect(seen(element, 'name')).to.equal(`Name: ${deal.name} → ${deal.name} (renamed)`);
  });

  it('shows earlier changes a page at a time', async () => {
    let deal = await newDeal();
    for (let i = 1; i <= 21; i++) {
      deal = await admin.opportunities.update(deal.id, { amount: 100_000 + i * 100 }, { version: deal.version });
    }
    const element = await historyFor(`opportunity:${deal.id}`);
    expect(parts(element, 'entry')).to.have.length(20);
    part(element, 'load-more')!.click();
    await waitUntil(() => parts(element, 'entry').length === 22, 'no earlier changes');
    expect(summaries(element).at(-1)).to.equal(`${adminName} created it`);
    expect(part(element, 'load-more')).to.equal(null);
  });

  it('tells of the trash and the way back, in Traditional Chinese', async () => {
    const deal = await newDeal();
    const trashed = await admin.opportunities.remove(deal.id, { version: deal.version });
    await admin.opportunities.restore(deal.id, { version: trashed.version });
    const element = await historyFor(`opportunity:${deal.id}`, { locale: 'zh-Hant' });
    expect(text(part(element, 'heading'))).to.equal('變更紀錄');
    const changed = await admin.opportunities.update(deal.id, { amount: 200_000 }, { version: deal.version + 2 });
    await waitUntil(() => parts(element, 'entry').length === 4, 'the change did not arrive', { timeout: 8000 });
    // Labels end in the full-width colon of Chinese text; money is written as Taiwan writes US dollars.
    expect(seen(element, 'amount')).to.equal('金額： US$1,000 → US$2,000');
    expect(changed.amount).to.equal(200_000);
    expect(summaries(element).slice(1)).to.deep.equal([
      `${adminName} 從垃圾桶還原了此紀錄`,
      `${adminName} 將其移到垃圾桶`,
      `${adminName} 建立了此紀錄`,
    ]);
  });

  it('says what it needs without a record, and that an unknown record is not there', async () => {
    const none = await historyFor('');
    expect(text(part(none, 'empty'))).to.contain('for="opportunity:ID"');
    const unknown = await historyFor(`customer:${unknownId()}`);
    expect(part(unknown, 'error')).to.not.equal(null);
    expect(part(unknown, 'retry-button')).to.equal(null);
  });
});
