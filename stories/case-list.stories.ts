import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pendingClient, storyClient } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs } from './support.js';

type Status = 'new' | 'open' | 'pending' | 'resolved' | 'closed';

interface Args extends CommonArgs {
  status: Status;
  show: 'all' | 'mine' | 'unassigned';
}

function queue(args: Args, client: CrmClient, customerId = '') {
  return pageCanvas(
    args,
    html`<crm-provider .client=${client} locale=${args.locale} theme=${args.theme} currency="USD">
      <crm-case-list
        status=${args.status}
        show=${args.show}
        customer-id=${customerId}
        @crm-case-select=${action('crm-case-select')}
      ></crm-case-list>
    </crm-provider>`,
    '52rem',
  );
}

const meta = {
  title: 'Components/Case list',
  component: 'crm-case-list',
  args: { locale: 'en', theme: 'auto', status: 'new', show: 'all' },
  argTypes: {
    ...commonArgTypes,
    status: { control: 'inline-radio', options: ['new', 'open', 'pending', 'resolved', 'closed'] },
    show: { control: 'inline-radio', options: ['all', 'mine', 'unassigned'] },
  },
  render: (args) => queue(args, storyClient('acme')),
  parameters: realKitDocs(
    ': the sample organization’s cases, counted by `GET /cases/queues` and listed by `GET /cases`; Assign, ' +
      'Resolve and Reopen are real writes (`PATCH /cases/:id` with `If-Match`, and a note for a resolution).',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const New: Story = {};

export const Open: Story = {
  args: { status: 'open' },
};

export const Empty: Story = {
  name: 'Empty (a customer without cases)',
  loaders: [async () => ({ customerId: (await storyClient('acme').customers.create({ name: 'Northwind Goods' })).id })],
  render: (args, { loaded }) => queue(args, storyClient('acme'), (loaded as { customerId: string }).customerId),
};

export const Dark: Story = {
  args: { theme: 'dark', status: 'open' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant', status: 'open' },
  render: (args) => queue(args, storyClient('formosa')),
};

export const Phone: Story = {
  name: 'Narrow (a phone)',
  args: { status: 'open' },
  decorators: [(story) => html`<div style="max-width: 22rem">${story()}</div>`],
};

export const Loading: Story = {
  render: (args) => queue(args, pendingClient()),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args) => queue(args, flakyClient('acme')),
};
