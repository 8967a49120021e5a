import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs } from './support.js';

interface Loaded {
  id: string;
}

/** Saves a segment through the kit before the story renders: the sample's buyers, in the region most of them are in. */
const savedSegment = (org: SampleOrg) => async (): Promise<Loaded> => {
  const client = storyClient(org);
  const { items } = await client.customers.list({ limit: 1, sort: 'name' });
  const region = items[0]?.region ?? 'West';
  const segment = await client.segments.create({
    name: org === 'acme' ? 'Buyers in the region' : '區域內的買家',
    rules: {
      all: [
        { field: 'region', op: 'eq', value: region },
        { field: 'orderCount', op: 'gte', value: 1 },
        { field: 'lastOrderDaysAgo', op: 'lte', value: 365 },
      ],
    },
  });
  return { id: segment.id };
};

function builder(args: CommonArgs, segmentId: string, client: CrmClient) {
  return pageCanvas(
    args,
    html`<crm-provider .client=${client} locale=${args.locale} theme=${args.theme} currency="USD">
      <crm-segment-builder
        segment-id=${segmentId}
        @crm-segment-saved=${action('crm-segment-saved')}
      ></crm-segment-builder>
    </crm-provider>`,
    '48rem',
  );
}

const meta = {
  title: 'Components/Segment builder',
  component: 'crm-segment-builder',
  args: { locale: 'en', theme: 'auto' },
  argTypes: { ...commonArgTypes },
  loaders: [savedSegment('acme')],
  render: (args, { loaded }) => builder(args, (loaded as Loaded).id, storyClient('acme')),
  parameters: realKitDocs(
    ': the story saved a segment with `POST /segments`; the count is a real `POST /segments/count`, and Save a ' +
      'real `PATCH /segments/:id`.',
  ),
} satisfies Meta<CommonArgs>;

export default meta;
type Story = StoryObj<CommonArgs>;

export const Editing: Story = {};

export const New: Story = {
  name: 'New segment',
  render: (args) => builder(args, '', storyClient('acme')),
};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant' },
  loaders: [savedSegment('formosa')],
  render: (args, { loaded }) => builder(args, (loaded as Loaded).id, storyClient('formosa')),
};

export const Phone: Story = {
  name: 'Narrow (a phone)',
  decorators: [(story) => html`<div style="max-width: 22rem">${story()}</div>`],
};

export const Loading: Story = {
  render: (args) => builder(args, '01900000-0000-7000-8000-000000000000', pendingClient()),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args, { loaded }) => builder(args, (loaded as Loaded).id, flakyClient('acme')),
};
