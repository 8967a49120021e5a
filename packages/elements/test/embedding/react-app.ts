// A React 19 page that embeds crmkit, as docs/embedding.md describes it: the elements are
// imported (and so defined) before React first renders, so React 19 sets props such as
// `customerId` as properties and adds `oncrm-…` props as listeners of those events.
// Written with createElement rather than JSX only so that it needs no JSX compiler settings;
// the JSX in the docs is the same tree.
import '@crmkit/elements';
import type { Customer } from '@crmkit/core';
import { createElement, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';

export interface AppProps {
  baseUrl: string;
  token: string;
  customerId: string;
  locale?: string;
  onSelect?: (customer: Customer) => void;
}

function App({ baseUrl, token, customerId, locale = 'en', onSelect }: AppProps) {
  const [selected, setSelected] = useState<Customer | null>(null);
  const [variant, setVariant] = useState<'full' | 'compact'>('compact');
  return createElement(
    'main',
    null,
    createElement(
      'button',
      { id: 'toggle', type: 'button', onClick: () => setVariant(variant === 'full' ? 'compact' : 'full') },
      variant === 'full' ? 'Show less' : 'Show more',
    ),
    createElement(
      'crm-provider',
      { 'base-url': baseUrl, token, locale, style: { '--crm-color-accent': 'rgb(0, 128, 96)' } },
      createElement('crm-customer-card', {
        customerId,
        variant,
        'oncrm-customer-select': (event: CustomEvent<{ customer: Customer }>) => {
          setSelected(event.detail.customer);
          onSelect?.(event.detail.customer);
        },
      }),
    ),
    selected ? createElement('p', { id: 'selected' }, `Selected: ${selected.name}`) : null,
  );
}

/** Renders the page into `container`; returns the React root (to unmount). */
export function mount(container: HTMLElement, props: AppProps): Root {
  const root = createRoot(container);
  root.render(createElement(App, props));
  return root;
}
