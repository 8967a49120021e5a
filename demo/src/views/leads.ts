import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

/** The lead inbox: the signed-in member's queues (a manager's team's, an admin's everyone's). */
export function leadsPage({
  account,
  bundle,
  contactUrl,
}: {
  account: Account;
  bundle: ClientBundle;
  /** The website's contact page, on its own origin, where leads come from. */
  contactUrl?: string;
}) {
  const t = messages[portalLang(account.locale)];
  return portalPage({
    account,
    title: t.leads.title,
    bundle,
    section: 'leads',
    scripts: ['leads.ts'],
    // The page is "Leads"; the inbox's own heading (level 2) names the queues below it.
    main: html`<div class="page-head">
        <h1>${t.leads.title}</h1>
        <p class="muted">${t.leads.lead}</p>
        ${contactUrl ? html`<p><a href="${contactUrl}" target="_blank" rel="noopener">${t.leads.contact}</a></p>` : ''}
      </div>
      <crm-provider
        class="leads-page"
        base-url="${API_BASE}"
        locale="${componentLocale(account.locale)}"
        currency="${account.currency}"
      >
        <crm-lead-inbox></crm-lead-inbox>
      </crm-provider>`,
  });
}
