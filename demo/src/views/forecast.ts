import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

/**
 * The forecast of the quarter against quota (a figure chosen opens the pipeline, see client/forecast.ts), and
 * the quarter's sales performance by seller against the quarter before, and the pipeline's historical win rates
 * per stage beside the probabilities the stages are set to.
 */
export function forecastPage({ account, bundle }: { account: Account; bundle: ClientBundle }) {
  const t = messages[portalLang(account.locale)];
  return portalPage({
    account,
    title: t.forecast.title,
    bundle,
    section: 'forecast',
    scripts: ['forecast.ts'],
    // The page is "Forecast"; the component's own heading names the period (level 2).
    main: html`<div class="page-head">
        <h1>${t.forecast.title}</h1>
        <p class="muted">${t.forecast.lead}</p>
      </div>
      <crm-provider base-url="${API_BASE}" locale="${componentLocale(account.locale)}" currency="${account.currency}">
        <section class="panel forecast-panel">
          <crm-forecast period="quarter"></crm-forecast>
        </section>
        <section class="panel forecast-panel">
          <crm-performance-report period="quarter"></crm-performance-report>
        </section>
        <section class="panel forecast-panel">
          <crm-win-rates></crm-win-rates>
        </section>
      </crm-provider>`,
  });
}
