import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { portalPage } from './layout.js';

/** The portal's mount path of the kit: what the components call. */
export const API_BASE = '/api/crm';

/**
 * The kit's own `<crm-customer-list>` beside a detail pane, all inside one `<crm-provider>` in the
 * org's locale and currency. `client/customers.ts` shows the chosen customer's
 * `<crm-customer-card>` and `<crm-activity-log>` in the pane. `q` starts the list's search.
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
      <crm-provider base-url="${API_BASE}" locale="${componentLocale(account.locale)}" currency="${account.currency}">
        <div class="split" id="customers">
          <section class="list-pane" aria-labelledby="list-title">
            <h2 id="list-title" class="visually-hidden">${t.list}</h2>
            <crm-customer-list search="${q}" label="${t.list}"></crm-customer-list>
          </section>
          <section class="detail-panel" id="customer-detail" aria-label="${t.detail}" tabindex="-1">
            <p class="detail-empty" id="detail-empty">${t.pick}</p>
            <a class="button small" id="detail-open" slot="actions" href="/customers" hidden
              >${t.openFull} <span aria-hidden="true">→</span></a
            >
          </section>
        </div>
      </crm-provider>`,
  });
}
