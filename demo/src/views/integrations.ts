import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

/** What an admin connects the CRM to: the webhook endpoints with their deliveries, and CSV imports. */
export function integrationsPage({ account, bundle }: { account: Account; bundle: ClientBundle }) {
  const t = messages[portalLang(account.locale)];
  return portalPage({
    account,
    title: t.integrations.title,
    bundle,
    section: 'integrations',
    scripts: ['integrations.ts'],
    main: html`<div class="page-head">
        <h1>${t.integrations.title}</h1>
        <p class="muted">${t.integrations.lead}</p>
      </div>
      <crm-provider
        class="integrations-page"
        base-url="${API_BASE}"
        locale="${componentLocale(account.locale)}"
        currency="${account.currency}"
      >
        <crm-webhooks heading-level="2"></crm-webhooks>
        <crm-import resource="customers" heading-level="2"></crm-import>
      </crm-provider>`,
  });
}
