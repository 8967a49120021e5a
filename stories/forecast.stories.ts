import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pastForecastSnapshot, pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs, waitFor } from './support.js';

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
      'figure is a button that fires `crm-forecast-select`; ‹ and › step through periods. The stories act ' +
      'as the admin, who may adjust every forecast but their own.',
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

/**
 * A manager's adjustment of the first member with commit deals this quarter (made once per page):
 * their commit shows the adjusted amount with the deals' own beneath it.
 */
async function withAdjustment(): Promise<void> {
  const client = storyClient('acme');
  const report = await client.reports.forecast({ period: 'quarter' });
  const member = report.members.find((m) => m.mayAdjust && m.commit.count > 0);
  if (!member || member.adjusted.commit.adjustment) return;
  await client['forecast-adjustments'].create({
    ownerId: member.ownerId,
    period: 'quarter',
    startsOn: report.from,
    category: 'commit',
    amount: Math.round(Number(member.commit.converted.sum) * 1.25),
    currency: report.baseCurrency,
    reason: 'Verbal yes from the buyer; the paperwork follows next week.',
  });
}

export const Adjusted: Story = {
  name: 'Adjusted by a manager',
  loaders: [withAdjustment],
};

export const Adjusting: Story = {
  name: 'Adjusting: the dialog',
  loaders: [withAdjustment],
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('crm-forecast')!;
    // The Adjust button of the row adjusted above.
    const button = await waitFor(() =>
      element.shadowRoot
        ?.querySelector('.adjusted .mark')
        ?.closest('tr')
        ?.querySelector<HTMLButtonElement>('[part~="adjust-button"]'),
    );
    button.click();
  },
};

/**
 * How the quarter moved since last week: last week's snapshot, then one best-case deal of the
 * quarter made commit (commit goes up, best case down).
 */
function withMovement(org: SampleOrg) {
  return async () => {
    await pastForecastSnapshot(org, 7);
    const client = storyClient(org);
    const report = await client.reports.forecast({ period: 'quarter' });
    const page = await client.opportunities.list({ limit: 100 });
    const deal = page.items.find(
      (d) =>
        d.forecastCategory === 'best_case' &&
        d.expectedCloseDate !== null &&
        d.expectedCloseDate >= report.from &&
        d.expectedCloseDate <= report.to,
    );
    if (deal) await client.opportunities.update(deal.id, { forecastCategory: 'commit' });
  };
}

export const Moved: Story = {
  name: 'Moved since last week',
  loaders: [withMovement('acme')],
};

export const MovedChinese: Story = {
  name: 'Moved since last week (Traditional Chinese)',
  args: { locale: 'zh-Hant' },
  loaders: [withMovement('formosa')],
  render: (args) => page(args, forecast(args, storyClient('formosa'))),
};
