import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

/**
 * The reports, as docs/reports.md ("The Reports page") lays them out: a row of links to each, then one
 * report per panel, full width, in this order: the customer analysis (a customer at risk opens on its own
 * page, see client/reports.ts), the quarter's sales performance by seller (as on the forecast page), and
 * the quarter's market analysis (campaigns and sources, lost reasons, competitors).
 */
export function reportsPage({ account, bundle }: { account: Account; bundle: ClientBundle }) {
  const t = messages[portalLang(account.locale)];
  const reports = [
    ['customers', t.reports.customers],
    ['performance', t.reports.performance],
    ['market', t.reports.market],
  ] as const;
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
        <nav class="report-nav" aria-label="${t.reports.onThisPage}">
          ${reports.map(([id, name]) => html`<a href="#${id}">${name}</a>`)}
        </nav>
      </div>
      <crm-provider base-url="${API_BASE}" locale="${componentLocale(account.locale)}" currency="${account.currency}">
        <div class="report-grid">
          <section id="customers" class="panel report-panel">
            <crm-customer-report at-risk-days="90"></crm-customer-report>
          </section>
          <section id="performance" class="panel report-panel">
            <crm-performance-report period="quarter"></crm-performance-report>
          </section>
          <section id="market" class="panel report-panel">
            <crm-market-report period="quarter"></crm-market-report>
          </section>
        </div>
      </crm-provider>`,
  });
}
