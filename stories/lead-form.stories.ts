import type { LeadForm } from '@crmkit/core';
import '@crmkit/elements/lead-form.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { storyClient } from './kit.js';

interface Loaded {
  form: LeadForm;
}

interface Args {
  locale: 'en' | 'zh-Hant' | 'zh-Hans';
  theme: 'light' | 'dark';
}

/** A form as Acme's admin would set it up for a trade-show page (created in the in-browser kit). */
async function tradeShowForm(): Promise<LeadForm> {
  return (await storyClient('acme')['lead-forms'].create({
    name: `Trade show ${Date.now().toString(36)}`,
    fields: [
      { name: 'name', label: 'Your name', required: true },
      { name: 'email', label: 'Work email', required: true },
      { name: 'company', label: 'Company', required: false },
      { name: 'phone', label: 'Phone', required: false },
      { name: 'message', label: 'How can we help?', required: false },
    ],
    consentText: 'I agree that Acme may contact me about my enquiry.',
    thankYouText: 'Thank you! A member of our team will call you within one working day.',
    minFillSeconds: 0,
  } as never)) as LeadForm;
}

const meta = {
  title: 'Components/Lead form',
  component: 'crm-lead-form',
  args: { locale: 'en', theme: 'light' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-Hant', 'zh-Hans'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
  },
  loaders: [async (): Promise<Loaded> => ({ form: await tradeShowForm() })],
  parameters: {
    docs: {
      description: {
        component: `
\`<crm-lead-form>\` puts a lead capture form the CRM's admins set up (\`/lead-forms\`) on any page: a shop, a
landing page, a trade-show tablet. Visitors need no account; their answers become a lead, assigned by the
organization's rules, with the page's \`utm_*\` parameters, referrer and address as its attribution.

\`\`\`html
<script type="module" src="https://crm.example.com/crmkit/crmkit-lead-form.js"></script>
<crm-lead-form base-url="https://crm.example.com/api/crm" public-key="lf_…"></crm-lead-form>
\`\`\`

- **The page** must be one of the form's allowed origins (CORS); requests carry no cookies or tokens.
- **Checks** before sending: required fields, email, phone and country formats, consent. What the kit
  refuses comes back beside the field, in the page's language.
- **Bots** are told apart without a captcha: a hidden field people never fill, and the time the form was open.
- **Events**: \`crm-lead-submitted\` (cancelable: stays on the page when the form has a redirect address).
- **Style** it with the \`--crm-*\` tokens and its parts (\`form\`, \`field\`, \`consent\`, \`submit-button\`, \`thank-you\`, …).
`,
      },
    },
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

const render = (args: Args, loaded: Loaded) =>
  html`<crm-provider .client=${storyClient('acme')} locale=${args.locale} theme=${args.theme}>
    <crm-lead-form public-key=${loaded.form.publicKey} style="max-inline-size: 36rem"></crm-lead-form>
  </crm-provider>`;

export const TradeShow: Story = {
  name: 'A trade-show form',
  render: (args, { loaded }) => render(args, loaded as Loaded),
};

export const Chinese: Story = {
  name: 'Traditional Chinese, dark',
  args: { locale: 'zh-Hant', theme: 'dark' },
  render: (args, { loaded }) =>
    html`<div style="color-scheme: dark; background: Canvas; padding: 1rem">${render(args, loaded as Loaded)}</div>`,
};

export const Mistakes: Story = {
  name: 'What to fix, before sending',
  render: (args, { loaded }) => render(args, loaded as Loaded),
  play: async ({ canvasElement }) => {
    const form = canvasElement.querySelector('crm-lead-form')!;
    const submit = () => form.shadowRoot?.querySelector<HTMLButtonElement>('[part~="submit-button"]');
    for (let i = 0; i < 100 && !submit(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const email = form.shadowRoot!.querySelector<HTMLInputElement>('#field-email')!;
    email.value = 'mei.chen@';
    email.dispatchEvent(new Event('input'));
    submit()!.click();
  },
};

export const Sent: Story = {
  name: 'Sent: the thank-you text',
  render: (args, { loaded }) => render(args, loaded as Loaded),
  play: async ({ canvasElement }) => {
    const form = canvasElement.querySelector('crm-lead-form')!;
    const root = () => form.shadowRoot;
    for (let i = 0; i < 100 && !root()?.querySelector('[part~="submit-button"]'); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const fill = (id: string, value: string) => {
      const input = root()!.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    fill('field-name', 'Mei Chen');
    fill('field-email', `mei.chen.${Date.now().toString(36)}@example.com`);
    root()!.querySelector<HTMLInputElement>('#consent')!.click();
    root()!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
  },
};
