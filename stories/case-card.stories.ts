import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs } from './support.js';

interface Args extends CommonArgs {
  editable: boolean;
}

interface Loaded {
  id: string;
}

/** A sample case of the organization still to work, found before the story renders. */
const openCase = (org: SampleOrg) => async (): Promise<Loaded> => {
  const client = storyClient(org);
  for (const status of ['open', 'pending', 'new'] as const) {
    const page = await client.cases.list({ status, limit: 1 });
    if (page.items[0]) return { id: page.items[0].id };
  }
  return { id: (await client.cases.create({ subject: 'Scanner not working' })).id };
};

function card(args: Args, id: string, client: CrmClient) {
  return pageCanvas(
    args,
    html`<crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-case-card
        case-id=${id}
        ?editable=${args.editable}
        @crm-customer-select=${action('crm-customer-select')}
      ></crm-case-card>
    </crm-provider>`,
    '56rem',
  );
}

const meta = {
  title: 'Components/Case card',
  component: 'crm-case-card',
  args: { locale: 'en', theme: 'auto', editable: true },
  argTypes: { ...commonArgTypes, editable: { control: 'boolean' } },
  loaders: [openCase('acme')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).id, storyClient('acme')),
  parameters: realKitDocs(
    ': the case is what `GET /cases/:id` returns, and every edit, status change, resolution and reopening is a ' +
      'real `PATCH /cases/:id` with `If-Match`. The stories act as the admin.',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};

export const ReadOnly: Story = {
  name: 'Read-only',
  args: { editable: false },
};

export const Empty: Story = {
  name: 'Empty (no case chosen)',
  render: (args) => card(args, '', storyClient('acme')),
};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant' },
  loaders: [openCase('formosa')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).id, storyClient('formosa')),
};

export const Phone: Story = {
  name: 'Narrow (a phone)',
  decorators: [(story) => html`<div style="max-width: 22rem">${story()}</div>`],
};

export const Loading: Story = {
  render: (args) => card(args, '01900000-0000-7000-8000-000000000000', pendingClient()),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args, { loaded }) => card(args, (loaded as Loaded).id, flakyClient('acme')),
};
