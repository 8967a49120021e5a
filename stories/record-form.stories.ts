import type { Customer } from '@crmkit/core';
import type { CrmRecordForm } from '@crmkit/elements';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { findCustomer, storyClient, type SampleOrg } from './kit.js';

interface Loaded {
  customer: Customer;
}

interface Args {
  resource: 'customer' | 'contact' | 'opportunity' | 'lead' | 'case';
  locale: 'en' | 'zh-Hant' | 'zh-Hans';
  theme: 'light' | 'dark';
}

const meta = {
  title: 'Components/Record form',
  component: 'crm-record-form',
  args: { resource: 'customer', locale: 'en', theme: 'light' },
  argTypes: {
    resource: { control: 'inline-radio', options: ['customer', 'contact', 'opportunity', 'lead', 'case'] },
    locale: { control: 'inline-radio', options: ['en', 'zh-Hant', 'zh-Hans'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
  },
  loaders: [async (): Promise<Loaded> => ({ customer: await findCustomer('acme', 'Northwind') })],
  parameters: {
    docs: {
      description: {
        component: `
\`<crm-record-form>\` creates a customer, a contact, a deal, a lead or a support case in a modal dialog (the platform's
\`<dialog>\`: Escape closes it, focus returns to what opened it; a sheet along the bottom on a phone).
Use it when a screen needs a "New …" button of its own; the customer list, the board and the customer card
open one themselves inside a \`<crm-provider>\` whose caller may create.

\`\`\`html
<crm-provider base-url="/api/crm">
  <button onclick="this.nextElementSibling.show()">New customer</button>
  <crm-record-form resource="customer"></crm-record-form>
</crm-provider>
\`\`\`

- **Prefill** with the \`defaults\` property or \`show({ … })\`: \`customerId\` and \`customerName\` (a contact,
  deal or case of that customer, not asked for), \`pipelineId\`, \`stageId\`, \`currency\`.
- **Errors** show next to their field in the element's language, from the kit's error codes and limits.
- **Duplicates**: a new customer with the same email, phone digits or a similar name as one the caller
  sees is shown as a link, which fires \`crm-customer-select\`.
- **Events**: \`crm-record-create\` before sending (cancelable), \`crm-record-created\` with the saved record.
- **Style** it with the \`--crm-*\` tokens and its parts (\`dialog\`, \`field\`, \`field-error\`, \`submit-button\`, …).
`,
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** The form and a button that opens it, prefilled for the contact or case of a sample customer. */
function opener(args: Args, loaded: Loaded, org: SampleOrg = 'acme') {
  const defaults: Record<string, string> =
    args.resource === 'contact' || args.resource === 'case'
      ? { customerId: loaded.customer.id, customerName: loaded.customer.name }
      : {};
  const open = (event: Event) => ((event.target as HTMLElement).nextElementSibling as CrmRecordForm).show(defaults);
  return html`<crm-provider .client=${storyClient(org)} locale=${args.locale} theme=${args.theme}>
    <button type="button" @click=${open}>Open the form</button>
    <crm-record-form resource=${args.resource}></crm-record-form>
  </crm-provider>`;
}

/** Opens the story's form once it is on the page (in the story's own view, not on the docs page). */
async function openForm({ canvasElement }: { canvasElement: HTMLElement }) {
  canvasElement.querySelector('button')?.click();
}

export const NewCustomer: Story = {
  name: 'New customer',
  render: (args, { loaded }) => opener(args, loaded as Loaded),
  play: openForm,
};

export const NewDeal: Story = {
  name: 'New deal (the default pipeline)',
  args: { resource: 'opportunity' },
  render: (args, { loaded }) => opener(args, loaded as Loaded),
  play: openForm,
};

export const NewContact: Story = {
  name: 'New contact of a customer',
  args: { resource: 'contact' },
  render: (args, { loaded }) => opener(args, loaded as Loaded),
  play: openForm,
};

export const NewLead: Story = {
  name: 'New lead',
  args: { resource: 'lead' },
  render: (args, { loaded }) => opener(args, loaded as Loaded),
  play: openForm,
};

export const NewCase: Story = {
  name: 'New support case of a customer',
  args: { resource: 'case' },
  render: (args, { loaded }) => opener(args, loaded as Loaded),
  play: openForm,
};

export const Chinese: Story = {
  name: 'Traditional Chinese, dark',
  args: { locale: 'zh-Hant', theme: 'dark' },
  render: (args, { loaded }) =>
    html`<div style="color-scheme: dark; background: Canvas; padding: 1rem">${opener(args, loaded as Loaded)}</div>`,
  play: openForm,
};

export const FieldErrors: Story = {
  name: 'Field errors, as the kit refuses them',
  render: (args, { loaded }) => opener(args, loaded as Loaded),
  play: async (context) => {
    await openForm(context);
    const form = context.canvasElement.querySelector('crm-record-form')!;
    await form.updateComplete;
    const name = form.shadowRoot!.querySelector<HTMLInputElement>('#field-name')!;
    // Longer than the kit takes: the refusal comes back as a code and a limit, shown in the form's language.
    name.value = 'x'.repeat(201);
    name.dispatchEvent(new Event('input'));
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
  },
};

export const FromTheList: Story = {
  name: 'From the customer list and the board',
  render: (args) =>
    html`<crm-provider .client=${storyClient('acme')} locale=${args.locale} theme=${args.theme}>
      <div style="display: grid; gap: 1rem">
        <crm-customer-list style="height: 18rem"></crm-customer-list>
        <crm-pipeline-board style="--crm-board-height: 24rem"></crm-pipeline-board>
      </div>
    </crm-provider>`,
};
