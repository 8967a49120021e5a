import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { portalPage } from './layout.js';

/** The portal's mount path of the kit: what the components and the list script call. */
export const API_BASE = '/api/crm';

/**
 * The customer list (filled in the browser from the kit's API by `client/customers.ts`) beside a
 * `<crm-customer-card>` for the chosen customer, inside a `<crm-provider>` in the org's locale.
 */
export function customersPage({ account, bundle, q }: { account: Account; bundle: ClientBundle; q: string }) {
  const lang = portalLang(account.locale);
  const t = messages[lang].customers;
  return portalPage({
    account,
    title: t.title,
    bundle,
    scripts: ['customers.ts'],
    main: html`<div class="page-head">
        <h1>${t.title}</h1>
        <p class="muted">${t.lead}</p>
      </div>
      <div class="split" id="customers" data-lang="${lang}" data-api="${API_BASE}">
        <section class="panel list-panel" aria-labelledby="list-title">
          <h2 id="list-title" class="visually-hidden">${t.title}</h2>
          <form class="search" role="search" method="get" action="/customers">
            <label class="visually-hidden" for="customer-search">${t.search}</label>
            <svg class="search-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <circle cx="9" cy="9" r="6" fill="none" stroke="currentColor" stroke-width="2" />
              <path d="m14 14 4 4" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </svg>
            <input
              id="customer-search"
              type="search"
              name="q"
              value="${q}"
              placeholder="${t.searchHint}"
              autocomplete="off"
              maxlength="200"
            />
          </form>
          <p class="list-status" id="list-status" role="status" aria-live="polite">${t.loading}</p>
          <ul class="customer-list" id="customer-list"></ul>
          <button class="button wide" id="list-more" type="button" hidden>${t.more}</button>
        </section>
        <section class="detail-panel" id="customer-detail" aria-label="${t.title}" tabindex="-1">
          <p class="detail-empty" id="detail-empty">${t.pick}</p>
          <crm-provider
            base-url="${API_BASE}"
            locale="${componentLocale(account.locale)}"
            currency="${account.currency}"
          >
          </crm-provider>
          <a class="button small detail-open" id="detail-open" href="/customers" hidden>${t.openFull} →</a>
        </section>
      </div>`,
  });
}
