import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pendingClient, storyClient } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs, waitFor } from './support.js';

type Queue = 'new' | 'overdue' | 'working' | 'nurturing' | 'qualified' | 'unassigned';

interface Args extends CommonArgs {
  queue: Queue;
  slaHours: number;
}

function inbox(args: Args, client: CrmClient) {
  return pageCanvas(
    args,
    html`<crm-provider .client=${client} locale=${args.locale} theme=${args.theme} currency="USD">
      <crm-lead-inbox
        queue=${args.queue}
        sla-hours=${args.slaHours}
        @crm-lead-converted=${action('crm-lead-converted')}
        @crm-customer-select=${action('crm-customer-select')}
        @crm-opportunity-select=${action('crm-opportunity-select')}
      ></crm-lead-inbox>
    </crm-provider>`,
    '52rem',
  );
}

const meta = {
  title: 'Components/Lead inbox',
  component: 'crm-lead-inbox',
  args: { locale: 'en', theme: 'auto', queue: 'new', slaHours: 24 },
  argTypes: {
    ...commonArgTypes,
    queue: {
      control: 'inline-radio',
      options: ['new', 'overdue', 'working', 'nurturing', 'qualified', 'unassigned'],
    },
    slaHours: { control: { type: 'number', min: 1, max: 720 } },
  },
  render: (args) => inbox(args, storyClient('acme')),
  parameters: realKitDocs(
    ': the sample organization’s leads, counted by `GET /leads/queues` and listed by `GET /leads`; Start working, ' +
      'Disqualify and Convert are real writes (`PATCH /leads/:id`, `POST /leads/:id/convert`).',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const New: Story = {};

export const Overdue: Story = {
  args: { queue: 'overdue' },
};

export const Unassigned: Story = {
  args: { queue: 'unassigned' },
};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const DarkConverting: Story = {
  name: 'Dark, converting a lead',
  args: { theme: 'dark' },
  // Opens the first lead's Convert dialog (nothing is saved until the form is sent).
  play: async ({ canvasElement }) => {
    const inbox = canvasElement.querySelector('crm-lead-inbox')!;
    const convert = await waitFor(() =>
      [...inbox.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="actions"] button')].find((button) =>
        button.textContent?.includes('Convert'),
      ),
    );
    convert.click();
  },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant' },
  render: (args) => inbox(args, storyClient('formosa')),
};

export const Loading: Story = {
  render: (args) => inbox(args, pendingClient()),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args) => inbox(args, flakyClient('acme')),
};
