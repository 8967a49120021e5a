import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

/** "My day": the signed-in member's open tasks, by when they are due. */
export function myDayPage({ account, bundle }: { account: Account; bundle: ClientBundle }) {
  const t = messages[portalLang(account.locale)];
  return portalPage({
    account,
    title: t.myDay.title,
    bundle,
    section: 'my-day',
    scripts: ['my-day.ts'],
    // The page is "My day"; the list's own heading (level 2) says whose tasks it shows.
    main: html`<div class="page-head">
        <h1>${t.myDay.title}</h1>
        <p class="muted">${t.myDay.lead}</p>
      </div>
      <crm-provider
        class="my-day-page"
        base-url="${API_BASE}"
        locale="${componentLocale(account.locale)}"
        currency="${account.currency}"
      >
        <crm-task-list></crm-task-list>
      </crm-provider>`,
  });
}
