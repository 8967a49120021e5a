// Role-aware elements: the provider reads what the caller may do (`GET /me`) and every element
// inside offers only that; used alone, elements behave as they always did.
import type { CrmClient } from '@crmkit/core';
import { ignoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ACME_ADMIN, BASE_URL, findCustomer, kitClient, tokenFor } from '../../test/kit.js';
import { CapabilitiesProbe } from '../../test/capabilities.js';
import '../index.js';
import type { CrmActivityLog } from '../activity-log/activity-log.js';
import type { CrmCustomerCard } from '../customer-card/customer-card.js';
import type { CrmCustomerList } from '../customer-list/customer-list.js';
import type { CrmPipelineBoard } from '../pipeline-board/pipeline-board.js';
import type { CrmProvider } from './provider.js';

const REP = 'rep@acme.test';
const VIEWER = 'viewer@acme.test';

function part(root: Element, name: string): HTMLElement | null {
  return root.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}
function options(select: HTMLSelectElement | null): string[] {
  return [...(select?.options ?? [])].map((option) => option.textContent!.trim());
}

/** Elements inside a provider signed in as `email`, once it knows the caller's capabilities. */
async function inProvider<T extends Element>(email: string, template: unknown, selector: string) {
  const client = kitClient(email);
  const provider = await fixture<CrmProvider>(html`
    <crm-provider .client=${client} locale="en">
      <test-capabilities-probe></test-capabilities-probe>
      ${template}
    </crm-provider>
  `);
  const probe = provider.querySelector<CapabilitiesProbe>('test-capabilities-probe')!;
  await waitUntil(() => probe.capabilities, 'no capabilities', { timeout: 5000 });
  const element = provider.querySelector<T & { updateComplete: Promise<boolean> }>(selector)!;
  await element.updateComplete;
  return { provider, probe, element, client };
}

describe('role-aware elements', () => {
  let restoreOnError: (() => void) | undefined;
  before(() => {
    restoreOnError = ignoreWindowResizeObserverLoopErrors({ suppressErrorLogging: true });
  });
  after(() => restoreOnError?.());

  describe('crm-provider', () => {
    it('hands down what the caller may do, and reads it again for another sign-in', async () => {
      let email = REP;
      const client: CrmClient = kitClient(REP, (request) => {
        const headers = new Headers(request.headers);
        headers.set('authorization', `Bearer ${tokenFor(email)}`);
        return fetch(new Request(request, { headers }));
      });
      const provider = await fixture<CrmProvider>(html`
        <crm-provider .client=${client}><test-capabilities-probe></test-capabilities-probe></crm-provider>
      `);
      const probe = provider.querySelector<CapabilitiesProbe>('test-capabilities-probe')!;
      await waitUntil(() => probe.capabilities, 'no capabilities', { timeout: 5000 });
      expect(probe.capabilities).to.include({ role: 'rep', visibility: 'own' });
      expect(probe.capabilities!.resources.customers.create).to.equal(true);

      email = VIEWER;
      provider.refreshCapabilities();
      await waitUntil(() => probe.capabilities?.role === 'viewer', 'not read again', { timeout: 5000 });
      expect(probe.capabilities!.resources.customers.create).to.equal(false);
      expect(probe.capabilities!.opportunities.move).to.equal(false);
    });

    it('hands down none when the caller is not signed in, and elements behave as before', async () => {
      const provider = await fixture<CrmProvider>(html`
        <crm-provider base-url=${BASE_URL} token="test:nobody@nowhere.test">
          <test-capabilities-probe></test-capabilities-probe>
        </crm-provider>
      `);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(provider.querySelector<CapabilitiesProbe>('test-capabilities-probe')!.capabilities).to.equal(undefined);
    });
  });

  describe('for a viewer', () => {
    it('the activity log has no composer and no task checkboxes', async () => {
      const customer = await findCustomer('Northwind');
      const { element } = await inProvider<CrmActivityLog>(
        VIEWER,
        html`<crm-activity-log for="customer:${customer.id}" no-live></crm-activity-log>`,
        'crm-activity-log',
      );
      await waitUntil(() => part(element, 'item') || part(element, 'empty'), 'the log did not load', { timeout: 5000 });
      expect(part(element, 'composer')).to.equal(null);
      expect(part(element, 'task-toggle')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('the board offers no new deal, and its deals do not move by keyboard or say they can', async () => {
      const { element } = await inProvider<CrmPipelineBoard>(
        VIEWER,
        html`<crm-pipeline-board></crm-pipeline-board>`,
        'crm-pipeline-board',
      );
      await waitUntil(() => element.shadowRoot!.querySelector('crm-pipeline-column'), 'no board', { timeout: 8000 });
      const column = element.shadowRoot!.querySelector('crm-pipeline-column')!;
      await waitUntil(() => column.shadowRoot!.querySelector('.card'), 'no cards', { timeout: 5000 });
      expect(part(element, 'create-button')).to.equal(null);
      expect(part(column, 'add-button')).to.equal(null);
      const card = column.shadowRoot!.querySelector<HTMLElement>('.card')!;
      expect(card.hasAttribute('aria-describedby')).to.equal(false);
      card.focus();
      await sendKeys({ press: 'Space' });
      await element.updateComplete;
      expect(column.shadowRoot!.querySelector('.card.lifted')).to.equal(null);
      expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).not.to.contain('Picked up');
    });

    it('the card offers no Edit, even when editable, and no new contact or deal', async () => {
      const customer = await findCustomer('Northwind');
      const { element } = await inProvider<CrmCustomerCard>(
        VIEWER,
        html`<crm-customer-card customer-id=${customer.id} editable></crm-customer-card>`,
        'crm-customer-card',
      );
      await waitUntil(() => element.customer, 'the card did not load', { timeout: 5000 });
      await element.updateComplete;
      expect(part(element, 'edit-button')).to.equal(null);
      expect(part(element, 'create-button')).to.equal(null);
    });

    it('the customer list offers no new customer', async () => {
      const { element } = await inProvider<CrmCustomerList>(
        VIEWER,
        html`<crm-customer-list style="height: 20rem"></crm-customer-list>`,
        'crm-customer-list',
      );
      await waitUntil(() => element.customers.length, 'the list did not load', { timeout: 5000 });
      expect(part(element, 'create-button')).to.equal(null);
    });
  });

  describe('for a rep', () => {
    it('the owner filters list only the owners whose records the rep sees', async () => {
      const list = await inProvider<CrmCustomerList>(
        REP,
        html`<crm-customer-list style="height: 20rem"></crm-customer-list>`,
        'crm-customer-list',
      );
      const listOwner = () => list.element.shadowRoot!.querySelector<HTMLSelectElement>('[data-filter="owner"]');
      await waitUntil(() => options(listOwner()).length, 'no owner filter', { timeout: 5000 });
      expect(options(listOwner())).to.deep.equal(['All owners', 'Ryan Patel']);
      expect(part(list.element, 'create-button')).not.to.equal(null);

      const board = await inProvider<CrmPipelineBoard>(
        REP,
        html`<crm-pipeline-board></crm-pipeline-board>`,
        'crm-pipeline-board',
      );
      const boardOwner = () => board.element.shadowRoot!.querySelector<HTMLSelectElement>('select[name="owner"]');
      await waitUntil(() => options(boardOwner()).length, 'no board owner filter', { timeout: 8000 });
      expect(options(boardOwner())).to.deep.equal(['All owners', 'Ryan Patel']);
      expect(part(board.element, 'create-button')).not.to.equal(null);
    });
  });

  describe('without a provider', () => {
    it('elements offer what they always did, and no create buttons', async () => {
      const customer = await findCustomer('Northwind');
      const wrapper = await fixture(
        html`<div>
          <crm-activity-log base-url=${BASE_URL} token=${tokenFor(VIEWER)} for="customer:${customer.id}" no-live>
          </crm-activity-log>
          <crm-customer-card base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)} customer-id=${customer.id} editable>
          </crm-customer-card>
        </div>`,
      );
      const log = wrapper.querySelector<CrmActivityLog>('crm-activity-log')!;
      const card = wrapper.querySelector<CrmCustomerCard>('crm-customer-card')!;
      await waitUntil(() => part(log, 'composer') && card.customer, 'did not load', { timeout: 5000 });
      await card.updateComplete;
      expect(part(card, 'edit-button')).not.to.equal(null);
      expect(part(card, 'create-button')).to.equal(null);
    });
  });
});
