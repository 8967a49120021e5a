import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

interface DealPageOptions {
  account: Account;
  bundle: ClientBundle;
  /** The deal as the kit answered for this user; `null` when it does not exist for them. */
  deal: { id: string; name: string } | null;
}

/** One deal: its card (stage path, figures, closing and reopening), its activity and its history, under a breadcrumb back to the pipeline. */
export function dealPage({ account, bundle, deal }: DealPageOptions) {
  const t = messages[portalLang(account.locale)];
  return portalPage({
    account,
    title: deal?.name ?? t.notFound.title,
    bundle,
    section: 'pipeline',
    scripts: ['deal.ts'],
    main: html`<nav class="breadcrumb" aria-label="Breadcrumb">
        <a href="/pipeline">${t.nav.pipeline}</a>
        ${deal ? html`<span aria-hidden="true">/</span><span aria-current="page">${deal.name}</span>` : ''}
      </nav>
      ${
        deal
          ? html`<h1 class="visually-hidden">${deal.name}</h1>
              <crm-provider
                class="deal-page"
                base-url="${API_BASE}"
                locale="${componentLocale(account.locale)}"
                currency="${account.currency}"
              >
                <crm-opportunity-card opportunity-id="${deal.id}" heading-level="2" editable></crm-opportunity-card>
                <section class="deal-activity" aria-label="${t.customer.activity}">
                  <crm-activity-log for="opportunity:${deal.id}"></crm-activity-log>
                </section>
                <crm-record-history for="opportunity:${deal.id}"></crm-record-history>
              </crm-provider>`
          : html`<div class="panel message">
              <h1>${t.notFound.title}</h1>
              <p>${t.deal.missing}</p>
              <a class="button primary" href="/pipeline">${t.nav.pipeline}</a>
            </div>`
      }`,
  });
}
