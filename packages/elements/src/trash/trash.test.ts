import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ACME_ADMIN, BASE_URL, kitClient, part, parts, status, text, tokenFor } from '../../test/kit.js';
import { knownCapabilities } from '../../test/capabilities.js';
import '../index.js';
import { CrmRecordRestoredEvent } from '../shared/events.js';
import type { CrmTrash } from './trash.js';

const admin = kitClient();
const VIEWER = 'viewer@acme.test';

async function trashFor({ email = ACME_ADMIN, resource = 'customers', locale = 'en' } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-trash resource=${resource}></crm-trash>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-trash')!;
  // The Restore buttons follow what the caller may do.
  await knownCapabilities(provider);
  await settled(element);
  return element;
}

async function settled(element: CrmTrash) {
  await waitUntil(
    () => element.shadowRoot?.querySelector('[part~="base"][aria-busy="false"]'),
    'the trash did not load',
    {
      timeout: 8000,
    },
  );
  await element.updateComplete;
}

const names = (element: CrmTrash) => parts(element, 'name').map(text);
const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;

describe('crm-trash', () => {
  it('lists trashed customers, restores one, and the kit has it back', async () => {
    const name = unique('Trashed Traders');
    const created = await admin.customers.create({ name, kind: 'company' });
    const trashed = await admin.customers.remove(created.id, { version: created.version });
    const element = await trashFor();
    expect(names(element)).to.include(name);
    const item = element.shadowRoot!.querySelector(`[part~="item"][data-id="${created.id}"]`)!;
    expect(text(item.querySelector('[part~="trashed-on"]'))).to.match(/^Moved to the trash /);
    const button = item.querySelector<HTMLButtonElement>('[part~="restore-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal(`Restore ${name}`);
    await expect(element).to.be.accessible();

    const restored = oneEvent(element, CrmRecordRestoredEvent.eventName);
    button.click();
    const { detail } = (await restored) as CrmRecordRestoredEvent;
    expect(detail).to.deep.include({ resource: 'customers' });
    expect(detail.record.id).to.equal(created.id);
    await element.updateComplete;
    expect(names(element)).to.not.include(name);
    expect(status(element)).to.equal(`${name} restored.`);
    const back = await admin.customers.get(created.id);
    expect(back.deletedAt).to.equal(null);
    expect(back.version).to.equal(trashed.version + 1);
  });

  it('shows the kind of record the user picks: trashed deals', async () => {
    const customers = await admin.customers.list({ limit: 1 });
    const pipelines = await admin.pipelines.list({ limit: 100 });
    const pipeline = pipelines.items.find((p) => p.isDefault)!;
    const deal = await admin.opportunities.create({
      name: unique('Trashed deal'),
      customerId: customers.items[0]!.id,
      pipelineId: pipeline.id,
      stageId: pipeline.stages[0]!.id,
      currency: 'USD',
    });
    await admin.opportunities.remove(deal.id, { version: deal.version });
    const element = await trashFor();
    const select = part(element, 'resource-select') as HTMLSelectElement;
    select.value = 'opportunities';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => names(element).includes(deal.name), 'the trashed deal is not listed', { timeout: 8000 });
    expect(element.resource).to.equal('opportunities');
  });

  it('offers a viewer no restore, and says so in Traditional Chinese', async () => {
    const name = unique('Viewer cannot');
    const created = await admin.customers.create({ name, kind: 'company' });
    await admin.customers.remove(created.id, { version: created.version });
    const element = await trashFor({ email: VIEWER, locale: 'zh-Hant' });
    expect(text(part(element, 'heading'))).to.equal('垃圾桶');
    expect(names(element)).to.include(name);
    expect(parts(element, 'restore-button')).to.have.length(0);
  });

  it('says when the trash is empty', async () => {
    const element = await trashFor({ resource: 'leads' });
    // Leads are trashed by no other test: the sample has none in the trash.
    expect(text(part(element, 'empty'))).to.equal('Nothing in the trash.');
  });
});
