import { CrmClient } from '@crmkit/core';
import type { CrmCustomerCard, CrmCustomerList, CrmCustomerSelectEvent } from '@crmkit/elements';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, darkCanvas, realKitDocs } from './support.js';

interface Args extends CommonArgs {
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

/**
 * Two customers with very long names, created through the kit (in this page's own database); their
 * names sort them to the top of the list.
 */
const longNames = (client: SampleOrg) => async () => {
  const kit = storyClient(client);
  const names =
    client === 'formosa'
      ? [
          '一品國際精密機械零組件暨自動化設備製造與國際貿易股份有限公司台北分公司',
          '一心生技醫療器材研發製造暨跨境電子商務股份有限公司',
        ]
      : [
          'Alpine Consolidated International Holdings and Distribution Company of North America, Inc.',
          'Aardvark & Associates Commercial Refrigeration, Restaurant Equipment and Kitchen Design Services',
        ];
  for (const name of names) {
    await kit.customers.create({
      name,
      kind: 'company',
      industry: client === 'formosa' ? '精密機械' : 'Wholesale and international trade',
      region: client === 'formosa' ? '新北' : 'Pacific Northwest',
      lifecycleStage: 'prospect',
      emails: [
        client === 'formosa'
          ? 'procurement@precision-components.example.tw'
          : 'accounts.payable@consolidated-holdings.example',
      ],
    });
  }
  return {};
};

/** Opens the Filters of a narrow list, as a user would. */
async function openFilters({ canvasElement }: { canvasElement: HTMLElement }) {
  const found = canvasElement.querySelector<CrmCustomerList>('crm-customer-list')!;
  for (let i = 0; i < 600 && !found.shadowRoot?.querySelector('[role="option"]'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  found.shadowRoot!.querySelector<HTMLButtonElement>('[part~="filters-button"]')!.click();
}

const meta = {
  title: 'Components/Customer list',
  component: 'crm-customer-list',
  args: { locale: 'en', theme: 'auto', search: '', lifecycleStage: '', sort: 'name' },
  argTypes: {
    ...commonArgTypes,
    search: { control: 'text' },
    lifecycleStage: {
      control: 'select',
      options: ['', 'subscriber', 'lead', 'prospect', 'customer', 'evangelist', 'churned'],
    },
    sort: { control: 'select', options: ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] },
  },
  render: org('acme'),
  decorators: [(story) => html`<div style="max-width: 60rem">${story()}</div>`],
  parameters: realKitDocs(
    ': search, filters, sort and paging are real `GET /customers` queries. Rows are ' +
      'virtualized, so the list stays smooth with 100,000 customers (see `bench/customer-list-scroll.ts`).',
  ),
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
    // Focus starts at the chosen row; two presses of the down arrow, a moment apart, as a user's.
    box.focus();
    for (let i = 0; i < 2; i++) {
      await found.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    }
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
  decorators: [darkCanvas('padding: 1.5rem; max-width: 60rem')],
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

export const NarrowFiltersOpen: Story = {
  name: 'Narrow (360px), filters open',
  args: { lifecycleStage: 'customer' },
  decorators: [(story) => html`<div style="width: 360px">${story()}</div>`],
  play: openFilters,
};

export const NarrowDark: Story = {
  name: 'Narrow (360px), dark, Simplified Chinese',
  args: { theme: 'dark', locale: 'zh-Hans' },
  decorators: [darkCanvas('padding: 1rem; width: 360px')],
};

export const LongNames: Story = {
  name: 'Long names',
  loaders: [longNames('acme')],
};

export const LongNamesChinese: Story = {
  name: 'Long names, narrow (360px), Traditional Chinese',
  args: { locale: 'zh-Hant' },
  loaders: [longNames('formosa')],
  render: org('formosa'),
  decorators: [(story) => html`<div style="width: 360px">${story()}</div>`],
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
