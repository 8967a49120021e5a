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

/** The organization's own fields of support cases, as an admin would define them (once per page). */
async function defineCaseFields(org: SampleOrg) {
  const client = storyClient(org);
  const have = await client['custom-fields'].list({ resource: 'cases' });
  if (have.items.length) return;
  const fields = [
    {
      key: 'product_line',
      label: 'Product line',
      labels: { 'zh-Hant': '產品線', 'zh-Hans': '产品线' },
      type: 'select' as const,
      required: true,
      options: [
        { value: 'scanners', label: 'Scanners', labels: { 'zh-Hant': '掃描器', 'zh-Hans': '扫描器' } },
        { value: 'printers', label: 'Printers', labels: { 'zh-Hant': '印表機', 'zh-Hans': '打印机' } },
      ],
    },
    {
      key: 'serial',
      label: 'Serial number',
      labels: { 'zh-Hant': '序號', 'zh-Hans': '序列号' },
      type: 'text' as const,
    },
    {
      key: 'refund',
      label: 'Refund asked',
      labels: { 'zh-Hant': '申請退款', 'zh-Hans': '申请退款' },
      type: 'money' as const,
    },
    {
      key: 'bought_on',
      label: 'Bought on',
      labels: { 'zh-Hant': '購買日', 'zh-Hans': '购买日' },
      type: 'date' as const,
    },
    {
      key: 'channels',
      label: 'Reached us by',
      labels: { 'zh-Hant': '聯絡管道', 'zh-Hans': '联系渠道' },
      type: 'multi_select' as const,
      options: [
        { value: 'phone', label: 'Phone', labels: { 'zh-Hant': '電話', 'zh-Hans': '电话' } },
        { value: 'email', label: 'Email', labels: { 'zh-Hant': '電子郵件', 'zh-Hans': '电子邮件' } },
      ],
    },
    {
      key: 'warranty',
      label: 'Under warranty',
      labels: { 'zh-Hant': '保固中', 'zh-Hans': '保修期内' },
      type: 'boolean' as const,
    },
  ];
  for (const [position, field] of fields.entries()) {
    await client['custom-fields'].create({ resource: 'cases', position, ...field });
  }
}

export const CustomFields: Story = {
  name: "The organization's own fields",
  args: { resource: 'case', locale: 'zh-Hant' },
  loaders: [
    async (): Promise<Loaded> => {
      await defineCaseFields('acme');
      return { customer: await findCustomer('acme', 'Northwind') };
    },
  ],
  render: (args, { loaded }) => opener(args, loaded as Loaded),
  play: openForm,
};
