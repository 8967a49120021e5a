import { CrmClient } from '@crmkit/core';
import type { CrmCustomerCard, CrmCustomerList, CrmCustomerSelectEvent } from '@crmkit/elements';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { pendingClient, storyClient, type SampleOrg } from './kit.js';

interface Args {
  locale: 'en' | 'zh-Hant' | 'zh-Hans';
  theme: 'auto' | 'light' | 'dark';
  search: string;
  lifecycleStage: '' | 'subscriber' | 'lead' | 'prospect' | 'customer' | 'evangelist' | 'churned';
  sort: 'name' | '-name' | 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt';
}

/** A client whose requests all fail as a dropped network does. */
function offlineClient(): CrmClient {
  return new CrmClient({ baseUrl: '/api/crm', fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
}

function list(args: Args, client: CrmClient, height = '30rem') {
  return html`
    <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-customer-list
        style=${`height: ${height}`}
        search=${args.search}
        lifecycle-stage=${args.lifecycleStage}
        sort=${args.sort}
        @crm-customer-select=${action('crm-customer-select')}
      ></crm-customer-list>
    </crm-provider>
  `;
}

const org = (client: SampleOrg) => (args: Args) => list(args, storyClient(client));

const meta = {
  title: 'Components/Customer list',
  component: 'crm-customer-list',
  args: { locale: 'en', theme: 'auto', search: '', lifecycleStage: '', sort: 'name' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-Hant', 'zh-Hans'] },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    search: { control: 'text' },
    lifecycleStage: {
      control: 'select',
      options: ['', 'subscriber', 'lead', 'prospect', 'customer', 'evangelist', 'churned'],
    },
    sort: { control: 'select', options: ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] },
  },
  render: org('acme'),
  decorators: [(story) => html`<div style="max-width: 60rem">${story()}</div>`],
  parameters: {
    docs: {
      description: {
        component:
          'Every story runs the real crmkit kit inside the page (PGlite in memory, seeded with the sample ' +
          'organizations): search, filters, sort and paging are real `GET /customers` queries. Rows are ' +
          'virtualized, so the list stays smooth with 100,000 customers (see `bench/customer-list-scroll.ts`).',
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};

export const Filtered: Story = {
  name: 'Filtered and sorted',
  args: { lifecycleStage: 'customer', sort: '-updatedAt' },
};

export const Search: Story = {
  name: 'Searching',
  args: { search: 'bakery' },
};

export const Selected: Story = {
  name: 'Row selected, keyboard focus',
  play: async ({ canvasElement }) => {
    const found = canvasElement.querySelector<CrmCustomerList>('crm-customer-list')!;
    for (let i = 0; i < 600 && !found.customers.length; i++) await new Promise((r) => setTimeout(r, 50));
    found.selected = found.customers[1]!.id;
    await found.updateComplete;
    const box = found.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!;
    box.focus();
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
  },
};

export const WithCard: Story = {
  name: 'With a customer card',
  render: (args) => {
    const client = storyClient('acme');
    const choose = (event: CrmCustomerSelectEvent) => {
      const card = (event.currentTarget as HTMLElement).querySelector<CrmCustomerCard>('crm-customer-card')!;
      card.customerId = event.detail.customer.id;
    };
    return html`
      <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
        <div
          style="display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1rem; align-items: start"
          @crm-customer-select=${choose}
        >
          <crm-customer-list style="height: 34rem"></crm-customer-list>
          <crm-customer-card editable></crm-customer-card>
        </div>
      </crm-provider>
    `;
  },
  decorators: [(story) => html`<div style="max-width: 72rem">${story()}</div>`],
  play: async ({ canvasElement }) => {
    // Choose the first customer, as a user would.
    const found = canvasElement.querySelector<CrmCustomerList>('crm-customer-list')!;
    for (let i = 0; i < 600 && !found.shadowRoot?.querySelector('[role="option"]'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    found.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!.click();
  },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant' },
  render: org('formosa'),
};

export const SimplifiedChinese: Story = {
  name: 'Simplified Chinese',
  args: { locale: 'zh-Hans' },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [
    (story) =>
      html`<div style="color-scheme: dark; background: Canvas; color: CanvasText; padding: 1.5rem; max-width: 60rem">
        ${story()}
      </div>`,
  ],
};

export const Narrow: Story = {
  name: 'Narrow (320px)',
  decorators: [(story) => html`<div style="width: 320px">${story()}</div>`],
};

export const NarrowChinese: Story = {
  name: 'Narrow (320px), Traditional Chinese',
  args: { locale: 'zh-Hant' },
  render: org('formosa'),
  decorators: [(story) => html`<div style="width: 320px">${story()}</div>`],
};

export const Loading: Story = {
  render: (args) => list(args, pendingClient()),
};

export const Empty: Story = {
  name: 'Nothing matches',
  args: { search: 'no customer is called this' },
};

export const NetworkError: Story = {
  name: 'Error',
  render: (args) => list(args, offlineClient()),
};
