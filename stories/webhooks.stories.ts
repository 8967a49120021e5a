import type { CrmClient, WebhookEndpoint } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { flakyClient, pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs, waitFor } from './support.js';

type Args = CommonArgs;

/**
 * Registers two endpoints through the kit (once per page), one for customers' changes that then
 * gets a test and a customer change in its log, and one turned off.
 */
const someEndpoints = (org: SampleOrg) => async () => {
  const client = storyClient(org);
  const { items } = await client.request<{ items: WebhookEndpoint[] }>('GET', '/webhook-endpoints');
  if (items.length) return {};
  const erp = await client.request<WebhookEndpoint>('POST', '/webhook-endpoints', {
    body: { url: 'https://erp.example.com/hooks/crm', description: 'ERP', eventTypes: ['customer.*', 'order.created'] },
  });
  await client.request('POST', '/webhook-endpoints', {
    body: { url: 'https://shop.example.com/crm-events', description: 'Shop', active: false },
  });
  await client.customers.create({ name: 'Harbour Freight Ltd', kind: 'company' });
  await client.request('POST', `/webhook-endpoints/${erp.id}/ping`);
  return {};
};

function webhooks(args: Args, client: CrmClient) {
  return pageCanvas(
    args,
    html`<crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-webhooks></crm-webhooks>
    </crm-provider>`,
    '52rem',
  );
}

const meta = {
  title: 'Components/Webhooks',
  component: 'crm-webhooks',
  args: { locale: 'en', theme: 'auto' },
  argTypes: { ...commonArgTypes },
  loaders: [someEndpoints('acme')],
  render: (args) => webhooks(args, storyClient('acme')),
  parameters: realKitDocs(
    ': the story registered two endpoints with `POST /webhook-endpoints`, sent one a test and added a ' +
      'customer; "Add endpoint", Edit, "Turn off", "Rotate secret" and Replay are real requests (no worker sends ' +
      'the deliveries here, so they stay pending).',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant' },
  loaders: [someEndpoints('formosa')],
  render: (args) => webhooks(args, storyClient('formosa')),
};

export const Loading: Story = {
  render: (args) => webhooks(args, pendingClient()),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args) => webhooks(args, flakyClient('acme')),
};

/** The element's shadow root, once its endpoints are listed. */
async function listed(canvasElement: HTMLElement) {
  const element = canvasElement.querySelector('crm-webhooks')!;
  return waitFor(() => element.shadowRoot?.querySelector('[part~="endpoint"]') && element.shadowRoot);
}

export const Deliveries: Story = {
  name: 'Deliveries of an endpoint',
  play: async ({ canvasElement }) => {
    const root = await listed(canvasElement);
    root.querySelector<HTMLButtonElement>('[part~="deliveries-button"]')!.click();
    await waitFor(() => root.querySelector('[part~="delivery"]'));
  },
};

export const AddEndpoint: Story = {
  name: 'Add endpoint: chosen events',
  play: async ({ canvasElement }) => {
    const root = await listed(canvasElement);
    root.querySelector<HTMLButtonElement>('[part~="add-button"]')!.click();
    const chosen = await waitFor(() => root.querySelector<HTMLInputElement>('[part~="chosen-radio"]'));
    chosen.click();
    const grid = await waitFor(() => root.querySelector('[part~="event-grid"]'));
    grid.querySelector<HTMLInputElement>('tbody tr:first-child input')!.click();
  },
};

export const EditEndpoint: Story = {
  name: 'Editing an endpoint in its place',
  play: async ({ canvasElement }) => {
    const root = await listed(canvasElement);
    root.querySelector<HTMLButtonElement>('[part~="edit-button"]')!.click();
    await waitFor(() => root.querySelector('[part~="endpoint"] [part~="form"]'));
  },
};

export const ConfirmDelete: Story = {
  name: 'Deleting asks first',
  play: async ({ canvasElement }) => {
    const root = await listed(canvasElement);
    root.querySelector<HTMLButtonElement>('[part~="delete-button"]')!.click();
    await waitFor(() => root.querySelector('[part~="confirm"]'));
  },
};
