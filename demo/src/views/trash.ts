import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

/** What was moved to the trash, by kind, with a way back for whoever may restore it. */
export function trashPage({ account, bundle }: { account: Account; bundle: ClientBundle }) {
  const t = messages[portalLang(account.locale)];
  return portalPage({
    account,
    title: t.trash.title,
    bundle,
    section: 'trash',
    scripts: ['trash.ts'],
    // The page is "Trash"; the component's own heading (level 2) names the list below it.
    main: html`<div class="page-head">
        <h1>${t.trash.title}</h1>
        <p class="muted">${t.trash.lead}</p>
      </div>
      <crm-provider
        class="trash-page"
        base-url="${API_BASE}"
        locale="${componentLocale(account.locale)}"
        currency="${account.currency}"
      >
        <crm-trash></crm-trash>
      </crm-provider>`,
  });
}
