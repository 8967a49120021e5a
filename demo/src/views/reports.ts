import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

/**
 * The reports: the customer analysis (a customer at risk opens on its own page, see client/reports.ts),
 * then the quarter's sales performance by seller, as on the forecast page.
 */
export function reportsPage({ account, bundle }: { account: Account; bundle: ClientBundle }) {
  const t = messages[portalLang(account.locale)];
  return portalPage({
    account,
    title: t.reports.title,
    bundle,
    section: 'reports',
    scripts: ['reports.ts'],
    // The page is "Reports"; each report's own heading is level 2.
    main: html`<div class="page-head">
        <h1>${t.reports.title}</h1>
        <p class="muted">${t.reports.lead}</p>
      </div>
      <crm-provider base-url="${API_BASE}" locale="${componentLocale(account.locale)}" currency="${account.currency}">
        <section class="panel report-panel">
          <crm-customer-report at-risk-days="90"></crm-customer-report>
        </section>
        <section class="panel report-panel">
          <crm-performance-report period="quarter"></crm-performance-report>
        </section>
      </crm-provider>`,
  });
}
