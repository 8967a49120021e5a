import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { flakyClient, pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs } from './support.js';

interface Loaded {
  target: string;
}

/**
 * A sample deal with a few changes made through the kit before the story renders: moved to the next
 * stage with a new amount and close date, then committed.
 */
const changedDeal = (org: SampleOrg) => async (): Promise<Loaded> => {
  const client = storyClient(org);
  const pipelines = await client.pipelines.list({ limit: 100 });
  const pipeline = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0]!;
  const [first, second] = pipeline.stages.filter((s) => s.kind === 'open');
  const page = await client.opportunities.list({ pipelineId: pipeline.id, stageId: first!.id, limit: 1 });
  let deal = page.items[0]!;
  deal = await client.opportunities.update(
    deal.id,
    { stageId: second!.id, amount: deal.amount + 250_000, expectedCloseDate: '2027-03-31' },
    { version: deal.version },
  );
  await client.opportunities.update(deal.id, { forecastCategory: 'commit' }, { version: deal.version });
  return { target: `opportunity:${deal.id}` };
};

function history(args: CommonArgs, target: string, client: CrmClient) {
  return pageCanvas(
    args,
    html`<crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-record-history for=${target}></crm-record-history>
    </crm-provider>`,
    '44rem',
  );
}

const meta = {
  title: 'Components/Record history',
  component: 'crm-record-history',
  args: { locale: 'en', theme: 'auto' },
  argTypes: { ...commonArgTypes },
  loaders: [changedDeal('acme')],
  render: (args, { loaded }) => history(args, (loaded as Loaded).target, storyClient('acme')),
  parameters: realKitDocs(
    ': the entries are what `GET /opportunities/:id/history` returns, after the story moved the deal, ' +
      'changed its amount and close date, and committed it.',
  ),
} satisfies Meta<CommonArgs>;

export default meta;
type Story = StoryObj<CommonArgs>;

export const Deal: Story = {};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa, TWD)',
  args: { locale: 'zh-Hant' },
  loaders: [changedDeal('formosa')],
  render: (args, { loaded }) => history(args, (loaded as Loaded).target, storyClient('formosa')),
};

export const Loading: Story = {
  render: (args) => history(args, 'opportunity:01900000-0000-7000-8000-000000000000', pendingClient()),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args, { loaded }) => history(args, (loaded as Loaded).target, flakyClient('acme')),
};
