import type { CrmClient } from '@crmkit/core';
import type { CrmOpportunityCard } from '@crmkit/elements';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs, waitFor } from './support.js';

interface Args extends CommonArgs {
  editable: boolean;
}

interface Loaded {
  id: string;
}

/** A sample deal of the organization's default pipeline, in a stage of `kind`, found before the story renders. */
const dealIn = (org: SampleOrg, kind: 'open' | 'won' | 'lost') => async (): Promise<Loaded> => {
  const client = storyClient(org);
  const pipelines = await client.pipelines.list({ limit: 100 });
  const pipeline = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0]!;
  const stage = pipeline.stages.find((s) => s.kind === kind)!;
  const page = await client.opportunities.list({ pipelineId: pipeline.id, stageId: stage.id, limit: 1 });
  return { id: page.items[0]!.id };
};

/** An open sample deal with at least two contacts on it (the sample gives most deals a primary contact and a technical buyer). */
const dealWithContacts = (org: SampleOrg) => async (): Promise<Loaded> => {
  const client = storyClient(org);
  const pipelines = await client.pipelines.list({ limit: 100 });
  const pipeline = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0]!;
  const open = pipeline.stages.find((s) => s.kind === 'open')!;
  const page = await client.opportunities.list({ pipelineId: pipeline.id, stageId: open.id, limit: 30 });
  for (const deal of page.items) {
    if ((await client.opportunities.contacts(deal.id)).items.length >= 2) return { id: deal.id };
  }
  return { id: page.items[0]!.id };
};

function card(args: Args, id: string, client: CrmClient) {
  return pageCanvas(
    args,
    html`<crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-opportunity-card
        opportunity-id=${id}
        ?editable=${args.editable}
        @crm-opportunity-moved=${action('crm-opportunity-moved')}
        @crm-customer-select=${action('crm-customer-select')}
      ></crm-opportunity-card>
    </crm-provider>`,
    '56rem',
  );
}

/** The story's card once its deal is here. */
const loadedCard = (canvas: HTMLElement) =>
  waitFor(() => {
    const found = canvas.querySelector<CrmOpportunityCard>('crm-opportunity-card');
    return found?.opportunity ? found : undefined;
  });

const meta = {
  title: 'Components/Opportunity card',
  component: 'crm-opportunity-card',
  args: { locale: 'en', theme: 'auto', editable: true },
  argTypes: { ...commonArgTypes, editable: { control: 'boolean' } },
  loaders: [dealIn('acme', 'open')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).id, storyClient('acme')),
  parameters: realKitDocs(
    ': the deal is what `GET /opportunities/:id` returns, with the custom fields of deals the sample defines ' +
      '(contract term, PO number) and its contacts (`GET /opportunities/:id/contacts`; a change of them is a `PUT` or ' +
      '`DELETE` of `/opportunities/:id/contacts/:contactId/role`) ' +
      'and every move, win, loss, reopening and value edited in place is a real ' +
      '`PATCH /opportunities/:id` with `If-Match`. The stories act as the admin, who may change any deal.',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Open: Story = {};

export const ReadOnly: Story = {
  name: 'Read only',
  args: { editable: false },
};

export const Won: Story = {
  loaders: [dealIn('acme', 'won')],
};

export const Lost: Story = {
  loaders: [dealIn('acme', 'lost')],
};

export const MarkingLost: Story = {
  name: 'Marking it lost',
  play: async ({ canvasElement }) => {
    const found = await loadedCard(canvasElement);
    found.shadowRoot!.querySelector<HTMLButtonElement>('[part~="lost-button"]')!.click();
    await waitFor(() => found.shadowRoot!.querySelector('dialog')?.open);
  },
};

export const MarkingWon: Story = {
  name: 'Marking it won',
  play: async ({ canvasElement }) => {
    const found = await loadedCard(canvasElement);
    found.shadowRoot!.querySelector<HTMLButtonElement>('[part~="won-button"]')!.click();
    await waitFor(() => found.shadowRoot!.querySelector('dialog')?.open);
  },
};

export const EditingAmount: Story = {
  name: 'Editing the amount where it stands',
  play: async ({ canvasElement }) => {
    const found = await loadedCard(canvasElement);
    found.shadowRoot!.querySelector<HTMLButtonElement>('[data-edit="amount"]')!.click();
    await waitFor(() => found.shadowRoot!.querySelector('#edit-amount'));
  },
};

/** Opens the control of `field` (a `data-edit` value) and waits for what it offers. */
const editing =
  (field: string, ready: string) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const found = await loadedCard(canvasElement);
    found.shadowRoot!.querySelector<HTMLButtonElement>(`[data-edit="${field}"]`)!.click();
    await waitFor(() => found.shadowRoot!.querySelector(ready));
  };

export const EditingOwner: Story = {
  name: 'Choosing another owner',
  // The picker is ready once it has read the members (its Save waits until then).
  play: editing('ownerId', '[part~="edit-form"] [part~="save-button"]:not([disabled])'),
};

export const EditingName: Story = {
  name: 'Renaming the deal',
  play: editing('name', '[part~="edit-form"] input'),
};

export const EditingCustomField: Story = {
  name: 'Editing a custom field (contract term)',
  play: editing('customFields.contract_term', '[part~="edit-form"] select'),
};

export const WithContacts: Story = {
  name: 'Contacts and their roles',
  loaders: [dealWithContacts('acme')],
  play: async ({ canvasElement }) => {
    const found = await loadedCard(canvasElement);
    await waitFor(() => found.shadowRoot!.querySelector('[part~="contact"]'));
  },
};

export const WithContactsTraditionalChinese: Story = {
  name: 'Contacts and their roles, Traditional Chinese',
  args: { locale: 'zh-Hant' },
  loaders: [dealWithContacts('formosa')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).id, storyClient('formosa')),
  play: WithContacts.play,
};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const DarkEditingOwner: Story = {
  name: 'Dark, choosing another owner',
  args: { theme: 'dark' },
  play: editing('ownerId', '[part~="edit-form"] [part~="save-button"]:not([disabled])'),
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa, TWD)',
  args: { locale: 'zh-Hant' },
  loaders: [dealIn('formosa', 'open')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).id, storyClient('formosa')),
};

export const SimplifiedChinese: Story = {
  name: 'Simplified Chinese, lost',
  args: { locale: 'zh-Hans' },
  loaders: [dealIn('formosa', 'lost')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).id, storyClient('formosa')),
};

export const Narrow: Story = {
  name: 'Narrow (a phone)',
  decorators: [(story) => html`<div style="max-width: 22rem">${story()}</div>`],
};

export const Loading: Story = {
  render: (args) => card(args, '01900000-0000-7000-8000-000000000000', pendingClient()),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args, { loaded }) => card(args, (loaded as Loaded).id, flakyClient('acme')),
};
