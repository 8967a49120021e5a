import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pendingClient, storyClient } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs } from './support.js';

interface Args extends CommonArgs {
  view: 'chart' | 'table';
  period: 'all' | 'last-30-days' | 'last-90-days' | 'this-year' | 'last-year' | 'custom';
}

function funnel(args: Args, client: CrmClient, attributes: { from?: string; to?: string } = {}) {
  return html`
    <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-funnel-chart
        view=${args.view}
        period=${args.period}
        from=${attributes.from ?? ''}
        to=${attributes.to ?? ''}
        @crm-funnel-stage-select=${action('crm-funnel-stage-select')}
      ></crm-funnel-chart>
    </crm-provider>
  `;
}

const page = (args: Args, content: unknown) => pageCanvas(args, content, '46rem');

const meta = {
  title: 'Components/Funnel chart',
  component: 'crm-funnel-chart',
  args: { locale: 'en', theme: 'auto', view: 'chart', period: 'all' },
  argTypes: {
    ...commonArgTypes,
    view: { control: 'inline-radio', options: ['chart', 'table'] },
    period: {
      control: 'select',
      options: ['all', 'last-30-days', 'last-90-days', 'this-year', 'last-year', 'custom'],
    },
  },
  render: (args) => page(args, funnel(args, storyClient('acme'))),
  parameters: realKitDocs(
    ': the figures are what `GET /reports/funnel` returns. Focus a stage (Tab, then the ' +
      'arrow keys) for its details; Enter or a click fires `crm-funnel-stage-select`.',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const Table: Story = {
  name: 'As a table',
  args: { view: 'table' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa, TWD)',
  args: { locale: 'zh-Hant' },
  render: (args) => page(args, funnel(args, storyClient('formosa'))),
};

export const SimplifiedChinese: Story = {
  name: 'Simplified Chinese, as a table',
  args: { locale: 'zh-Hans', view: 'table' },
  render: (args) => page(args, funnel(args, storyClient('formosa'))),
};

export const ThisYear: Story = {
  name: 'This year',
  args: { period: 'this-year' },
};

export const Empty: Story = {
  name: 'Empty period',
  args: { period: 'custom' },
  render: (args) => page(args, funnel(args, storyClient('acme'), { from: '2000-01-01', to: '2000-12-31' })),
};

export const Loading: Story = {
  render: (args) => page(args, funnel(args, pendingClient())),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args) => page(args, funnel(args, flakyClient('acme'))),
};

export const Narrow: Story = {
  name: 'Narrow screen',
  render: (args) => html`<div style="max-width: 360px">${page(args, funnel(args, storyClient('acme')))}</div>`,
};
