import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

/** The support queue: the cases the signed-in member sees, by status. */
export function casesPage({ account, bundle }: { account: Account; bundle: ClientBundle }) {
  const t = messages[portalLang(account.locale)];
  return portalPage({
    account,
    title: t.cases.title,
    bundle,
    section: 'cases',
    scripts: ['cases.ts'],
    // The page is "Cases"; the queue's own heading (level 2) names the statuses below it.
    main: html`<div class="page-head">
        <h1>${t.cases.title}</h1>
        <p class="muted">${t.cases.lead}</p>
      </div>
      <crm-provider base-url="${API_BASE}" locale="${componentLocale(account.locale)}" currency="${account.currency}">
        <crm-case-list></crm-case-list>
      </crm-provider>`,
  });
}

interface CasePageOptions {
  account: Account;
  bundle: ClientBundle;
  /** The case as the kit answered for this user (its subject as `name`); `null` when it does not exist for them. */
  kase: { id: string; name: string } | null;
}

/** One case: its card (fields, status path, resolve and reopen), its timeline and its history, under a breadcrumb back to the queue. */
export function casePage({ account, bundle, kase }: CasePageOptions) {
  const t = messages[portalLang(account.locale)];
  return portalPage({
    account,
    title: kase?.name ?? t.notFound.title,
    bundle,
    section: 'cases',
    scripts: ['case.ts'],
    main: html`<nav class="breadcrumb" aria-label="Breadcrumb">
        <a href="/cases">${t.nav.cases}</a>
        ${kase ? html`<span aria-hidden="true">/</span><span aria-current="page">${kase.name}</span>` : ''}
      </nav>
      ${
        kase
          ? html`<h1 class="visually-hidden">${kase.name}</h1>
              <crm-provider
                class="deal-page"
                base-url="${API_BASE}"
                locale="${componentLocale(account.locale)}"
                currency="${account.currency}"
              >
                <crm-case-card case-id="${kase.id}" heading-level="2" editable></crm-case-card>
                <section aria-label="${t.kase.activity}">
                  <crm-activity-log for="case:${kase.id}"></crm-activity-log>
                </section>
                <crm-record-history for="case:${kase.id}"></crm-record-history>
              </crm-provider>`
          : html`<div class="panel message">
              <h1>${t.notFound.title}</h1>
              <p>${t.kase.missing}</p>
              <a class="button primary" href="/cases">${t.nav.cases}</a>
            </div>`
      }`,
  });
}
