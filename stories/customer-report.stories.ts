import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { flakyClient, pendingClient, storyClient } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs } from './support.js';

interface Args extends CommonArgs {
  atRiskDays: number;
  view: 'chart' | 'table';
}

function report(args: Args, client: CrmClient) {
  return html`
    <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-customer-report at-risk-days=${args.atRiskDays} view=${args.view}></crm-customer-report>
    </crm-provider>
  `;
}

const page = (args: Args, content: unknown) => pageCanvas(args, content, '68rem');

const meta = {
  title: 'Components/Customer report',
  component: 'crm-customer-report',
  args: { locale: 'en', theme: 'auto', atRiskDays: 60, view: 'chart' },
  argTypes: {
    ...commonArgTypes,
    atRiskDays: { control: { type: 'number', min: 1, max: 3650 } },
    view: { control: 'inline-radio', options: ['chart', 'table'] },
  },
  render: (args) => page(args, report(args, storyClient('acme'))),
  parameters: realKitDocs(
    ': the figures are what `GET /reports/customers` returns for the sample orders: RFM segments, the customers ' +
      'with no order in `at-risk-days` days, top products and repeat-purchase cohorts. The stories act as the admin.',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};

export const Table: Story = {
  name: 'Segments as a table',
  args: { view: 'table' },
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
