import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pendingClient, storyClient } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs } from './support.js';

interface Args extends CommonArgs {
  period: 'month' | 'quarter' | 'year';
}

function forecast(args: Args, client: CrmClient, startsOn = '') {
  return html`
    <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-forecast
        period=${args.period}
        starts-on=${startsOn}
        @crm-forecast-select=${action('crm-forecast-select')}
      ></crm-forecast>
    </crm-provider>
  `;
}

const page = (args: Args, content: unknown) => pageCanvas(args, content, '60rem');

const meta = {
  title: 'Components/Forecast',
  component: 'crm-forecast',
  args: { locale: 'en', theme: 'auto', period: 'quarter' },
  argTypes: {
    ...commonArgTypes,
    period: { control: 'inline-radio', options: ['month', 'quarter', 'year'] },
  },
  render: (args) => page(args, forecast(args, storyClient('acme'))),
  parameters: realKitDocs(
    ': the figures are what `GET /reports/forecast` returns, against the sample quotas. Every ' +
      'figure is a button that fires `crm-forecast-select`; ‹ and › step through periods.',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const Year: Story = {
  args: { period: 'year' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa, TWD)',
  args: { locale: 'zh-Hant' },
  render: (args) => page(args, forecast(args, storyClient('formosa'))),
};

export const SimplifiedChinese: Story = {
  name: 'Simplified Chinese',
  args: { locale: 'zh-Hans', period: 'year' },
  render: (args) => page(args, forecast(args, storyClient('formosa'))),
};

export const Empty: Story = {
  name: 'Empty period',
  render: (args) => page(args, forecast(args, storyClient('acme'), '2000-01-01')),
};

export const Loading: Story = {
  render: (args) => page(args, forecast(args, pendingClient())),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args) => page(args, forecast(args, flakyClient('acme'))),
};

export const Narrow: Story = {
  name: 'Narrow screen',
  render: (args) => html`<div style="max-width: 360px">${page(args, forecast(args, storyClient('acme')))}</div>`,
};
