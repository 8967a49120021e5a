import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs } from './support.js';

interface Args extends CommonArgs {
  resource: 'customers' | 'contacts' | 'opportunities' | 'leads' | 'cases';
}

/** Moves a few sample customers to the trash through the kit before the story renders. */
const trashSome = (org: SampleOrg) => async () => {
  const client = storyClient(org);
  const page = await client.customers.list({ limit: 3, sort: '-createdAt' });
  for (const customer of page.items) await client.customers.remove(customer.id, { version: customer.version });
  return {};
};

function trash(args: Args, client: CrmClient) {
  return pageCanvas(
    args,
    html`<crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-trash resource=${args.resource} @crm-record-restored=${action('crm-record-restored')}></crm-trash>
    </crm-provider>`,
    '44rem',
  );
}

const meta = {
  title: 'Components/Trash',
  component: 'crm-trash',
  args: { locale: 'en', theme: 'auto', resource: 'customers' },
  argTypes: {
    ...commonArgTypes,
    resource: { control: 'inline-radio', options: ['customers', 'contacts', 'opportunities', 'leads', 'cases'] },
  },
  loaders: [trashSome('acme')],
  render: (args) => trash(args, storyClient('acme')),
  parameters: realKitDocs(
    ': the story moved three customers to the trash with `DELETE /customers/:id`; Restore is a real ' +
      '`POST /customers/:id/restore`.',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Customers: Story = {};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant' },
  loaders: [trashSome('formosa')],
  render: (args) => trash(args, storyClient('formosa')),
};

export const Empty: Story = {
  name: 'Empty (leads)',
  args: { resource: 'leads' },
};

export const Loading: Story = {
  render: (args) => trash(args, pendingClient()),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args) => trash(args, flakyClient('acme')),
};
