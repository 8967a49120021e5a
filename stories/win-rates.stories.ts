import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { flakyClient, pendingClient, storyClient } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs } from './support.js';

function winRates(args: CommonArgs, client: CrmClient, from = '', to = '') {
  return html`
    <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-win-rates from=${from} to=${to}></crm-win-rates>
    </crm-provider>
  `;
}

const page = (args: CommonArgs, content: unknown) => pageCanvas(args, content, '60rem');

const meta = {
  title: 'Components/Win Rates',
  component: 'crm-win-rates',
  args: { locale: 'en', theme: 'auto' },
  argTypes: { ...commonArgTypes },
  render: (args) => page(args, winRates(args, storyClient('acme'))),
  parameters: realKitDocs(
    ': the figures are what `GET /reports/win-rates` returns for the sample deals of the last twelve months: ' +
      "each stage's share of won deals beside its configured probability, and the open deals weighted by each.",
  ),
} satisfies Meta<CommonArgs>;

export default meta;
type Story = StoryObj<CommonArgs>;

export const Default: Story = {};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa, TWD)',
  args: { locale: 'zh-Hant' },
  render: (args) => page(args, winRates(args, storyClient('formosa'))),
};

export const SimplifiedChinese: Story = {
  name: 'Simplified Chinese',
  args: { locale: 'zh-Hans' },
  render: (args) => page(args, winRates(args, storyClient('formosa'))),
};

export const NoCloses: Story = {
  name: 'A window without closes',
  render: (args) => page(args, winRates(args, storyClient('acme'), '2000-01-01', '2000-12-31')),
};

export const Loading: Story = {
  render: (args) => page(args, winRates(args, pendingClient())),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args) => page(args, winRates(args, flakyClient('acme'))),
};
