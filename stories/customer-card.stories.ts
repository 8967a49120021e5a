import type { CrmClient, Customer } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { findCustomer, flakyClient, pendingClient, storyClient, type SampleOrg } from './kit.js';

interface Args {
  variant: 'full' | 'compact';
  locale: 'en' | 'zh-Hant' | 'zh-Hans';
  theme: 'auto' | 'light' | 'dark';
}

interface Loaded {
  customer: Customer;
}

/** Finds the sample customer a story shows, before it renders. */
const showing = (org: SampleOrg, q: string) => async (): Promise<Loaded> => ({ customer: await findCustomer(org, q) });

function card(args: Args, customerId: string, client: CrmClient, slotted: unknown = '') {
  return html`
    <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-customer-card
        customer-id=${customerId}
        variant=${args.variant}
        @crm-customer-select=${action('crm-customer-select')}
        >${slotted}</crm-customer-card
      >
    </crm-provider>
  `;
}

const meta = {
  title: 'Components/Customer card',
  component: 'crm-customer-card',
  args: { variant: 'full', locale: 'en', theme: 'auto' },
  argTypes: {
    variant: { control: 'inline-radio', options: ['full', 'compact'] },
    locale: { control: 'inline-radio', options: ['en', 'zh-Hant', 'zh-Hans'] },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
  },
  loaders: [showing('acme', 'Northwind')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).customer.id, storyClient('acme')),
  decorators: [(story) => html`<div style="max-width: 42rem">${story()}</div>`],
  parameters: {
    docs: {
      description: {
        component:
          'Every story runs the real crmkit kit inside the page (PGlite in memory, seeded with the sample ' +
          'organizations), so what you see is what `GET /customers/:id` returns.',
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Full: Story = {};

export const Compact: Story = {
  args: { variant: 'compact' },
};

export const CompactList: Story = {
  name: 'Compact, in a list',
  args: { variant: 'compact' },
  loaders: [async () => ({ customers: (await storyClient('acme').customers.list({ limit: 4 })).items })],
  render: (args, { loaded }) => {
    const client = storyClient('acme');
    return html`
      <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
        <div style="display: grid; gap: 0.5rem">
          ${(loaded as { customers: Customer[] }).customers.map(
            (customer) => html`<crm-customer-card customer-id=${customer.id} variant="compact"></crm-customer-card>`,
          )}
        </div>
      </crm-provider>
    `;
  },
};

export const WithActions: Story = {
  name: 'With actions',
  render: (args, { loaded }) =>
    card(
      args,
      (loaded as Loaded).customer.id,
      storyClient('acme'),
      html`<button slot="actions" type="button">Edit</button><button slot="actions" type="button">Log call</button>`,
    ),
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant' },
  loaders: [showing('formosa', '玉山')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).customer.id, storyClient('formosa')),
};

export const SimplifiedChinese: Story = {
  name: 'Simplified Chinese',
  args: { locale: 'zh-Hans' },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [
    (story) =>
      html`<div style="color-scheme: dark; background: Canvas; color: CanvasText; padding: 1.5rem; max-width: 42rem">
        ${story()}
      </div>`,
  ],
};

export const Narrow: Story = {
  name: 'Narrow (320px)',
  decorators: [(story) => html`<div style="width: 320px">${story()}</div>`],
};

export const Loading: Story = {
  render: (args, { loaded }) => card(args, (loaded as Loaded).customer.id, pendingClient()),
};

export const NetworkError: Story = {
  name: 'Error (retry works)',
  render: (args, { loaded }) => card(args, (loaded as Loaded).customer.id, flakyClient('acme')),
};

export const NotFound: Story = {
  name: 'Not found',
  loaders: [],
  render: (args) => card(args, '00000000-0000-7000-8000-000000000000', storyClient('acme')),
};

export const Empty: Story = {
  name: 'No customer selected',
  loaders: [],
  render: (args) => html`
    <crm-provider .client=${storyClient('acme')} locale=${args.locale} theme=${args.theme}>
      <crm-customer-card variant=${args.variant}></crm-customer-card>
    </crm-provider>
  `,
};
