import type { Customer } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { findCustomer, storyClient } from './kit.js';

interface Loaded {
  customer: Customer;
}

const meta = {
  title: 'Components/Provider',
  component: 'crm-provider',
  loaders: [async (): Promise<Loaded> => ({ customer: await findCustomer('acme', 'Northwind') })],
  parameters: {
    docs: {
      description: {
        component: `
\`<crm-provider>\` hands the API client, locale, currency and theme to every \`crm-*\` element inside it,
through \`@lit/context\`. Configure it once:

\`\`\`html
<crm-provider base-url="/api/crm" locale="zh-Hant" currency="TWD">
  <crm-customer-card customer-id="…"></crm-customer-card>
</crm-provider>
\`\`\`

- **Client**: built from \`base-url\` and \`token\`, or pass a ready \`CrmClient\` as the \`client\` property.
  For short-lived embed tokens set \`tokenProvider\` to a function returning a fresh token: it is called
  before each request.
- **Locale**: \`en\`, \`zh-Hant\` or \`zh-Hans\`; by default the page's \`lang\`. Each provider has its own,
  so the page's own localization is never touched.
- **Theme**: \`light\` or \`dark\` forces a colour scheme on everything inside; \`auto\` follows the page's
  \`color-scheme\`. Any \`--crm-*\` token set on the provider themes every element inside.
- An element's own attributes (\`base-url\`, \`token\`, \`locale\`, \`theme\`) win over the provider's, and an
  element works without a provider when given \`base-url\`.
`,
      },
    },
  },
} satisfies Meta;

export default meta;
type Story = StoryObj;

export const TwoLocales: Story = {
  name: 'Two providers, two languages',
  render: (_args, { loaded }) => {
    const id = (loaded as Loaded).customer.id;
    return html`
      <div style="display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr))">
        <crm-provider .client=${storyClient('acme')} locale="en">
          <crm-customer-card customer-id=${id}></crm-customer-card>
        </crm-provider>
        <crm-provider .client=${storyClient('acme')} locale="zh-Hans">
          <crm-customer-card customer-id=${id}></crm-customer-card>
        </crm-provider>
      </div>
    `;
  },
};

export const Tokens: Story = {
  name: 'Themed with tokens',
  render: (_args, { loaded }) => html`
    <crm-provider
      .client=${storyClient('acme')}
      style="--crm-color-accent: #0f766e; --crm-radius: 0.25rem; --crm-font-family: Georgia, serif"
    >
      <div style="max-width: 42rem">
        <crm-customer-card customer-id=${(loaded as Loaded).customer.id}></crm-customer-card>
      </div>
    </crm-provider>
  `,
};

export const DarkTheme: Story = {
  name: 'Dark theme for everything inside',
  render: (_args, { loaded }) => html`
    <div style="color-scheme: dark; background: Canvas; padding: 1.5rem">
      <crm-provider .client=${storyClient('acme')} theme="dark">
        <div style="display: grid; gap: 0.5rem; max-width: 42rem">
          <crm-customer-card customer-id=${(loaded as Loaded).customer.id}></crm-customer-card>
          <crm-customer-card customer-id=${(loaded as Loaded).customer.id} variant="compact"></crm-customer-card>
        </div>
      </crm-provider>
    </div>
  `,
};
