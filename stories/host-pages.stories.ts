import type { Customer } from '@crmkit/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { findCustomer, storyClient } from './kit.js';

interface Loaded {
  customer: Customer;
}

const meta = {
  title: 'Components/Host pages',
  loaders: [async (): Promise<Loaded> => ({ customer: await findCustomer('acme', 'Northwind') })],
  parameters: {
    docs: {
      description: {
        component: `
The elements on host pages that do not do what the elements expect. Each element paints its own surface
and text, so a page that is dark without saying so (no \`color-scheme\`) gets light elements that stay
readable; \`color-scheme: dark\` or \`theme="dark"\` makes them dark. Sizes are in px, so a page's
\`html { font-size: 62.5% }\` does not shrink them.
`,
      },
    },
  },
} satisfies Meta;

export default meta;
type Story = StoryObj;

export const DarkPageWithoutColorScheme: Story = {
  name: 'A dark page without color-scheme',
  render: (_args, { loaded }) => html`
    <div style="background: #111; color: #eee; padding: 24px; max-width: 720px">
      <p style="margin: 0 0 16px">The page's own text, light on dark. It declares no <code>color-scheme</code>.</p>
      <crm-provider .client=${storyClient('acme')}>
        <div style="display: grid; gap: 16px">
          <crm-customer-card customer-id=${(loaded as Loaded).customer.id}></crm-customer-card>
          <crm-funnel-chart></crm-funnel-chart>
        </div>
      </crm-provider>
    </div>
  `,
};

export const SmallRootFontSize: Story = {
  name: 'A page with html { font-size: 62.5% }',
  // The page's root font size, as some host pages set it (so that 1.6rem is 16px); put back afterwards.
  beforeEach: () => {
    const root = document.documentElement;
    root.style.fontSize = '62.5%';
    return () => root.style.removeProperty('font-size');
  },
  render: (_args, { loaded }) => html`
    <div style="max-width: 720px">
      <p style="margin: 0 0 16px; font-size: 1.6rem">The page's own text, sized 1.6rem (16px) on a 10px root.</p>
      <crm-provider .client=${storyClient('acme')}>
        <crm-customer-card customer-id=${(loaded as Loaded).customer.id} editable></crm-customer-card>
      </crm-provider>
    </div>
  `,
};
