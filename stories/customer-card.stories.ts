import type { CrmClient, Customer } from '@crmkit/core';
import type { CrmCustomerCard } from '@crmkit/elements';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { findCustomer, flakyClient, pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, darkCanvas, realKitDocs } from './support.js';

interface Args extends CommonArgs {
  variant: 'full' | 'compact';
  editable: boolean;
}

interface Loaded {
  customer: Customer;
}

/**
 * A customer with a very long name and tag, created through the kit (in this page's own database),
 * to show how the card wraps what does not fit.
 */
const longNamed = (org: SampleOrg, name: string, tag: string) => async (): Promise<Loaded> => ({
  customer: await storyClient(org).customers.create({
    name,
    kind: 'company',
    industry: org === 'formosa' ? '精密機械' : 'Wholesale and international trade',
    region: org === 'formosa' ? '新北' : 'Pacific Northwest',
    lifecycleStage: 'prospect',
    emails: [
      org === 'formosa'
        ? 'procurement.department@precision-components.example.tw'
        : 'accounts.payable@consolidated-holdings.example',
    ],
    phones: [org === 'formosa' ? '+886 2 2700 1234' : '+1 555 0199'],
    tags: [tag, 'vip'],
  }),
});

/** Finds the sample customer a story shows, before it renders. */
const showing = (org: SampleOrg, q: string) => async (): Promise<Loaded> => ({ customer: await findCustomer(org, q) });

/** A sample customer who buys: orders, open deals, contacts and activity fill the summary. */
const buying = (org: SampleOrg) => async (): Promise<Loaded> => {
  const page = await storyClient(org).customers.list({ lifecycleStage: 'customer', kind: 'company', limit: 1 });
  return { customer: page.items[0]! };
};

function card(args: Args, customerId: string, client: CrmClient, slotted: unknown = '') {
  return html`
    <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-customer-card
        customer-id=${customerId}
        variant=${args.variant}
        ?editable=${args.editable}
        @crm-customer-select=${action('crm-customer-select')}
        @crm-customer-before-edit=${action('crm-customer-before-edit')}
        @crm-customer-edit=${action('crm-customer-edit')}
        >${slotted}</crm-customer-card
      >
    </crm-provider>
  `;
}

/** The story's card, once it has loaded its customer (and summary, when full). */
async function loadedCard(canvas: HTMLElement): Promise<CrmCustomerCard> {
  for (let i = 0; i < 600; i++) {
    const found = canvas.querySelector('crm-customer-card');
    if (found?.customer && (found.variant === 'compact' || found.summary)) {
      await found.updateComplete;
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The card did not load');
}

/** The story's card, loaded, with its edit form open. */
async function editingCard(canvas: HTMLElement): Promise<CrmCustomerCard> {
  const found = await loadedCard(canvas);
  found.startEdit();
  await found.updateComplete;
  return found;
}

/** Types into one of the card's form fields as a user would. */
async function type(card: CrmCustomerCard, field: string, value: string) {
  const control = card.shadowRoot!.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#edit-${field}`)!;
  control.value = value;
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await card.updateComplete;
}

/** Saves, and waits for the kit's answer: the form closes or says what went wrong. */
async function save(card: CrmCustomerCard) {
  card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save-button"]')!.click();
  await card.updateComplete;
  for (let i = 0; i < 1200 && card.editing && !card.shadowRoot!.querySelector('[part~="notice"]'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await card.updateComplete;
}

const meta = {
  title: 'Components/Customer card',
  component: 'crm-customer-card',
  args: { variant: 'full', locale: 'en', theme: 'auto', editable: false },
  argTypes: {
    variant: { control: 'inline-radio', options: ['full', 'compact'] },
    ...commonArgTypes,
    editable: { control: 'boolean' },
  },
  loaders: [showing('acme', 'Northwind')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).customer.id, storyClient('acme')),
  decorators: [(story) => html`<div style="max-width: 44rem">${story()}</div>`],
  parameters: realKitDocs(
    ', so what you see is what `GET /customers/:id` and `GET /customers/:id/summary` ' +
      'return, and edits really go through `PATCH /customers/:id` with `If-Match`.',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Full: Story = {};

export const Buying: Story = {
  name: 'With orders, deals and contacts',
  loaders: [buying('acme')],
};

export const Compact: Story = {
  args: { variant: 'compact' },
};

export const CompactList: Story = {
  name: 'Compact, in a list',
  args: { variant: 'compact' },
  loaders: [async () => ({ customers: (await storyClient('acme').customers.list({ limit: 4 })).items })],
  render: (args, { loaded }) => {
    const client = storyClient('acme');
    return html`
      <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
        <div style="display: grid; gap: 0.5rem">
          ${(loaded as { customers: Customer[] }).customers.map(
            (customer) => html`<crm-customer-card customer-id=${customer.id} variant="compact"></crm-customer-card>`,
          )}
        </div>
      </crm-provider>
    `;
  },
};

export const WithActions: Story = {
  name: 'With actions',
  args: { editable: true },
  render: (args, { loaded }) =>
    card(
      args,
      (loaded as Loaded).customer.id,
      storyClient('acme'),
      html`<button slot="actions" type="button">Log call</button>`,
    ),
};

export const Editable: Story = {
  args: { editable: true },
  loaders: [buying('acme')],
};

export const Editing: Story = {
  name: 'Editing',
  args: { editable: true },
  loaders: [buying('acme')],
  play: async ({ canvasElement }) => {
    await editingCard(canvasElement);
  },
};

export const EditConflict: Story = {
  name: 'Editing: someone else saved first (412)',
  args: { editable: true },
  loaders: [buying('acme')],
  play: async ({ canvasElement }) => {
    const found = await editingCard(canvasElement);
    const customer = found.customer!;
    await type(found, 'region', 'Pacific Northwest');
    await type(found, 'name', `${customer.name} (HQ)`);
    // Another user changes the region meanwhile.
    await storyClient('acme').customers.update(customer.id, { region: 'Southwest' }, { version: customer.version });
    await save(found);
  },
};

export const EditReapplied: Story = {
  name: 'Editing: changes reapplied on the latest version',
  args: { editable: true },
  loaders: [buying('acme')],
  play: async (context) => {
    await EditConflict.play!(context);
    const found = await loadedCard(context.canvasElement);
    found.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="reapply"]')!.click();
    for (
      let i = 0;
      i < 1200 && found.shadowRoot!.querySelector<HTMLElement>('[part~="notice"]')?.dataset.notice !== 'reapplied';
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  },
};

export const EditErrors: Story = {
  name: 'Editing: field errors (400)',
  args: { editable: true },
  loaders: [buying('acme')],
  play: async ({ canvasElement }) => {
    const found = await editingCard(canvasElement);
    await type(found, 'emails', 'orders@example.com\nnot-an-email');
    await type(found, 'phones', 'call reception');
    await save(found);
  },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant' },
  loaders: [showing('formosa', '玉山')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).customer.id, storyClient('formosa')),
};

export const TraditionalChineseEditing: Story = {
  name: 'Traditional Chinese, editing with errors',
  args: { locale: 'zh-Hant', editable: true },
  loaders: [showing('formosa', '玉山')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).customer.id, storyClient('formosa')),
  play: async ({ canvasElement }) => {
    const found = await editingCard(canvasElement);
    await type(found, 'name', ' ');
    await save(found);
  },
};

export const SimplifiedChinese: Story = {
  name: 'Simplified Chinese',
  args: { locale: 'zh-Hans' },
  loaders: [buying('acme')],
};

export const Dark: Story = {
  args: { theme: 'dark', editable: true },
  loaders: [buying('acme')],
  decorators: [darkCanvas('padding: 1.5rem; max-width: 44rem')],
};

export const DarkEditing: Story = {
  name: 'Dark, editing with a conflict',
  args: { theme: 'dark', editable: true },
  loaders: [buying('acme')],
  decorators: Dark.decorators,
  play: EditConflict.play,
};

export const Narrow: Story = {
  name: 'Narrow (320px)',
  args: { editable: true },
  loaders: [buying('acme')],
  decorators: [(story) => html`<div style="width: 320px">${story()}</div>`],
};

export const NarrowEditing: Story = {
  name: 'Narrow (320px), editing',
  args: { editable: true },
  loaders: [buying('acme')],
  decorators: Narrow.decorators,
  play: Editing.play,
};

export const NarrowChinese: Story = {
  name: 'Narrow (360px), Traditional Chinese',
  args: { locale: 'zh-Hant', editable: true },
  loaders: [showing('formosa', '玉山')],
  render: (args, { loaded }) => card(args, (loaded as Loaded).customer.id, storyClient('formosa')),
  decorators: [(story) => html`<div style="width: 360px">${story()}</div>`],
};

export const LongName: Story = {
  name: 'Long name, narrow (360px)',
  args: { editable: true },
  loaders: [
    longNamed(
      'acme',
      'The Consolidated International Holdings and Distribution Company of North America, Incorporated',
      'quarterly-business-review-follow-up-required',
    ),
  ],
  decorators: [(story) => html`<div style="width: 360px">${story()}</div>`],
};

export const LongNameChinese: Story = {
  name: 'Long name, Traditional Chinese, compact',
  args: { locale: 'zh-Hant', variant: 'compact' },
  loaders: [
    longNamed(
      'formosa',
      '台灣北部地區精密機械零組件暨自動化設備製造與國際貿易股份有限公司台北分公司',
      '年度合約續約待確認',
    ),
  ],
  render: (args, { loaded }) => card(args, (loaded as Loaded).customer.id, storyClient('formosa')),
  decorators: [(story) => html`<div style="width: 360px">${story()}</div>`],
};

export const Loading: Story = {
  render: (args, { loaded }) => card(args, (loaded as Loaded).customer.id, pendingClient()),
};

export const NetworkError: Story = {
  name: 'Error (retry works)',
  render: (args, { loaded }) => card(args, (loaded as Loaded).customer.id, flakyClient('acme')),
};

export const NotFound: Story = {
  name: 'Not found',
  loaders: [],
  render: (args) => card(args, '00000000-0000-7000-8000-000000000000', storyClient('acme')),
};

export const Empty: Story = {
  name: 'No customer selected',
  loaders: [],
  render: (args) => html`
    <crm-provider .client=${storyClient('acme')} locale=${args.locale} theme=${args.theme}>
      <crm-customer-card variant=${args.variant}></crm-customer-card>
    </crm-provider>
  `,
};
