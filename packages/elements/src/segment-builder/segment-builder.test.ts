import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Segment } from '@crmkit/core';
import { ACME_ADMIN, BASE_URL, kitClient, part, parts, text, tokenFor } from '../../test/kit.js';
import { knownCapabilities } from '../../test/capabilities.js';
import '../index.js';
import type { CrmCustomerList } from '../customer-list/customer-list.js';
import type { CrmSegmentBuilder, CrmSegmentSavedEvent } from './segment-builder.js';

const admin = kitClient();
const VIEWER = 'viewer@acme.test';
const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;

/** Three customers in a region of their own: two tagged `vip`, one a prospect. */
async function region() {
  const name = unique('Segment Coast');
  const make = (customer: string, extra: Record<string, unknown>) =>
    admin.customers.create({ name: unique(customer), region: name, ...extra });
  const customers = [
    await make('Harbor Fabrics', { tags: ['vip'], lifecycleStage: 'customer' }),
    await make('Pier Tools', { tags: ['vip'], lifecycleStage: 'customer' }),
    await make('Dune Foods', { lifecycleStage: 'prospect' }),
  ];
  return { name, customers };
}

async function builderFor({ email = ACME_ADMIN, segmentId = '', locale = 'en' } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale} currency="USD">
      <crm-segment-builder segment-id=${segmentId}></crm-segment-builder>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-segment-builder')!;
  await knownCapabilities(provider);
  await waitUntil(() => part(element, 'form'), 'the builder did not load', { timeout: 8000 });
  await element.updateComplete;
  return element;
}

const count = (element: CrmSegmentBuilder) => text(part(element, 'count'));
const counted = (element: CrmSegmentBuilder, expected: string) =>
  waitUntil(() => count(element) === expected, `count is "${count(element)}", not "${expected}"`, { timeout: 5000 });

function type(control: HTMLInputElement | HTMLTextAreaElement, value: string) {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
function choose(control: HTMLSelectElement, value: string) {
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** The controls of the `index`th condition. */
function condition(element: CrmSegmentBuilder, index: number) {
  const row = parts(element, 'condition')[index]!;
  const get = <T extends Element>(name: string) => row.querySelector<T>(`[part~="${name}"]`)!;
  return {
    row,
    field: get<HTMLSelectElement>('condition-field'),
    op: get<HTMLSelectElement>('condition-op'),
    value: () => get<HTMLInputElement & HTMLSelectElement>('condition-value'),
  };
}

async function addCondition(element: CrmSegmentBuilder, field: string, op: string, value?: string) {
  part(element, 'add-button')!.click();
  await element.updateComplete;
  const index = parts(element, 'condition').length - 1;
  const controls = condition(element, index);
  choose(controls.field, field);
  await element.updateComplete;
  choose(controls.op, op);
  await element.updateComplete;
  if (value !== undefined) {
    const control = controls.value();
    if (control.localName === 'select') choose(control, value);
    else type(control, value);
  }
  await element.updateComplete;
}

describe('crm-segment-builder', () => {
  it('builds a segment with a live count, saves it, and the kit lists its customers', async () => {
    const coast = await region();
    const element = await builderFor();
    expect(text(part(element, 'heading'))).to.equal('New segment');
    expect(count(element)).to.equal('Complete each condition to see how many customers match.');

    await addCondition(element, 'region', 'eq', coast.name);
    // The new condition took focus, its field select first.
    expect(element.shadowRoot!.activeElement).to.equal(condition(element, 0).field);
    await counted(element, 'Matches 3 customers');
    await addCondition(element, 'tags', 'contains', 'vip');
    await counted(element, 'Matches 2 customers');
    await addCondition(element, 'lifecycleStage', 'eq', 'prospect');
    await counted(element, 'Matches 0 customers');
    // Any of them: at least the region's three.
    choose(part(element, 'match-select') as HTMLSelectElement, 'any');
    const atLeast = () => Number(/^Matches ([\d,]+) customers/.exec(count(element))?.[1]?.replace(/,/g, '') ?? 0);
    await waitUntil(() => atLeast() >= 3, count(element), { timeout: 5000 });
    choose(part(element, 'match-select') as HTMLSelectElement, 'all');
    expect(parts(element, 'remove-button').map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Remove condition 1',
      'Remove condition 2',
      'Remove condition 3',
    ]);
    parts(element, 'remove-button')[2]!.click();
    await counted(element, 'Matches 2 customers');
    await expect(element).to.be.accessible();

    const name = unique('Coastal VIPs');
    type(element.shadowRoot!.querySelector<HTMLInputElement>('#name')!, name);
    const saved = oneEvent(element, 'crm-segment-saved') as Promise<CrmSegmentSavedEvent>;
    part(element, 'save-button')!.click();
    const { detail } = await saved;
    expect(detail.segment.name).to.equal(name);
    expect(element.segmentId).to.equal(detail.segment.id);
    expect(text(part(element, 'heading'))).to.equal(name);
    const stored = await admin.segments.get(detail.segment.id);
    expect(stored.rules).to.deep.equal({
      all: [
        { field: 'region', op: 'eq', value: coast.name },
        { field: 'tags', op: 'contains', value: 'vip' },
      ],
    });
    const members = await admin.customers.list({ segmentId: stored.id, limit: 10 });
    expect(members.items.map((c) => c.id).sort()).to.deep.equal(
      coast.customers
        .slice(0, 2)
        .map((c) => c.id)
        .sort(),
    );
  });

  it('refuses a segment without a name or with an unfinished condition, saying where', async () => {
    const element = await builderFor();
    await addCondition(element, 'orderCount', 'gte');
    part(element, 'save-button')!.click();
    await element.updateComplete;
    const name = element.shadowRoot!.querySelector<HTMLInputElement>('#name')!;
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(element.shadowRoot!.activeElement).to.equal(name);
    expect(text(condition(element, 0).row.querySelector('[part~="field-error"]'))).to.equal('Required.');
    expect(condition(element, 0).value().getAttribute('aria-invalid')).to.equal('true');
  });

  it('edits a saved segment; a change made elsewhere keeps what was typed, and saving again keeps it', async () => {
    const coast = await region();
    const segment = await admin.segments.create({
      name: unique('Coast prospects'),
      rules: {
        all: [
          { field: 'region', op: 'eq', value: coast.name },
          { field: 'lifecycleStage', op: 'eq', value: 'prospect' },
        ],
      },
    });
    const element = await builderFor({ segmentId: segment.id });
    expect(parts(element, 'condition').map((row) => row.dataset.field)).to.deep.equal(['region', 'lifecycleStage']);
    expect(condition(element, 0).value().value).to.equal(coast.name);
    await counted(element, 'Matches 1 customer');

    await admin.segments.update(segment.id, { description: 'Changed elsewhere' }, { version: segment.version });
    choose(condition(element, 1).value(), 'customer');
    await counted(element, 'Matches 2 customers');
    part(element, 'save-button')!.click();
    await waitUntil(() => part(element, 'notice'), 'no conflict notice', { timeout: 5000 });
    expect(text(part(element, 'notice'))).to.match(/^Someone changed this segment/);
    expect(condition(element, 1).value().value).to.equal('customer');

    const saved = oneEvent(element, 'crm-segment-saved') as Promise<CrmSegmentSavedEvent>;
    part(element, 'save-button')!.click();
    const stored: Segment = (await saved).detail.segment;
    expect(stored.rules).to.deep.equal({
      all: [
        { field: 'region', op: 'eq', value: coast.name },
        { field: 'lifecycleStage', op: 'eq', value: 'customer' },
      ],
    });
    expect(part(element, 'notice')).to.equal(null);
  });

  it("offers one field for the days since the last order, and shows the customer analysis' own where a rule holds it", async () => {
    const segment = await admin.segments.create({
      name: unique('At risk'),
      rules: { field: 'daysSinceLastPurchase', op: 'gt', value: 90 },
    });
    const element = await builderFor({ segmentId: segment.id });
    const offered = (index: number) => [...condition(element, index).field.options].map((option) => option.value);
    expect(condition(element, 0).field.value).to.equal('daysSinceLastPurchase');
    expect(offered(0)).to.include('daysSinceLastPurchase');
    part(element, 'add-button')!.click();
    await element.updateComplete;
    expect(offered(1)).to.include('lastOrderDaysAgo');
    expect(offered(1)).to.not.include('daysSinceLastPurchase');
  });

  it('keeps rules with nested groups as they are, and shows a viewer the rules and count with nothing to change', async () => {
    const coast = await region();
    const rules = {
      any: [
        {
          all: [
            { field: 'region', op: 'eq', value: coast.name },
            { field: 'tags', op: 'contains', value: 'vip' },
          ],
        },
        { field: 'lifecycleStage', op: 'eq', value: 'churned' },
      ],
    } as const;
    const nested = await admin.segments.create({ name: unique('Nested'), rules: rules as never });
    const element = await builderFor({ segmentId: nested.id });
    expect(parts(element, 'condition')).to.have.length(0);
    expect(text(element.shadowRoot!.querySelector('.form-note'))).to.match(/^These rules nest groups/);
    type(element.shadowRoot!.querySelector<HTMLInputElement>('#name')!, `${nested.name} renamed`);
    const saved = oneEvent(element, 'crm-segment-saved') as Promise<CrmSegmentSavedEvent>;
    part(element, 'save-button')!.click();
    expect((await saved).detail.segment.rules).to.deep.equal(rules);

    const plain = await admin.segments.create({
      name: unique('Coast'),
      rules: { field: 'region', op: 'eq', value: coast.name },
    });
    const viewer = await builderFor({ email: VIEWER, segmentId: plain.id });
    await counted(viewer, 'Matches 3 customers');
    expect(part(viewer, 'save-button')).to.equal(null);
    expect(part(viewer, 'add-button')).to.equal(null);
    expect(condition(viewer, 0).field.matches(':disabled')).to.equal(true);
    await expect(viewer).to.be.accessible();
  });

  it('speaks Traditional Chinese', async () => {
    const element = await builderFor({ locale: 'zh-Hant' });
    expect(text(part(element, 'heading'))).to.equal('新增客群');
    await addCondition(element, 'lastOrderDaysAgo', 'gt', '30');
    expect(text(condition(element, 0).field.selectedOptions[0])).to.equal('距上次訂單天數');
    await waitUntil(() => /^符合 .+ 位客戶$/.test(count(element)), count(element), { timeout: 5000 });
  });
});

describe('crm-customer-list with segment-id', () => {
  /** A segment of a new region's customers that also match `rule`. */
  async function regionSegment(name: string, rule: { field: 'tags' | 'lifecycleStage'; value: string }) {
    const coast = await region();
    const segment = await admin.segments.create({
      name: unique(name),
      rules: {
        all: [
          { field: 'region', op: 'eq', value: coast.name },
          { ...rule, op: rule.field === 'tags' ? 'contains' : 'eq' },
        ],
      },
    });
    return { coast, segment };
  }

  async function listOf(segmentId = '') {
    const provider = await fixture(html`
      <crm-provider base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)} locale="en">
        <crm-customer-list segment-id=${segmentId} style="height: 300px"></crm-customer-list>
      </crm-provider>
    `);
    return provider.querySelector<CrmCustomerList>('crm-customer-list')!;
  }

  it("lists only the segment's customers", async () => {
    const { coast, segment } = await regionSegment('Coast VIPs', { field: 'tags', value: 'vip' });
    const list = await listOf(segment.id);
    await waitUntil(() => list.customers.length === 2, 'the segment was not listed', { timeout: 8000 });
    expect(list.customers.map((c) => c.name).sort()).to.deep.equal(
      coast.customers
        .slice(0, 2)
        .map((c) => c.name)
        .sort(),
    );
    // The host's scope is the list's: no other segment is offered.
    expect(Boolean(list.shadowRoot!.querySelector('[data-filter="segment"]')), 'a segment filter').to.equal(false);
  });

  it('filters by a segment the user picks, and clearing the filters lists everyone again', async () => {
    const { coast, segment } = await regionSegment('Coast prospects', { field: 'lifecycleStage', value: 'prospect' });
    const list = await listOf();
    const picker = () => list.shadowRoot!.querySelector<HTMLSelectElement>('[data-filter="segment"]');
    await waitUntil(
      () => [...(picker()?.options ?? [])].some((option) => option.value === segment.id),
      'the segment is not offered',
      { timeout: 8000 },
    );
    await waitUntil(() => list.customers.length > 1, 'the list did not load', { timeout: 8000 });
    expect(picker()!.selectedOptions[0]!.textContent!.trim()).to.equal('All segments');
    choose(picker()!, segment.id);
    await waitUntil(() => list.customers.length === 1, 'the segment was not listed', { timeout: 8000 });
    expect(list.customers[0]!.name).to.equal(coast.customers[2]!.name);
    part(list, 'clear-button')!.click();
    // Everyone again: more than the segment's one.
    await waitUntil(() => list.customers.length > 1, 'clearing did not list everyone', { timeout: 8000 });
    expect(picker()!.value).to.equal('');
  });
});
