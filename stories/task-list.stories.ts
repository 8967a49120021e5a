import type { CrmClient } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs, waitFor } from './support.js';

interface Loaded {
  /** Whose tasks: a sample rep, or '' for the signed-in admin's own (who has none). */
  owner: string;
}

const HOUR = 3_600_000;
const prepared = new Map<SampleOrg, Promise<Loaded>>();

/**
 * A sample rep, with a day's work added to the sample's follow-ups (which are all days ahead): one task
 * overdue since yesterday, one due earlier today (so overdue too), one later today, one without a date.
 * Added once per page.
 */
const repsDay = (org: SampleOrg) => (): Promise<Loaded> => {
  let loaded = prepared.get(org);
  if (!loaded) prepared.set(org, (loaded = addDay(org)));
  return loaded;
};

async function addDay(org: SampleOrg): Promise<Loaded> {
  const client = storyClient(org);
  const users = (await client.users.list({ limit: 100 })).items;
  const rep = users.find((user) => user.role === 'rep');
  if (!rep) throw new globalThis.Error(`The ${org} sample has no rep`);
  const customers = (await client.customers.list({ ownerId: rep.id, limit: 3 })).items;
  if (!customers.length) throw new globalThis.Error(`The ${org} sample's rep has no customer`);
  const now = new Date();
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const earlier = new Date(Math.max(start + 60_000, now.getTime() - 2 * HOUR));
  const later = new Date(Math.min(start + 24 * HOUR - 60_000, now.getTime() + 3 * HOUR));
  const formosa = org === 'formosa';
  const tasks: [string, Date | null][] = formosa
    ? [
        ['回覆交期確認信', new Date(now.getTime() - 26 * HOUR)],
        ['致電確認樣品是否收到', earlier],
        ['準備明天簡報的報價單', later],
        ['整理展會名片', null],
      ]
    : [
        ['Reply about the delivery date', new Date(now.getTime() - 26 * HOUR)],
        ['Call to check the samples arrived', earlier],
        ['Prepare the quote for tomorrow’s pitch', later],
        ['Sort the trade show business cards', null],
      ];
  await Promise.all(
    tasks.map(([subject, due], index) =>
      client.activities.create({
        type: 'task',
        subject,
        dueAt: due?.toISOString() ?? null,
        customerId: customers[index % customers.length]!.id,
        ownerId: rep.id,
      }),
    ),
  );
  return { owner: rep.id };
}

function list(args: CommonArgs, owner: string, client: CrmClient) {
  return pageCanvas(
    args,
    html`<crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-task-list
        owner=${owner}
        @crm-activity-complete=${action('crm-activity-complete')}
        @crm-customer-select=${action('crm-customer-select')}
        @crm-opportunity-select=${action('crm-opportunity-select')}
      ></crm-task-list>
    </crm-provider>`,
    '40rem',
  );
}

const meta = {
  title: 'Components/Task list',
  component: 'crm-task-list',
  args: { locale: 'en', theme: 'auto' },
  argTypes: commonArgTypes,
  loaders: [repsDay('acme')],
  render: (args, { loaded }) => list(args, (loaded as Loaded).owner, storyClient('acme')),
  parameters: realKitDocs(
    ': a sample rep’s open tasks (`GET /activities?type=task&open=true&ownerId=…`), seen by the organization’s ' +
      'admin; ticking one off is a real write (`PATCH /activities/:id` with `If-Match`).',
  ),
} satisfies Meta<CommonArgs>;

export default meta;
type Story = StoryObj<CommonArgs>;

export const Default: Story = {};

export const Empty: Story = {
  name: 'Empty (the admin has no tasks)',
  loaders: [async () => ({ owner: '' })],
};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant' },
  loaders: [repsDay('formosa')],
  render: (args, { loaded }) => list(args, (loaded as Loaded).owner, storyClient('formosa')),
};

export const SimplifiedChinese: Story = {
  name: 'Simplified Chinese (Formosa)',
  args: { locale: 'zh-Hans' },
  loaders: [repsDay('formosa')],
  render: (args, { loaded }) => list(args, (loaded as Loaded).owner, storyClient('formosa')),
};

export const Phone: Story = {
  name: 'Narrow (a phone)',
  decorators: [(story) => html`<div style="max-width: 22rem">${story()}</div>`],
};

export const NewTask: Story = {
  name: 'New task',
  // Opens the "New task" dialog (nothing is saved until the form is sent).
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector('crm-task-list')!;
    const button = await waitFor(() => list.shadowRoot?.querySelector<HTMLButtonElement>('[part~="new-button"]'));
    button.click();
  },
};

export const Loading: Story = {
  render: (args) => list(args, '', pendingClient()),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args, { loaded }) => list(args, (loaded as Loaded).owner, flakyClient('acme')),
};
