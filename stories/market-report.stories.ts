import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { flakyClient, pendingClient, storyClient } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs } from './support.js';

interface Args extends CommonArgs {
  period: 'month' | 'quarter' | 'year';
  by: 'campaign' | 'source';
  view: 'chart' | 'table';
}

function report(args: Args, client: CrmClient, startsOn = '') {
  return html`
    <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-market-report
        period=${args.period}
        by=${args.by}
        view=${args.view}
        starts-on=${startsOn}
      ></crm-market-report>
    </crm-provider>
  `;
}

const page = (args: Args, content: unknown) => pageCanvas(args, content, '68rem');

const meta = {
  title: 'Components/Market report',
  component: 'crm-market-report',
  args: { locale: 'en', theme: 'auto', period: 'year', by: 'campaign', view: 'chart' },
  argTypes: {
    ...commonArgTypes,
    period: { control: 'inline-radio', options: ['month', 'quarter', 'year'] },
    by: { control: 'inline-radio', options: ['campaign', 'source'] },
    view: { control: 'inline-radio', options: ['chart', 'table'] },
  },
  render: (args) => page(args, report(args, storyClient('acme'))),
  parameters: realKitDocs(
    ': the figures are what `GET /reports/market` returns for the period and the one before it: the sample ' +
      "campaigns' and sources' leads and deals, lost reasons and competitors. ‹ and › step through periods. The " +
      'stories act as the admin, who sees every lead and deal.',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};

export const Quarter: Story = {
  args: { period: 'quarter' },
};

export const BySource: Story = {
  name: 'By source, as a table',
  args: { by: 'source', view: 'table' },
};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa, TWD)',
  args: { locale: 'zh-Hant' },
  render: (args) => page(args, report(args, storyClient('formosa'))),
};

export const SimplifiedChinese: Story = {
  name: 'Simplified Chinese',
  args: { locale: 'zh-Hans' },
  render: (args) => page(args, report(args, storyClient('formosa'))),
};

export const Empty: Story = {
  name: 'Empty period',
  render: (args) => page(args, report(args, storyClient('acme'), '2000-01-01')),
};

export const Loading: Story = {
  render: (args) => page(args, report(args, pendingClient())),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args) => page(args, report(args, flakyClient('acme'))),
};

export const Narrow: Story = {
  name: 'Narrow screen',
  render: (args) => html`<div style="max-width: 360px">${page(args, report(args, storyClient('acme')))}</div>`,
};
