import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, darkCanvas, realKitDocs, waitFor } from './support.js';

interface Args extends CommonArgs {
  filter: '' | 'call' | 'email' | 'meeting' | 'note' | 'task';
  readonly: boolean;
  pageSize: number;
}

interface Loaded {
  target: string;
}

/**
 * A sample customer with an open follow-up task among its calls, emails and meetings: what a rep
 * opens most days.
 */
const customerWithTask = (org: SampleOrg) => async (): Promise<Loaded> => {
  const client = storyClient(org);
  const [task] = (await client.activities.list({ type: 'task', open: true, limit: 1 })).items;
  if (!task?.customerId) throw new Error(`The ${org} sample has no open task on a customer`);
  return { target: `customer:${task.customerId}` };
};

/** A sample lead: leads have no activity yet in the sample, so the log starts empty. */
const freshLead = (org: SampleOrg) => async (): Promise<Loaded> => {
  const [lead] = (await storyClient(org).leads.list({ limit: 1 })).items;
  if (!lead) throw new Error(`The ${org} sample has no lead`);
  return { target: `lead:${lead.id}` };
};

/** The customer with a task, and an entry with a long subject and notes logged on it just now. */
const withLongEntry = (org: SampleOrg) => async (): Promise<Loaded> => {
  const loaded = await customerWithTask(org)();
  const formosa = org === 'formosa';
  await storyClient(org).activities.create({
    type: 'meeting',
    subject: formosa
      ? '與採購部、財務部及工廠主管開會討論明年度精密零組件框架合約的交期、價格調整機制與品質驗收標準'
      : 'Quarterly business review with procurement, finance and the plant managers about next year’s framework agreement',
    body: formosa
      ? '對方希望交期縮短為四週，並要求每季檢討價格。\n下次會議前需準備品質驗收標準草案。'
      : 'They want lead times cut to four weeks and a price review every quarter.\nBefore the next meeting: draft the acceptance criteria.',
    durationSeconds: 5400,
    outcome: formosa ? '需再追蹤' : 'Follow-up needed',
    customerId: loaded.target.slice('customer:'.length),
  });
  return loaded;
};

function log(args: Args, target: string, client: CrmClient, slotted: unknown = '') {
  return html`
    <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-activity-log
        for=${target}
        filter=${args.filter}
        page-size=${args.pageSize}
        ?readonly=${args.readonly}
        @crm-activity-create=${action('crm-activity-create')}
        @crm-activity-complete=${action('crm-activity-complete')}
        >${slotted}</crm-activity-log
      >
    </crm-provider>
  `;
}

const meta = {
  title: 'Components/Activity log',
  component: 'crm-activity-log',
  args: { locale: 'en', theme: 'auto', filter: '', readonly: false, pageSize: 25 },
  argTypes: {
    ...commonArgTypes,
    filter: { control: 'select', options: ['', 'call', 'email', 'meeting', 'note', 'task'] },
    readonly: { control: 'boolean' },
    pageSize: { control: { type: 'number', min: 1, max: 200 } },
  },
  loaders: [customerWithTask('acme')],
  render: (args, { loaded }) => log(args, (loaded as Loaded).target, storyClient('acme')),
  decorators: [(story) => html`<div style="max-width: 40rem">${story()}</div>`],
  parameters: realKitDocs(': what you log here is saved by the kit, and comes back through its `/events` stream.'),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Customer: Story = {};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant' },
  loaders: [customerWithTask('formosa')],
  render: (args, { loaded }) => log(args, (loaded as Loaded).target, storyClient('formosa')),
};

export const SimplifiedChinese: Story = {
  name: 'Simplified Chinese',
  args: { locale: 'zh-Hans' },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [darkCanvas('padding: 1.5rem; max-width: 40rem')],
};

export const TasksOnly: Story = {
  name: 'Filtered: tasks',
  args: { filter: 'task' },
};

export const Scrolling: Story = {
  name: 'Scrolling (loads more as you scroll)',
  args: { pageSize: 2 },
  decorators: [(story) => html`<div style="--crm-activity-log-max-height: 14rem">${story()}</div>`],
};

export const ReadOnly: Story = {
  name: 'Read-only',
  args: { readonly: true },
};

export const Narrow: Story = {
  name: 'Narrow (320px)',
  decorators: [(story) => html`<div style="width: 320px">${story()}</div>`],
};

export const NarrowChinese: Story = {
  name: 'Narrow (360px), Traditional Chinese, long entry',
  args: { locale: 'zh-Hant' },
  loaders: [withLongEntry('formosa')],
  render: (args, { loaded }) => log(args, (loaded as Loaded).target, storyClient('formosa')),
  decorators: [(story) => html`<div style="width: 360px">${story()}</div>`],
};

export const LongEntry: Story = {
  name: 'Long subject and notes',
  loaders: [withLongEntry('acme')],
};

export const ValidationErrors: Story = {
  name: 'Composer: errors next to fields',
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('crm-activity-log')!;
    await waitFor(() => element.shadowRoot?.querySelector('form'));
    element.shadowRoot!.querySelector('form')!.requestSubmit();
  },
};

export const SchedulingTask: Story = {
  name: 'Composer: scheduling a follow-up task',
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('crm-activity-log')!;
    const root = await waitFor(() => element.shadowRoot?.querySelector('form') && element.shadowRoot);
    root.querySelector<HTMLInputElement>('input[name="type"][value="task"]')!.click();
    await element.updateComplete;
    root.querySelector<HTMLInputElement>('#subject')!.focus();
  },
};

export const Live: Story = {
  name: 'Live: activity logged elsewhere appears',
  // Logs one call "elsewhere" once the log is listening; it arrives through /events.
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('crm-activity-log')!;
    await waitFor(() => element.live === 'open');
    canvasElement.querySelector<HTMLButtonElement>('button')!.click();
  },
  render: (args, { loaded }) => {
    const { target } = loaded as Loaded;
    const elsewhere = storyClient('acme');
    let count = 0;
    const logElsewhere = () =>
      elsewhere.activities.create({
        type: 'call',
        subject: `Call logged from another screen (${++count})`,
        direction: 'inbound',
        durationSeconds: 300,
        outcome: 'connected',
        customerId: target.slice('customer:'.length),
      });
    return html`
      <p style="margin: 0 0 0.75rem">
        <button type="button" @click=${logElsewhere}>Log a call through the API, as another screen would</button>
      </p>
      ${log(args, target, storyClient('acme'))}
    `;
  },
};

export const Loading: Story = {
  render: (args, { loaded }) => log(args, (loaded as Loaded).target, pendingClient()),
};

export const NetworkError: Story = {
  name: 'Error (retry works)',
  render: (args, { loaded }) => log(args, (loaded as Loaded).target, flakyClient('acme')),
};

export const Empty: Story = {
  name: 'Empty (a new lead)',
  loaders: [freshLead('acme')],
};

export const NothingSelected: Story = {
  name: 'Nothing selected',
  loaders: [],
  render: (args) => log(args, '', storyClient('acme')),
};
