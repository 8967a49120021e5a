import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

interface CustomerPageOptions {
  account: Account;
  bundle: ClientBundle;
  /** The customer as the kit answered for this user; `null` when it does not exist for them. */
  customer: { id: string; name: string } | null;
}

/** One customer's card, full size, under a breadcrumb back to the list. */
export function customerPage({ account, bundle, customer }: CustomerPageOptions) {
  const t = messages[portalLang(account.locale)];
  return portalPage({
    account,
    title: customer?.name ?? t.notFound.title,
    bundle,
    scripts: ['customer.ts'],
    main: html`<nav class="breadcrumb" aria-label="Breadcrumb">
        <a href="/customers">${t.nav.customers}</a>
        ${customer ? html`<span aria-hidden="true">/</span><span aria-current="page">${customer.name}</span>` : ''}
      </nav>
      ${
        customer
          ? html`<h1 class="visually-hidden">${customer.name}</h1>
              <div class="customer-page">
                <crm-provider
                  base-url="${API_BASE}"
                  locale="${componentLocale(account.locale)}"
                  currency="${account.currency}"
                >
                  <crm-customer-card
                    customer-id="${customer.id}"
                    variant="full"
                    heading-level="2"
                    editable
                  ></crm-customer-card>
                  <section class="customer-activity" aria-label="${t.customer.activity}">
                    <crm-activity-log for="customer:${customer.id}"></crm-activity-log>
                  </section>
                  <crm-case-list customer-id="${customer.id}"></crm-case-list>
                  <crm-record-history for="customer:${customer.id}"></crm-record-history>
                </crm-provider>
              </div>`
          : html`<div class="panel message">
              <h1>${t.notFound.title}</h1>
              <p>${t.customer.missing}</p>
              <a class="button primary" href="/customers">${t.notFound.home}</a>
            </div>`
      }`,
  });
}
